// Robustness of the <exposure-widget> element in headless Chromium (issue 8): the browser kinds of
// the bad-input catalogue (tests/bad-inputs/catalogue.json: attribute, hash, network, webgl).
// Bad attributes and hashes give an error event (and, for an unknown occupation, the error card)
// and keep the last good state; a detail file that is missing, slow, corrupt or cut off gives the
// error card with a retry while another instance on the page carries on, and the retry recovers;
// a lost WebGL context is restored and the canvas is drawn again. Network faults are made with
// Playwright's request routing; the page is served by the harness's server (tests/web/harness.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { share_site_and_browser, open_page, wait_loaded, record_events, canvas_facts, repo_root, sleep } from './harness.mjs';

const catalogue = JSON.parse(await readFile(path.join(repo_root, 'tests', 'bad-inputs', 'catalogue.json'), 'utf8')).cases;
const of_kind = (kind) => catalogue.filter((c) => c.kind === kind);

const k_first = '15-2051.00';  // Data Scientists: the widget that gets the bad input
const k_second = '47-2061.00'; // Construction Laborers: the widget that must carry on
const k_timeout_ms = 1500;     // ExposureWidget.fetchTimeout for this page (the default is 20 s)

const shared = share_site_and_browser();

// A page of our own beside the site's widget folder: two widgets, added only after the fetch
// timeout is set, so that no fetch starts with the default.
const k_page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>robustness</title>
<style>exposure-widget { display: block; width: 640px; margin-bottom: 16px; }</style></head>
<body><div id="holder"></div>
<script type="module">
  import { ExposureWidget } from './widget/exposure-widget.js';
  ExposureWidget.fetchTimeout = ${k_timeout_ms};
  const holder = document.getElementById('holder');
  const params = new URLSearchParams(location.search);
  for (const [id, code] of [['first', '${k_first}'], ['second', '${k_second}']]) {
    const widget = document.createElement('exposure-widget');
    widget.id = id;
    widget.setAttribute('occupation', code);
    widget.setAttribute('no-storage', '');
    if (params.has('sync') && id === 'first') widget.setAttribute('sync-url', '');
    holder.append(widget);
  }
</script></body></html>`;

// `prepare(page)` runs before the page loads (routes, init scripts).
async function open_robustness_page({ sync = false, hash = '', record = false, prepare = null } = {}) {
  const opened = await open_page(shared.browser.browser, null, { width: 1024, height: 1400 });
  await opened.page.route('**/robustness-page.html*', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: k_page }));
  if (prepare) await prepare(opened.page);
  if (record) await record_events(opened.page);
  await opened.page.goto(shared.server.url + `robustness-page.html${sync ? '?sync' : ''}${hash}`, { waitUntil: 'load' });
  await opened.page.waitForFunction(() => document.querySelectorAll('exposure-widget').length === 2);
  return opened;
}

// Waits for the next `type` event (error, load) of the widget `id` (resolves with its detail).
function next_event(page, id, type, timeout = 30000) {
  return page.evaluate(({ id, type, timeout }) => new Promise((resolve, reject) => {
    const element = document.getElementById(id);
    const timer = setTimeout(() => reject(new Error(`no ${type} event from #${id} within ${timeout} ms`)), timeout);
    element.addEventListener(type, (event) => { clearTimeout(timer); resolve(event.detail); }, { once: true });
  }), { id, type, timeout });
}

const next_error = (page, id, timeout) => next_event(page, id, 'error', timeout);
const next_load = (page, id, timeout) => next_event(page, id, 'load', timeout);

// The widget's first error: the one it already reported (the fault may strike before a listener is
// attached: the page starts fetching on its own), else the next one.
function first_error(page, id, timeout = 30000) {
  return page.evaluate(({ id, timeout }) => new Promise((resolve, reject) => {
    const element = document.getElementById(id);
    if (element.state.error) { resolve(element.state.error); return; }
    const timer = setTimeout(() => reject(new Error(`no error event from #${id} within ${timeout} ms`)), timeout);
    element.addEventListener('error', (event) => { clearTimeout(timer); resolve(event.detail); }, { once: true });
  }), { id, timeout });
}

