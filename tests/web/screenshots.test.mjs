// Screenshots of the demo pages at three viewport sizes in both themes, written to
// build/screenshots/ for people to look at (the assertions only check that each was taken with the
// widget drawn and no error logged).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { share_site_and_browser, open_page, wait_loaded, screenshot_dir, sleep } from './harness.mjs';

const shared = share_site_and_browser({ prepare: () => mkdir(screenshot_dir, { recursive: true }) });

const sizes = [[360, 800], [1024, 768], [1920, 1080]];
for (const [width, height] of sizes) {
  for (const theme of ['light', 'dark']) {
    test(`screenshot of the demo page at ${width}x${height}, ${theme}`, async () => {
      const { page, context, problems } = await open_page(shared.browser.browser, shared.server.url + 'index.html',
        { width, height, color_scheme: theme });
      try {
        await wait_loaded(page, '#data-scientists');
        await page.locator('#construction').scrollIntoViewIfNeeded();
        await wait_loaded(page, '#construction');
        await page.evaluate(() => window.scrollTo(0, 0));
        await sleep(300);
        const file = path.join(screenshot_dir, `web-${width}x${height}-${theme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        const card = path.join(screenshot_dir, `web-${width}x${height}-${theme}-widget.png`);
        await page.locator('#data-scientists').screenshot({ path: card });
        assert.ok((await stat(file)).size > 10000);
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }
}

test('screenshot of the docs gallery (every view, both themes)', async () => {
  const { page, context, problems } = await open_page(shared.browser.browser, shared.server.url + 'docs.html', { width: 1920, height: 1080 });
  try {
    const count = await page.evaluate(() => document.querySelectorAll('exposure-widget').length);
    for (let i = 0; i < count; ++i) {
      await page.locator('exposure-widget').nth(i).scrollIntoViewIfNeeded();
      await page.waitForFunction((i) => document.querySelectorAll('exposure-widget')[i]._loaded, i, { timeout: 60000 });
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    await sleep(300);
    await page.screenshot({ path: path.join(screenshot_dir, 'docs-1920x1080-gallery.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
