// <exposure-widget>: the Exposure Explorer card as an embeddable custom element.
//
//   <script type="module" src="widget/exposure-widget.js"></script>
//   <exposure-widget occupation="15-2051.00"></exposure-widget>
//
// Attributes (mirrored by properties): occupation, theme (light | dark | auto), view (card | compact
// | full), scenario (scenario text), sync-url (put occupation and scenario in the page URL's hash),
// no-storage (do not keep the last scenario per occupation in localStorage).
// Read-only properties: score (headline exposure 0-100 under the current scenario), state (a
// JSON-able snapshot). Methods: copyLink(), exportJSON(), exportCSV(), exportPNG(), retry().
// Events (bubbling CustomEvents): load {occupation, score}, change {occupation, score, scenario},
// error {message, code}.
//
// Everything the widget loads sits beside this file (the folder can live at any path): the wasm core
// (exposure-widget-core.wasm, compiled once and shared by every widget on the page; the font is
// compiled into it, and the site's copy of this file holds its Emscripten loader) and the data
// (data/index.json, data/occupations/<code>.json). No other request is made.
// Works under `script-src 'self' 'wasm-unsafe-eval'`: no eval, no inline script; untrusted text
// (attributes, URL hash, data) reaches the DOM only through textContent, and scenario text is
// checked by the core's decoder before it is used.
//
// [SECTION] Shared runtime (one per page: data, module, library)
// [SECTION] Helpers
// [SECTION] Styles
// [SECTION] The element

const k_base = new URL('.', import.meta.url);
const k_data = new URL('data/', k_base);
const k_views = ['card', 'compact', 'full'];
const k_themes = ['auto', 'light', 'dark'];
// Height the frame keeps before the core reports its content height (logical px), per view.
const k_compact_height = 560;
// Tallest the element grows to fit its content when CSS gives it no height or max-height (CSS px):
// a taller canvas costs memory and GPU limits for little gain; the card scrolls inside instead.
// It is also what card and full views reserve before the core reports (most occupations' cards are
// taller than that), so nothing below the widget moves when it starts.
const k_max_auto_height = 1600;
// A widget starts loading its core once it is this close to the viewport (CSS px, above or below).
const k_start_margin = 400;
// An O*NET-SOC occupation code, as the bundle names its detail files ("15-2051.00").
const k_onet_code = /^\d{2}-\d{4}\.\d{2}$/;
// The longest the core's start waits for the first widget's detail (Runtime.load_core), ms.
const k_core_waits_for_detail = 300;

// The tallest the element grows without CSS: 1.25 viewports, within [k_compact_height, k_max_auto_height].
function auto_height_cap() {
  return Math.min(k_max_auto_height, Math.max(k_compact_height, Math.round(window.innerHeight * 1.25)));
}

function initial_height(view) {
  return view === 'compact' ? k_compact_height : auto_height_cap();
}

