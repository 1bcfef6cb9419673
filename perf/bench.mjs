// Exposure Explorer performance: the browser half of scripts/bench.sh (issue 7). Serves the bench
// site (perf/pages + the widget folder + the bare peer) with scripts/serve.py, which sends the
// precompressed .br/.gz siblings, and drives Debian's Chromium (headless, software WebGL2) with
// playwright-core. Measures, ours beside the peer's:
//   transfer   every file the first view requests, from the browser's resource timings, and the
//              same files' gzip -9 and brotli -q 11 siblings on disk;
//   load       ms from navigation start to the widget's `load` event (ours) and to the peer's first
//              frame, the two pages alternating, each run in a fresh browser context (cold cache);
//              and the CPU time every process of the run (Chromium's and the server's) spent from
//              navigation to that moment (Linux: /proc), by kind of process;
//   frame      CPU ms of each animation-frame callback (perf/pages/hooks.js) during a scripted
//              what-if session of N frames (ours: a new scenario and a mouse move every frame);
//   idle       frames drawn later than 1 s after the last input;
//   memory     the wasm memory's size with the index and ten occupations open.
//
//   node perf/bench.mjs --site DIR [--runs 7] [--frames 600] [--out FILE.json]
// Prints progress on stderr and the JSON on stdout (and into --out).

import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}
const site = path.resolve(option('site', path.join(repo, 'build', 'g-bench', 'site')));
const runs = Number(option('runs', '7'));
const session_frames = Number(option('frames', '600'));
const out_file = option('out', '');
const chromium_path = process.env.EXPOSURE_CHROMIUM || '/usr/bin/chromium';
const occupation = '15-2051.00';

function log(text) { process.stderr.write(`bench: ${text}\n`); }

// playwright-core from the browser tests' install, or the one scripts/bench.sh installed.
function load_playwright() {
  const places = [process.env.PERF_NODE_MODULES, path.join(repo, 'tests', 'web', 'node_modules'),
    path.join(repo, '.cache', 'perf-node', 'node_modules')].filter(Boolean);
  for (const place of places) {
    if (existsSync(path.join(place, 'playwright-core'))) return createRequire(path.join(place, 'x.js'))('playwright-core');
  }
  throw new Error(`playwright-core not found in ${places.join(', ')} (scripts/bench.sh installs it)`);
}