// What a widget shows: the core's occupation, score and scenario, and the error card if any.
function snapshot(page, id) {
  return page.evaluate((id) => {
    const element = document.getElementById(id);
    const card = element.shadowRoot.querySelector('.card');
    const core = element._widget ? element._core().module : null;
    return {
      core_occupation: core ? core.UTF8ToString(core._exposure_widget_occupation(element._widget)) : null,
      score: element.score,
      scenario: element.scenario,
      card_visible: !card.hidden,
      card_text: card.textContent,
      retry_button: Boolean(card.querySelector('button')),
      frames: element.framesDrawn,
      injected: element.shadowRoot.querySelectorAll('img, script').length,
    };
  }, id);
}

// Makes one frame happen now and says whether the canvas shows a drawn card.
async function draws(page, id) {
  const facts = await canvas_facts(page, `#${id}`);
  return facts.non_background > facts.total * 0.02;
}

for (const c of of_kind('attribute')) {
  test(`catalogue ${c.id}: a bad ${c.attribute} attribute keeps the last good state`, async () => {
    const { page, context } = await open_robustness_page();
    try {
      await wait_loaded(page, '#first');
      const good = await snapshot(page, 'first');
      const value = c.repeat ? c.value + c.repeat.text.repeat(c.repeat.times) : c.value;
      if (c.code === null) {
        // Not an error: an unknown keyword falls back to its default, silently.
        await page.evaluate(({ name, value }) => document.getElementById('first').setAttribute(name, value), { name: c.attribute, value });
        assert.equal(await page.evaluate((name) => document.getElementById('first')[name], c.attribute), 'auto');
        assert.equal(await page.evaluate(() => document.getElementById('first').state.error), null);
        return;
      }
      const error = next_error(page, 'first');
      await page.evaluate(({ name, value }) => document.getElementById('first').setAttribute(name, value), { name: c.attribute, value });
      const detail = await error;
      assert.equal(detail.code, c.code);
      assert.ok(detail.message.includes(c.expect), `message: ${detail.message}`);
      const after_bad = await snapshot(page, 'first');
      // The core still shows what it showed, with the same score and scenario.
      assert.equal(after_bad.core_occupation, k_first);
      assert.equal(after_bad.score, good.score);
      if (c.attribute === 'scenario') assert.equal(after_bad.scenario, good.scenario);
      if (c.code === 'unknown-occupation') {
        assert.ok(after_bad.card_visible, 'the error card is shown');
        assert.ok(after_bad.card_text.includes(c.expect), `card: ${after_bad.card_text}`);
        assert.equal(after_bad.injected, 0, 'attribute text reaches the DOM as text only');
        // A good value brings the widget back.
        await page.evaluate((code) => document.getElementById('first').setAttribute('occupation', code), k_first);
        await page.waitForFunction(() => document.getElementById('first').shadowRoot.querySelector('.card').hidden);
      }
      assert.ok(await draws(page, 'first'));
    } finally {
      await context.close();
    }
  });
}

