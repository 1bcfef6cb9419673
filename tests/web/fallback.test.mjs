// Without WebGL the element shows a readable HTML card (title, headline score, task table) and
// fires an error event saying why; it never shows a blank box or throws (issue 6).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { share_site_and_browser, open_page, record_events } from './harness.mjs';

const shared = share_site_and_browser({ webgl: false });

test('with WebGL disabled the HTML fallback card shows the score and the task table', async () => {
  const { page, context, problems } = await open_page(shared.browser.browser, null);
  try {
    await record_events(page);
    await page.goto(shared.server.url + 'index.html', { waitUntil: 'load' });
    const gl = await page.evaluate(() => Boolean(document.createElement('canvas').getContext('webgl2')));
    assert.equal(gl, false, 'WebGL2 should be off in this browser');
    await page.waitForFunction(() => {
      const card = document.querySelector('#data-scientists').shadowRoot.querySelector('.card');
      return !card.hidden && card.querySelector('table');
    }, null, { timeout: 30000 });
    const card = await page.evaluate(() => {
      const root = document.querySelector('#data-scientists').shadowRoot;
      const card = root.querySelector('.card');
      return {
        title: card.querySelector('.title').textContent,
        score: card.querySelector('.score').textContent,
        rows: card.querySelectorAll('table tr').length,
        canvas_hidden: root.querySelector('canvas').hidden,
        visible: card.getBoundingClientRect().height > 100,
      };
    });
    assert.equal(card.title, 'Data Scientists');
    assert.equal(card.score, '67');
    assert.ok(card.rows > 5, `${card.rows} table rows`);
    assert.equal(card.canvas_hidden, true);
    assert.equal(card.visible, true);
    const errors = await page.evaluate(() => window.__events.filter((e) => e.type === 'error' && e.id === 'data-scientists'));
    assert.equal(errors.length, 1);
    assert.equal(errors[0].detail.code, 'no-webgl2');
    // No wasm was fetched for nothing.
    assert.ok(!shared.server.requests.some((p) => p.endsWith('.wasm')), 'the wasm was downloaded without WebGL2');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