function free_port() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function start_server() {
  const port = await free_port();
  const child = spawn('python3', [path.join(repo, 'scripts', 'serve.py'), '--dir', site, '--port', String(port)],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; ++i) {
    try {
      const response = await fetch(url + 'hooks.js');
      if (response.ok) return { url, close: () => child.kill('SIGTERM') };
    } catch { /* not up yet */ }
    if (child.exitCode !== null) throw new Error(`serve.py exited: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGTERM');
  throw new Error(`serve.py did not answer on ${url}: ${stderr}`);
}

// CPU time (user + system, ms) of every process this script started, directly or not (Chromium's
// browser, zygotes, renderers, GPU and utility processes; the server), summed by kind of process.
// Linux only (/proc); null elsewhere. /proc counts in clock ticks (10 ms at the usual 100 per s), so a
// figure for one load is coarse: the report gives the mean over the runs.
const k_clock_ticks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();
function cpu_snapshot() {
  if (!existsSync('/proc/self/stat')) return null;
  const processes = new Map(); // pid -> {ppid, ms}
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // after "pid (comm) "
      const ms = (Number(fields[11]) + Number(fields[12])) * 1000 / k_clock_ticks;
      processes.set(Number(name), { ppid: Number(fields[1]), ms });
    } catch { /* exited meanwhile */ }
  }
  const ours = new Set([process.pid]);
  for (let grown = true; grown;) { // descendants of this script, however deep
    grown = false;
    for (const [pid, p] of processes) {
      if (!ours.has(pid) && ours.has(p.ppid)) { ours.add(pid); grown = true; }
    }
  }
  ours.delete(process.pid);
  const by_kind = {};
  for (const pid of ours) {
    let command = '';
    try { command = readFileSync(`/proc/${pid}/cmdline`, 'utf8'); } catch { continue; }
    let kind = 'other';
    if (command.includes('serve.py')) kind = 'server';
    else {
      const type = /--type=([a-z-]+)/.exec(command);
      if (!type) kind = 'browser';
      else if (type[1] === 'utility') kind = command.includes('network.mojom') ? 'network' : 'utility';
      else kind = type[1]; // renderer, gpu-process, zygote
    }
    by_kind[kind] = (by_kind[kind] || 0) + processes.get(pid).ms;
  }
  return by_kind;
}

// What each kind of process spent between two snapshots (processes that ended meanwhile are lost).
function cpu_between(before, after) {
  if (!before || !after) return null;
  const spent = {};
  for (const kind of Object.keys(after)) spent[kind] = Math.max(0, after[kind] - (before[kind] || 0));
  return spent;
}

function median(values) {
  const v = [...values].sort((a, b) => a - b);
  if (!v.length) return null;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
}
function percentile(values, p) {
  const v = [...values].sort((a, b) => a - b);
  return v.length ? v[Math.min(v.length - 1, Math.floor(v.length * p))] : null;
}
// The mean CPU ms per kind of process over the runs, their total, and each run's total.
function cpu_summary(runs_cpu) {
  const kinds = [...new Set(runs_cpu.flatMap((c) => Object.keys(c)))].sort();
  const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
  const totals = runs_cpu.map((c) => Object.values(c).reduce((a, b) => a + b, 0));
  return {
    by_kind_mean_ms: Object.fromEntries(kinds.map((k) => [k, round(mean(runs_cpu.map((c) => c[k] || 0)), 1)])),
    total_mean_ms: round(mean(totals), 1),
    total_ms: totals.map((t) => round(t, 0)),
    clock_ticks_per_s: k_clock_ticks,
  };
}
const round = (x, digits = 3) => (x === null || x === undefined ? null : Number(x.toFixed(digits)));

// Loads `page_name` in a fresh context; resolves to {ready_ms, resources, page, context}.
async function first_view(browser, base, page_name, keep = false) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const encodings = new Map();
  page.on('response', (response) => {
    encodings.set(new URL(response.url()).pathname, response.headers()['content-encoding'] || 'identity');
  });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // hooks.js says on the console when the widget's load event (the peer's first frame) happened:
  // waited for so, nothing of this script runs in the page until then (a polling waitForFunction
  // evaluated itself in the page every 50 ms, during the first view it measures).
  let cpu_at_ready = null;
  let timer = 0;
  const ready = new Promise((resolve, reject) => {
    page.on('console', (message) => {
      if (message.text() !== 'exposure-bench: ready' || cpu_at_ready) return;
      cpu_at_ready = cpu_snapshot() || {};
      resolve();
    });
    timer = setTimeout(() => reject(new Error(
      `${page_name}: no load event / first frame within 90 s (${errors.join('; ') || 'no page error'})`)), 90000);
  });
  const cpu_at_start = cpu_snapshot();
  try {
    await page.goto(base + page_name, { waitUntil: 'domcontentloaded', timeout: 60000 });
    await ready;
  } finally {
    clearTimeout(timer);
  }
  const measured = await page.evaluate(() => ({
    ready_ms: window.__bench.ready_ms,
    // The frames up to the load event: what the first view spent drawing (font atlas, layout).
    first_frames: window.__bench.frames.map((ms, i) => [Number(ms.toFixed(1)), Number(window.__bench.frame_end_ms[i].toFixed(1))]),
    navigation: performance.getEntriesByType('navigation').map((e) => ({
      path: new URL(e.name).pathname, transfer: e.transferSize, encoded: e.encodedBodySize, decoded: e.decodedBodySize })),
    resources: performance.getEntriesByType('resource').map((e) => ({
      path: new URL(e.name).pathname, transfer: e.transferSize, encoded: e.encodedBodySize, decoded: e.decodedBodySize,
      end_ms: e.responseEnd })),
  }));
  measured.encodings = encodings;
  measured.cpu = cpu_between(cpu_at_start, cpu_at_ready);
  if (!keep) {
    await context.close();
    return measured;
  }
  return { ...measured, page, context };
}

// Sizes on disk of what a first view requested (the apparatus, hooks.js, left out).
function transfer_of(measured) {
  const files = [];
  for (const entry of [...measured.navigation, ...measured.resources]) {
    if (entry.path.endsWith('/hooks.js')) continue;
    const file = path.join(site, entry.path === '/' ? 'index.html' : entry.path);
    const size = (suffix) => (existsSync(file + suffix) ? statSync(file + suffix).size : null);
    files.push({
      path: entry.path,
      raw: size(''),
      gzip: size('.gz'),
      brotli: size('.br'),
      browser_encoded: entry.encoded,
      encoding: measured.encodings.get(entry.path) || 'unknown',
      end_ms: entry.end_ms === undefined ? null : round(entry.end_ms, 1),
    });
  }
  const total = (key) => files.reduce((sum, f) => sum + (f[key] ?? f.raw ?? 0), 0);
  return { ready_ms: round(measured.ready_ms, 1), frames_ms_end: measured.first_frames, files, raw: total('raw'), gzip: total('gzip'), brotli: total('brotli'), browser_encoded: total('browser_encoded') };
}

// A scripted what-if session in the page: every frame a new scenario (ours) and a mouse move.
async function frame_session(page, kind, frames) {
  return page.evaluate(async ({ kind, frames, code }) => {
    const bench = window.__bench;
    let canvas, widget, task_ids = [];
    if (kind === 'ours') {
      widget = document.querySelector('exposure-widget');
      canvas = widget.shadowRoot.querySelector('canvas');
      const detail = await (await fetch(`widget/data/occupations/${code}.json`)).json();
      task_ids = (detail.tasks || []).map((t) => t.id);
    } else {
      canvas = document.getElementById('canvas');
    }
    const rect = canvas.getBoundingClientRect();
    const first = bench.frames.length;
    const t0 = performance.now();
    for (let i = 0; i < frames; ++i) {
      if (kind === 'ours') {
        const lens = 'abg'[i % 3];
        const task = task_ids.length ? `-t${task_ids[i % task_ids.length]}c${i % 101}` : '';
        widget.setAttribute('scenario', `v1-h${(i % 11) / 10}-a${(i % 5) / 4}-l${lens}${task}`);
      }
      const x = rect.left + rect.width * ((i % 40) + 0.5) / 40;
      const y = rect.top + rect.height * ((Math.floor(i / 40) % 15) + 0.5) / 15;
      canvas.dispatchEvent(new MouseEvent('mousemove', { clientX: x, clientY: y, bubbles: true }));
      bench.last_input_ms = performance.now();
      await bench.next_frame();
    }
    const session = bench.frames.slice(first);
    const elapsed = performance.now() - t0;
    // Idle: nothing more happens; count frames that end later than 1 s after the last input.
    const last_input = bench.last_input_ms;
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const late = bench.frame_end_ms.filter((t) => t > last_input + 1000).length;
    const after_input = bench.frame_end_ms.filter((t) => t > last_input);
    return {
      session, elapsed, late,
      frames_after_input: after_input.length,
      last_frame_after_input_ms: after_input.length ? after_input[after_input.length - 1] - last_input : 0,
      scenario: kind === 'ours' ? widget.getAttribute('scenario') : null,
      score: kind === 'ours' ? widget.score : null,
    };
  }, { kind, frames, code: occupation });
}

// Opens ten occupations in the widget one after another; the wasm memory's size after.
async function memory_ours(page, codes) {
  return page.evaluate(async (codes) => {
    const widget = document.querySelector('exposure-widget');
    const { module } = await customElements.get('exposure-widget').runtime.core;
    const before = module.HEAPU8.buffer.byteLength;
    const opened = [];
    for (const code of codes) {
      if (code === widget.occupation && opened.length === 0) { opened.push(code); continue; }
      const changed = new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no change event for ${code} in 30 s`)), 30000);
        widget.addEventListener('change', function on(event) {
          if (event.detail.occupation !== code) return;
          widget.removeEventListener('change', on);
          clearTimeout(timer);
          resolve();
        });
      });
      widget.setAttribute('occupation', code);
      await changed;
      await window.__bench.next_frame();
      opened.push(code);
    }
    return { before, after: module.HEAPU8.buffer.byteLength, opened };
  }, codes);
}

