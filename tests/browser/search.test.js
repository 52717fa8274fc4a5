// Site search on /search/ of the example site (site.yaml and content/ of the repository):
// expected results, keyboard-only use, and the bytes a query downloads.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { siteHas, start } from './helpers.js';

const SKIP = 'the site has no /search/ page yet';

/** Queries and what they must find, from the example site's content/services/. */
const CASES = [
  { q: '工商', first: ['330199-XK-0001'], why: 'inner run of 个体工商户设立登记' },
  { q: '330199-XK-0001', first: ['330199-XK-0001'], why: 'full code' },
  { q: 'xk-0001', first: ['330199-XK-0001'], why: 'code inside, lower case' },
  {
    q: '清河区民政局',
    first: ['330199-GF-0001', '330199-GF-0002', '330199-GF-0003', '330199-QR-0004'],
    why: 'department, items in catalogue order',
  },
  {
    q: '户口簿',
    includes: ['330199-GF-0001', '330199-GF-0002', '330199-GG-0001', '330199-GG-0004',
      '330199-QR-0001', '330199-QR-0003', '330199-QR-0004', '330199-XK-0012'],
    why: 'material name',
  },
  { q: 'gtgsh', first: ['330199-XK-0001'], why: 'pinyin initials of 个体工商户设立登记' },
  {
    q: '营业执照',
    first: ['330199-XK-0001', '330199-CF-0001'],
    why: 'everyday word: the registration people apply for before the penalty',
  },
  {
    q: '社保',
    first: ['330199-GF-0004', '330199-GG-0001', '330199-GG-0004'],
    why: 'everyday word for 社会保险: the social insurance items by name first',
  },
];

let env;
before(async () => {
  if (siteHas('search/index.html')) env = await start();
});
after(async () => {
  await env?.close();
});

/** Size of the index files under /search/ fetched by `page` (not the page itself). */
function countSearchBytes(page) {
  const seen = [];
  page.on('response', async (res) => {
    const path = new URL(res.url()).pathname;
    if (!path.startsWith('/search/') || path.endsWith('/') || path.endsWith('.html')) return;
    const entry = { path, bytes: 0 };
    seen.push(entry);
    entry.done = res.body().then((b) => { entry.bytes = b.length; }, () => {});
  });
  return async () => {
    await Promise.all(seen.map((e) => e.done));
    return { files: seen.length, bytes: seen.reduce((n, e) => n + e.bytes, 0) };
  };
}

/** Waits until the search form `form` (a locator) shows the outcome of a query. */
async function settled(page, form) {
  await form.locator('[data-search-status]').filter({ hasText: /找到|没有找到/ }).waitFor();
  await page.waitForLoadState('networkidle');
}

/** Runs `q` in the page's own search box; returns the result links `{code, text, href}`. */
async function search(page, q) {
  const form = page.locator('main form[data-search]');
  await form.locator('input[name="q"]').fill(q);
  await form.locator('input[name="q"]').press('Enter');
  await settled(page, form);
  return form.locator('.search-results li a').evaluateAll((links) => links.map((a) => ({
    href: a.getAttribute('href'),
    text: a.textContent,
    code: (a.getAttribute('href').match(/services\/([^/]+)\/$/) || [])[1] ?? null,
  })));
}

test('search finds the expected items in the expected order', async (t) => {
  if (!env) return t.skip(SKIP);
  const report = [];
  const failures = [];
  for (const c of CASES) {
    const page = await env.context.newPage();
    try {
      const bytes = countSearchBytes(page);
      await page.goto(env.server.url('/search/'));
      await page.waitForLoadState('networkidle');
      const onLoad = await bytes();
      const hits = await search(page, c.q);
      const total = await bytes();
      const codes = hits.map((h) => h.code);
      report.push(`${c.q}: ${hits.length} shown, ${total.files} index files, ${total.bytes} bytes`
        + ` (${onLoad.bytes} of them on page load)`);
      if (c.first && JSON.stringify(codes.slice(0, c.first.length)) !== JSON.stringify(c.first)) {
        failures.push(`${c.q} (${c.why}): expected first ${c.first.join(', ')}, got ${codes.slice(0, 8).join(', ')}`);
      }
      const missing = (c.includes ?? []).filter((code) => !codes.includes(code));
      if (missing.length) failures.push(`${c.q} (${c.why}): missing ${missing.join(', ')} in ${codes.join(', ')}`);
    } finally {
      await page.close();
    }
  }
  for (const line of report) t.diagnostic(line);
  assert.deepEqual(failures, [], failures.join('\n'));
});

