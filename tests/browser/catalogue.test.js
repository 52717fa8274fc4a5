// The service catalogue: instant filtering with JavaScript, facet pages without it.

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

/** Rows of the catalogue list that are shown: `{department, text}`. */
function visibleRows(page) {
  return page.$$eval('#catalogue > li', (rows) => rows
    .filter((li) => !li.hidden && li.offsetParent !== null)
    .map((li) => ({ d: li.dataset.department, text: li.textContent })));
}

test('the JS filter narrows the catalogue to one department', async () => {
  const page = await env.context.newPage();
  try {
    await page.goto(env.server.url('/services/'));
    await page.locator('#filters').waitFor({ state: 'visible' });
    const all = await visibleRows(page);
    assert.ok(all.length > 1, 'the catalogue lists items');

    const select = page.locator('select[data-facet="department"]');
    const options = await select.locator('option').evaluateAll((os) => os
      .filter((o) => o.value !== '')
      .map((o) => ({ value: o.value, label: o.textContent.replace(/（\d+）$/, '') })));
    assert.ok(options.length > 1, 'more than one department to choose from');
    const choice = options[0];
    await select.selectOption(choice.value);

    const shown = await visibleRows(page);
    assert.ok(shown.length > 0, `no item left for ${choice.label}`);
    assert.ok(shown.length < all.length, `${shown.length} of ${all.length} items still shown`);
    for (const row of shown) {
      assert.equal(row.d, choice.value, `row of another department shown: ${row.text}`);
      assert.ok(row.text.includes(choice.label), `row does not name ${choice.label}: ${row.text}`);
    }
    assert.equal(await page.locator('#shown').textContent(), String(shown.length), 'the count says what is shown');
    assert.match(page.url(), new RegExp(`[?&]department=${choice.value}(&|$)`), 'the filter is kept in the URL');

    // The kept URL restores the same filter.
    await page.reload();
    assert.equal(await select.inputValue(), choice.value);
    assert.equal((await visibleRows(page)).length, shown.length);
  } finally {
    await page.close();
  }
});

test('without JavaScript, facet links lead to server-rendered facet pages', async () => {
  const context = await env.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(env.server.url('/services/'));
    assert.ok(await page.locator('#filters').isHidden(), 'the filter form stays hidden without JavaScript');
    const total = await page.locator('#catalogue > li').count();

    const link = page.locator('.facet-links a[href*="/services/department/"]').first();
    assert.ok(await link.isVisible(), 'department facet links are visible');
    const label = (await link.textContent()).trim();
    await Promise.all([page.waitForURL(/\/services\/department\/[^/]+\/$/), link.click()]);

    const rows = await page.locator('#catalogue > li').allTextContents();
    assert.ok(rows.length > 0, 'the facet page lists items');
    assert.ok(rows.length < total, `${rows.length} of ${total} items on the facet page`);
    for (const text of rows) assert.ok(text.includes(label), `row does not name ${label}: ${text}`);
    assert.match(await page.locator('h1').textContent(), new RegExp(label));
  } finally {
    await context.close();
  }
});
