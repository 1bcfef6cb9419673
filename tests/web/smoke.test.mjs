// Smoke test of the web build (issue 2): the demo page loads in headless Chromium, the first frame is
// drawn, nothing is logged as an error, the canvas holds more than its background, and the backing
// store is the canvas's CSS size times devicePixelRatio (crisp text) at ratios 1 and 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { share_site_and_browser, start_server, open_page, wait_loaded, canvas_facts, site_dir } from './harness.mjs';

const shared = share_site_and_browser();

for (const scale of [1, 2]) {
  test(`the demo page draws a widget frame with crisp text at devicePixelRatio ${scale}`, async () => {
    const { page, context, problems } = await open_page(shared.browser.browser, null, { width: 1024, height: 768, scale });
    try {
      const started = Date.now();
      await page.goto(shared.server.url + 'index.html', { waitUntil: 'load' });
      const load_ms = Date.now() - started;
      const loaded = await wait_loaded(page, '#data-scientists');
      const first_frame_ms = Date.now() - started;
      assert.equal(loaded.occupation, '15-2051.00');
      assert.ok(Number.isFinite(loaded.score), `load event score ${loaded.score}`);

      const facts = await canvas_facts(page, '#data-scientists');
      assert.equal(facts.ratio, scale);
      assert.equal(facts.width, Math.round(facts.css_width * scale), `backing width ${facts.width} vs CSS ${facts.css_width} x ${scale}`);
      assert.equal(facts.height, Math.round(facts.css_height * scale), `backing height ${facts.height} vs CSS ${facts.css_height} x ${scale}`);
      // A drawn card: text, gauge and bars cover a real share of the canvas in many colours.
      assert.ok(facts.non_background > facts.total * 0.02, `only ${facts.non_background} of ${facts.total} pixels differ from the background`);
      assert.ok(facts.colours > 50, `only ${facts.colours} colours on the canvas`);
      assert.deepEqual(problems, []);
      console.log(`# dpr ${scale}: load event ${load_ms} ms, first widget frame ${first_frame_ms} ms, canvas ${facts.width}x${facts.height}`);
    } finally {
      await context.close();
    }
  });
}

test('the page asks only for its own files and the widget folder', async () => {
  const { page, context, problems } = await open_page(shared.browser.browser, shared.server.url + 'index.html');
  try {
    await wait_loaded(page, '#data-scientists');
    const foreign = await page.evaluate(() => performance.getEntriesByType('resource')
      .map((entry) => entry.name).filter((name) => new URL(name).origin !== location.origin));
    assert.deepEqual(foreign, []);
    const widget_requests = shared.server.requests.filter((p) => p.startsWith('/widget/'));
    // The element, the wasm and the data: the loader is joined to exposure-widget.js and the font is
    // compiled into the wasm, so neither is a request of its own.
    for (const request of widget_requests) {
      assert.match(request, /^\/widget\/(exposure-widget\.js|exposure-widget-core\.wasm|data\/(index\.json|occupations\/\d\d-\d{4}\.\d\d\.json))$/);
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

for (const [width, height] of [[360, 800], [1024, 768], [1920, 1080]]) {
  test(`the demo page does not shift while its widgets start (${width}x${height})`, async () => {
    const { page, context, problems } = await open_page(shared.browser.browser, null, { width, height });
    try {
      await page.addInitScript(() => {
        window.__layout_shift = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__layout_shift += entry.value;
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(shared.server.url + 'index.html', { waitUntil: 'load' });
      await wait_loaded(page, '#data-scientists');
      await new Promise((resolve) => setTimeout(resolve, 500));
      const shift = await page.evaluate(() => window.__layout_shift);
      assert.ok(shift < 0.01, `cumulative layout shift ${shift}`);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
}

test('the site works from a subpath of the server', async () => {
  const parent = path.dirname(site_dir);
  const prefix = `/${path.basename(site_dir)}/`;
  const subpath_server = await start_server(parent, { site: site_dir });
  const { page, context, problems } = await open_page(shared.browser.browser, subpath_server.url + prefix.slice(1) + 'index.html');
  try {
    const loaded = await wait_loaded(page, '#data-scientists');
    assert.equal(loaded.occupation, '15-2051.00');
    const outside = subpath_server.requests.filter((p) => !p.startsWith(prefix));
    assert.deepEqual(outside, []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await subpath_server.close();
  }
});
