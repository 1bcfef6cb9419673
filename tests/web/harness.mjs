// Browser-test harness for the web build: a static server over the assembled site (one per test
// file, 127.0.0.1, a free port) and Debian's Chromium driven by playwright-core (never a downloaded
// browser). Every wait has a bound; every test file closes what it opened.
//
// EXPOSURE_SITE_DIR overrides the site folder (default: build/web/site of this checkout);
// EXPOSURE_CHROMIUM overrides the browser (default: /usr/bin/chromium).

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repo_root = path.resolve(here, '..', '..');
export const site_dir = path.resolve(process.env.EXPOSURE_SITE_DIR || path.join(repo_root, 'build', 'web', 'site'));
export const screenshot_dir = path.join(repo_root, 'build', 'screenshots');
const chromium_path = process.env.EXPOSURE_CHROMIUM || '/usr/bin/chromium';

const k_types = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json',
  '.bin': 'application/octet-stream', '.png': 'image/png',
};

// Serves `root` on 127.0.0.1 at a free port. Records every request path (tests check that the
// widget asks for nothing but its own files). Optional `headers(url_path)` adds response headers;
// `site` is the folder that must hold the site when `root` is a folder above it (subpath tests).
export async function start_server(root = site_dir, { headers, site = root } = {}) {
  if (!existsSync(path.join(site, 'widget', 'exposure-widget.js'))) {
    throw new Error(`no site at ${root}: build the web preset's 'site' target first (scripts/test.sh does)`);
  }
  const requests = [];
  const server = createServer(async (request, response) => {
    const url_path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    requests.push(url_path);
    const file = path.resolve(root, '.' + (url_path.endsWith('/') ? url_path + 'index.html' : url_path));
    if (!file.startsWith(root + path.sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
      const body = await readFile(file);
      response.writeHead(200, {
        'content-type': k_types[path.extname(file)] || 'application/octet-stream',
        'cache-control': 'no-store',
        ...(headers ? headers(url_path) : {}),
      });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}

// One server for the site and one browser for a whole test file: started before its first test
// (after `prepare`, if given) and closed after its last. The returned object holds them as
// `.server` and `.browser` once the tests run.
export function share_site_and_browser({ webgl = true, prepare } = {}) {
  const shared = { server: null, browser: null };
  before(async () => {
    if (prepare) await prepare();
    shared.server = await start_server();
    shared.browser = await launch_browser({ webgl });
  });
  after(async () => {
    if (shared.browser) await shared.browser.close();
    if (shared.server) await shared.server.close();
  });
  return shared;
}

// Launches headless Chromium with software WebGL2. `webgl: false` disables WebGL entirely.
export async function launch_browser({ webgl = true } = {}) {
  // playwright-core gives every launch a fresh temporary profile (--user-data-dir) and removes it.
  const args = [
    '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
  ];
  // WebGL on ANGLE on SwiftShader, named the way this Chromium accepts, and the page composited in
  // software. The older --use-gl=swiftshader is refused by its first GPU process, which exits (the
  // browser then composites in software): a WebGL context made on that process was lost. Without
  // --disable-gpu-compositing the page is composited on SwiftShader too, ten times the frame cost.
  if (webgl) {
    args.push('--use-angle=swiftshader', '--use-gl=angle', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist',
      '--disable-gpu-compositing');
  }
  else args.push('--disable-webgl', '--disable-3d-apis');
  const browser = await chromium.launch({ executablePath: chromium_path, args, headless: true, timeout: 60000 });
  return {
    browser,
    close: () => browser.close().catch(() => {}),
  };
}

// A page that records console errors and page errors (tests assert there are none).
export async function open_page(browser, url, { width = 1024, height = 768, scale = 1, color_scheme = 'light' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: scale, colorScheme: color_scheme });
  const page = await context.newPage();
  page.setDefaultTimeout(30000);
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  if (url) await page.goto(url, { waitUntil: 'load', timeout: 30000 });
  return { page, context, problems };
}

// Resolves when the widget matched by `selector` fired `load` (or has already), with its detail.
export async function wait_loaded(page, selector, timeout = 60000) {
  return page.evaluate(({ selector, timeout }) => new Promise((resolve, reject) => {
    const element = document.querySelector(selector);
    if (!element) { reject(new Error(`no element ${selector}`)); return; }
    if (element._loaded) { resolve({ occupation: element.occupation, score: element.score }); return; }
    // On a timeout, what a reader of the failure needs: the element's state, its frames, its canvas.
    const facts = () => {
      const canvas = element.shadowRoot && element.shadowRoot.querySelector('canvas');
      const gl = canvas && !canvas.hidden ? canvas.getContext('webgl2') : null;
      const box = canvas ? canvas.getBoundingClientRect() : null;
      return JSON.stringify({ state: element.state, frames: element.framesDrawn, canvas: canvas && {
        hidden: canvas.hidden, buffer: [canvas.width, canvas.height], css: [box.width, box.height],
        context_lost: gl ? gl.isContextLost() : null } });
    };
    const timer = setTimeout(() => reject(new Error(`${selector}: no load event within ${timeout} ms (${facts()})`)), timeout);
    element.addEventListener('load', (event) => { clearTimeout(timer); resolve(event.detail); }, { once: true });
    element.addEventListener('error', (event) => {
      if (event.detail.code === 'unknown-occupation' || event.detail.code === 'ui' || event.detail.code === 'bad-scenario') return;
      clearTimeout(timer);
      reject(new Error(`${selector}: error event ${JSON.stringify(event.detail)}`));
    }, { once: true });
  }), { selector, timeout });
}

// Installs, before any page script runs, a recorder of every widget event (window.__events).
export async function record_events(page) {
  await page.addInitScript(() => {
    window.__events = [];
    for (const type of ['load', 'change', 'error']) {
      document.addEventListener(type, (event) => {
        if (event.target && event.target.localName === 'exposure-widget') {
          window.__events.push({ type, id: event.target.id, detail: event.detail });
        }
      }, true);
    }
  });
}

// Counts how many canvas pixels differ from the most common colour (the background), after the
// widget draws a frame synchronously; also returns the canvas's backing-store and CSS sizes.
export async function canvas_facts(page, selector) {
  return page.evaluate((selector) => {
    const element = document.querySelector(selector);
    const canvas = element.shadowRoot.querySelector('canvas');
    element._core().module._exposure_widget_draw_now(element._widget, 0, 0); // 0 x 0: the size asked of the browser
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const context = copy.getContext('2d');
    context.drawImage(canvas, 0, 0);
    const pixels = context.getImageData(0, 0, copy.width, copy.height).data;
    const counts = new Map();
    for (let i = 0; i < pixels.length; i += 4) {
      const key = (pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2];
      counts.set(key, (counts.get(key) || 0) + 1);
    }
    let background = 0, most = 0;
    for (const [key, count] of counts) if (count > most) { most = count; background = key; }
    const rect = canvas.getBoundingClientRect();
    return {
      width: canvas.width, height: canvas.height, css_width: rect.width, css_height: rect.height,
      ratio: window.devicePixelRatio, total: pixels.length / 4, non_background: pixels.length / 4 - most,
      background: [background >> 16, (background >> 8) & 255, background & 255],
      colours: counts.size,
    };
  }, selector);
}

// Reads the frame counter of every widget on the page.
export async function frame_counts(page) {
  return page.evaluate(() => [...document.querySelectorAll('exposure-widget')].map((element) => element.framesDrawn));
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Waits until the widget has drawn no frame for `quiet` ms (at most `timeout` ms): its layout settled.
export async function wait_idle(page, selector, { quiet = 300, timeout = 10000 } = {}) {
  const started = Date.now();
  let last = -1, since = Date.now();
  while (Date.now() - started < timeout) {
    const frames = await page.evaluate((selector) => document.querySelector(selector).framesDrawn, selector);
    if (frames !== last) { last = frames; since = Date.now(); }
    else if (Date.now() - since >= quiet) return frames;
    await sleep(50);
  }
  throw new Error(`${selector} kept drawing for ${timeout} ms`);
}