// The ten largest occupation files (the worst case), the measured occupation among them.
function ten_occupations() {
  const dir = path.join(site, 'widget', 'data', 'occupations');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'))
    .map((f) => ({ code: f.replace(/\.json$/, ''), size: statSync(path.join(dir, f)).size }))
    .sort((a, b) => b.size - a.size);
  const codes = [occupation, ...files.map((f) => f.code).filter((c) => c !== occupation)].slice(0, 10);
  return codes;
}

async function main() {
  if (!existsSync(path.join(site, 'ours.html')) || !existsSync(path.join(site, 'peer.html'))) {
    throw new Error(`no bench site at ${site} (scripts/bench.sh assembles it)`);
  }
  const { chromium } = load_playwright();
  const server = await start_server();
  const args = ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    // WebGL on ANGLE on SwiftShader, the page composited in software: as tests/web/harness.mjs says.
    '--use-angle=swiftshader', '--use-gl=angle', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist',
    '--disable-gpu-compositing'];
  const browser = await chromium.launch({ executablePath: chromium_path, args, headless: true, timeout: 60000 });
  const result = { runs, session_frames, occupation, chromium: browser.version() };
  try {
    // Warm-up (discarded): the browser's own first-use costs are not the page's.
    await first_view(browser, server.url, 'peer.html');
    await first_view(browser, server.url, 'ours.html');

    const ours_ms = [], peer_ms = [];
    const ours_cpu = [], peer_cpu = [];
    let ours_view = null, peer_view = null;
    for (let i = 0; i < runs; ++i) {
      const order = i % 2 ? ['ours', 'peer'] : ['peer', 'ours'];
      for (const kind of order) {
        const view = await first_view(browser, server.url, `${kind}.html`);
        (kind === 'ours' ? ours_ms : peer_ms).push(view.ready_ms);
        if (view.cpu) (kind === 'ours' ? ours_cpu : peer_cpu).push(view.cpu);
        if (kind === 'ours') ours_view = view; else peer_view = view;
      }
      log(`load run ${i + 1}/${runs}: ours ${round(ours_ms.at(-1), 1)} ms, peer ${round(peer_ms.at(-1), 1)} ms`);
    }
    result.load = {
      ours_ms: ours_ms.map((v) => round(v, 1)), peer_ms: peer_ms.map((v) => round(v, 1)),
      ours_median_ms: round(median(ours_ms), 1), peer_median_ms: round(median(peer_ms), 1),
      ratio: round(median(ours_ms) / median(peer_ms), 3),
      cpu: ours_cpu.length && peer_cpu.length ? { ours: cpu_summary(ours_cpu), peer: cpu_summary(peer_cpu) } : null,
    };
    result.transfer = { ours: transfer_of(ours_view), peer: transfer_of(peer_view) };

    // Frame cost and idle, ours (full card) then the peer.
    const ours = await first_view(browser, server.url, 'full.html', true);
    const ours_session = await frame_session(ours.page, 'ours', session_frames);
    log(`ours: ${ours_session.session.length} frames, median ${round(median(ours_session.session), 3)} ms`);
    const memory = await memory_ours(ours.page, ten_occupations());
    await ours.context.close();
    const peer = await first_view(browser, server.url, 'peer.html', true);
    const peer_session = await frame_session(peer.page, 'peer', session_frames);
    const peer_heap = await peer.page.evaluate(() => (window.__peer_module ? window.__peer_module.HEAPU8.buffer.byteLength : null));
    await peer.context.close();
    const frame = (s) => ({
      frames: s.session.length, median_ms: round(median(s.session)), p95_ms: round(percentile(s.session, 0.95)),
      max_ms: round(Math.max(...s.session)), session_ms: round(s.elapsed, 1),
    });
    result.frame_chromium = { ours: frame(ours_session), peer: frame(peer_session),
      final_scenario: ours_session.scenario, final_score: ours_session.score };
    const idle = (s) => ({ frames_later_than_1s: s.late, frames_after_last_input: s.frames_after_input,
      last_frame_after_input_ms: round(s.last_frame_after_input_ms, 1) });
    result.idle = { ours: idle(ours_session), peer: idle(peer_session) };
    result.memory = { ours_bytes: memory.after, ours_before_bytes: memory.before, opened: memory.opened, peer_bytes: peer_heap };
  } finally {
    await browser.close().catch(() => {});
    server.close();
  }
  const text = JSON.stringify(result, null, 2);
  if (out_file) writeFileSync(out_file, text + '\n');
  process.stdout.write(text + '\n');
}

main().catch((error) => {
  process.stderr.write(`bench: ${error.stack || error.message}\n`);
  process.exit(1);
});
