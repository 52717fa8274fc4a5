// The service catalogue: pages of at most 50 items and facet listings, without JavaScript.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { start } from './helpers.js';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

test('the catalogue has no JavaScript filter walking its items', async () => {
  const page = await env.context.newPage();
  try {
    await page.goto(env.server.url('/services/'));
    assert.equal(await page.locator('#filters').count(), 0, 'no filter form');
    assert.ok(await page.locator('#catalogue > li').count() <= 50, 'at most 50 items a page');
  } finally {
    await page.close();
  }
});

test('without JavaScript, facet links lead to server-rendered facet pages', async () => {
  const context = await env.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(env.server.url('/services/'));
    const total = await page.locator('#catalogue > li').count();

    const link = page.locator('.facet-links a[href*="/services/department/"]').first();
    assert.ok(await link.isVisible(), 'department facet links are visible');
    const label = (await link.textContent()).trim();
    await Promise.all([page.waitForURL(/\/services\/department\/[^/]+\/$/), link.click()]);

    const rows = await page.locator('#catalogue > li').allTextContents();
    assert.ok(rows.length > 0, 'the facet page lists items');
    assert.ok(rows.length <= Math.max(total, 50), `${rows.length} of ${total} items on the facet page`);
    for (const text of rows) assert.ok(text.includes(label), `row does not name ${label}: ${text}`);
    assert.match(await page.locator('h1').textContent(), new RegExp(label));
  } finally {
    await context.close();
  }
});

test('without JavaScript, the pager leads to the next 50 items and back', async () => {
  const context = await env.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(env.server.url('/services/'));
    const next = page.locator('.pager a[rel="next"]');
    if (await next.count() === 0) {
      // The example site fits one page: then there is no pager to follow.
      assert.equal(await page.locator('.pager').count(), 0, 'no pager for one page');
      return;
    }
    const links = () => page.locator('#catalogue > li a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const first = await links();
    await Promise.all([page.waitForURL(/\/services\/page\/2\/$/), next.first().click()]);
    const second = await links();
    assert.ok(second.length > 0 && second.length <= 50);
    assert.ok(second.every((t) => !first.includes(t)), 'page 2 shows other items');
    await Promise.all([page.waitForURL(/\/services\/$/), page.locator('.pager a[rel="prev"]').first().click()]);
  } finally {
    await context.close();
  }
});
