// Shared set-up of the browser tests: the built site, a static HTTP server for it, headless
// Chromium through playwright-core, and axe-core.
//
// The site comes from GONGKAI_OUTPUT when set; otherwise from the repository's output/ when
// it is newer than the content, theme and binary; otherwise it is built into a temporary
// folder with target/release/gongkai.

import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

/** The repository's root folder. */
export const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Chromium flags: headless, no sandbox (containers), no traffic of its own. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** WCAG 2.1 A and AA rules of axe-core. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const temporary = [];
process.on('exit', () => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** A folder removed when the process exits. */
export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

function newestMtime(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

let siteDir;

/** The folder of the built site (built once per test file when needed). */
export function site() {
  if (siteDir) return siteDir;
  if (process.env.GONGKAI_OUTPUT) {
    siteDir = resolve(process.env.GONGKAI_OUTPUT);
    if (!existsSync(join(siteDir, 'index.html'))) {
      throw new Error(`GONGKAI_OUTPUT=${siteDir} holds no index.html`);
    }
    return siteDir;
  }
  const bin = join(REPO, 'target/release/gongkai');
  const output = join(REPO, 'output');
  const inputs = ['site.yaml', 'content', 'themes'].map((p) => join(REPO, p)).filter(existsSync);
  if (existsSync(join(output, 'index.html'))) {
    const built = statSync(join(output, 'index.html')).mtimeMs;
    const sources = Math.max(...inputs.map(newestMtime), existsSync(bin) ? statSync(bin).mtimeMs : 0);
    if (built >= sources) {
      siteDir = output;
      return siteDir;
    }
  }
  if (!existsSync(bin)) {
    throw new Error(`no built site: run \`cargo build --release\` in ${REPO} or set GONGKAI_OUTPUT`);
  }
  siteDir = tempDir('gongkai-site-');
  execFileSync(bin, ['build', '--root', REPO, '--output', siteDir], { stdio: ['ignore', 'ignore', 'inherit'] });
  return siteDir;
}

/** Whether the built site has `rel` (a path such as `search/index.html`). */
export function siteHas(rel) {
  return existsSync(join(site(), rel));
}

/** The first sub-folder of `section/` that holds a page, preferring `preferred`. */
export function firstPage(section, preferred) {
  const dir = join(site(), section);
  if (preferred && existsSync(join(dir, preferred, 'index.html'))) return `/${section}/${preferred}/`;
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'index.html')))
    .map((d) => d.name)
    .sort();
  if (names.length === 0) throw new Error(`no page under ${section}/`);
  return `/${section}/${names[0]}/`;
}

/** Paths of every page of the site (`/`, `/services/`, ...), or of the site built in `root`, sorted. */
export function allPages(root) {
  const pages = [];
  const walk = (dir, rel) => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      if (d.isDirectory()) walk(join(dir, d.name), `${rel}${d.name}/`);
      else if (d.name === 'index.html') pages.push(`/${rel}`);
    }
  };
  walk(root ?? site(), '');
  return pages.sort();
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/**
 * Serves `root` on 127.0.0.1 at a free port, as a plain web server would: `/a/` is
 * `a/index.html`, unknown paths get `404.html` with status 404.
 */
export async function serve(root) {
  const server = createServer(async (req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (path.endsWith('/')) file = join(file, 'index.html');
    let status = 200;
    let body;
    try {
      body = await readFile(file);
    } catch {
      status = 404;
      file = join(root, '404.html');
      body = await readFile(file).catch(() => Buffer.from('not found'));
    }
    res.writeHead(status, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: (path = '/') => `http://127.0.0.1:${port}${path}`,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

/**
 * Starts Chromium with a fresh profile and serves the site. Returns the server, the default
 * (JavaScript enabled) context, and `newContext(options)` for further contexts.
 */
export async function start() {
  const server = await serve(site());
  const profile = tempDir('gongkai-chromium-');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'zh-CN',
    viewport: { width: 1280, height: 900 },
  });
  const browser = context.browser();
  return {
    server,
    context,
    newContext: (options = {}) => browser.newContext({ locale: 'zh-CN', ...options }),
    async close() {
      await context.close();
      await server.close();
    },
  };
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core's WCAG 2.1 A/AA rules on the page; returns the violations. axe is evaluated
 * through the DevTools protocol, so it also runs in a context with JavaScript disabled; there
 * timers never fire, so `noTimers` replaces setTimeout by a microtask for axe's own use.
 */
export async function axe(page, { noTimers = false } = {}) {
  if (noTimers) {
    await page.evaluate(() => {
      window.setTimeout = (fn, _ms, ...args) => {
        Promise.resolve().then(() => fn(...args));
        return 0;
      };
      window.clearTimeout = () => {};
    });
  }
  await page.evaluate(axeSource);
  return page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
      .then((r) => r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
      }))),
    WCAG_TAGS,
  );
}

/** The violations as readable lines: rule, impact, help, then each node's target. */
export function describeViolations(violations) {
  return violations
    .map((v) => [
      `${v.id} (${v.impact}): ${v.help}`,
      ...v.nodes.map((n) => `    ${n.target}\n      ${(n.summary ?? '').replace(/\n/g, '\n      ')}`),
    ].join('\n'))
    .join('\n');
}
