// Reflow (WCAG 2.1 1.4.10): every page of the site at 320 CSS px with the 大字 switch on
// scrolls only vertically, and no box cuts or spills its content: text that does not fit
// wraps instead of running under its neighbour or off the screen.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { allPages, start } from './helpers.js';

/** WCAG 1.4.10's width: 1280 px at 400% zoom. */
const WIDTH = 320;

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/**
 * What does not reflow on the loaded page at `device` px: the page's own horizontal scroll,
 * and each box whose content is wider than the box (cut when the box hides its overflow,
 * spilled over its neighbours when it shows it). Hidden helpers are left out.
 */
function problems(device) {
  const vw = Math.min(window.innerWidth, device);
  const name = (e) => {
    const cls = e.className && typeof e.className === 'string' ? `.${e.className.trim().split(/\s+/).join('.')}` : '';
    return `${e.tagName.toLowerCase()}${cls}`;
  };
  // Boxes shrunk to 1 px to be read aloud only (such as a stacked table's header row).
  const readOnly = (e) => {
    for (let a = e; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).position === 'absolute' && a.getBoundingClientRect().width <= 1) return true;
    }
    return false;
  };
  const ignored = (e) => e.closest('.visually-hidden, .skip-link, [hidden], script, style, svg, noscript')
    || getComputedStyle(e).display === 'none' || readOnly(e);
  const found = [];
  if (document.documentElement.scrollWidth > vw) {
    const widest = [...document.querySelectorAll('body *')]
      .filter((e) => !ignored(e) && e.getBoundingClientRect().right > vw + 0.5)
      .sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right)
      .slice(0, 3)
      .map(name);
    found.push(`page ${document.documentElement.scrollWidth}px wide (${widest.join(', ')})`);
  }
  for (const e of document.querySelectorAll('body *')) {
    if (ignored(e)) continue;
    const s = getComputedStyle(e);
    if (s.display === 'inline' || s.display === 'contents') continue;
    // A scrolling box (overflow auto/scroll) is allowed only for two-dimensional content.
    if (e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0) {
      const scrolls = s.overflowX === 'auto' || s.overflowX === 'scroll';
      if (scrolls && e.matches('.table-scroll, .chart-figure') && e.querySelector('table, svg')) {
        found.push(`${name(e)} scrolls sideways (${e.scrollWidth} > ${e.clientWidth})`);
        continue;
      }
      const how = s.overflowX === 'visible' ? 'spills' : 'cuts';
      found.push(`${name(e)} ${how} its content (${e.scrollWidth} > ${e.clientWidth}): `
        + `${(e.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40)}`);
    }
  }
  return found;
}

test(`every page reflows at ${WIDTH} px with 大字 on`, { timeout: 300_000 }, async (t) => {
  const context = await env.newContext({ viewport: { width: WIDTH, height: 640 }, isMobile: true, hasTouch: true });
  const failures = [];
  let pages = 0;
  try {
    await context.addInitScript(() => localStorage.setItem('gongkai-large', '1'));
    const page = await context.newPage();
    for (const path of allPages()) {
      await page.goto(env.server.url(path));
      assert.ok(await page.evaluate(() => document.documentElement.classList.contains('large')), `${path}: 大字 on`);
      pages += 1;
      for (const p of await page.evaluate(problems, WIDTH)) failures.push(`${path}: ${p}`);
    }
  } finally {
    await context.close();
  }
  t.diagnostic(`${pages} pages at ${WIDTH} px with 大字`);
  assert.deepEqual(failures, [], failures.join('\n'));
});
