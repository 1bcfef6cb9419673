// Exposure Explorer performance: the measuring apparatus both bench pages load first (classic
// script, before anything else runs). Not part of the first view: scripts/bench.sh leaves it out of
// the transfer figures.
//  - wraps requestAnimationFrame so every frame callback is timed (CPU ms on the main thread) and
//    counted, the same way for the widget and for the bare peer;
//  - records when the widget's `load` event (ours) or the peer's first frame happened, in ms since
//    navigation start (performance.now()), and says so on the console (`exposure-bench: ready`):
//    perf/bench.mjs waits for that message, so nothing of its own runs in the page before it.
(function () {
  'use strict';
  const bench = {
    ready_ms: null,     // ours: the widget's load event; peer: its first frame
    frames: [],         // CPU ms of each animation-frame callback, in order
    frame_end_ms: [],   // performance.now() at the end of each callback
    last_input_ms: 0,
    waiters: [],        // resolved after the next timed frame
  };
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = function (callback) {
    return raf(function (time) {
      const start = performance.now();
      try {
        callback(time);
      } finally {
        const end = performance.now();
        bench.frames.push(end - start);
        bench.frame_end_ms.push(end);
        const waiters = bench.waiters;
        bench.waiters = [];
        for (const resolve of waiters) resolve();
      }
    });
  };
  bench.next_frame = () => new Promise((resolve) => bench.waiters.push(resolve));
  const ready = () => {
    if (bench.ready_ms !== null) return;
    bench.ready_ms = performance.now();
    console.debug('exposure-bench: ready');
  };
  document.addEventListener('load', (event) => {
    if (event.target && event.target.localName === 'exposure-widget') ready();
  }, true);
  window.addEventListener('peer-first-frame', ready);
  window.__bench = bench;
})();