test('search works with the keyboard alone', async (t) => {
  if (!env) return t.skip(SKIP);
  const page = await env.context.newPage();
  try {
    await page.goto(env.server.url('/search/'));
    const isBox = () => page.evaluate(() => document.activeElement.matches('form[data-search] input[name="q"]'));
    let tabs = 0;
    while (!(await isBox())) {
      assert.ok(++tabs <= 40, 'Tab never reached a search box');
      await page.keyboard.press('Tab');
    }
    // Mark the form whose box has focus, to find its results.
    await page.evaluate(() => document.activeElement.form.setAttribute('data-test-form', ''));
    const form = page.locator('form[data-test-form]');
    await page.keyboard.type('工商');
    await settled(page, form);
    const first = form.locator('.search-results li a').first();
    assert.ok(await first.isVisible(), 'results are shown');

    const inResults = () => page.evaluate(() => {
      const list = document.querySelector('form[data-test-form] .search-results');
      return { first: document.activeElement === list.querySelector('li a'), inList: list.contains(document.activeElement) };
    });
    let steps = 0;
    let where = await inResults();
    while (!where.inList) {
      assert.ok(++steps <= 3, 'the first result is not within three Tab stops of the box');
      await page.keyboard.press('Tab');
      where = await inResults();
    }
    assert.ok(where.first, 'Tab reaches the first result before any other');
    const href = await page.evaluate(() => document.activeElement.href);
    await Promise.all([page.waitForURL(href), page.keyboard.press('Enter')]);
    assert.match(new URL(page.url()).pathname, /\/services\/330199-XK-0001\/$/);
  } finally {
    await page.close();
  }
});

test('the search box in the header shows its panel only with results or where to look', async (t) => {
  if (!env) return t.skip(SKIP);
  const page = await env.context.newPage();
  try {
    await page.goto(env.server.url('/'));
    const form = page.locator('header form[data-search]');
    const panel = form.locator('[data-search-results]');
    assert.equal(await panel.isVisible(), false, 'no empty panel before a query');
    await form.locator('input[name="q"]').fill('工商');
    await form.locator('input[name="q"]').press('Enter');
    await settled(page, form);
    assert.ok(await panel.isVisible(), 'the panel shows the results');
    assert.ok(await form.locator('.search-results li a').first().isVisible());
    await form.locator('input[name="q"]').fill('没有这种事项啊');
    await form.locator('input[name="q"]').press('Enter');
    await form.locator('[data-search-status]').filter({ hasText: /没有找到/ }).waitFor();
    // Nothing found outside the search page: the panel points there (topics, catalogue, phone).
    assert.ok(await panel.isVisible(), 'the panel says where to look instead');
    assert.equal(await form.locator('.search-results li').count(), 0);
    const go = panel.locator('.search-suggest a', { hasText: '搜索页' });
    assert.equal(new URL(await go.evaluate((a) => a.href)).searchParams.get('q'), '没有这种事项啊');
    await form.locator('input[name="q"]').press('Escape');
    assert.equal(await panel.isVisible(), false);
    await Promise.all([page.waitForURL(/\/search\/\?q=/), (async () => {
      await form.locator('input[name="q"]').fill('没有这种事项啊');
      await form.locator('input[name="q"]').press('Enter');
      await go.click();
    })()]);
    await page.locator('[data-search-empty]').waitFor({ state: 'visible' });
    assert.ok(await page.locator('[data-search-empty] a[href^="tel:"]').count() >= 1, 'the search page gives the phone');
  } finally {
    await page.close();
  }
});

