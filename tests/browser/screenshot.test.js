// The service-page screenshot of the documentation (docs/images/service-page.png): rewritten
// only when it is missing or the page now looks different.

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { REPO, firstPage, start } from './helpers.js';

const FILE = join(REPO, 'docs/images/service-page.png');

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

test('service page screenshot at 1280 px is up to date', async (t) => {
  const context = await env.newContext({ viewport: { width: 1280, height: 2000 }, deviceScaleFactor: 1 });
  try {
    const page = await context.newPage();
    await page.goto(env.server.url(firstPage('services', '330199-XK-0001')));
    await page.evaluate(() => document.fonts.ready);
    const png = await page.screenshot({ animations: 'disabled', caret: 'hide' });
    assert.ok(png.length > 10_000, 'a screenshot with content');
    if (existsSync(FILE) && readFileSync(FILE).equals(png)) {
      t.diagnostic('docs/images/service-page.png is up to date');
      return;
    }
    mkdirSync(dirname(FILE), { recursive: true });
    writeFileSync(FILE, png);
    t.diagnostic(`wrote docs/images/service-page.png (${png.length} bytes)`);
  } finally {
    await context.close();
  }
});
