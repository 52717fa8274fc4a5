// WCAG 2.1 A/AA checks with axe-core on one page of each kind, in headless Chromium.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axe, describeViolations, firstPage, siteHas, start } from './helpers.js';

let env;
let noJs;
before(async () => {
  env = await start();
  noJs = await env.newContext({ javaScriptEnabled: false });
});
after(async () => {
  await noJs?.close();
  await env?.close();
});

async function check(context, path, options = {}) {
  const page = await context.newPage();
  try {
    const res = await page.goto(env.server.url(path));
    assert.equal(res.status(), 200, `${path}: HTTP ${res.status()}`);
    await options.then?.(page);
    const violations = await axe(page, options);
    assert.equal(violations.length, 0, `${path}: axe violations\n${describeViolations(violations)}`);
  } finally {
    await page.close();
  }
}

test('axe: home page', () => check(env.context, '/'));

test('axe: catalogue with JavaScript', () => check(env.context, '/services/'));

test('axe: catalogue without JavaScript', () => check(noJs, '/services/', { noTimers: true }));

test('axe: service page', () => check(env.context, firstPage('services', '330199-XK-0001')));

test('axe: printable form page', () =>
  check(env.context, `${firstPage('services', '330199-XK-0001')}print/`));

test('axe: plan page', () => check(env.context, firstPage('plans')));

test('axe: a plan\'s overdue tasks page', () => check(env.context, `${firstPage('plans')}overdue/`));

test('axe: notice page', () => check(env.context, firstPage('notices')));

test('axe: weekly bulletin page', async (t) => {
  const plan = firstPage('plans').slice(1, -1);
  if (!siteHas(`${plan}/reports`)) {
    t.skip('the plan has no bulletins');
    return;
  }
  await check(env.context, firstPage(`${plan}/reports`));
});

test('axe: centre page', () => check(env.context, firstPage('centers')));

test('axe: unit page', () => check(env.context, firstPage('units')));

test('axe: completeness page', async (t) => {
  if (!siteHas('services/completeness/index.html')) {
    t.skip('the site has no completeness page');
    return;
  }
  await check(env.context, '/services/completeness/');
});

test('axe: catalogue adjustments page', async (t) => {
  if (!siteHas('changes/index.html')) {
    t.skip('the site has no /changes/ page');
    return;
  }
  await check(env.context, '/changes/');
});

test('axe: one day of catalogue adjustments', async (t) => {
  let day;
  try {
    day = firstPage('changes', '2026-03-31');
  } catch {
    t.skip('the site records no adjustment');
    return;
  }
  await check(env.context, day);
});

test('axe: search page', async (t) => {
  if (!siteHas('search/index.html')) {
    t.skip('the site has no /search/ page yet');
    return;
  }
  await check(env.context, '/search/');
});

test('axe: search page showing results', async (t) => {
  if (!siteHas('search/index.html')) {
    t.skip('the site has no /search/ page yet');
    return;
  }
  await check(env.context, '/search/', {
    then: async (page) => {
      const form = page.locator('main form[data-search]');
      await form.locator('input[name="q"]').fill('户口簿');
      await form.locator('input[name="q"]').press('Enter');
      await form.locator('.search-results li').first().waitFor();
    },
  });
});

test('axe: figures page', async (t) => {
  if (!siteHas('figures/index.html')) {
    t.skip('the site has no /figures/ page yet');
    return;
  }
  await check(env.context, '/figures/');
});

test('axe at 375 px: one page of each kind on a phone', async () => {
  const phone = await env.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  const plan = firstPage('plans');
  const paths = ['/', '/services/', firstPage('services', '330199-XK-0001'),
    `${firstPage('services', '330199-XK-0001')}print/`, plan, `${plan}overdue/`, firstPage('notices'),
    firstPage('centers'), firstPage('units')];
  for (const p of ['search/', 'figures/', 'services/completeness/']) if (siteHas(`${p}index.html`)) paths.push(`/${p}`);
  try {
    for (const path of paths) await check(phone, path);
  } finally {
    await phone.close();
  }
});
