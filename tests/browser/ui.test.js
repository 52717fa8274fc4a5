// Reading aids of the theme: the 大字 switch, phones, keyboard use and printing.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { allPages, firstPage, siteHas, start } from './helpers.js';

/** Width of a small phone, in CSS pixels. */
const WIDTH = 375;

let env;
let service;
before(async () => {
  env = await start();
  service = firstPage('services', '330199-XK-0001');
});
after(async () => {
  await env?.close();
});

test('the 大字 switch enlarges text and is remembered after a reload', async () => {
  const context = await env.newContext();
  try {
    const page = await context.newPage();
    await page.goto(env.server.url(service));
    const size = () => page.$eval('main p', (p) => parseFloat(getComputedStyle(p).fontSize));
    const before = await size();
    const toggle = page.locator('.size-toggle');
    assert.ok(await toggle.isVisible(), 'the switch is shown when JavaScript runs');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    await toggle.click();
    const larger = await size();
    assert.ok(larger > before, `body text ${before}px → ${larger}px after the switch`);
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');

    await page.reload();
    assert.equal(await size(), larger, 'the larger size survives a reload');
    assert.equal(await page.locator('.size-toggle').getAttribute('aria-pressed'), 'true');

    await page.locator('.size-toggle').click();
    assert.equal(await size(), before, 'switching back restores the size');
  } finally {
    await context.close();
  }
});

/** Pages of `paths` wider than a phone, with what sticks out. */
async function tooWide(large, paths) {
  const context = await env.newContext({ viewport: { width: WIDTH, height: 740 }, isMobile: true, hasTouch: true });
  const wide = [];
  try {
    if (large) await context.addInitScript(() => localStorage.setItem('gongkai-large', '1'));
    const page = await context.newPage();
    for (const path of paths) {
      await page.goto(env.server.url(path));
      // With mobile emulation the visual viewport zooms out to fit overflowing content, so
      // window.innerWidth grows with it: compare with the device width too.
      const m = await page.evaluate((device) => {
        const vw = Math.min(window.innerWidth, device);
        const over = (e) => e.getBoundingClientRect().right > vw + 0.5
          && !e.closest('.visually-hidden, .skip-link, [hidden]');
        // The elements reaching furthest right first: usually the cause.
        const culprits = [...document.querySelectorAll('body *')]
          .filter(over)
          .sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right)
          .slice(0, 3)
          .map((e) => `${e.tagName.toLowerCase()}${e.className ? '.' + String(e.className).split(' ').join('.') : ''}`);
        return {
          large: document.documentElement.classList.contains('large'),
          scroll: document.documentElement.scrollWidth,
          vw,
          culprits,
        };
      }, WIDTH);
      assert.equal(m.large, large, `${path}: 大字 ${large ? 'on' : 'off'}`);
      if (m.scroll > m.vw) {
        wide.push(`${path}${large ? ' (大字)' : ''}: scrollWidth ${m.scroll} > ${m.vw} (${m.culprits.join(', ')})`);
      }
    }
  } finally {
    await context.close();
  }
  return wide;
}

test('no horizontal scrolling at 375 px: home, catalogue, service, plan, with and without 大字', async () => {
  const paths = ['/', '/services/', service, firstPage('plans')];
  if (siteHas('search/index.html')) paths.push('/search/');
  if (siteHas('figures/index.html')) paths.push('/figures/');
  const wide = [...await tooWide(false, paths), ...await tooWide(true, paths)];
  assert.deepEqual(wide, [], wide.join('\n'));
});

test('no horizontal scrolling at 375 px on any page of the site', async () => {
  const wide = await tooWide(false, allPages());
  assert.deepEqual(wide, [], wide.join('\n'));
});

test('keyboard: the skip link is the first Tab stop and focus is visible', async () => {
  const page = await env.context.newPage();
  try {
    await page.goto(env.server.url(service));
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => ({
      cls: document.activeElement.className,
      href: document.activeElement.getAttribute('href'),
      visible: document.activeElement.getBoundingClientRect().left >= 0,
    }));
    assert.equal(first.cls, 'skip-link', 'the first Tab stop is the skip link');
    assert.equal(first.href, '#main');
    assert.ok(first.visible, 'the skip link comes into view when focused');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'main', 'Enter moves focus to main');

    // Further Tab stops are links inside main; each shows a focus outline.
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const a = document.activeElement;
      const s = getComputedStyle(a);
      return {
        tag: a.tagName, inMain: !!a.closest('main'),
        outline: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow,
      };
    });
    assert.equal(focus.inMain, true, 'Tab after the skip link continues inside main');
    assert.ok(focus.tag === 'A' || focus.tag === 'BUTTON', `focused ${focus.tag}`);
    assert.ok(focus.outline !== 'none' && focus.width >= 2, `focus outline ${focus.outline} ${focus.width}px`);

    // And on a link of the header.
    await page.goto(env.server.url(service));
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const brand = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement);
      return { tag: document.activeElement.tagName, outline: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
    assert.equal(brand.tag, 'A');
    assert.ok(brand.outline !== 'none' && brand.width >= 2, `focus outline ${brand.outline} ${brand.width}px`);
  } finally {
    await page.close();
  }
});

