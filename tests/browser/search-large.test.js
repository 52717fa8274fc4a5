// Site search on /search/ of a generated site of 10,000 service items: every query shows a
// result and downloads at most 300 KB of index files from a cold cache. The time from typing
// to the first result is reported, not asserted.
//
// The site comes from ../shared/tools/gen-corpus.py next to the repository and is built with
// target/release/gongkai; the test is skipped when either is missing.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, REPO, serve, tempDir } from './helpers.js';

const SERVICES = 10000;
const MAX_BYTES = 300 * 1024;
const GENERATOR = resolve(REPO, '..', 'shared', 'tools', 'gen-corpus.py');
// The release binary when built, else the debug one (slower to build the site, same output).
const BIN = [join(REPO, 'target/release/gongkai'), join(REPO, 'target/debug/gongkai')].find(existsSync)
  ?? join(REPO, 'target/release/gongkai');

/** Queries of the kinds readers type: a name fragment, a code, a department, a material, pinyin. */
const QUERIES = [
  { q: '工商', kind: 'part of a name' },
  { q: '330199-000123', kind: 'a full code' },
  { q: '清河区市场监督管理局', kind: 'a department' },
  { q: '身份证明', kind: 'a material' },
  { q: 'gtgsh', kind: 'pinyin initials' },
  { q: '营业执照', kind: 'everyday word: what a person gets' },
  { q: '社保', kind: 'everyday word for 社会保险' },
];

let skip;
let server;
let browser;

before(async () => {
  if (!existsSync(GENERATOR)) {
    skip = `${GENERATOR} not found (the corpus generator lives outside the repository)`;
    return;
  }
  if (!existsSync(BIN)) {
    skip = `${BIN} not found: run \`cargo build --release\``;
    return;
  }
  const dir = tempDir('gongkai-large-');
  const output = join(dir, 'output');
  execFileSync('python3', [GENERATOR, dir, '--services', String(SERVICES)], { stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync(BIN, ['build', '--root', dir, '--output', output], { stdio: ['ignore', 'ignore', 'inherit'] });
  server = await serve(output);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}, { timeout: 600_000 });

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Size of the index files under /search/ fetched by `page` (not the page itself). */
function countSearchBytes(page) {
  let seen = [];
  page.on('response', (res) => {
    const path = new URL(res.url()).pathname;
    if (!path.startsWith('/search/') || path.endsWith('/') || path.endsWith('.html')) return;
    const entry = { path, bytes: 0 };
    seen.push(entry);
    entry.done = res.body().then((b) => { entry.bytes = b.length; }, () => {});
  });
  return {
    reset() { seen = []; },
    async total() {
      await Promise.all(seen.map((e) => e.done));
      return { files: seen.length, bytes: seen.reduce((n, e) => n + e.bytes, 0) };
    },
  };
}

/**
 * Types `q` into the search box of /search/ (value set, then an `input` event, as typing
 * does) and resolves with the milliseconds until the first result link is in the results.
 */
function timeToFirstResult(page, q) {
  return page.evaluate((q) => new Promise((done, fail) => {
    const form = document.querySelector('main form[data-search]');
    const box = form.querySelector('input[name="q"]');
    const results = form.querySelector('[data-search-results]') ?? document.querySelector('[data-search-results]');
    const link = () => results.querySelector('li a');
    if (link()) return fail(new Error('results shown before the query'));
    const start = performance.now();
    const seen = () => {
      if (!link()) return;
      observer.disconnect();
      clearTimeout(timer);
      done(performance.now() - start);
    };
    const observer = new MutationObserver(seen);
    observer.observe(results, { childList: true, subtree: true });
    const timer = setTimeout(() => { observer.disconnect(); fail(new Error(`no result for ${q} in 30 s`)); }, 30_000);
    box.focus();
    box.value = q;
    box.dispatchEvent(new Event('input', { bubbles: true }));
  }), q);
}

test(`search on ${SERVICES.toLocaleString('en')} items: each query finds a result within ${MAX_BYTES / 1024} KB`,
  { timeout: 300_000 }, async (t) => {
    if (skip) return t.skip(skip);
    const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    // Routing every request turns off the HTTP cache, so each reload starts cold.
    await page.route('**/*', (route) => route.continue());
    const bytes = countSearchBytes(page);
    const rows = [];
    const failures = [];
    for (const { q, kind } of QUERIES) {
      bytes.reset();
      await page.goto(server.url('/search/'));
      await page.waitForLoadState('networkidle');
      const onLoad = await bytes.total();
      const ms = await timeToFirstResult(page, q);
      const status = page.locator('main form[data-search] [data-search-status]').filter({ hasText: /找到|没有找到/ });
      await status.waitFor();
      await page.waitForLoadState('networkidle');
      const total = await bytes.total();
      const shown = await page.locator('main form[data-search] .search-results li a').count();
      const found = ((await status.textContent()).match(/找到\s*(\d+)/) ?? [])[1] ?? null;
      rows.push({ q, kind, found, shown, files: total.files, kb: total.bytes / 1024, loadKb: onLoad.bytes / 1024, ms });
      if (shown < 1) failures.push(`${q} (${kind}): no result shown`);
      if (total.bytes > MAX_BYTES) failures.push(`${q} (${kind}): ${total.bytes} bytes fetched, over ${MAX_BYTES}`);
    }
    await page.context().close();
    t.diagnostic('query | kind | results | shown | files | KB (on load) | ms to first result (incl. 200 ms typing pause)');
    for (const r of rows) {
      t.diagnostic(`${r.q} | ${r.kind} | ${r.found === null ? '?' : Number(r.found).toLocaleString('en')} | ${r.shown} | ${r.files} | ${r.kb.toFixed(0)} (${r.loadKb.toFixed(0)})`
        + ` | ${r.ms.toFixed(0)}`);
    }
    assert.deepEqual(failures, [], failures.join('\n'));
  });

/** Mistyped queries that find nothing, and the same-sound word the page must offer. */
const SAME_SOUND = [
  { q: '个体工伤户', word: '个体工商户' },
  { q: '生份证', word: '身份证' },
];

test(`search on ${SERVICES.toLocaleString('en')} items: a same-sound typo is offered the right word within ${MAX_BYTES / 1024} KB`,
  { timeout: 300_000 }, async (t) => {
    if (skip) return t.skip(skip);
    const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await page.route('**/*', (route) => route.continue());
    const bytes = countSearchBytes(page);
    const failures = [];
    for (const { q, word } of SAME_SOUND) {
      bytes.reset();
      await page.goto(server.url('/search/?q=' + encodeURIComponent(q)));
      const offer = page.locator('main form[data-search] .search-suggest');
      await page.locator('main form[data-search] [data-search-status]').filter({ hasText: /找到|没有找到/ }).waitFor();
      await page.waitForLoadState('networkidle');
      const words = await offer.locator('a').allTextContents();
      const total = await bytes.total();
      t.diagnostic(`${q} → ${JSON.stringify(words)} | ${total.files} files | ${(total.bytes / 1024).toFixed(0)} KB`);
      if (!words.includes(word)) failures.push(`${q}: offered ${JSON.stringify(words)}, not ${word}`);
      if (total.bytes > MAX_BYTES) failures.push(`${q}: ${total.bytes} bytes fetched, over ${MAX_BYTES}`);
    }
    await page.context().close();
    assert.deepEqual(failures, [], failures.join('\n'));
  });
