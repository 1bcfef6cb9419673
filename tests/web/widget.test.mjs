// The <exposure-widget> element in headless Chromium (issue 6, Tests): two instances, attribute
// changes firing events with the right scores, an unknown occupation, the strict-CSP page, the URL
// hash round trip, a reload restoring the scenario, no console errors, an idle page drawing nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { share_site_and_browser, open_page, wait_loaded, wait_idle, record_events, frame_counts, canvas_facts, site_dir, sleep } from './harness.mjs';

const shared = share_site_and_browser();

// The published method recomputed here from the detail file, independently of the core:
// E0 = 0, E1 = 1, E2 = the lens value; per task the rater-weighted mean over raters with a label,
// then the task-weighted mean (core tasks 2, others 1), x 100.
async function expected_score(code, { lens = 0.5, weights = { human: 1, gpt4: 1, gpt4_alt: 0 } } = {}) {
  const detail = JSON.parse(await readFile(path.join(site_dir, 'widget', 'data', 'occupations', `${code}.json`), 'utf8'));
  const value = { E0: 0, E1: 1, E2: lens };
  let sum = 0, total = 0;
  for (const task of detail.tasks) {
    let rated = 0, weight = 0;
    for (const [rater, w] of Object.entries(weights)) {
      if (w > 0 && task[rater] in value) {
        rated += w * value[task[rater]];
        weight += w;
      }
    }
    if (weight === 0) continue;
    const task_weight = task.type === 'core' ? 2 : 1;
    sum += task_weight * (rated / weight);
    total += task_weight;
  }
  return (100 * sum) / total;
}

// Runs `action` in the page and resolves with the first `type` event the element fires after it.
function event_after(page, selector, type, action) {
  return page.evaluate(({ selector, type, action }) => new Promise((resolve, reject) => {
    const element = document.querySelector(selector);
    const timer = setTimeout(() => reject(new Error(`no ${type} event from ${selector}`)), 30000);
    element.addEventListener(type, (event) => { clearTimeout(timer); resolve(event.detail); }, { once: true });
    // The action is data (attribute name and value), not code.
    if (action.property) element[action.property] = action.value;
    else element.setAttribute(action.attribute, action.value);
  }), { selector, type, action });
}

const close_enough = (actual, expected) => Math.abs(actual - expected) < 1e-6;