test('the no-results page offers other words, the catalogue and the phone', async (t) => {
  if (!env) return t.skip(SKIP);
  const page = await env.context.newPage();
  try {
    await page.goto(env.server.url('/search/?q=' + encodeURIComponent('没有这种事项啊')));
    const form = page.locator('main form[data-search]');
    await form.locator('[data-search-status]').filter({ hasText: /没有找到/ }).waitFor();
    const empty = page.locator('[data-search-empty]');
    assert.ok(await empty.isVisible(), 'what to do instead is shown');
    assert.ok(await empty.locator('a[href$="/services/"]').count() >= 1, 'the catalogue is linked');
    assert.ok(await empty.locator('a[href^="tel:"]').count() >= 1, 'the phone is a tel: link');
    assert.equal(await form.locator('.search-results li').count(), 0);
  } finally {
    await page.close();
  }
});

/** Mistyped queries with a same-sound character, and the word the no-results page offers. */
const SAME_SOUND = [
  { q: '低宝', word: '低保', why: '俗称 of 最低生活保障对象认定' },
  { q: '生份证', word: '身份证', why: 'sheng for shen, in 居民身份证换领' },
  { q: '结昏证', word: '结婚证', why: 'everyday word for 结婚登记' },
  { q: '营业执找', word: '营业执照', why: 'in a name and an everyday word' },
  { q: '个体工伤户', word: '个体工商户', why: 'part of 个体工商户设立登记' },
];

test('a query with a same-sound wrong character is offered the right word', async (t) => {
  if (!env) return t.skip(SKIP);
  const failures = [];
  for (const c of SAME_SOUND) {
    const page = await env.context.newPage();
    try {
      const fetched = [];
      page.on('request', (req) => fetched.push(new URL(req.url()).pathname));
      await page.goto(env.server.url('/search/?q=' + encodeURIComponent(c.q)));
      const form = page.locator('main form[data-search]');
      await settled(page, form);
      const offer = form.locator('.search-suggest');
      const words = await offer.locator('a').allTextContents();
      if (!words.includes(c.word)) {
        failures.push(`${c.q} (${c.why}): offered ${JSON.stringify(words)}, not ${c.word}`);
        continue;
      }
      assert.match(await offer.innerText(), /^您要找的是不是：/);
      assert.ok(fetched.includes('/search/pinyin.json'), 'the pinyin table is fetched when nothing is found');
      // The offer follows the results of the query with a character left out, if any.
      assert.equal(await form.locator('.search-results + button + .search-suggest').count(), 1);
      const link = offer.locator('a', { hasText: c.word }).first();
      await Promise.all([page.waitForURL(/\/search\/\?q=/), link.click()]);
      assert.equal(new URL(page.url()).searchParams.get('q'), c.word);
      await settled(page, page.locator('main form[data-search]'));
      const n = await page.locator('main form[data-search] .search-results li a').count();
      if (n === 0) failures.push(`${c.q}: the offered ${c.word} finds nothing`);
    } finally {
      await page.close();
    }
  }
  assert.deepEqual(failures, [], failures.join('\n'));
});

test('the pinyin table is not fetched when a query finds something', async (t) => {
  if (!env) return t.skip(SKIP);
  const page = await env.context.newPage();
  try {
    const fetched = [];
    page.on('request', (req) => fetched.push(new URL(req.url()).pathname));
    await page.goto(env.server.url('/search/'));
    const hits = await search(page, '低保');
    assert.ok(hits.length > 0);
    assert.equal(await page.locator('main .search-suggest').isVisible(), false);
    assert.deepEqual(fetched.filter((p) => p.includes('pinyin') || p.startsWith('/search/s/')), []);
  } finally {
    await page.close();
  }
});
