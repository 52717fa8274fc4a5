// Printing an item page: Chromium prints each service page to A4 PDF (page.pdf, the page's
// own print CSS), and pdftotext reads it back. Every table cell's text is on paper (nothing
// cut at the page's right edge), and no page ends with a heading whose content starts on the
// next page. Skipped when pdftotext (poppler-utils) is missing.
//
// The example site prints cleanly even without the print CSS, so the second test builds
// tests/fixtures/print-site (with target/release/gongkai, else target/debug/gongkai): an
// item with an 8-column material table, a long fee table, long unbroken English and number
// runs, 文号 and web addresses, whose tables are cut at the right edge without the print
// CSS; and items whose headings fall at different places on the page.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { REPO, allPages, serve, start, tempDir } from './helpers.js';

const FIXTURE = join(REPO, 'tests/fixtures/print-site');
const BIN = [join(REPO, 'target/release/gongkai'), join(REPO, 'target/debug/gongkai')].find(existsSync);

let env;
let skip;
before(async () => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
  } catch {
    skip = 'pdftotext not found (Debian package poppler-utils)';
    return;
  }
  env = await start();
});
after(async () => {
  await env?.close();
});

/** Text with all white space removed, to compare what the PDF says with the page. */
const squeeze = (s) => s.replace(/\s+/g, '');

/** How often each character occurs in `s`. */
function count(s) {
  const m = new Map();
  for (const c of s) m.set(c, (m.get(c) ?? 0) + 1);
  return m;
}

/** The item pages (`/services/<code>/`) among `paths`. */
const itemPages = (paths) => paths.filter((p) => /^\/services\/[^/]+\/$/.test(p)
  && !/\/(page|department|type|level|attribute|audience|topic|completeness)\//.test(p));

/**
 * Prints each of `items` (paths on `url`) to A4 PDF in `context`; returns the failures and
 * the number of A4 pages printed.
 */
async function printItems(context, url, items) {
  const dir = tempDir('gongkai-print-');
  const page = await context.newPage();
  const failures = [];
  let pages = 0;
  try {
    for (const path of items) {
      await page.goto(url(path));
      if (await page.locator('section.disclosure').count() === 0) continue;
      await page.emulateMedia({ media: 'print' });
      const expected = await page.evaluate(() => ({
        cells: [...document.querySelectorAll('main table th, main table td')]
          .filter((c) => getComputedStyle(c).display !== 'none' && c.getBoundingClientRect().width > 1)
          .map((c) => c.innerText.trim())
          .filter((s) => s && s !== '—'),
        headings: [...document.querySelectorAll('main h2, main h3')]
          .filter((h) => getComputedStyle(h).display !== 'none' && h.getBoundingClientRect().height > 0)
          .map((h) => h.innerText.trim()),
      }));
      // (page.pdf prints with the emulated media: left at print.)
      const pdf = join(dir, 'item.pdf');
      writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true }));
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      const sheets = text.split('\f').filter((s) => s.trim());
      pages += sheets.length;
      // A cell that wraps is read back in pieces between its neighbours' lines, so the
      // check is by characters: every character of the tables is on paper as often.
      const have = count(squeeze(text));
      const need = count(squeeze(expected.cells.join('')));
      const missing = [...need].filter(([c, n]) => (have.get(c) ?? 0) < n).map(([c]) => c);
      if (missing.length) failures.push(`${path}: table text not on paper: ${missing.join('').slice(0, 40)}`);
      sheets.slice(0, -1).forEach((sheet, i) => {
        const lines = sheet.split('\n').map((l) => l.trim()).filter(Boolean);
        const last = lines[lines.length - 1] ?? '';
        if (expected.headings.includes(last)) failures.push(`${path}: page ${i + 1} ends with the heading ${last}`);
      });
    }
  } finally {
    await page.close();
  }
  return { failures, pages };
}

test('every item page prints to A4 with its tables whole and no heading left at a page bottom',
  { timeout: 300_000 }, async (t) => {
    if (skip) return t.skip(skip);
    const items = itemPages(allPages());
    const { failures, pages } = await printItems(env.context, env.server.url, items);
    t.diagnostic(`${items.length} item pages, ${pages} A4 pages`);
    assert.ok(pages > 0, 'some item page was printed');
    assert.deepEqual(failures, [], failures.join('\n'));
  });

test('wide tables, long unbroken strings and a heading before a long table print whole',
  { timeout: 300_000 }, async (t) => {
    if (skip) return t.skip(skip);
    if (!BIN) return t.skip('no target/release/gongkai or target/debug/gongkai: run `cargo build`');
    const out = join(tempDir('gongkai-print-site-'), 'output');
    execFileSync(BIN, ['build', '--root', FIXTURE, '--output', out], { stdio: ['ignore', 'ignore', 'inherit'] });
    const server = await serve(out);
    try {
      const items = itemPages(allPages(out));
      assert.ok(items.includes('/services/330199-XK-0099/'), 'the wide item is built');
      const { failures, pages } = await printItems(env.context, server.url, items);
      t.diagnostic(`${items.length} item pages, ${pages} A4 pages`);
      assert.ok(pages >= items.length);
      assert.deepEqual(failures, [], failures.join('\n'));
    } finally {
      await server.close();
    }
  });