test('two instances with different occupations draw independently and report their own scores', async () => {
  const { page, context, problems } = await open_page(shared.browser.browser, null);
  try {
    await record_events(page);
    const wasm_requests = [];
    page.on('request', (request) => { if (request.url().endsWith('.wasm')) wasm_requests.push(request.url()); });
    await page.goto(shared.server.url + 'index.html', { waitUntil: 'load' });
    const first = await wait_loaded(page, '#data-scientists');
    await page.locator('#construction').scrollIntoViewIfNeeded();
    const second = await wait_loaded(page, '#construction');
    assert.equal(first.occupation, '15-2051.00');
    assert.equal(second.occupation, '47-2061.00');
    assert.ok(close_enough(first.score, await expected_score('15-2051.00')), `score ${first.score}`);
    assert.ok(close_enough(second.score, await expected_score('47-2061.00')), `score ${second.score}`);
    const canvases = await page.evaluate(() => [...document.querySelectorAll('exposure-widget')]
      .map((element) => element.shadowRoot.querySelector('canvas')));
    assert.equal(canvases.length, 2);
    const labels = await page.evaluate(() => [...document.querySelectorAll('exposure-widget')]
      .map((element) => element.shadowRoot.querySelector('canvas').getAttribute('aria-label')));
    assert.match(labels[0], /Data Scientists \(15-2051\.00\), AI exposure 67 of 100/);
    assert.match(labels[1], /Construction Laborers \(47-2061\.00\)/);
    const loads = await page.evaluate(() => window.__events.filter((e) => e.type === 'load').length);
    assert.equal(loads, 2);
    assert.equal(wasm_requests.length, 1, 'the wasm is fetched and compiled once for both widgets');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('attribute changes fire change events with the right scores', async () => {
  const { page, context, problems } = await open_page(shared.browser.browser, shared.server.url + 'csp.html');
  try {
    await wait_loaded(page, '#csp-widget');
    const occupation = await event_after(page, '#csp-widget', 'change', { attribute: 'occupation', value: '29-1141.00' });
    assert.equal(occupation.occupation, '29-1141.00');
    assert.ok(close_enough(occupation.score, await expected_score('29-1141.00')), `score ${occupation.score}`);

    const gamma = await event_after(page, '#csp-widget', 'change', { attribute: 'scenario', value: 'v1-lg' });
    assert.equal(gamma.scenario, 'v1-lg');
    assert.ok(close_enough(gamma.score, await expected_score('29-1141.00', { lens: 1 })), `score ${gamma.score}`);

    const human_only = await event_after(page, '#csp-widget', 'change', { property: 'scenario', value: 'v1-g0-la' });
    assert.ok(close_enough(human_only.score, await expected_score('29-1141.00', { lens: 0, weights: { human: 1, gpt4: 0, gpt4_alt: 0 } })),
      `score ${human_only.score}`);
    assert.equal(await page.evaluate(() => document.querySelector('#csp-widget').score), human_only.score);
    const state = await page.evaluate(() => document.querySelector('#csp-widget').state);
    assert.equal(state.occupation, '29-1141.00');
    assert.equal(state.scenario, human_only.scenario);
    assert.equal(JSON.parse(JSON.stringify(state)).score, human_only.score);

    // Bad scenario text is refused by the core's decoder: an error event, the scenario kept.
    const bad = await event_after(page, '#csp-widget', 'error', { attribute: 'scenario', value: 'v1-zz<b>' });
    assert.equal(bad.code, 'bad-scenario');
    assert.equal(await page.evaluate(() => document.querySelector('#csp-widget').scenario), human_only.scenario);
    // The card stays up and the refusal is shown in its status line, not only in the event.
    const shown = await page.evaluate(() => {
      const root = document.querySelector('#csp-widget').shadowRoot;
      return { status: root.querySelector('.status').textContent, card_hidden: root.querySelector('.card').hidden };
    });
    assert.match(shown.status, /was not applied/);
    assert.equal(shown.card_hidden, true);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('an unknown occupation gives an error event and a readable card while the other widget carries on', async () => {
  const { page, context, problems } = await open_page(shared.browser.browser, shared.server.url + 'index.html');
  try {
    await wait_loaded(page, '#data-scientists');
    const error = await event_after(page, '#data-scientists', 'error', { attribute: 'occupation', value: '99-9999.99' });
    assert.equal(error.code, 'unknown-occupation');
    assert.match(error.message, /99-9999\.99/);
    const card = await page.evaluate(() => {
      const card = document.querySelector('#data-scientists').shadowRoot.querySelector('.card');
      return { hidden: card.hidden, text: card.textContent, height: card.getBoundingClientRect().height };
    });
    assert.equal(card.hidden, false);
    assert.match(card.text, /99-9999\.99/);
    assert.ok(card.height > 40, `card height ${card.height}`);
    // The other instance still works.
    await page.locator('#construction').scrollIntoViewIfNeeded();
    await wait_loaded(page, '#construction');
    const change = await event_after(page, '#construction', 'change', { attribute: 'occupation', value: '27-3043.00' });
    assert.ok(close_enough(change.score, await expected_score('27-3043.00')));
    // And the failed one recovers with a known code.
    const recovered = await event_after(page, '#data-scientists', 'change', { attribute: 'occupation', value: '15-2051.00' });
    assert.equal(recovered.occupation, '15-2051.00');
    assert.equal(await page.evaluate(() => document.querySelector('#data-scientists').shadowRoot.querySelector('.card').hidden), true);
    // Text from attributes reaches the DOM as text only.
    const injected = await event_after(page, '#data-scientists', 'error', { attribute: 'occupation', value: '<img src=x onerror=alert(1)>' });
    assert.equal(injected.code, 'unknown-occupation');
    assert.equal(await page.evaluate(() => document.querySelector('#data-scientists').shadowRoot.querySelectorAll('img').length), 0);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('an unknown occupation in the markup fires one error event and shows a card, not a blank box', async () => {
  const { page, context, problems } = await open_page(shared.browser.browser, null);
  try {
    await record_events(page);
    await page.goto(shared.server.url + 'csp.html', { waitUntil: 'load' });
    await wait_loaded(page, '#csp-widget');
    await page.evaluate(() => {
      const element = document.createElement('exposure-widget');
      element.id = 'late';
      element.setAttribute('occupation', '00-0000.00');
      document.querySelector('main').append(element);
    });
    await page.waitForFunction(() => !document.querySelector('#late').shadowRoot.querySelector('.card').hidden, null, { timeout: 30000 });
    await sleep(1500); // the core starts for it too: it must not report the same error again
    const errors = await page.evaluate(() => window.__events.filter((e) => e.id === 'late' && e.type === 'error').map((e) => e.detail));
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.equal(errors[0].code, 'unknown-occupation');
    assert.match(await page.evaluate(() => document.querySelector('#late').shadowRoot.querySelector('.card').textContent), /00-0000\.00/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a failed data fetch gives an error event and a card whose retry recovers', async () => {
  const { page, context } = await open_page(shared.browser.browser, shared.server.url + 'csp.html');
  try {
    await wait_loaded(page, '#csp-widget');
    await page.route('**/occupations/27-3043.00.json', (route) => route.abort('failed'));
    const error = await event_after(page, '#csp-widget', 'error', { attribute: 'occupation', value: '27-3043.00' });
    assert.equal(error.code, 'fetch-failed');
    const retry = page.locator('#csp-widget').locator('.card button');
    assert.equal(await retry.textContent(), 'Try again');
    await page.unroute('**/occupations/27-3043.00.json');
    const changed = page.evaluate(() => new Promise((resolve) => {
      document.querySelector('#csp-widget').addEventListener('change', (event) => resolve(event.detail), { once: true });
    }));
    await retry.click();
    const detail = await changed;
    assert.equal(detail.occupation, '27-3043.00');
    assert.ok(close_enough(detail.score, await expected_score('27-3043.00')));
    assert.equal(await page.evaluate(() => document.querySelector('#csp-widget').shadowRoot.querySelector('.card').hidden), true);
  } finally {
    await context.close();
  }
});

test('the strict Content-Security-Policy page loads and draws', async () => {
  const { page, context, problems } = await open_page(shared.browser.browser, null);
  const violations = [];
  try {
    page.on('console', (message) => { if (/Content Security Policy/i.test(message.text())) violations.push(message.text()); });
    await page.goto(shared.server.url + 'csp.html', { waitUntil: 'load' });
    const policy = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]').content);
    assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'/);
    const loaded = await wait_loaded(page, '#csp-widget');
    assert.equal(loaded.occupation, '13-2011.00');
    assert.deepEqual(violations, []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the URL hash round-trips occupation and scenario', async () => {
  const { page, context, problems } = await open_page(shared.browser.browser, shared.server.url + 'index.html');
  try {
    await wait_loaded(page, '#data-scientists');
    await event_after(page, '#data-scientists', 'change', { attribute: 'occupation', value: '43-9021.00' });
    await event_after(page, '#data-scientists', 'change', { property: 'scenario', value: 'v1-lg' });
    const hash = await page.evaluate(() => location.hash);
    assert.match(hash, /data-scientists\.occupation=43-9021\.00/);
    assert.match(hash, /data-scientists\.scenario=v1-lg/);
    const link = await page.evaluate(() => document.querySelector('#data-scientists').shareURL());
    assert.ok(link.endsWith(hash), `${link} vs ${hash}`);

    const { page: second, context: second_context, problems: second_problems } = await open_page(shared.browser.browser, link);
    try {
      const loaded = await wait_loaded(second, '#data-scientists');
      assert.equal(loaded.occupation, '43-9021.00');
      assert.equal(await second.evaluate(() => document.querySelector('#data-scientists').scenario), 'v1-lg');
      assert.ok(close_enough(loaded.score, await expected_score('43-9021.00', { lens: 1 })), `score ${loaded.score}`);
      // A hash the core rejects is an error event, never applied.
      const error = await second.evaluate(() => new Promise((resolve) => {
        const element = document.querySelector('#data-scientists');
        element.addEventListener('error', (event) => resolve(event.detail), { once: true });
        location.hash = 'data-scientists.scenario=v9-nonsense';
      }));
      assert.equal(error.code, 'bad-scenario');
      assert.equal(await second.evaluate(() => document.querySelector('#data-scientists').scenario), 'v1-lg');
      assert.deepEqual(second_problems, []);
    } finally {
      await second_context.close();
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a reload restores the last scenario of the occupation', async () => {
  const { page, context, problems } = await open_page(shared.browser.browser, shared.server.url + 'csp.html');
  try {
    await wait_loaded(page, '#csp-widget');
    const changed = await event_after(page, '#csp-widget', 'change', { property: 'scenario', value: 'v1-la' });
    assert.equal(changed.scenario, 'v1-la');
    await page.reload({ waitUntil: 'load' });
    const loaded = await wait_loaded(page, '#csp-widget');
    assert.equal(await page.evaluate(() => document.querySelector('#csp-widget').scenario), 'v1-la');
    assert.ok(close_enough(loaded.score, await expected_score('13-2011.00', { lens: 0 })), `score ${loaded.score}`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('an idle page draws nothing, and input draws only a few frames', async () => {
  const { page, context, problems } = await open_page(shared.browser.browser, shared.server.url + 'index.html');
  try {
    await wait_loaded(page, '#data-scientists');
    await sleep(800); // let the layout settle
    const settled = await frame_counts(page);
    assert.ok(settled[0] > 0, 'the widget drew');
    await sleep(1500);
    assert.deepEqual(await frame_counts(page), settled, 'frames were drawn while nothing happened');

    const box = await page.locator('#data-scientists').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + 40);
    await sleep(300);
    const after_move = await frame_counts(page);
    assert.ok(after_move[0] > settled[0], 'a pointer move draws');
    await sleep(1500);
    const idle_again = await frame_counts(page);
    await sleep(1000);
    assert.deepEqual(await frame_counts(page), idle_again, 'drawing went on after the input');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the wheel scrolls a widget only where it can scroll, and the page elsewhere', async () => {
  const { page, context, problems } = await open_page(shared.browser.browser, shared.server.url + 'index.html', { width: 1024, height: 700 });
  try {
    await wait_loaded(page, '#data-scientists');
    const scroll_y = () => page.evaluate(() => window.scrollY);
    // A compact card fits: nothing inside scrolls, so the page does.
    await page.locator('#construction').scrollIntoViewIfNeeded();
    await wait_loaded(page, '#construction');
    await page.evaluate(() => { document.querySelector('#construction').view = 'compact'; });
    await sleep(500);
    let box = await page.locator('#construction').boundingBox();
    await page.mouse.move(box.x + 40, box.y + 30);
    let before = await scroll_y();
    await page.mouse.wheel(0, -150);
    await sleep(400);
    assert.ok(await scroll_y() < before, 'the page did not scroll over a widget with nothing to scroll');

    // The card view of a long occupation is taller than the element may grow: it scrolls inside, and
    // the page stays put while it can.
    const facts = await page.evaluate(() => {
      const element = document.querySelector('#data-scientists');
      return { content: element.state.contentHeight, frame: element.shadowRoot.querySelector('.frame').getBoundingClientRect().height };
    });
    assert.ok(facts.content > facts.frame + 50, `content ${facts.content} fits the frame ${facts.frame}: nothing to scroll`);
    await page.evaluate(() => document.querySelector('#data-scientists').scrollIntoView({ block: 'start' }));
    await sleep(300);
    box = await page.locator('#data-scientists').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + 200);
    await sleep(300);
    before = await scroll_y();
    const frames_before = (await frame_counts(page))[0];
    await page.mouse.wheel(0, 200);
    await sleep(400);
    assert.equal(await scroll_y(), before, 'the page scrolled although the widget could');
    assert.ok((await frame_counts(page))[0] > frames_before, 'the widget did not redraw for its scroll');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('keys reach only the focused widget', async () => {
  const { page, context, problems } = await open_page(shared.browser.browser, shared.server.url + 'index.html');
  try {
    await wait_loaded(page, '#data-scientists');
    await page.locator('#construction').scrollIntoViewIfNeeded();
    await wait_loaded(page, '#construction');
    await sleep(800);
    const before = await frame_counts(page);
    await page.evaluate(() => document.querySelector('#construction').shadowRoot.querySelector('canvas').focus());
    await page.keyboard.press('ArrowDown');
    await sleep(400);
    const after = await frame_counts(page);
    assert.equal(after[0], before[0], 'the unfocused widget drew on a key');
    assert.ok(after[1] > before[1], 'the focused widget did not see the key');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('exports give the scenario and scores as JSON and CSV and the card as PNG', async () => {
  const { page, context, problems } = await open_page(shared.browser.browser, shared.server.url + 'csp.html');
  try {
    await wait_loaded(page, '#csp-widget');
    await event_after(page, '#csp-widget', 'change', { property: 'scenario', value: 'v1-lg' });
    const exported = await page.evaluate(async () => {
      const element = document.querySelector('#csp-widget');
      const json = element.exportJSON();
      const csv = element.exportCSV();
      const png = await element.exportPNG();
      const bytes = new Uint8Array(await png.arrayBuffer());
      return { json, csv, png_type: png.type, png_size: png.size, signature: [...bytes.slice(0, 4)] };
    });
    assert.equal(exported.json.occupation, '13-2011.00');
    assert.equal(exported.json.scenario, 'v1-lg');
    assert.ok(close_enough(exported.json.exposure, await expected_score('13-2011.00', { lens: 1 })));
    assert.ok(exported.json.tasks.length > 5);
    assert.match(exported.csv, /^occupation,title,scenario,exposure\r\n13-2011\.00,/);
    assert.equal(exported.png_type, 'image/png');
    assert.deepEqual(exported.signature, [0x89, 0x50, 0x4e, 0x47]);
    assert.ok(exported.png_size > 5000);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a lost WebGL context is restored and drawing resumes', async () => {
  const { page, context, problems } = await open_page(shared.browser.browser, shared.server.url + 'csp.html');
  try {
    await wait_loaded(page, '#csp-widget');
    await sleep(500);
    const restored = await page.evaluate(() => new Promise((resolve, reject) => {
      const element = document.querySelector('#csp-widget');
      const canvas = element.shadowRoot.querySelector('canvas');
      const gl = canvas.getContext('webgl2');
      const extension = gl.getExtension('WEBGL_lose_context');
      const timer = setTimeout(() => reject(new Error('context not restored')), 10000);
      canvas.addEventListener('webglcontextlost', () => setTimeout(() => extension.restoreContext(), 50), { once: true });
      canvas.addEventListener('webglcontextrestored', () => {
        const before = element.framesDrawn;
        setTimeout(() => { clearTimeout(timer); resolve({ before, after: element.framesDrawn }); }, 500);
      }, { once: true });
      extension.loseContext();
    }));
    assert.ok(restored.after > restored.before, `frames ${restored.before} -> ${restored.after}`);
    assert.deepEqual(problems.filter((p) => !/WebGL|GL_/i.test(p)), []);
  } finally {
    await context.close();
  }
});

test('the theme attribute and the system colour scheme switch the canvas between light and dark', async () => {
  const { page, context, problems } = await open_page(shared.browser.browser, shared.server.url + 'csp.html', { color_scheme: 'light' });
  try {
    await wait_loaded(page, '#csp-widget');
    const luminance = ([r, g, b]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
    const light = await canvas_facts(page, '#csp-widget');
    await page.evaluate(() => { document.querySelector('#csp-widget').theme = 'dark'; });
    await sleep(300);
    const dark = await canvas_facts(page, '#csp-widget');
    assert.ok(luminance(light.background) > 180, `light background ${light.background}`);
    assert.ok(luminance(dark.background) < 80, `dark background ${dark.background}`);
    // Back to auto, then the reader's system turns dark.
    await page.evaluate(() => { document.querySelector('#csp-widget').theme = 'auto'; });
    await sleep(300);
    assert.ok(luminance((await canvas_facts(page, '#csp-widget')).background) > 180);
    await page.emulateMedia({ colorScheme: 'dark' });
    await sleep(300);
    assert.ok(luminance((await canvas_facts(page, '#csp-widget')).background) < 80, 'auto did not follow the system');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('typed and pasted text reach the focused canvas: the picker inside the card picks an occupation', async () => {
  const { page, context, problems } = await open_page(shared.browser.browser, shared.server.url + 'csp.html', { width: 1024, height: 900 });
  try {
    await wait_loaded(page, '#csp-widget');
    await page.evaluate(() => { document.querySelector('#csp-widget').view = 'full'; });
    await wait_idle(page, '#csp-widget');
    const box = await page.locator('#csp-widget').boundingBox();
    const next_change = () => page.evaluate(() => new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no change event')), 10000);
      document.querySelector('#csp-widget').addEventListener('change', (event) => { clearTimeout(timer); resolve(event.detail); }, { once: true });
    }));

    // The full view opens with the occupation search box at its top.
    await page.mouse.click(box.x + 150, box.y + 30);
    await wait_idle(page, '#csp-widget');
    await page.keyboard.type('registered nur', { delay: 20 });
    await wait_idle(page, '#csp-widget');
    let changed = next_change();
    await page.keyboard.press('Enter');
    assert.equal((await changed).occupation, '29-1141.00');

    // Paste: the browser's paste event carries the text into ImGui's clipboard and replays Ctrl+V.
    await wait_idle(page, '#csp-widget');
    await page.mouse.click(box.x + 150, box.y + 30);
    await wait_idle(page, '#csp-widget');
    await page.evaluate(() => {
      const canvas = document.querySelector('#csp-widget').shadowRoot.querySelector('canvas');
      const data = new DataTransfer();
      data.setData('text/plain', 'data entry keyers');
      canvas.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await wait_idle(page, '#csp-widget');
    changed = next_change();
    await page.keyboard.press('Enter');
    assert.equal((await changed).occupation, '43-9021.00');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