// Device px of a canvas `css_px` CSS px long: the size the core gives its drawing buffer (CSS px x
// devicePixelRatio, src/platform/web/platform_web.cpp).
function device_px(css_px) {
  return Math.round(css_px * Math.max(0.25, window.devicePixelRatio || 1));
}
// Notices the core sends after a frame (src/app/web/widget_main.cpp, enum Notice).
const k_notice = { want_detail: 1, changed: 2, content_height: 3, error: 4, data_drawn: 5, open_url: 6, cannot_draw: 7 };
const k_storage_prefix = 'exposure-widget/scenario/';
// The WebGL2 context of each widget's canvas. The page makes it (it is also the check for WebGL2) and
// the core finds it there, so these are the attributes the canvas gets; the core asks for the same
// (src/platform/web/platform_web.cpp, create_gl). Nothing that costs at creation and is not drawn
// with: no depth, stencil or multisampled buffer (ImGui anti-aliases its own shapes), no preserved
// buffer (export draws and reads in one task), opaque, and the low-power GPU of a two-GPU machine.
const k_gl_attributes = {
  alpha: false, depth: false, stencil: false, antialias: false, premultipliedAlpha: true,
  preserveDrawingBuffer: false, powerPreference: 'low-power', failIfMajorPerformanceCaveat: false,
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Shared runtime (one per page: data, module, library)
// ---------------------------------------------------------------------------------------------

// A failure with a machine-readable code, as the error event reports it.
class WidgetError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

// Fetches `url` and hands the response to `read` (which consumes the body). A fetch that does not
// answer within `timeout` ms (headers and body; 0: no limit) is abandoned, so a stalled network shows
// the error card with its retry instead of a poster forever. Failures are WidgetErrors naming `what`.
async function fetch_body(url, what, read, timeout = ExposureWidget.fetchTimeout) {
  const controller = new AbortController();
  const timer = timeout > 0 ? setTimeout(() => controller.abort(), timeout) : 0;
  const failed = (cause) => new WidgetError('fetch-failed', controller.signal.aborted
    ? `${what} could not be fetched (timed out after ${timeout / 1000} s)`
    : `${what} could not be fetched (${cause.message})`);
  try {
    let response;
    try {
      response = await fetch(url, { credentials: 'same-origin', signal: controller.signal });
    } catch (cause) {
      throw failed(cause);
    }
    if (!response.ok) throw new WidgetError('fetch-failed', `${what} could not be fetched (HTTP ${response.status})`);
    try {
      return await read(response);
    } catch (cause) {
      throw cause instanceof WidgetError ? cause : failed(cause);
    }
  } finally {
    clearTimeout(timer);
  }
}

function fetch_bytes(url, what) {
  return fetch_body(url, what, async (response) => new Uint8Array(await response.arrayBuffer()));
}

// Downloads and compiles the wasm core, compiling while the bytes arrive (streaming) when the server
// sends application/wasm, which streaming compilation requires; else after the download. No time
// limit, as before (Emscripten's own fetch had none): on a slow link the core is the largest file.
function compile_wasm(url) {
  const what = 'The WebAssembly core';
  return fetch_body(url, what, async (response) => {
    const streaming = typeof WebAssembly.compileStreaming === 'function' &&
      /^application\/wasm\s*(;|$)/i.test(response.headers.get('content-type') || '');
    const source = streaming ? response : await response.arrayBuffer();
    try {
      return await (streaming ? WebAssembly.compileStreaming(source) : WebAssembly.compile(source));
    } catch (cause) {
      if (cause instanceof WebAssembly.CompileError) throw new WidgetError('bad-data', `${what} could not be compiled (${cause.message})`);
      throw cause; // the download broke off while streaming: fetch-failed
    }
  }, 0);
}

// Runs the Emscripten loader's factory on the compiled wasm (its instantiateWasm hook, so it fetches
// nothing itself); resolves to the module once its runtime is up.
function instantiate_core(factory, wasm) {
  return new Promise((resolve, reject) => {
    factory({
      locateFile: (path) => new URL(path, k_base).href,
      print: () => {},
      printErr: (text) => console.warn(`exposure-widget: ${text}`),
      instantiateWasm: (imports, receive) => {
        // A failure here would leave the factory's promise pending forever: reject ours instead.
        WebAssembly.instantiate(wasm, imports).then((instance) => receive(instance, wasm), reject);
        return {}; // the exports come later, through receive()
      },
    }).then(resolve, reject);
  });
}

// The index's columns as the core takes them (exposure_library_index_* in widget_main.cpp): the
// page parses index.json once, here, and the core checks and keeps what this hands over, instead of
// parsing the same text again in the wasm (issue 7: that second parse was ~50 ms of the first view).
// Only the kinds are checked here (a number or null, a string); every other check is the core's.
// Columns are named as in index.json (data/SCHEMA.md); groups[] becomes three columns.
const k_index_number_columns = ['group', 'task_count', 'task_weight', 'human', 'gpt4', 'gpt4_alt', 'automation',
  'employment', 'median_wage', 'projected_change_pct', 'ms_applicability', 'exposure'];
const k_index_string_columns = ['code', 'title', 'wage_flag', 'bls_source'];

function index_columns(json) {
  const bad = (path, what) => new WidgetError('bad-data', `index.json: ${path}: ${what}`);
  const got = (value) => { const text = JSON.stringify(value) ?? String(value); return text.length > 40 ? `${text.slice(0, 40)}...` : text; };
  const numbers = [], strings = [];
  const number_column = (name, path, values) => {
    const column = new Float64Array(values.length);
    for (let i = 0; i < values.length; ++i) {
      const value = values[i];
      if (typeof value === 'number') column[i] = value;
      else if (value === null) column[i] = NaN; // the core says where null is allowed
      else throw bad(path(i), `expected a number, got ${got(value)}`);
    }
    numbers.push([name, column]);
  };
  const string_column = (name, path, values) => {
    for (let i = 0; i < values.length; ++i) {
      if (typeof values[i] !== 'string') throw bad(path(i), `expected a string, got ${got(values[i])}`);
    }
    strings.push([name, values]);
  };
  if (!Array.isArray(json.groups)) throw bad('groups', 'expected an array');
  json.groups.forEach((group, i) => {
    if (!group || typeof group !== 'object' || Array.isArray(group)) throw bad(`groups[${i}]`, 'expected an object');
  });
  const group_field = (key) => json.groups.map((group, i) => {
    if (group[key] === undefined) throw bad(`groups[${i}].${key}`, 'missing');
    return group[key];
  });
  string_column('groups.code', (i) => `groups[${i}].code`, group_field('code'));
  string_column('groups.title', (i) => `groups[${i}].title`, group_field('title'));
  number_column('groups.employment', (i) => `groups[${i}].employment`, group_field('employment'));
  const columns = json.occupations;
  for (const [names, add] of [[k_index_number_columns, number_column], [k_index_string_columns, string_column]]) {
    for (const name of names) {
      if (!Array.isArray(columns[name])) throw bad(`occupations.${name}`, 'expected an array');
      add(name, (i) => `occupations.${name}[${i}]`, columns[name]);
    }
  }
  return { numbers, strings };
}

// The UTF-8 of `strings` one after another, and each one's size in bytes: one encoding for them all
// (a copy per string was most of the index's handover).
function utf8_concat(strings) {
  const encoder = new TextEncoder();
  const sizes = new Uint32Array(strings.length);
  let total = 0;
  for (let i = 0; i < strings.length; ++i) {
    sizes[i] = k_ascii.test(strings[i]) ? strings[i].length : encoder.encode(strings[i]).length;
    total += sizes[i];
  }
  const bytes = new Uint8Array(total);
  // Joined, a lone surrogate at the end of one string and at the start of the next would pair up:
  // then each string is encoded on its own.
  if (encoder.encodeInto(strings.join(''), bytes).written !== total) {
    let at = 0;
    for (const text of strings) at += encoder.encodeInto(text, bytes.subarray(at)).written;
  }
  return { bytes, sizes };
}
const k_ascii = /^[\x00-\x7f]*$/;

// Hands `columns` (index_columns) to the core; non-zero when the core refuses them (its error says
// why: exposure_library_error).
function give_index(module, library, { numbers, strings }) {
  module._exposure_library_index_begin(library);
  for (const [name, values] of numbers) {
    const failed = with_string(module, name, (name_ptr) =>
      with_doubles(module, values, (ptr) => module._exposure_library_index_numbers(library, name_ptr, ptr, values.length)));
    if (failed) return failed;
  }
  for (const [name, values] of strings) {
    const { bytes, sizes } = utf8_concat(values);
    const failed = with_string(module, name, (name_ptr) =>
      with_bytes(module, bytes, (text, size) =>
        with_bytes(module, new Uint8Array(sizes.buffer), (size_ptr) =>
          module._exposure_library_index_strings(library, name_ptr, text, size, size_ptr, sizes.length))));
    if (failed) return failed;
  }
  return module._exposure_library_index_end(library);
}

// A parsed JSON value as the core reads it without parsing any text (parse_detail_tape in
// src/core/bundle.hpp): `ops`, the value in prefix order (0 null, 1 false, 2 true, 3 v a number,
// 4 n a string of n bytes, 5 n an array of n values, 6 n an object of n members, each a key written
// as a string then its value), and `text`, the UTF-8 of every string and key one after another.
// Walked with a stack, not recursion: no nesting limit of its own (the core's applies).
function json_tape(value) {
  const ops = [];
  const strings = [];
  const sized = []; // ops[sized[i]] is the size of strings[i]
  const stack = [value];
  while (stack.length) {
    const item = stack.pop();
    if (item === null) ops.push(0);
    else if (item === false) ops.push(1);
    else if (item === true) ops.push(2);
    else if (typeof item === 'number') ops.push(3, item);
    else if (typeof item === 'string' || item instanceof TapeKey) {
      sized.push(ops.length + 1);
      strings.push(typeof item === 'string' ? item : item.name);
      ops.push(4, 0);
    } else if (Array.isArray(item)) {
      ops.push(5, item.length);
      for (let i = item.length - 1; i >= 0; --i) stack.push(item[i]);
    } else {
      const names = Object.keys(item);
      ops.push(6, names.length);
      for (let i = names.length - 1; i >= 0; --i) stack.push(item[names[i]], new TapeKey(names[i]));
    }
  }
  const { bytes, sizes } = utf8_concat(strings);
  const tape = new Float64Array(ops);
  for (let i = 0; i < sized.length; ++i) tape[sized[i]] = sizes[i];
  return { ops: tape, text: bytes };
}

// An object member's name on json_tape's stack (written as a string, then the member's value).
class TapeKey {
  constructor(name) { this.name = name; }
}

function parse_json(bytes, what) {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (cause) {
    throw new WidgetError('bad-data', `${what} is not valid JSON (${cause.message})`);
  }
}

// The page's one copy of the data and of the compiled module. Promises are kept only while they
// succeed, so a retry after a failed fetch fetches again.
class Runtime {
  constructor() {
    this.index = null;         // Promise<{json, codes: code -> position}>
    this.details = new Map();  // code -> Promise<{json, tape (json_tape; null once the core has it)}>
    this.core = null;          // Promise<{module, library}>
    this.prefetched = null;    // the loader's promise while load_core has not taken it
    this.widgets = new Map();  // core widget pointer -> element
    this.next_canvas = 1;
  }

  load_index() {
    if (!this.index) {
      this.index = (async () => {
        const bytes = await fetch_bytes(new URL('index.json', k_data), 'The occupation index');
        const json = parse_json(bytes, 'The occupation index');
        // Index format 2: columns, position i = occupation code[i] (data/SCHEMA.md).
        const columns = json && json.version === 2 && json.occupations;
        const complete = columns && ['code', 'title', 'exposure'].every((key) => Array.isArray(columns[key]) &&
          columns[key].length === columns.code.length);
        if (!complete) throw new WidgetError('bad-data', 'The occupation index is not format 2');
        const codes = new Map(columns.code.map((code, position) => [code, position]));
        return { json, codes };
      })();
      this.index.catch(() => { this.index = null; });
    }
    return this.index;
  }

  load_detail(code) {
    let promise = this.details.get(code);
    if (!promise) {
      promise = (async () => {
        const what = `The data of occupation ${code}`;
        const bytes = await fetch_bytes(new URL(`occupations/${encodeURIComponent(code)}.json`, k_data), what);
        const json = parse_json(bytes, what);
        return { json, tape: json_tape(json) };
      })();
      this.details.set(code, promise);
      promise.catch(() => { if (this.details.get(code) === promise) this.details.delete(code); });
    }
    return promise;
  }

  // Starts fetching the core's loader (small) before the widget has made its WebGL2 context (~5-10
  // ms of the main thread); the wasm waits for that answer (load_core). The font is in the wasm.
  prefetch_core() {
    if (!this.prefetched) {
      this.prefetched = core_loader();
      // Handled when load_core awaits it; not reported twice if it never does (no WebGL2).
      this.prefetched.catch(() => {});
    }
    return this.prefetched;
  }

  // Loads and instantiates the wasm core once; resolves to {module, library}. `ready` (optional,
  // never rejects): what the first widget needs besides the core (its detail). The core is started
  // once that is in too, so that starting it, handing it the index, creating the widget and drawing
  // its first frame run as one task: started before, the detail's response waited behind those long
  // tasks and a rendering step (issue 7: ~12 ms of the first view). A detail slower than
  // k_core_waits_for_detail ms does not hold back the core, nor so the page's other widgets.
  load_core(ready = null) {
    if (!this.core) {
      this.core = (async () => {
        if (typeof WebAssembly !== 'object') throw new WidgetError('no-wasm', 'This browser cannot run WebAssembly');
        // Everything starts at once: the wasm downloads and compiles while the loader and the index
        // arrive (the loader used to fetch the wasm only once it was imported itself).
        const wasm = compile_wasm(new URL('exposure-widget-core.wasm', k_base));
        const loader = this.prefetch_core();
        this.prefetched = null; // a retry after a failure fetches it again
        const [module, index] = await Promise.all([
          Promise.all([loader, wasm, ready && Promise.race([ready, sleep(k_core_waits_for_detail)])])
            .then(([factory, compiled]) => instantiate_core(factory, compiled)),
          this.load_index(),
        ]);
        const library = module._exposure_library_create();
        // The columns only for the hand-over: not kept, and not made on a page that shows the fallback.
        if (give_index(module, library, index_columns(index.json))) {
          throw new WidgetError('bad-data', module.UTF8ToString(module._exposure_library_error(library)));
        }
        module.exposureNotify = (widget, kind, text, value) => {
          const element = this.widgets.get(widget);
          // Not re-entered from inside a frame: handled once the frame is done.
          if (element) queueMicrotask(() => element._notice(kind, text, value));
        };
        return { module, library };
      })();
      this.core.catch(() => { this.core = null; });
    }
    return this.core;
  }

  // Hands a fetched detail to the core (once) and redraws every widget: they share the data.
  async give_detail(code) {
    const [{ module, library }, detail] = await Promise.all([this.load_core(), this.load_detail(code)]);
    if (with_string(module, code, (code_ptr) => module._exposure_library_has_detail(library, code_ptr))) return;
    const source = `occupations/${code}.json`;
    const { ops, text } = detail.tape;
    const failed = with_doubles(module, ops, (ops_ptr) =>
      with_bytes(module, text, (text_ptr, text_size) =>
        with_string(module, code, (code_ptr) =>
          with_string(module, source, (source_ptr) =>
            module._exposure_library_add_detail_tape(library, ops_ptr, ops.length, text_ptr, text_size, code_ptr, source_ptr)))));
    if (failed) {
      this.details.delete(code);
      throw new WidgetError('bad-data', module.UTF8ToString(module._exposure_library_error(library)));
    }
    detail.tape = null; // the core keeps the detail now (has_detail above); the JSON stays for the page
    for (const widget of this.widgets.keys()) module._exposure_widget_request_frame(widget);
  }
}

// One runtime per page, kept on the element class (no global variable of our own).
function runtime() {
  if (!ExposureWidget.runtime) ExposureWidget.runtime = new Runtime();
  return ExposureWidget.runtime;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Helpers
// ---------------------------------------------------------------------------------------------

// Copies bytes into the module's memory for the duration of `use(ptr, size)`.
function with_bytes(module, bytes, use) {
  const ptr = module._malloc(Math.max(1, bytes.length));
  try {
    module.HEAPU8.set(bytes, ptr);
    return use(ptr, bytes.length);
  } finally {
    module._free(ptr);
  }
}

// Copies doubles into the module's memory (8-aligned, as malloc gives) for the duration of `use(ptr)`.
function with_doubles(module, values, use) {
  const ptr = module._malloc(Math.max(8, values.length * 8));
  try {
    new Float64Array(module.HEAPU8.buffer, ptr, values.length).set(values);
    return use(ptr);
  } finally {
    module._free(ptr);
  }
}

function with_string(module, text, use) {
  const size = module.lengthBytesUTF8(text) + 1;
  const ptr = module._malloc(size);
  try {
    module.stringToUTF8(text, ptr, size);
    return use(ptr);
  } finally {
    module._free(ptr);
  }
}

// The Emscripten loader of the wasm core (exposure-widget-core.mjs's default export). The site's
// copy of this file has the loader joined to it (src/app/web/assemble_site.sh replaces the marked
// line), so the first view requests one script fewer; this readable source imports it.
function core_loader() {
  return import(new URL('exposure-widget-core.mjs', k_base).href).then((m) => m.default); // @core-loader
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function element(tag, attributes = {}, text = null) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== null) node.textContent = text;
  return node;
}

function format_score(score) {
  return Number.isFinite(score) ? String(Math.round(score)) : '–';
}

function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = element('a', { href: url, download: name });
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function csv_cell(value) {
  const text = value === null || value === undefined ? '' : String(value);
  // Quoted when needed; a leading = + - @ is defused so a spreadsheet does not run it as a formula.
  const safe = /^[=+\-@]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function storage_get(key) {
  try {
    return window.localStorage ? window.localStorage.getItem(key) : null;
  } catch {
    return null; // storage blocked (sandboxed frame, privacy mode): nothing kept
  }
}

function storage_set(key, value) {
  try {
    if (!window.localStorage) return;
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // Quota or policy: keeping the scenario is a convenience, not a requirement.
  }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Styles
// ---------------------------------------------------------------------------------------------

const k_css = `
:host { display: flex; flex-direction: column; position: relative; box-sizing: border-box; width: 100%;
  min-width: 0; color: #1d2330; background: #ffffff; border-radius: 10px; overflow: hidden;
  font: 15px/1.45 Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; contain: layout; }
:host([data-dark]) { color: #e6e9ef; background: #161a22; }
:host([hidden]) { display: none; }
.frame { position: relative; flex: none; width: 100%; min-height: 0; }
:host([data-fixed-height]) .frame { flex: 1 1 auto; }
canvas { position: absolute; inset: 0; width: 100%; height: 100%; display: block; outline: none;
  touch-action: pan-y pinch-zoom; }
canvas:focus-visible { box-shadow: inset 0 0 0 3px #3b82f6; }
.poster, .card { position: absolute; inset: 0; padding: 20px 22px; box-sizing: border-box; overflow: auto;
  background: inherit; }
.poster[hidden], .card[hidden], canvas[hidden], .toolbar[hidden] { display: none; }
.poster .title, .card .title { font-size: 19px; font-weight: 600; margin: 0 0 4px; }
.poster .code, .card .code { opacity: .65; font-size: 13px; margin: 0 0 14px; }
.poster .score, .card .score { font-size: 44px; font-weight: 700; line-height: 1.1; margin: 0; }
.poster .label, .card .label { opacity: .7; font-size: 13px; margin: 0 0 12px; }
.card .message { margin: 0 0 12px; }
.card button, .toolbar button { font: inherit; font-size: 13px; color: inherit; background: transparent;
  border: 1px solid currentColor; border-radius: 6px; padding: 3px 10px; cursor: pointer; opacity: .8; }
.card button:hover, .toolbar button:hover { opacity: 1; }
.toolbar { display: flex; gap: 6px; align-items: center; box-sizing: border-box; height: 44px; padding: 0 12px 4px;
  font-size: 13px; flex: none; overflow: hidden; white-space: nowrap; }
.toolbar .status { opacity: .7; margin-left: 4px; overflow: hidden; text-overflow: ellipsis; min-width: 0; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin-top: 8px; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { text-align: left; padding: 4px 6px; border-top: 1px solid rgba(127,127,127,.3); vertical-align: top; }
td.number, th.number { text-align: right; white-space: nowrap; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
`;

function style_node() {
  if ('adoptedStyleSheets' in Document.prototype && typeof CSSStyleSheet === 'function') {
    try {
      if (!ExposureWidget.sheet) {
        ExposureWidget.sheet = new CSSStyleSheet();
        ExposureWidget.sheet.replaceSync(k_css);
      }
      return null;
    } catch {
      // Fall back to a <style> element below.
    }
  }
  return element('style', {}, k_css);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] The element
// ---------------------------------------------------------------------------------------------

class ExposureWidget extends HTMLElement {
  static get observedAttributes() {
    return ['occupation', 'theme', 'view', 'scenario', 'sync-url'];
  }

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const style = style_node();
    if (style) root.append(style);
    else root.adoptedStyleSheets = [ExposureWidget.sheet];

    this._frame = element('div', { class: 'frame', part: 'frame' });
    this._canvas = element('canvas', { tabindex: '0', role: 'img', 'aria-label': 'Exposure Explorer' });
    this._canvas.hidden = true;
    this._poster = element('div', { class: 'poster', 'aria-hidden': 'true' });
    this._card = element('div', { class: 'card' });
    this._card.hidden = true;
    this._frame.append(this._canvas, this._poster, this._card);

    this._toolbar = element('div', { class: 'toolbar', part: 'toolbar' });
    this._status = element('span', { class: 'status', role: 'status' });
    this._toolbar.append(this._status);
    // Its room is kept from the start (no shift when the card appears); its buttons are made with the
    // card's first frame (_show_toolbar).
    this._toolbar.style.visibility = 'hidden';

    this._live = element('div', { class: 'visually-hidden', 'aria-live': 'polite' });
    this._table_holder = element('div', { class: 'visually-hidden' });
    root.append(this._frame, this._toolbar, this._live, this._table_holder);

    this._widget = 0;           // core widget pointer while instantiated
    this._gl = null;            // the canvas's WebGL2 context, once made
    this._canvas_id = '';
    this._state = 'idle';       // idle | poster | loading | ready | fallback | error
    this._loaded = false;       // the load event fired
    this._occupation = '';      // what is shown (attribute, hash, or the user's pick)
    this._scenario = '';        // scenario text as the core encoded it ('' until known)
    this._pending_scenario = null; // scenario text waiting for the core
    this._content_height = 0;
    this._last_announced = null;
    this._error = null;
    this._applying = false;     // reflecting a property into its attribute
    this._lost_timer = 0;       // pending switch to the published card while the context is lost
    this._poster_timer = 0;     // pending fill of the poster while the core loads
    this._toolbar_made = false; // the toolbar's buttons exist

    this._dark_query = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
    this._on_scheme = () => this._apply_theme();
    this._on_hash = () => this._read_hash(true);
    this._on_pointerdown = (event) => {
      // Capture so a drag that leaves the canvas still ends inside the core (mouse and pen; touch
      // is captured by the browser already).
      if (event.pointerType !== 'touch') {
        try { this._canvas.setPointerCapture(event.pointerId); } catch { /* pointer gone */ }
      }
    };
    this._canvas.addEventListener('pointerdown', this._on_pointerdown);
  }

  // --- attributes and properties --------------------------------------------------------------

  get occupation() { return this._occupation || this.getAttribute('occupation') || ''; }
  set occupation(value) { this.setAttribute('occupation', String(value)); }
  get theme() { const t = this.getAttribute('theme'); return k_themes.includes(t) ? t : 'auto'; }
  set theme(value) { this.setAttribute('theme', String(value)); }
  get view() { const v = this.getAttribute('view'); return k_views.includes(v) ? v : 'card'; }
  set view(value) { this.setAttribute('view', String(value)); }
  get scenario() { return this._scenario || this._pending_scenario || this.getAttribute('scenario') || ''; }
  set scenario(value) { this.setAttribute('scenario', String(value)); }
  get syncUrl() { return this.hasAttribute('sync-url'); }
  set syncUrl(value) { this.toggleAttribute('sync-url', Boolean(value)); }

  // The headline exposure 0-100 under the current scenario (NaN when unknown).
  get score() {
    if (this._widget) return this._core().module._exposure_widget_score(this._widget);
    const summary = this._summary;
    const default_scenario = !this.scenario || this.scenario === 'v1';
    return summary && default_scenario && typeof summary.exposure === 'number' ? summary.exposure : NaN;
  }

  // A JSON-able snapshot of what the widget shows.
  get state() {
    const score = this.score;
    return {
      occupation: this.occupation,
      title: this._summary ? this._summary.title : '',
      scenario: this.scenario,
      score: Number.isFinite(score) ? score : null,
      theme: this.theme,
      view: this.view,
      status: this._state,
      error: this._error,
      contentHeight: this._content_height,
    };
  }

  // Frames the core has drawn for this widget: a test hook (an idle page draws nothing).
  get framesDrawn() {
    return this._widget ? this._core().module._exposure_widget_frames(this._widget) : 0;
  }

  attributeChangedCallback(name, old_value, value) {
    if (old_value === value || !this.isConnected) return;
    if (name === 'occupation') this._set_occupation(value || '', 'attribute');
    else if (name === 'scenario') this._set_scenario(value || '', 'attribute');
    else if (name === 'theme') this._apply_theme();
    else if (name === 'view') this._apply_view();
    else if (name === 'sync-url') this._sync_hash_listener();
  }

  connectedCallback() {
    this._occupation = this.getAttribute('occupation') || '';
    this._pending_scenario = this.getAttribute('scenario');
    this._sync_hash_listener();
    if (this.syncUrl) this._read_hash(false);
    this._apply_theme();
    if (this._dark_query) this._dark_query.addEventListener('change', this._on_scheme);
    const place = this._measure_height_mode();
    this._frame.style.height = this.hasAttribute('data-fixed-height') ? '' : `${initial_height(this.view)}px`;
    this._show_poster();
    this._watch_visibility(place);
  }

  disconnectedCallback() {
    if (this._visibility) this._visibility.disconnect();
    if (this._resize) this._resize.disconnect();
    if (this._dpr_query) this._dpr_query.removeEventListener('change', this._on_dpr);
    if (this._dark_query) this._dark_query.removeEventListener('change', this._on_scheme);
    window.removeEventListener('hashchange', this._on_hash);
    clearTimeout(this._lost_timer);
    this._lost_timer = 0;
    clearTimeout(this._poster_timer);
    this._poster_timer = 0;
    this._destroy_core_widget();
    this._state = 'idle';
  }

  // Tries again after a failed load.
  retry() {
    this._error = null;
    this._hide_card();
    this._show_poster();
    if (this._widget || this._state === 'loading') this._set_occupation(this.occupation, 'retry');
    else this._instantiate();
  }

  // --- sharing and export ---------------------------------------------------------------------

  // The page URL with this widget's occupation and scenario in the hash.
  shareURL() {
    const url = new URL(window.location.href);
    const params = new URLSearchParams(url.hash.replace(/^#/, ''));
    const prefix = this.id ? `${this.id}.` : '';
    params.set(`${prefix}occupation`, this.occupation);
    const scenario = this.scenario;
    if (scenario && scenario !== 'v1') params.set(`${prefix}scenario`, scenario);
    else params.delete(`${prefix}scenario`);
    url.hash = params.toString();
    return url.href;
  }

  async copyLink() {
    const link = this.shareURL();
    if (this.syncUrl) this._write_hash();
    try {
      await navigator.clipboard.writeText(link);
      this._say('Link copied');
    } catch {
      this._say(`Copy this link: ${link}`);
    }
    return link;
  }

  _report() {
    if (!this._widget) return { occupation: this.occupation, scenario: this.scenario, exposure: this.score };
    const { module } = this._core();
    return JSON.parse(module.UTF8ToString(module._exposure_widget_report(this._widget)));
  }

  exportJSON() {
    const report = this._report();
    download(new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' }), `exposure-${this.occupation}.json`);
    return report;
  }

  exportCSV() {
    const report = this._report();
    const rows = [
      ['occupation', 'title', 'scenario', 'exposure'],
      [report.occupation, report.title || '', report.scenario, report.exposure],
      [],
      ['task_id', 'task', 'weight', 'exposure', 'automation', 'overridden'],
      ...(report.tasks || []).map((t) => [t.id, t.text, t.weight, t.exposure, t.automation, t.overridden]),
    ];
    const text = rows.map((row) => row.map(csv_cell).join(',')).join('\r\n') + '\r\n';
    download(new Blob([text], { type: 'text/csv' }), `exposure-${this.occupation}.csv`);
    return text;
  }

  // Draws a frame and reads the canvas in the same task (no preserved drawing buffer needed).
  exportPNG() {
    return new Promise((resolve, reject) => {
      if (!this._widget) {
        reject(new Error('the card is not drawn yet'));
        return;
      }
      this._core().module._exposure_widget_draw_now(this._widget, 0, 0); // the size asked: fresh
      this._canvas.toBlob((blob) => {
        if (!blob) {
          reject(new Error('the canvas could not be read'));
          return;
        }
        download(blob, `exposure-${this.occupation}.png`);
        resolve(blob);
      }, 'image/png');
    });
  }

  // --- internals: lifecycle -------------------------------------------------------------------

  _core() { return this._core_ref; }

  // The current occupation's code, title and default exposure, read by position when asked for.
  get _summary() {
    const position = this._index ? this._index.codes.get(this.occupation) : undefined;
    if (position === undefined) return null;
    const columns = this._index.json.occupations;
    return { code: columns.code[position], title: columns.title[position], exposure: columns.exposure[position] };
  }

  _measure_height_mode() {
    // Height from CSS when the author gave the element one: with an empty frame it keeps its height.
    const previous = this._frame.style.height;
    this._frame.style.height = '0px';
    this._toolbar.style.display = 'none';
    const place = this.getBoundingClientRect();
    const fixed = place.height > 1;
    this._toolbar.style.display = '';
    this._frame.style.height = previous;
    this.toggleAttribute('data-fixed-height', fixed);
    return place; // its top and sides hold; its height is what CSS gives, if anything
  }

  // Starts the core when the element comes within 400 px of the viewport. `place` is its rectangle at
  // connect time: already that close (the first view), it starts now, not at the observer's first
  // callback, which comes a rendering step later (~25 ms into the page's load).
  _watch_visibility(place) {
    if (this._visibility) this._visibility.disconnect();
    if (typeof IntersectionObserver !== 'function') {
      this._instantiate();
      return;
    }
    if (place && place.width > 0) { // 0 wide: not rendered (display: none), the observer decides
      const bottom = place.top + Math.max(place.height, this.hasAttribute('data-fixed-height') ? 0 : initial_height(this.view));
      if (place.top < window.innerHeight + k_start_margin && bottom > -k_start_margin &&
          place.left < window.innerWidth && place.right > 0) {
        this._instantiate(place);
        return;
      }
    }
    this._visibility = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        this._visibility.disconnect();
        this._visibility = null;
        this._instantiate();
      }
    }, { rootMargin: `${k_start_margin}px 0px` });
    this._visibility.observe(this);
  }

  // The published figures (title, code, score) in the frame until the card is drawn. While the core
  // is on its way they wait ExposureWidget.posterDelay ms: a card drawn by then replaces a poster the
  // reader would hardly have seen, and text laid out for it cost the first view 3-6 ms (on a page
  // with no text of its own, the browser's first use of its fonts; issue 7). A widget that is not
  // loading (far below the fold) shows them at once.
  async _show_poster() {
    if (this._state === 'idle') this._state = 'poster';
    try {
      this._index = await runtime().load_index();
    } catch (error) {
      this._fail(error);
      return;
    }
    clearTimeout(this._poster_timer);
    this._poster_timer = 0;
    const summary = this._summary;
    if (!summary) {
      this._poster.replaceChildren();
      if (this.occupation) this._fail(this._unknown_error(this.occupation));
      return;
    }
    this._update_label();
    const fill = () => {
      this._poster_timer = 0;
      const shown = this._summary; // the occupation may have changed meanwhile
      this._poster.replaceChildren();
      if (!shown) return;
      this._poster.append(
        element('p', { class: 'title' }, shown.title),
        element('p', { class: 'code' }, shown.code),
        element('p', { class: 'score' }, format_score(shown.exposure)),
        element('p', { class: 'label' }, 'AI exposure, 0–100 (published method)'));
    };
    if ((this._state === 'loading' || this._state === 'ready') && !this._loaded) {
      this._poster.replaceChildren();
      this._poster_timer = setTimeout(fill, ExposureWidget.posterDelay);
    } else {
      fill();
    }
  }

  // The toolbar's buttons, made with the card's first frame (their text is laid out after it).
  _show_toolbar() {
    if (!this._toolbar_made) {
      this._toolbar_made = true;
      const button = (label, action, title) => {
        const b = element('button', { type: 'button', title }, label);
        b.addEventListener('click', () => action.call(this));
        return b;
      };
      this._status.before(
        button('Copy link', this.copyLink, 'Copy a link to this occupation and scenario'),
        button('JSON', this.exportJSON, 'Download the scenario and scores as JSON'),
        button('CSV', this.exportCSV, 'Download the scenario and scores as CSV'),
        button('PNG', this.exportPNG, 'Download the card as a PNG image'));
    }
    this._toolbar.style.visibility = '';
  }

  // The canvas's WebGL2 context (made once; getContext hands the same one back later, also to the
  // core); null when the browser gives none.
  _make_gl_context() {
    if (!this._gl) {
      try {
        this._gl = this._canvas.getContext('webgl2', k_gl_attributes);
      } catch {
        this._gl = null;
      }
      if (this._gl) {
        // Listened to from the context's birth, not from the core's start: a context lost before
        // the core attaches (a GPU process that restarts while the wasm loads) comes back only if
        // its loss event was default-prevented. The core listens too, once it runs.
        this._canvas.addEventListener('webglcontextlost', (event) => {
          event.preventDefault();
          this._context_lost();
        });
        this._canvas.addEventListener('webglcontextrestored', () => this._context_restored());
        if (this._gl.isContextLost()) this._context_lost();
      }
    }
    return this._gl;
  }

  // The canvas's context is lost: the browser is asked for it back (above). If it is not back
  // within ExposureWidget.contextRestoreTimeout, the published figures replace the blank canvas
  // until it is, with an error event (code context-lost) so the page knows.
  _context_lost() {
    clearTimeout(this._lost_timer);
    this._lost_timer = setTimeout(() => {
      this._lost_timer = 0;
      if (!this.isConnected || this._state === 'fallback' || !this._gl.isContextLost()) return;
      this._published_card(new WidgetError('context-lost',
        'The graphics context was lost and has not come back'),
        'The interactive view lost its graphics context; showing the published figures until it is back.');
    }, ExposureWidget.contextRestoreTimeout);
  }

  _context_restored() {
    clearTimeout(this._lost_timer);
    this._lost_timer = 0;
    // The published card (or its pending request, which then shows nothing) goes with the error.
    if (this._error && this._error.code === 'context-lost') {
      this._error = null;
      this._hide_card();
    }
    this._redraw();
  }

  _unknown_error(code) {
    return new WidgetError('unknown-occupation', `"${code}" is not an O*NET-SOC occupation code in this data`);
  }

  // `place`: the element's rectangle measured at connect in this task (the first view), or none.
  async _instantiate(place = null) {
    if (this._widget || this._state === 'loading' || !this.isConnected) return;
    this._state = 'loading';
    const rt = runtime();
    if (typeof WebAssembly !== 'object') {
      await this._fallback(new WidgetError('no-wasm', 'This browser cannot run WebAssembly'));
      return;
    }
    // The canvas's real context, made before the wasm is fetched: a browser without WebGL2 gets the
    // fallback card and no wasm (no throwaway probe context either).
    if (!rt.core) rt.prefetch_core();
    // The drawing buffer made at its size with the context, when the size is known now: made at the
    // default 300 x 150 and resized when the ResizeObserver reports, it was made twice (the resize was
    // 4.3 ms of the first view's main thread, issue 7). The observer's report then changes nothing.
    if (place && place.width > 0 && !this._gl && !this.hasAttribute('data-fixed-height')) {
      this._canvas.width = device_px(place.width);
      this._canvas.height = device_px(initial_height(this.view));
    }
    if (!this._make_gl_context()) {
      await this._fallback(new WidgetError('no-webgl2', 'This browser has no WebGL2'));
      return;
    }
    // Laid out now, invisible, while the core loads: showing it later is paint only, so the first
    // frame's size query does not force that layout.
    this._canvas.style.visibility = 'hidden';
    this._canvas.hidden = false;
    this._observe_size();
    // The occupation's detail is fetched now, beside the core and the index (issue 7): waiting for
    // the index to say whether it holds the code put the detail's request behind the main thread's
    // first long tasks (the index's response is read only once they end), and the core's start waits
    // for the detail. Only a code of the O*NET-SOC form is fetched; one the index does not hold costs
    // one failed request, and the error card says it is unknown.
    const wanted = this.occupation;
    const detail_loaded = k_onet_code.test(wanted) // resolves to the failure, or null
      ? rt.load_detail(wanted).then(() => null, (error) => error)
      : null;
    const core_loaded = rt.load_core(detail_loaded); // requests the wasm (and handles its failure)
    // The scenario kept for this occupation, read once the wasm is requested, while the core loads:
    // a page's first read of localStorage waits for the browser to load it (~4 ms that were in the
    // first view's one long task).
    const kept = this._pending_scenario || this.hasAttribute('no-storage') || !wanted
      ? null : storage_get(k_storage_prefix + wanted);
    let core;
    let detail_failure = null;
    try {
      core = await core_loaded;
      this._index = await rt.load_index();
      // The widget starts once its data is here too, so its first frame (the costly one: font atlas,
      // shaders, first canvas commit) draws the card. Started without it, it drew an empty card first
      // and the data a frame or more later: the detail's response waited behind those long frames.
      // A failed detail is reported below, once the widget exists, without a second request.
      if (detail_loaded) detail_failure = await detail_loaded;
    } catch (error) {
      this._state = 'error';
      this._canvas.hidden = true;
      this._fail(error);
      return;
    }
    if (!this.isConnected || this._widget) return;
    this._core_ref = core;
    const { module, library } = core;
    this._canvas_id = `#exposure-canvas-${rt.next_canvas++}`;
    module.specialHTMLTargets[this._canvas_id] = this._canvas;
    this._canvas.style.visibility = '';
    const widget = with_string(module, this._canvas_id, (ptr) => module._exposure_widget_create(library, ptr));
    if (!widget) {
      delete module.specialHTMLTargets[this._canvas_id];
      this._canvas.hidden = true;
      await this._fallback(new WidgetError('no-webgl2', module.UTF8ToString(module._exposure_library_error(library))));
      return;
    }
    this._widget = widget;
    rt.widgets.set(widget, this);
    this._state = 'ready';
    module._exposure_widget_set_view(widget, k_views.indexOf(this.view));
    this._apply_theme();
    this._watch_pixel_ratio();

    // Scenario: the attribute or the URL hash, else the last one kept for this occupation.
    const code = this.occupation;
    let scenario = this._pending_scenario;
    let cause = 'initial';
    if (!scenario && !this.hasAttribute('no-storage') && code) {
      scenario = code === wanted ? kept : storage_get(k_storage_prefix + code);
      cause = 'restore';
    }
    if (scenario) this._set_scenario(scenario, cause);
    else this._scenario = this._read_core_scenario();
    if (code) this._set_occupation(code, 'initial', code === wanted ? detail_failure : null);
    else this._redraw();
  }

  async _fallback(error) {
    // No WebGL2 or no wasm: a readable card with the headline and the task table, and an error
    // event so the page knows. The export buttons need the core: no toolbar.
    this._state = 'fallback';
    this._toolbar.hidden = true;
    await this._published_card(error, 'Interactive view unavailable in this browser; showing the published figures.');
  }

  // Reports `error`, then shows the occupation's published headline and task table with `message`.
  async _published_card(error, message) {
    this._emit_error(error);
    try {
      this._index = await runtime().load_index();
      const summary = this._summary;
      if (!summary) {
        if (this.occupation) this._fail(this._unknown_error(this.occupation));
        return;
      }
      const detail = await runtime().load_detail(summary.code);
      // Cleared (the context came back) or replaced (a later failure owns the card) meanwhile.
      if (!this._error || this._error.code !== error.code) return;
      this._show_card({
        title: summary.title, code: summary.code, score: summary.exposure,
        message, tasks: detail.json.tasks, visible_table: true,
      });
    } catch (failure) {
      this._fail(failure);
    }
  }

  _destroy_core_widget() {
    if (!this._widget) return;
    const { module } = this._core();
    runtime().widgets.delete(this._widget);
    module._exposure_widget_destroy(this._widget);
    delete module.specialHTMLTargets[this._canvas_id];
    this._widget = 0;
    this._canvas.hidden = true;
  }

  // Redraws when the frame's size changes. Its first report comes while the core loads: the canvas's
  // drawing buffer gets its size then (the core's first frame would have resized it from 300 x 150,
  // on the way to the first view), the same size the core computes (CSS px x devicePixelRatio).
  _observe_size() {
    if (this._resize) this._resize.disconnect();
    this._resize = new ResizeObserver((entries) => {
      const { width, height } = entries[entries.length - 1].contentRect;
      this._observed_height = height;
      if (width !== this._observed_width) {
        this._observed_width = width;
        this._reset_fit();
      }
      if (!this._widget && width > 0 && height > 0) {
        // Set only when it differs: setting a canvas's size, even to the same value, makes its
        // drawing buffer anew.
        if (this._canvas.width !== device_px(width)) this._canvas.width = device_px(width);
        if (this._canvas.height !== device_px(height)) this._canvas.height = device_px(height);
      }
      this._redraw();
    });
    this._resize.observe(this._frame);
  }

  _watch_pixel_ratio() {
    if (!window.matchMedia) return;
    if (this._dpr_query) this._dpr_query.removeEventListener('change', this._on_dpr);
    this._on_dpr = () => {
      this._redraw();
      this._watch_pixel_ratio(); // the query names the old ratio: watch the new one
    };
    this._dpr_query = window.matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
    this._dpr_query.addEventListener('change', this._on_dpr);
  }

  _redraw() {
    if (this._widget) this._core().module._exposure_widget_request_frame(this._widget);
  }

  // --- internals: state -----------------------------------------------------------------------

  // `failure`: the detail of `code` already failed to load (at start-up); shown without asking again.
  async _set_occupation(code, cause, failure = null) {
    this._occupation = code;
    this._loaded_for = null;
    if (!this._widget) {
      this._show_poster();
      return;
    }
    const { module, library } = this._core();
    const unknown = with_string(module, code, (ptr) => module._exposure_widget_set_occupation(this._widget, library, ptr));
    if (unknown) {
      this._fail(this._unknown_error(code));
      return;
    }
    this._error = null;
    this._hide_card();
    if (cause === 'attribute' || cause === 'hash') {
      // A new occupation starts from its kept scenario unless a scenario was given with it.
      const kept = !this.hasAttribute('no-storage') ? storage_get(k_storage_prefix + code) : null;
      if (kept && cause === 'attribute' && !this.hasAttribute('scenario')) this._set_scenario(kept, 'restore');
    }
    try {
      if (failure) throw failure;
      await runtime().give_detail(code);
    } catch (error) {
      this._detail_failed(code, error);
      return;
    }
    if (code !== this._occupation) return;
    if (cause === 'initial' && !this._loaded) {
      // The first frame now rather than at the next animation frame: the data is here. Its notices
      // follow in this task (data drawn: the table and the load event).
      if (this.framesDrawn === 0) module._exposure_widget_draw_now(this._widget, ...this._known_canvas_size());
      return;
    }
    this._table_from_report();
    if (cause !== 'initial') this._changed();
  }

  // A detail request failed: shown only if it is still this widget's occupation and no other
  // request (a retry) has loaded it meanwhile.
  _detail_failed(code, error) {
    if (code !== this._occupation || !this._widget) return;
    const { module, library } = this._core();
    if (with_string(module, code, (ptr) => module._exposure_library_has_detail(library, ptr))) return;
    this._fail(error);
  }

  _read_core_scenario() {
    const { module } = this._core();
    return module.UTF8ToString(module._exposure_widget_scenario(this._widget));
  }

  _set_scenario(text, cause) {
    if (!this._widget) {
      this._pending_scenario = text;
      return;
    }
    const { module } = this._core();
    const problem = with_string(module, text || 'v1', (ptr) => module.UTF8ToString(module._exposure_widget_set_scenario(this._widget, ptr)));
    if (problem) {
      const error = new WidgetError('bad-scenario', `The scenario "${text}" was not applied: ${problem}`);
      this._emit_error(error);
      // The last good card stays up (an error card would hide it): the refusal shows in the status line.
      this._say(error.message);
      if (cause === 'restore' && !this.hasAttribute('no-storage')) storage_set(k_storage_prefix + this.occupation, null);
      // What is shown is what the core kept (the default on a first load).
      this._pending_scenario = null;
      this._scenario = this._read_core_scenario();
      return;
    }
    this._pending_scenario = null;
    this._scenario = this._read_core_scenario();
    if (cause === 'attribute' || cause === 'hash') this._changed();
  }

  // After every change of occupation or scenario: keep, sync, announce, tell the page.
  _changed() {
    if (!this._widget) return;
    this._reset_fit();
    this._scenario = this._read_core_scenario();
    const code = this.occupation;
    if (code && !this.hasAttribute('no-storage')) {
      storage_set(k_storage_prefix + code, this._scenario && this._scenario !== 'v1' ? this._scenario : null);
    }
    if (this.syncUrl) this._write_hash();
    const score = this.score;
    this._update_label();
    this._announce(score);
    this._table_from_report();
    this.dispatchEvent(new CustomEvent('change', {
      bubbles: true, composed: true,
      detail: { occupation: code, score, scenario: this._scenario },
    }));
  }

  _notice(kind, text, value) {
    if (!this._widget) return;
    if (kind === k_notice.want_detail) {
      // While the error card is up, "Try again" asks; the ui asking every frame must not.
      if (!this._card.hidden) return;
      runtime().give_detail(text).catch((error) => this._detail_failed(text, error));
    } else if (kind === k_notice.changed) {
      if (text === 'occupation') {
        const { module } = this._core();
        this._occupation = module.UTF8ToString(module._exposure_widget_occupation(this._widget));
        if (this._poster) this._show_poster();
      }
      this._changed();
    } else if (kind === k_notice.content_height) {
      this._content_height = value;
      if (!this.hasAttribute('data-fixed-height') && value > 0) this._fit_height(Math.ceil(value));
    } else if (kind === k_notice.error) {
      this._emit_error(new WidgetError('ui', text));
    } else if (kind === k_notice.open_url) {
      // Only web links, resolved against the page; opened in a new tab without access to this one.
      let url = null;
      try { url = new URL(text, document.baseURI); } catch { url = null; }
      if (url && (url.protocol === 'https:' || url.protocol === 'http:')) window.open(url.href, '_blank', 'noopener');
    } else if (kind === k_notice.cannot_draw) {
      // WebGL2 is there but cannot draw the card (its program did not link, or a build's font could
      // not be read): the published figures, as without WebGL2. The core draws nothing more on this
      // canvas.
      this._canvas.hidden = true;
      this._fallback(new WidgetError('no-webgl2', `WebGL2 cannot draw the card: ${text}`));
    } else if (kind === k_notice.data_drawn) {
      this._poster.hidden = true;
      clearTimeout(this._poster_timer);
      this._poster_timer = 0;
      this._update_label();
      this._show_toolbar();
      if (!this._loaded) {
        this._loaded = true;
        this._last_announced = format_score(this.score); // said by the canvas's label; changes are announced
        this.dispatchEvent(new CustomEvent('load', {
          bubbles: true, composed: true, detail: { occupation: text, score: this.score },
        }));
        // The screen readers' table after the event: the page hears the card is drawn first.
        this._table_from_report();
      }
    }
  }

  // Sizes the frame to the content. A height that comes back (A, B, A) means the content depends on
  // the height itself (a scrollbar that appears when the frame is shorter re-wraps the text): the
  // larger height is kept, which needs no scrollbar, until the width or the content changes.
  _fit_height(height) {
    if (!this._heights) this._heights = new Set();
    if (this._heights.has(height) && this._heights.size > 1) height = Math.max(...this._heights);
    this._heights.add(height);
    // Up to the element's CSS max-height (else auto_height_cap()); beyond it the card scrolls inside.
    // The toolbar is measured only under a max-height: its size is a forced layout right after a
    // frame (which wrote styles), and most pages set none.
    const max_css = parseFloat(getComputedStyle(this).maxHeight);
    const cap = Number.isFinite(max_css)
      ? Math.max(120, max_css - this._toolbar.getBoundingClientRect().height)
      : auto_height_cap();
    const css = `${Math.min(height, cap)}px`;
    if (this._frame.style.height !== css) this._frame.style.height = css;
  }

  // The canvas's CSS size as the ResizeObserver last saw it, while the frame's height is still the
  // one it saw; else [0, 0]: the core asks the browser. Asked, the browser lays the page out first
  // when this task changed the shadow tree (the first frame's task does: issue 7, 3-4 ms).
  _known_canvas_size() {
    const width = this._observed_width || 0;
    const height = this._observed_height || 0;
    const set_height = parseFloat(this._frame.style.height);
    const current = this.hasAttribute('data-fixed-height') || Math.abs(set_height - height) < 0.5;
    return width > 0 && height > 0 && current ? [width, height] : [0, 0];
  }

  _reset_fit() {
    this._heights = null;
  }

  _apply_theme() {
    const theme = this.theme;
    const system_dark = Boolean(this._dark_query && this._dark_query.matches);
    this.toggleAttribute('data-dark', theme === 'dark' || (theme === 'auto' && system_dark));
    if (this._widget) this._core().module._exposure_widget_set_theme(this._widget, k_themes.indexOf(theme), system_dark ? 1 : 0);
  }

  _apply_view() {
    this._reset_fit();
    if (!this.hasAttribute('data-fixed-height') && !this._content_height) this._frame.style.height = `${initial_height(this.view)}px`;
    if (this._widget) this._core().module._exposure_widget_set_view(this._widget, k_views.indexOf(this.view));
  }

  // --- internals: URL hash --------------------------------------------------------------------

  _sync_hash_listener() {
    window.removeEventListener('hashchange', this._on_hash);
    if (this.syncUrl) window.addEventListener('hashchange', this._on_hash);
  }

  _read_hash(apply) {
    const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
    const prefix = this.id ? `${this.id}.` : '';
    const code = params.get(`${prefix}occupation`);
    const scenario = params.get(`${prefix}scenario`);
    if (!apply) {
      if (code) this._occupation = code;
      if (scenario) this._pending_scenario = scenario;
      return;
    }
    if (scenario !== null && scenario !== this.scenario) this._set_scenario(scenario, code && code !== this.occupation ? 'restore' : 'hash');
    if (code && code !== this.occupation) this._set_occupation(code, 'hash');
  }

  _write_hash() {
    const url = new URL(this.shareURL());
    if (url.hash !== window.location.hash) history.replaceState(history.state, '', url.href);
  }

  // --- internals: accessibility and messages --------------------------------------------------

  _update_label() {
    const summary = this._summary;
    const score = this.score;
    const label = summary
      ? `Exposure Explorer: ${summary.title} (${summary.code}), AI exposure ${format_score(score)} of 100`
      : 'Exposure Explorer';
    this._canvas.setAttribute('aria-label', label);
  }

  _announce(score) {
    const rounded = format_score(score);
    if (rounded === this._last_announced) return;
    this._last_announced = rounded;
    // Before the card is drawn the canvas's label says it; no text is laid out for it then.
    if (!this._loaded) return;
    const summary = this._summary;
    this._live.textContent = `${summary ? summary.title : this.occupation}: AI exposure ${rounded} of 100`;
  }

  _say(text) {
    this._status.textContent = text;
    this._live.textContent = text;
  }

  // The tasks and scores as an HTML table (for screen readers; visible in the fallback card).
  _table(tasks, caption) {
    const table = element('table');
    table.append(element('caption', {}, caption));
    const head = element('tr');
    head.append(element('th', { scope: 'col' }, 'Task'), element('th', { scope: 'col', class: 'number' }, 'Exposure'),
      element('th', { scope: 'col', class: 'number' }, 'AI can handle'));
    table.append(head);
    for (const task of tasks || []) {
      const row = element('tr');
      const automation = task.automation_value !== undefined ? task.automation_value : task.automation;
      row.append(element('td', {}, String(task.text || '')),
        element('td', { class: 'number' }, format_score(typeof task.exposure === 'number' ? task.exposure : NaN)),
        element('td', { class: 'number' }, format_score(typeof automation === 'number' ? automation : NaN)));
      table.append(row);
    }
    return table;
  }

  _table_from_report() {
    if (!this._widget) return;
    const report = this._report();
    if (!report.tasks) return;
    this._table_holder.replaceChildren(this._table(report.tasks, `Tasks of ${report.title || report.occupation}, exposure under the current scenario (0–100)`));
  }

  _show_card({ title, code, score, message, tasks, visible_table, retry }) {
    this._card.replaceChildren();
    if (title) this._card.append(element('p', { class: 'title' }, title));
    if (code) this._card.append(element('p', { class: 'code' }, code));
    if (Number.isFinite(score)) {
      this._card.append(element('p', { class: 'score' }, format_score(score)),
        element('p', { class: 'label' }, 'AI exposure, 0–100 (published method)'));
    }
    if (message) this._card.append(element('p', { class: 'message' }, message));
    if (retry) {
      const button = element('button', { type: 'button' }, 'Try again');
      button.addEventListener('click', () => this.retry());
      this._card.append(button);
    }
    if (tasks && visible_table) {
      this._card.append(this._table(tasks, `Tasks of ${title} and their exposure (0–100)`));
      this._table_holder.replaceChildren();
    }
    this._poster.hidden = true;
    this._card.hidden = false;
    if (!this.hasAttribute('data-fixed-height')) this._frame.style.height = '';
    this._frame.style.minHeight = '200px';
    // The card sets its own height: let it flow.
    this._card.style.position = 'relative';
  }

  // Hides the error or published card. The card let the frame follow its own height: the frame
  // takes the content's again (the core reports it only when it changes), else the view's first one.
  _hide_card() {
    if (this._card.hidden) return;
    this._card.hidden = true;
    this._card.style.position = '';
    this._frame.style.minHeight = '';
    if (!this.hasAttribute('data-fixed-height')) {
      this._reset_fit();
      if (this._content_height > 0) this._fit_height(Math.ceil(this._content_height));
      else this._frame.style.height = `${initial_height(this.view)}px`;
    }
  }

  _fail(error) {
    const code = error.code || 'error';
    // The poster and the core (or the ui's own request for the same file) may meet the same failure:
    // one event for it while its card is up.
    const repeated = this._error && this._error.code === code && this._error.message === error.message &&
      (code === 'unknown-occupation' || !this._card.hidden);
    if (!repeated) this._emit_error(error);
    const summary = code === 'unknown-occupation' ? null : this._summary;
    const retry = code === 'fetch-failed' || code === 'bad-data' || code === 'error';
    this._show_card({
      title: summary ? summary.title : 'Exposure Explorer',
      code: summary ? summary.code : '',
      score: summary ? summary.exposure : NaN,
      message: error.message,
      retry,
    });
  }

  _emit_error(error) {
    this._error = { message: error.message, code: error.code || 'error' };
    this.dispatchEvent(new CustomEvent('error', { bubbles: true, composed: true, detail: this._error }));
  }
}

ExposureWidget.runtime = null; // the page's shared Runtime, made on first use
ExposureWidget.sheet = null;   // the shared constructed stylesheet
ExposureWidget.fetchTimeout = 20000; // ms a data fetch may take before it counts as failed
ExposureWidget.contextRestoreTimeout = 3000; // ms a lost WebGL context may take to come back
ExposureWidget.posterDelay = 250; // ms the published figures wait for the card while the core loads

if (!customElements.get('exposure-widget')) customElements.define('exposure-widget', ExposureWidget);

export { ExposureWidget };