for (const c of of_kind('hash')) {
  test(`catalogue ${c.id}: a bad URL hash keeps the last good state`, async () => {
    const { page, context } = await open_robustness_page({ sync: true });
    try {
      await wait_loaded(page, '#first');
      const good = await snapshot(page, 'first');
      const error = next_error(page, 'first');
      // The hash names this widget by its id, as the widget writes it.
      const hash = c.hash.replace(/(^#|&)(occupation|scenario)=/g, '$1first.$2=');
      await page.evaluate((hash) => { location.hash = hash; }, hash);
      const detail = await error;
      assert.equal(detail.code, c.code);
      assert.ok(detail.message.includes(c.expect), `message: ${detail.message}`);
      const after_bad = await snapshot(page, 'first');
      assert.equal(after_bad.core_occupation, k_first);
      assert.equal(after_bad.score, good.score);
      assert.equal(after_bad.scenario, good.scenario);
      if (c.code === 'unknown-occupation') assert.ok(after_bad.card_visible, 'the error card is shown');
    } finally {
      await context.close();
    }
  });
}

test('a hash with a bad scenario on first load gives an error event and the default scenario', async () => {
  const { page, context } = await open_robustness_page({ sync: true, hash: '#first.scenario=v1-h0-g0', record: true });
  try {
    await wait_loaded(page, '#first');
    const errors = await page.evaluate(() => window.__events.filter((e) => e.type === 'error' && e.id === 'first').map((e) => e.detail));
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.equal(errors[0].code, 'bad-scenario');
    assert.ok(errors[0].message.includes('every rater weight is 0'), errors[0].message);
    const shown = await snapshot(page, 'first');
    assert.equal(shown.core_occupation, k_first);
    assert.equal(shown.scenario, 'v1');
  } finally {
    await context.close();
  }
});

// How each network fault is made for the first widget's detail file.
const k_faults = {
  missing: (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }),
  corrupt: (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"format":"exposure-occu' }),
  'wrong-schema': (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"format":"exposure-occupation","version":1}' }),
  slow: async (route) => { await sleep(k_timeout_ms * 3); await route.fulfill({ status: 200, body: '{}' }).catch(() => {}); },
  aborted: (route) => route.abort('connectionreset'),
};

const k_network_cases = [
  ...of_kind('network'),
  // Valid JSON that is not a detail file: refused by the core's reader, with the field named.
  { id: 'network-detail-wrong-schema', fault: 'wrong-schema', code: 'bad-data', expect: 'code: missing' },
];

for (const c of k_network_cases) {
  test(`catalogue ${c.id}: the error card offers a retry, the other widget carries on, and the retry recovers`, async () => {
    const detail_url = `**/widget/data/occupations/${k_first}.json`;
    const opened = await open_page(shared.browser.browser, null, { width: 1024, height: 1400 });
    const { page, context } = opened;
    try {
      await page.route(detail_url, k_faults[c.fault]);
      await page.route('**/robustness-page.html*', (route) =>
        route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: k_page }));
      await page.goto(shared.server.url + 'robustness-page.html', { waitUntil: 'load' });
      await page.waitForFunction(() => document.querySelectorAll('exposure-widget').length === 2);
      const error = await first_error(page, 'first', 60000);
      assert.equal(error.code, c.code);
      assert.ok(error.message.includes(c.expect), `message: ${error.message}`);
      const failed = await snapshot(page, 'first');
      assert.ok(failed.card_visible, 'the error card is shown');
      assert.ok(failed.retry_button, 'the card offers a retry');
      assert.ok(failed.card_text.includes(c.expect), `card: ${failed.card_text}`);

      // The other instance loads and draws.
      const second = await wait_loaded(page, '#second');
      assert.equal(second.occupation, k_second);
      assert.ok(await draws(page, 'second'));

      // The network heals ("wait": a slow answer still in flight finishes first, as it would before
      // anyone clicks); "Try again" loads the card.
      await page.unrouteAll({ behavior: 'wait' });
      const loaded = page.evaluate(() => new Promise((resolve, reject) => {
        const element = document.getElementById('first');
        const timer = setTimeout(() => reject(new Error('no recovery within 60 s')), 60000);
        const done = () => { clearTimeout(timer); resolve(element.score); };
        element.addEventListener('load', done, { once: true });
        element.addEventListener('change', done, { once: true });
      }));
      await page.evaluate(() => document.getElementById('first').shadowRoot.querySelector('.card button').click());
      const score = await loaded;
      assert.ok(Number.isFinite(score), `score after retry ${score}`);
      const recovered = await snapshot(page, 'first');
      assert.equal(recovered.card_visible, false, `card after retry: ${recovered.card_text}`);
      assert.equal(recovered.core_occupation, k_first);
      assert.ok(await draws(page, 'first'));
    } finally {
      await context.close();
    }
  });
}

const webgl_cases = (fault) => of_kind('webgl').filter((c) => c.fault === fault);