test('print: a service page drops navigation and search, keeps the six disclosures', async () => {
  const page = await env.context.newPage();
  try {
    await page.goto(env.server.url(service));
    await page.emulateMedia({ media: 'print' });
    const shown = await page.evaluate(() => {
      const visible = (e) => {
        const r = e.getBoundingClientRect();
        return getComputedStyle(e).display !== 'none' && getComputedStyle(e).visibility !== 'hidden' && r.width > 0 && r.height > 0;
      };
      return {
        navs: [...document.querySelectorAll('nav, [role="navigation"], [role="search"], form, .skip-link, .size-toggle')]
          .filter(visible).map((e) => e.outerHTML.slice(0, 80)),
        disclosures: [...document.querySelectorAll('section.disclosure')]
          .filter(visible).map((s) => s.querySelector('h2').textContent.replace(/^[一二三四五六]、/, '')),
      };
    });
    assert.deepEqual(shown.navs, [], `printed navigation or search:\n${shown.navs.join('\n')}`);
    assert.deepEqual(shown.disclosures, ['服务事项', '办事流程', '申报材料', '承诺时限', '收费依据', '收费标准']);
  } finally {
    await page.close();
  }
});

test('on a phone the item page opens with its summary and one primary action; a material is its name and a line of tags', async () => {
  const context = await env.newContext({ viewport: { width: WIDTH, height: 740 }, isMobile: true, hasTouch: true });
  try {
    const page = await context.newPage();
    await page.goto(env.server.url(service));
    const top = await page.$eval('.summary', (e) => e.getBoundingClientRect().top + window.scrollY);
    const start = await page.$eval('.button.start', (e) => e.getBoundingClientRect().bottom + window.scrollY);
    assert.ok(top < 740, `the summary starts ${top}px down`);
    assert.ok(start < 2 * 740, `the primary action ends ${start}px down`);
    assert.equal(await page.locator('.button.start').count(), 1, 'one primary action');
    const rows = await page.$$eval('table.materials tbody tr', (trs) => trs.map((tr) => {
      const name = tr.querySelector('th').getBoundingClientRect();
      const tags = [...tr.querySelectorAll('td')]
        .filter((td) => getComputedStyle(td).display !== 'none')
        .map((td) => td.getBoundingClientRect());
      const lines = new Set(tags.map((r) => Math.round(r.top))).size;
      return { height: tr.getBoundingClientRect().height, nameBottom: name.bottom, tagsTop: Math.min(...tags.map((r) => r.top)), lines };
    }));
    assert.ok(rows.length > 0);
    for (const [i, r] of rows.entries()) {
      assert.ok(r.tagsTop >= r.nameBottom - 1, `material ${i + 1}: tags below its name`);
      assert.ok(r.lines <= 2, `material ${i + 1}: tags on ${r.lines} lines`);
      assert.ok(r.height < 200, `material ${i + 1}: ${r.height}px high`);
    }
  } finally {
    await context.close();
  }
});

test('chart text on the figures page is at least 12 px on a phone, fits its chart and grows with 大字', async (t) => {
  if (!siteHas('figures/index.html')) return t.skip('the site has no /figures/ page');
  const sizes = async (large) => {
    const context = await env.newContext({ viewport: { width: WIDTH, height: 740 }, isMobile: true, hasTouch: true });
    try {
      if (large) await context.addInitScript(() => localStorage.setItem('gongkai-large', '1'));
      const page = await context.newPage();
      await page.goto(env.server.url('/figures/'));
      return await page.$$eval('svg.chart text', (texts) => texts.map((e) => {
        const box = e.getBoundingClientRect();
        const svg = e.ownerSVGElement.getBoundingClientRect();
        return {
          text: e.textContent,
          css: parseFloat(getComputedStyle(e).fontSize) * (svg.width / (e.ownerSVGElement.viewBox.baseVal?.width || svg.width)),
          inside: box.left >= svg.left - 0.5 && box.right <= svg.right + 0.5,
        };
      }));
    } finally {
      await context.close();
    }
  };
  const normal = await sizes(false);
  const large = await sizes(true);
  assert.ok(normal.length > 10, `${normal.length} chart texts`);
  for (const s of normal) {
    assert.ok(s.css >= 12, `${s.text}: ${s.css.toFixed(1)} px on a ${WIDTH} px phone`);
    assert.ok(s.inside, `${s.text}: runs out of its chart`);
  }
  for (const [i, s] of large.entries()) {
    assert.ok(s.css > normal[i].css, `${s.text}: ${normal[i].css} px → ${s.css} px with 大字`);
    assert.ok(s.inside, `${s.text} (大字): runs out of its chart`);
  }
  t.diagnostic(`chart text ${Math.min(...normal.map((s) => s.css))} px, ${Math.min(...large.map((s) => s.css))} px with 大字`);
});
