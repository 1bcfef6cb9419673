// The widget's load path in headless Chromium (issue 7): a widget far below the fold fetches nothing
// of the core until it nears the viewport, while one in view starts at once; the wasm still loads
// when a server sends it with a type other than application/wasm (no streaming compilation then);
// a failed wasm download gives the error card with a retry, and the retry recovers; the index the
// page parsed reaches the core as columns, and a broken column is named whichever side finds it;
// the detail is requested at connect for a code of the O*NET-SOC form only; until the load event
// nothing asks the GPU process a question or reads the canvas's layout, and the widget adds no text
// (the poster waits for a slow core; the toolbar's buttons come with the first frame).
// The pages are our own, served beside the site's widget folder (Playwright's request routing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { share_site_and_browser, open_page, wait_loaded, record_events, site_dir, sleep } from './harness.mjs';

const shared = share_site_and_browser();

// One widget at the top of the page and, when `far` is set, a second one 6000 px further down.
function page_html({ far, code = '15-2051.00' }) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>load path</title><link rel="icon" href="data:,">
<style>body { margin: 0; } exposure-widget { display: block; width: 640px; }</style>
<script type="module" src="widget/exposure-widget.js"></script></head>
<body><exposure-widget id="near" occupation="${code}" no-storage></exposure-widget>
${far ? '<div style="height: 6000px"></div><exposure-widget id="far" occupation="47-2061.00" no-storage></exposure-widget>' : ''}
</body></html>`;
}

// `init`: a script run in the page before any of its own (to watch what the widget does); it can
// read window.__widget_loaded, true from the first widget's load event on.
async function open_load_page({ far = false, code, route, init } = {}) {
  const opened = await open_page(shared.browser.browser, null, { width: 1024, height: 768 });
  if (init) {
    await opened.page.addInitScript(() => {
      window.__widget_loaded = false;
      document.addEventListener('load', (event) => {
        if (event.target && event.target.localName === 'exposure-widget') window.__widget_loaded = true;
      }, true);
    });
    await opened.page.addInitScript(init);
  }
  await opened.page.route('**/load-page.html', (r) =>
    r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: page_html({ far, code }) }));
  if (route) await route(opened.page);
  await record_events(opened.page);
  const requests = [];
  opened.page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  await opened.page.goto(shared.server.url + 'load-page.html', { waitUntil: 'load' });
  return { ...opened, requests };
}

// index.json as served, with one element changed: `edit(columns)` mutates occupations' columns.
async function serve_index_edited(page, edit) {
  const json = JSON.parse(await readFile(path.join(site_dir, 'widget', 'data', 'index.json'), 'utf8'));
  edit(json.occupations);
  await page.route('**/widget/data/index.json', (r) =>
    r.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(json) }));
}

async function first_error_detail(page) {
  await page.waitForFunction(() => window.__events.some((e) => e.id === 'near' && e.type === 'error'), null, { timeout: 30000 });
  const errors = await page.evaluate(() => window.__events.filter((e) => e.type === 'error').map((e) => e.detail));
  assert.equal(errors.length, 1, JSON.stringify(errors));
  return errors[0];
}

test('a widget far below the fold loads nothing of its own until it nears the viewport', async () => {
  const { page, context, problems, requests } = await open_load_page({ far: true });
  try {
    const loaded = await wait_loaded(page, '#near');
    assert.equal(loaded.occupation, '15-2051.00');
    await sleep(1000);
    assert.ok(!requests.some((p) => p.endsWith('/47-2061.00.json')), 'the far widget fetched its detail before it was near');
    assert.equal(await page.evaluate(() => document.querySelector('#far').state.status), 'poster');
    await page.locator('#far').scrollIntoViewIfNeeded();
    const far = await wait_loaded(page, '#far');
    assert.equal(far.occupation, '47-2061.00');
    assert.equal(requests.filter((p) => p.endsWith('.wasm')).length, 1, 'the wasm is fetched once for both');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the wasm loads when the server sends it as application/octet-stream (no streaming compilation)', async () => {
  const wasm = await readFile(path.join(site_dir, 'widget', 'exposure-widget-core.wasm'));
  let served = 0;
  const { page, context, problems } = await open_load_page({
    route: (p) => p.route('**/exposure-widget-core.wasm', (r) => {
      served += 1;
      return r.fulfill({ status: 200, contentType: 'application/octet-stream', body: wasm });
    }),
  });
  try {
    const loaded = await wait_loaded(page, '#near');
    assert.equal(loaded.occupation, '15-2051.00');
    assert.ok(Number.isFinite(loaded.score));
    assert.equal(served, 1, 'the wasm was requested more than once');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a failed wasm download gives a fetch-failed error and a card whose retry recovers', async () => {
  const { page, context } = await open_load_page({
    route: (p) => p.route('**/exposure-widget-core.wasm', (r) => r.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' })),
  });
  try {
    const error = await first_error_detail(page);
    assert.equal(error.code, 'fetch-failed');
    assert.match(error.message, /WebAssembly core.*HTTP 404/);
    const retry = page.locator('#near').locator('.card button');
    assert.equal(await retry.textContent(), 'Try again');
    await page.unroute('**/exposure-widget-core.wasm');
    const loaded = page.evaluate(() => new Promise((resolve) => {
      document.querySelector('#near').addEventListener('load', (event) => resolve(event.detail), { once: true });
    }));
    await retry.click();
    assert.equal((await loaded).occupation, '15-2051.00');
    assert.equal(await page.evaluate(() => document.querySelector('#near').shadowRoot.querySelector('.card').hidden), true);
  } finally {
    await context.close();
  }
});

test('an index column of the wrong kind is refused by the page, naming the column and the element', async () => {
  const { page, context } = await open_load_page({
    route: (p) => serve_index_edited(p, (columns) => { columns.human[7] = 'seven'; }),
  });
  try {
    const error = await first_error_detail(page);
    assert.equal(error.code, 'bad-data');
    assert.equal(error.message, 'index.json: occupations.human[7]: expected a number, got "seven"');
  } finally {
    await context.close();
  }
});

test('an index the page can read but the core refuses is named by the core, column and element', async () => {
  // Kinds are right (numbers), but the first occupation's human rater knows more weight than its
  // tasks have: only the core's checks (index_from_columns) see that.
  const { page, context } = await open_load_page({
    route: (p) => serve_index_edited(p, (columns) => { columns.human[2] = columns.task_weight[0] + 1; }),
  });
  try {
    const error = await first_error_detail(page);
    assert.equal(error.code, 'bad-data');
    assert.match(error.message, /^index\.json: occupations\.human\[2\]: known \d+ exceeds the task_weight \d+ \(occupation 11-1011\.00\)$/);
    assert.ok(await page.locator('#near').locator('.card').isVisible(), 'the error card is shown');
  } finally {
    await context.close();
  }
});

test('an unknown occupation code of the O*NET-SOC form costs one failed detail request and shows the unknown-occupation card', async () => {
  // The detail is requested at connect, before the index says whether it holds the code (issue 7).
  const { page, context, requests } = await open_load_page({ code: '99-9999.99' });
  try {
    const error = await first_error_detail(page);
    assert.equal(error.code, 'unknown-occupation');
    assert.match(error.message, /99-9999\.99/);
    assert.equal(requests.filter((p) => p.endsWith('/99-9999.99.json')).length, 1, 'the detail was requested more than once');
    const card = page.locator('#near').locator('.card');
    assert.ok(await card.isVisible(), 'the error card is shown');
    assert.match(await card.textContent(), /99-9999\.99/);
  } finally {
    await context.close();
  }
});

test('a code not of the O*NET-SOC form is not requested at all', async () => {
  const { page, context, requests } = await open_load_page({ code: 'not-a-code' });
  try {
    const error = await first_error_detail(page);
    assert.equal(error.code, 'unknown-occupation');
    assert.ok(!requests.some((p) => p.includes('/occupations/')), `requests: ${requests.join(', ')}`);
  } finally {
    await context.close();
  }
});

// What the first view's task must not do (issue 7): ask the GPU process anything (each WebGL query
// waits for every command before it: the shaders' compilation, the font texture's upload) or read
// the canvas's layout (the page changed the shadow tree in the same task: the browser lays it out
// first). Counted from the page's start to the widget's load event.
test('the first frame asks the GPU process nothing and reads no layout of the canvas before load', async () => {
  const { page, context, problems } = await open_load_page({
    init: () => {
      window.__waits = [];
      const watch = (prototype, name, when = () => true) => {
        const original = prototype[name];
        prototype[name] = function (...args) {
          if (!window.__widget_loaded && when(this)) window.__waits.push(name);
          return original.apply(this, args);
        };
      };
      for (const name of ['getParameter', 'getProgramParameter', 'getShaderParameter', 'getUniformLocation',
        'getAttribLocation', 'getError', 'getProgramInfoLog', 'getShaderInfoLog', 'readPixels', 'finish']) {
        watch(WebGL2RenderingContext.prototype, name);
      }
      watch(Element.prototype, 'getBoundingClientRect', (element) => element.localName === 'canvas');
    },
  });
  try {
    const loaded = await wait_loaded(page, '#near');
    assert.equal(loaded.occupation, '15-2051.00');
    assert.ok(await page.evaluate(() => document.querySelector('#near').framesDrawn) >= 1);
    assert.deepEqual(await page.evaluate(() => window.__waits), []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('until the load event the widget adds no text: no poster for a core that is quick, the toolbar with the first frame', async () => {
  const { page, context, problems } = await open_load_page({
    init: () => {
      // Elements added to the widget's shadow tree, and whether the load event had fired when the
      // additions were reported (a microtask after the task that made them).
      window.__added = [];
      const attach = Element.prototype.attachShadow;
      Element.prototype.attachShadow = function (...args) {
        const root = attach.apply(this, args);
        new MutationObserver((records) => {
          for (const record of records) {
            for (const node of record.addedNodes) {
              if (node.nodeType !== Node.ELEMENT_NODE) continue;
              window.__added.push({ tag: node.localName, parent: record.target.className, loaded: window.__widget_loaded });
            }
          }
        }).observe(root, { childList: true, subtree: true });
        return root;
      };
    },
  });
  try {
    await wait_loaded(page, '#near');
    // A poster timer left running would have filled it by now.
    await sleep(await page.evaluate(() => customElements.get('exposure-widget').posterDelay) + 200);
    const added = await page.evaluate(() => window.__added);
    assert.deepEqual(added.filter((a) => a.parent === 'poster'), [], 'the poster was filled');
    const buttons = added.filter((a) => a.tag === 'button');
    assert.equal(buttons.length, 4, JSON.stringify(added));
    assert.ok(buttons.every((a) => a.loaded), 'the toolbar had its buttons before the first frame');
    assert.equal(await page.evaluate(() => document.querySelector('#near').shadowRoot.querySelector('.toolbar').style.visibility), '');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('while a slow core loads, the poster shows the published title and score, and the card replaces it', async () => {
  const { page, context, problems } = await open_load_page({
    route: (p) => p.route('**/exposure-widget-core.wasm', async (r) => {
      await sleep(2500);
      await r.continue();
    }),
  });
  try {
    await page.waitForFunction(() => document.querySelector('#near').shadowRoot.querySelector('.poster .score'), null, { timeout: 2000 });
    const poster = await page.evaluate(() => {
      const element = document.querySelector('#near');
      return { text: element.shadowRoot.querySelector('.poster').textContent, status: element.state.status, frames: element.framesDrawn };
    });
    assert.match(poster.text, /Data Scientists/);
    assert.match(poster.text, /15-2051\.00/);
    assert.equal(poster.status, 'loading');
    assert.equal(poster.frames, 0);
    await wait_loaded(page, '#near');
    assert.equal(await page.evaluate(() => document.querySelector('#near').shadowRoot.querySelector('.poster').hidden), true);
    assert.equal(await page.evaluate(() => document.querySelector('#near').shadowRoot.querySelectorAll('.toolbar button').length), 4);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