for (const c of webgl_cases('lose-context')) {
  test(`catalogue ${c.id}: a lost WebGL context is restored, twice, and the card is drawn and takes input again, the other widget unharmed`, async () => {
    const { page, context } = await open_robustness_page();
    try {
      await wait_loaded(page, '#first');
      await wait_loaded(page, '#second');
      for (let cycle = 1; cycle <= 2; ++cycle) {
        const result = await page.evaluate(() => new Promise((resolve, reject) => {
          const element = document.getElementById('first');
          const canvas = element.shadowRoot.querySelector('canvas');
          const gl = canvas.getContext('webgl2'); // the widget's own context
          const extension = gl.getExtension('WEBGL_lose_context');
          const timer = setTimeout(() => reject(new Error('context not restored within 10 s')), 10000);
          canvas.addEventListener('webglcontextlost', () => {
            const lost = gl.isContextLost();
            setTimeout(() => extension.restoreContext(), 100);
            canvas.addEventListener('webglcontextrestored', () => {
              setTimeout(() => { clearTimeout(timer); resolve({ lost, restored: !gl.isContextLost() }); }, 300);
            }, { once: true });
          }, { once: true });
          extension.loseContext();
        }));
        assert.deepEqual(result, { lost: true, restored: true }, `cycle ${cycle}`);
        assert.ok(await draws(page, 'first'), `the restored canvas shows the card (cycle ${cycle})`);
        // Input still reaches the core: a pointer move over the canvas draws a frame.
        const box = await page.evaluate(() => {
          const rect = document.getElementById('first').shadowRoot.querySelector('canvas').getBoundingClientRect();
          return { x: rect.x + rect.width / 2, y: rect.y + 60 };
        });
        const before = await page.evaluate(() => document.getElementById('first').framesDrawn);
        await page.mouse.move(box.x, box.y + 10 * cycle);
        await page.waitForFunction((before) => document.getElementById('first').framesDrawn > before, before,
          { timeout: 5000 }).catch(() => assert.fail(`no frame after a pointer move on the restored canvas (cycle ${cycle})`));
      }
      assert.ok(await draws(page, 'second'), 'the other widget still draws');
      const first = await snapshot(page, 'first');
      assert.equal(first.core_occupation, k_first);
      assert.equal(first.card_visible, false);
    } finally {
      await context.close();
    }
  });
}

// Before any page script: the first WebGL2 context made for #first's canvas is lost at once, as when
// the GPU process restarts while the core loads. window.__lost_context.restore() brings it back.
async function lose_first_context_at_birth(page) {
  await page.addInitScript(() => {
    const get_context = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
      const gl = get_context.call(this, kind, ...rest);
      const host = this.getRootNode().host;
      if (kind === 'webgl2' && gl && host && host.id === 'first' && !window.__lost_context) {
        const extension = gl.getExtension('WEBGL_lose_context');
        window.__lost_context = { gl, restore: () => extension.restoreContext() };
        extension.loseContext();
      }
      return gl;
    };
  });
}

// The first widget's WebGL2 says its shader program did not link (a browser whose WebGL2 cannot
// build it): the link status the core asks for, after its first frame, is false.
async function refuse_first_program(page) {
  await page.addInitScript(() => {
    const parameter = WebGL2RenderingContext.prototype.getProgramParameter;
    const info_log = WebGL2RenderingContext.prototype.getProgramInfoLog;
    const refused = (gl) => gl.canvas.getRootNode().host?.id === 'first';
    WebGL2RenderingContext.prototype.getProgramParameter = function (program, name) {
      return name === this.LINK_STATUS && refused(this) ? false : parameter.call(this, program, name);
    };
    WebGL2RenderingContext.prototype.getProgramInfoLog = function (program) {
      return refused(this) ? 'test: the program is refused' : info_log.call(this, program);
    };
  });
}

// The widget's frame is as tall as its content, up to the automatic cap (exposure-widget.js).
async function assert_frame_fits(page, id) {
  const sizes = await page.evaluate((id) => {
    const element = document.getElementById(id);
    return { frame: element.shadowRoot.querySelector('.frame').getBoundingClientRect().height,
      content: element.state.contentHeight, cap: Math.min(1600, Math.max(560, Math.round(window.innerHeight * 1.25))) };
  }, id);
  assert.ok(sizes.content > 200, `content height ${sizes.content}`);
  const expected = Math.min(Math.ceil(sizes.content), sizes.cap);
  assert.ok(Math.abs(sizes.frame - expected) <= 1, `frame ${sizes.frame} px, expected ${expected} (content ${sizes.content})`);
}

for (const c of webgl_cases('lose-at-birth')) {
  test(`catalogue ${c.id}: a context lost before the core starts is restored and the card is drawn`, async () => {
    const { page, context } = await open_robustness_page({ prepare: lose_first_context_at_birth, record: true });
    try {
      // The core starts on the lost context and draws nothing.
      await page.waitForFunction(() => document.getElementById('first')?._widget, null, { timeout: 30000 });
      const waiting = await page.evaluate(() => ({
        lost: window.__lost_context.gl.isContextLost(), frames: document.getElementById('first').framesDrawn,
      }));
      assert.deepEqual(waiting, { lost: true, frames: 0 });
      await wait_loaded(page, '#second');

      const loaded = next_load(page, 'first');
      await page.evaluate(() => window.__lost_context.restore());
      assert.equal((await loaded).occupation, k_first);
      assert.ok(await draws(page, 'first'), 'the restored canvas shows the card');
      const first = await snapshot(page, 'first');
      assert.equal(first.card_visible, false);
      assert.equal(first.core_occupation, k_first);
      const errors = await page.evaluate(() => window.__events.filter((e) => e.type === 'error'));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}

for (const c of webgl_cases('link-fails')) {
  test(`catalogue ${c.id}: a WebGL2 that cannot build the shader program gives way to ${c.expect}`, async () => {
    const { page, context, problems } = await open_robustness_page({ prepare: refuse_first_program });
    try {
      const error = await first_error(page, 'first', 30000);
      assert.equal(error.code, c.code);
      assert.match(error.message, /did not link: test: the program is refused/);
      await page.waitForFunction(() => !document.getElementById('first').shadowRoot.querySelector('.card').hidden);
      const first = await snapshot(page, 'first');
      assert.ok(first.card_text.includes('Data Scientists') && first.card_text.includes('published figures'),
        first.card_text);
      const canvas_hidden = await page.evaluate(() => document.getElementById('first').shadowRoot.querySelector('canvas').hidden);
      assert.equal(canvas_hidden, true, 'the blank canvas is not shown');
      // It draws nothing more, though asked; the other widget, whose program linked, draws on.
      const frames = first.frames;
      await page.evaluate(() => {
        const element = document.getElementById('first');
        element._core().module._exposure_widget_request_frame(element._widget);
      });
      await sleep(300);
      assert.equal((await snapshot(page, 'first')).frames, frames);
      assert.equal((await wait_loaded(page, '#second')).occupation, k_second);
      assert.ok(await draws(page, 'second'));
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
}

for (const c of webgl_cases('lose-for-good')) {
  test(`catalogue ${c.id}: a context that does not come back gives way to ${c.expect}, and the view returns with it`, async () => {
    const { page, context } = await open_robustness_page({ prepare: lose_first_context_at_birth });
    try {
      const error = await first_error(page, 'first', 30000);
      assert.equal(error.code, c.code);
      assert.match(error.message, /graphics context was lost/);
      const card = await page.evaluate(() => {
        const element = document.getElementById('first');
        const card = element.shadowRoot.querySelector('.card');
        return { visible: !card.hidden, text: card.textContent, rows: card.querySelectorAll('table tr').length,
          loaded: element._loaded };
      });
      assert.ok(card.visible, 'the card replaces the blank canvas');
      assert.ok(card.text.includes('Data Scientists') && card.text.includes(k_first), card.text);
      assert.ok(card.text.includes('published figures'), card.text);
      assert.ok(card.rows > 5, `task rows in the card: ${card.rows}`);
      assert.equal(card.loaded, false, 'no load event while nothing is drawn');
      const second = await wait_loaded(page, '#second');
      assert.equal(second.occupation, k_second);

      // The browser gives the context back: the card goes, the view is drawn, load fires.
      const loaded = next_load(page, 'first');
      await page.evaluate(() => window.__lost_context.restore());
      assert.equal((await loaded).occupation, k_first);
      assert.ok(await draws(page, 'first'), 'the restored canvas shows the card');
      const first = await snapshot(page, 'first');
      assert.equal(first.card_visible, false, first.card_text);
      assert.equal(await page.evaluate(() => document.getElementById('first').state.error), null);
      await assert_frame_fits(page, 'first');

      // Lost again once drawn, for longer than the wait: the published card, then the view again at
      // its own height (the core reports a content height only when it changes).
      const again = next_error(page, 'first');
      await page.evaluate(() => window.__lost_context.gl.getExtension('WEBGL_lose_context').loseContext());
      assert.equal((await again).code, c.code);
      assert.ok((await snapshot(page, 'first')).card_visible, 'the published card is up again');
      const redrawn = page.evaluate(() => new Promise((resolve) => {
        window.__lost_context.gl.canvas.addEventListener('webglcontextrestored', () => setTimeout(resolve, 300), { once: true });
      }));
      await page.evaluate(() => window.__lost_context.restore());
      await redrawn;
      assert.equal((await snapshot(page, 'first')).card_visible, false);
      assert.ok(await draws(page, 'first'), 'the canvas shows the card again');
      await assert_frame_fits(page, 'first');
    } finally {
      await context.close();
    }
  });
}
