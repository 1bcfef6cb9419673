// Exposure Explorer web platform: one <canvas> with its own WebGL2 context and its own Dear ImGui
// context, over emscripten/html5.h (issue 2, item 6). Emscripten's built-in GLFW is not used: it
// listens for keys on the whole page, has no HiDPI, clipboard or touch, and blocks page scrolling.
// Here every listener sits on this canvas only, so many widgets can share a page:
//   - pointer: mouse and pen (as mouse events), touch (first finger), with the page's JavaScript
//     capturing the pointer on press so a drag that leaves the canvas still ends;
//   - wheel: handed to ImGui and taken from the page only where the hovered content can scroll;
//   - keys and text: only while the canvas has focus (the canvas is the key event target);
//   - clipboard: writes go to navigator.clipboard, reads come from the browser's paste event;
//   - backing store at CSS size x devicePixelRatio, fonts rebuilt when the ratio changes;
//   - drawing on demand with requestAnimationFrame: a frame only when input, data or an animation
//     needs one.
// The canvas is named by a CSS selector; a canvas inside a shadow root is reachable when the page's
// script registered it in Module.specialHTMLTargets under that selector.
//
// Index of this file:
// [SECTION] JavaScript glue (cursor, clipboard, paste listener)
// [SECTION] Keys
// [SECTION] Input queue
// [SECTION] Impl: contexts and listeners
// [SECTION] Impl: frames
// [SECTION] Platform

#include "platform/platform.hpp"
#include "platform/web/webgl2_renderer.hpp"

#include <emscripten/emscripten.h>
#include <emscripten/eventloop.h>
#include <emscripten/html5.h>
#include <emscripten/html5_webgl.h>
#include <GLES3/gl3.h>

#include "imgui.h"
#include "imgui_internal.h" // hovered window and its scroll limits, to decide who gets the wheel

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <deque>
#include <string_view>

namespace exposure::platform {

//-----------------------------------------------------------------------------
// [SECTION] JavaScript glue (cursor, clipboard, paste listener)
//-----------------------------------------------------------------------------
// html5.h has no cursor, clipboard or paste API; these few lines of JavaScript are compiled into
// the module's own file (no eval), so they work under a strict Content-Security-Policy.

// The element a selector names: a registered special target first, else the document.
EM_JS(void, exposure_web_set_cursor, (const char* target, const char* cursor), {
    var name = UTF8ToString(target);
    var specials = Module['specialHTMLTargets'] || {};
    var element = specials[name] || document.querySelector(name);
    if (element) element.style.cursor = UTF8ToString(cursor);
});

EM_JS(void, exposure_web_write_clipboard, (const char* text), {
    var value = UTF8ToString(text);
    if (navigator.clipboard && navigator.clipboard.writeText) {
        // Rejected without a user gesture or permission: nothing to do, the copy just did not happen.
        navigator.clipboard.writeText(value).catch(function() {});
    }
});

// Receives pasted text (EM_JS parameters must be plain names: hence the alias).
using PasteCallback = void (*)(void* user, const char* text);

// Listens for paste on the canvas and hands the text to `callback(user, text)`; the key for removal
// is the user pointer.
EM_JS(void, exposure_web_listen_paste, (const char* target, void* user, PasteCallback callback), {
    var name = UTF8ToString(target);
    var specials = Module['specialHTMLTargets'] || {};
    var element = specials[name] || document.querySelector(name);
    if (!element) return;
    var listeners = Module['exposurePasteListeners'] || (Module['exposurePasteListeners'] = new Map());
    var listener = function(event) {
        var text = event.clipboardData ? event.clipboardData.getData('text/plain') : "";
        if (!text) return;
        event.preventDefault();
        var size = lengthBytesUTF8(text) + 1;
        var copy = _malloc(size);
        stringToUTF8(text, copy, size);
        wasmTable.get(callback)(user, copy);
        _free(copy);
    };
    element.addEventListener('paste', listener);
    listeners.set(user, { element: element, listener: listener });
});

EM_JS(void, exposure_web_unlisten_paste, (void* user), {
    var listeners = Module['exposurePasteListeners'];
    var entry = listeners && listeners.get(user);
    if (!entry) return;
    entry.element.removeEventListener('paste', entry.listener);
    listeners.delete(user);
});

EM_JS(int, exposure_web_prefers_dark, (), {
    return (typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches) ? 1 : 0;
});

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Keys
//-----------------------------------------------------------------------------
// ImGui 1.86 reads keys from io.KeysDown[] through io.KeyMap; we use the ImGuiKey_ value itself as
// the index, so the map is the identity and only the keys ImGui acts on are tracked.

// DOM KeyboardEvent.key (or .code for the letter shortcuts, which must not depend on the layout)
// to an ImGuiKey_ index; -1 for keys ImGui does not use.
int key_index(std::string_view key, std::string_view code) {
    struct Name {
        std::string_view name;
        int key;
    };
    static constexpr Name k_keys[] = {
        {"Tab", ImGuiKey_Tab},         {"ArrowLeft", ImGuiKey_LeftArrow}, {"ArrowRight", ImGuiKey_RightArrow},
        {"ArrowUp", ImGuiKey_UpArrow}, {"ArrowDown", ImGuiKey_DownArrow}, {"PageUp", ImGuiKey_PageUp},
        {"PageDown", ImGuiKey_PageDown}, {"Home", ImGuiKey_Home},         {"End", ImGuiKey_End},
        {"Insert", ImGuiKey_Insert},   {"Delete", ImGuiKey_Delete},       {"Backspace", ImGuiKey_Backspace},
        {" ", ImGuiKey_Space},         {"Enter", ImGuiKey_Enter},         {"Escape", ImGuiKey_Escape},
    };
    static constexpr Name k_codes[] = {
        {"KeyA", ImGuiKey_A}, {"KeyC", ImGuiKey_C}, {"KeyV", ImGuiKey_V},
        {"KeyX", ImGuiKey_X}, {"KeyY", ImGuiKey_Y}, {"KeyZ", ImGuiKey_Z},
    };
    if (code == "NumpadEnter") return ImGuiKey_KeyPadEnter;
    for (const Name& entry : k_codes)
        if (entry.name == code) return entry.key;
    for (const Name& entry : k_keys)
        if (entry.name == key) return entry.key;
    return -1;
}

// The one code point a KeyboardEvent.key names when it is printable text, else 0.
unsigned printable_code_point(const char* key) {
    const auto* s = reinterpret_cast<const unsigned char*>(key);
    unsigned c = 0;
    int extra = 0;
    if (s[0] == 0) return 0;
    if (s[0] < 0x80) c = s[0];
    else if ((s[0] & 0xE0) == 0xC0) c = s[0] & 0x1F, extra = 1;
    else if ((s[0] & 0xF0) == 0xE0) c = s[0] & 0x0F, extra = 2;
    else if ((s[0] & 0xF8) == 0xF0) c = s[0] & 0x07, extra = 3;
    else return 0;
    for (int i = 1; i <= extra; ++i) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (s[extra + 1] != 0) return 0; // a named key such as "Shift" or "F1"
    return c >= 0x20 && c != 0x7F ? c : 0;
}

//-----------------------------------------------------------------------------
// [SECTION] Input queue
//-----------------------------------------------------------------------------
// ImGui 1.86 has no input queue (1.87 added one): a press and a release seen in the same frame
// would be lost. Events wait here and each frame takes them in order until one would change a
// button or key that already changed in this frame; the rest go to the next frame.

struct InputEvent {
    enum class Kind : uint8_t { MousePos, MouseButton, Wheel, Key, Text, Focus, Modifiers };
    Kind kind = Kind::MousePos;
    float x = 0, y = 0;  // MousePos: logical px; Wheel: ImGui wheel units (h, v)
    int index = 0;       // MouseButton: button 0-4; Key: ImGuiKey_ index
    bool down = false;   // MouseButton / Key / Focus
    unsigned text = 0;   // Text: code point
    uint8_t modifiers = 0; // Modifiers: bit 0 ctrl, 1 shift, 2 alt, 3 super
};

uint8_t modifier_bits(bool ctrl, bool shift, bool alt, bool meta) {
    return uint8_t((ctrl ? 1 : 0) | (shift ? 2 : 0) | (alt ? 4 : 0) | (meta ? 8 : 0));
}

// Applies queued events to the current ImGui context, stopping where a second change of the same
// button or key would be lost. Returns how many events were taken.
size_t apply_input(std::deque<InputEvent>& queue) {
    ImGuiIO& io = ImGui::GetIO();
    bool button_changed = false;
    bool key_changed[ImGuiKey_COUNT] = {};
    size_t taken = 0;
    while (!queue.empty()) {
        const InputEvent& event = queue.front();
        switch (event.kind) {
        case InputEvent::Kind::MousePos:
            if (button_changed) return taken; // the press must be seen where it happened
            io.MousePos = ImVec2(event.x, event.y);
            break;
        case InputEvent::Kind::MouseButton:
            if (button_changed) return taken;
            io.MouseDown[event.index] = event.down;
            button_changed = true;
            break;
        case InputEvent::Kind::Wheel:
            io.MouseWheelH += event.x;
            io.MouseWheel += event.y;
            break;
        case InputEvent::Kind::Key:
            if (key_changed[event.index]) return taken;
            io.KeysDown[event.index] = event.down;
            key_changed[event.index] = true;
            break;
        case InputEvent::Kind::Modifiers:
            io.KeyCtrl = event.modifiers & 1;
            io.KeyShift = event.modifiers & 2;
            io.KeyAlt = event.modifiers & 4;
            io.KeySuper = event.modifiers & 8;
            break;
        case InputEvent::Kind::Text:
            io.AddInputCharacter(event.text);
            break;
        case InputEvent::Kind::Focus:
            io.AddFocusEvent(event.down);
            if (!event.down) {
                std::fill(std::begin(io.KeysDown), std::end(io.KeysDown), false);
                io.KeyCtrl = io.KeyShift = io.KeyAlt = io.KeySuper = false;
            }
            break;
        }
        queue.pop_front();
        ++taken;
    }
    return taken;
}

// Wheel delta in CSS px from a DOM wheel event (line and page modes converted).
double wheel_pixels(double delta, unsigned long mode, double page) {
    if (mode == DOM_DELTA_LINE) return delta * 16.0;
    if (mode == DOM_DELTA_PAGE) return delta * page;
    return delta;
}

// The front-most window at `pos` in the last frame's layout (as ImGui 1.86's FindHoveredWindow,
// without resize padding): the wheel's target is known before the next frame runs.
ImGuiWindow* window_at(const ImGuiContext& g, ImVec2 pos) {
    for (int i = g.Windows.Size - 1; i >= 0; --i) {
        ImGuiWindow* window = g.Windows[i];
        if (!window->Active || window->Hidden || (window->Flags & ImGuiWindowFlags_NoMouseInputs)) continue;
        if (window->OuterRectClipped.Contains(pos)) return window;
    }
    return nullptr;
}

// Whether the window under the pointer (or the ancestor ImGui would hand the wheel to) can still
// scroll in the direction of the wheel. Mirrors ImGui 1.86's UpdateMouseWheel() walk.
bool can_scroll(const ImGuiContext& g, ImVec2 pos, float wheel_h, float wheel_v) {
    ImGuiWindow* window = g.WheelingWindow ? g.WheelingWindow : window_at(g, pos);
    if (!window || window->Collapsed) return false;
    const bool vertical = std::fabs(wheel_v) >= std::fabs(wheel_h);
    const float wheel = vertical ? wheel_v : wheel_h;
    if (wheel == 0) return false;
    auto limit = [&](const ImGuiWindow* w) { return vertical ? w->ScrollMax.y : w->ScrollMax.x; };
    while ((window->Flags & ImGuiWindowFlags_ChildWindow) &&
           (limit(window) == 0.0f || ((window->Flags & ImGuiWindowFlags_NoScrollWithMouse) &&
                                      !(window->Flags & ImGuiWindowFlags_NoMouseInputs))))
        window = window->ParentWindow;
    if ((window->Flags & ImGuiWindowFlags_NoScrollWithMouse) || (window->Flags & ImGuiWindowFlags_NoMouseInputs))
        return false;
    const float position = vertical ? window->Scroll.y : window->Scroll.x;
    // ImGui's wheel > 0 scrolls towards the start.
    return wheel > 0 ? position > 0.5f : position < limit(window) - 0.5f;
}

const char* css_cursor(ImGuiMouseCursor cursor) {
    switch (cursor) {
    case ImGuiMouseCursor_None: return "none";
    case ImGuiMouseCursor_TextInput: return "text";
    case ImGuiMouseCursor_ResizeAll: return "move";
    case ImGuiMouseCursor_ResizeNS: return "ns-resize";
    case ImGuiMouseCursor_ResizeEW: return "ew-resize";
    case ImGuiMouseCursor_ResizeNESW: return "nesw-resize";
    case ImGuiMouseCursor_ResizeNWSE: return "nwse-resize";
    case ImGuiMouseCursor_Hand: return "pointer";
    case ImGuiMouseCursor_NotAllowed: return "not-allowed";
    default: return "default";
    }
}

// Frames drawn after the last input or data change even when the host asks for none: ImGui settles
// hover state, window sizes and text layout over a couple of frames.
constexpr int k_settle_frames = 2;

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Impl: contexts and listeners
//-----------------------------------------------------------------------------

struct Platform::Impl {
    std::string target; // CSS selector of the canvas
    EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl = 0;
    ImGuiContext* imgui = nullptr;
    Host* host = nullptr;
    std::string error;
    Image no_image; // the web keeps no frame copy: export reads the canvas itself

    std::deque<InputEvent> input;
    std::string clipboard; // last pasted text, what ImGui's paste reads
    long animation_frame = 0; // pending requestAnimationFrame id, 0 when none
    long listen_timer = 0;    // pending setTimeout that sets the listeners (open), 0 when none
    uint64_t frames_drawn = 0; // frames draw() completed (a synchronous run checks it drew one)
    // Draws ImGui's draw data into this canvas's context, and holds its font texture. A shared atlas
    // (WindowSpec::fonts) holds one texture id for all the contexts drawing with it; each puts its
    // own back before its frame.
    WebGl2Renderer renderer;
    int settle = 0;
    bool context_lost = false;
    bool renderer_checked = false;  // the renderer's program was checked after its first frame
    bool cannot_draw = false;       // it was refused: nothing more is drawn (Host::cannot_draw)
    float fonts_pixel_ratio = 0;    // ratio the font atlas was last built for
    double last_time_ms = 0;
    const char* cursor = nullptr;
    uint8_t modifiers = 0;
    int touch_id = -1; // the finger that drives the pointer

    bool create_gl() {
        EmscriptenWebGLContextAttributes attributes;
        emscripten_webgl_init_context_attributes(&attributes);
        attributes.majorVersion = 2;
        attributes.minorVersion = 0;
        attributes.alpha = EM_FALSE; // opaque card: no blending with the page, PNG export as seen
        attributes.depth = EM_FALSE;
        attributes.stencil = EM_FALSE;
        attributes.antialias = EM_FALSE; // ImGui anti-aliases its own shapes
        attributes.premultipliedAlpha = EM_TRUE;
        attributes.preserveDrawingBuffer = EM_FALSE;
        attributes.powerPreference = EM_WEBGL_POWER_PREFERENCE_LOW_POWER; // a card, not a game
        // Emscripten would otherwise enable every extension the browser offers, one getExtension
        // call each, at creation; ImGui's WebGL2 renderer uses none.
        attributes.enableExtensionsByDefault = EM_FALSE;
        // The page's script usually made this canvas's context already, with the same attributes
        // (web/exposure-widget.js, k_gl_attributes): the browser hands that one back.
        gl = emscripten_webgl_create_context(target.c_str(), &attributes);
        if (gl <= 0) {
            gl = 0;
            error = "WebGL2 is not available for " + target;
            return false;
        }
        emscripten_webgl_make_context_current(gl);
        return true;
    }

    void queue(const InputEvent& event) {
        input.push_back(event);
        request();
    }

    void queue_modifiers(bool ctrl, bool shift, bool alt, bool meta) {
        const uint8_t bits = modifier_bits(ctrl, shift, alt, meta);
        if (bits == modifiers) return;
        modifiers = bits;
        InputEvent event;
        event.kind = InputEvent::Kind::Modifiers;
        event.modifiers = bits;
        input.push_back(event);
    }

    void request() {
        settle = k_settle_frames;
        if (animation_frame == 0 && host) animation_frame = emscripten_request_animation_frame(&Impl::on_animation_frame, this);
    }

    // The canvas's listeners are set in a task of their own after open(), not in the task that opens
    // the canvas and draws its first frame: sixteen html5.h registrations were 2.5 ms of the first
    // view's main thread (issue 7). No input can reach a canvas that has not been painted yet.
    static void listen_soon(void* user) {
        auto& self = *static_cast<Impl*>(user);
        self.listen_timer = 0;
        self.listen();
        // Lost before its listener was set: the page prevented the loss's default (the browser gives
        // the context back), and the restore event rebuilds this canvas's objects.
        if (!self.context_lost && self.gl && emscripten_is_webgl_context_lost(self.gl)) on_context_lost(0, nullptr, &self);
    }

    void listen() {
        const char* t = target.c_str();
        emscripten_set_mousedown_callback(t, this, EM_FALSE, &Impl::on_mouse);
        emscripten_set_mouseup_callback(t, this, EM_FALSE, &Impl::on_mouse);
        emscripten_set_mousemove_callback(t, this, EM_FALSE, &Impl::on_mouse);
        emscripten_set_mouseleave_callback(t, this, EM_FALSE, &Impl::on_mouse);
        emscripten_set_wheel_callback(t, this, EM_FALSE, &Impl::on_wheel);
        emscripten_set_touchstart_callback(t, this, EM_FALSE, &Impl::on_touch);
        emscripten_set_touchmove_callback(t, this, EM_FALSE, &Impl::on_touch);
        emscripten_set_touchend_callback(t, this, EM_FALSE, &Impl::on_touch);
        emscripten_set_touchcancel_callback(t, this, EM_FALSE, &Impl::on_touch);
        emscripten_set_keydown_callback(t, this, EM_FALSE, &Impl::on_key);
        emscripten_set_keyup_callback(t, this, EM_FALSE, &Impl::on_key);
        emscripten_set_focus_callback(t, this, EM_FALSE, &Impl::on_focus);
        emscripten_set_blur_callback(t, this, EM_FALSE, &Impl::on_focus);
        emscripten_set_webglcontextlost_callback(t, this, EM_FALSE, &Impl::on_context_lost);
        emscripten_set_webglcontextrestored_callback(t, this, EM_FALSE, &Impl::on_context_restored);
        exposure_web_listen_paste(t, this, &Impl::on_paste);
    }

    void unlisten() {
        const char* t = target.c_str();
        emscripten_set_mousedown_callback(t, nullptr, EM_FALSE, nullptr);
        emscripten_set_mouseup_callback(t, nullptr, EM_FALSE, nullptr);
        emscripten_set_mousemove_callback(t, nullptr, EM_FALSE, nullptr);
        emscripten_set_mouseleave_callback(t, nullptr, EM_FALSE, nullptr);
        emscripten_set_wheel_callback(t, nullptr, EM_FALSE, nullptr);
        emscripten_set_touchstart_callback(t, nullptr, EM_FALSE, nullptr);
        emscripten_set_touchmove_callback(t, nullptr, EM_FALSE, nullptr);
        emscripten_set_touchend_callback(t, nullptr, EM_FALSE, nullptr);
        emscripten_set_touchcancel_callback(t, nullptr, EM_FALSE, nullptr);
        emscripten_set_keydown_callback(t, nullptr, EM_FALSE, nullptr);
        emscripten_set_keyup_callback(t, nullptr, EM_FALSE, nullptr);
        emscripten_set_focus_callback(t, nullptr, EM_FALSE, nullptr);
        emscripten_set_blur_callback(t, nullptr, EM_FALSE, nullptr);
        emscripten_set_webglcontextlost_callback(t, nullptr, EM_FALSE, nullptr);
        emscripten_set_webglcontextrestored_callback(t, nullptr, EM_FALSE, nullptr);
        exposure_web_unlisten_paste(this);
    }

    static EM_BOOL on_mouse(int type, const EmscriptenMouseEvent* e, void* user) {
        auto& self = *static_cast<Impl*>(user);
        self.queue_modifiers(e->ctrlKey, e->shiftKey, e->altKey, e->metaKey);
        InputEvent event;
        if (type == EMSCRIPTEN_EVENT_MOUSELEAVE) {
            event.x = event.y = -FLT_MAX; // ImGui's "no mouse"
            self.queue(event);
            return EM_FALSE;
        }
        event.x = float(e->targetX);
        event.y = float(e->targetY);
        self.queue(event);
        if (type == EMSCRIPTEN_EVENT_MOUSEDOWN || type == EMSCRIPTEN_EVENT_MOUSEUP) {
            // DOM buttons: 0 left, 1 middle, 2 right; ImGui: 0 left, 1 right, 2 middle.
            static constexpr int k_imgui_button[5] = {0, 2, 1, 3, 4};
            if (e->button >= 5) return EM_FALSE;
            InputEvent button;
            button.kind = InputEvent::Kind::MouseButton;
            button.index = k_imgui_button[e->button];
            button.down = type == EMSCRIPTEN_EVENT_MOUSEDOWN;
            self.queue(button);
            // Not prevented: the press must still focus the canvas (keys come only while focused).
        }
        return EM_FALSE;
    }

    static EM_BOOL on_wheel(int, const EmscriptenWheelEvent* e, void* user) {
        auto& self = *static_cast<Impl*>(user);
        if (!self.imgui || self.context_lost) return EM_FALSE;
        double css_w = 0, css_h = 0;
        emscripten_get_element_css_size(self.target.c_str(), &css_w, &css_h);
        // One ImGui wheel unit scrolls 5 lines of text (vertical) or 2 (horizontal); convert the
        // browser's pixels so the content moves as far as the page would have. DOM deltas grow
        // downwards/rightwards, ImGui's wheel grows upwards/leftwards.
        ImGui::SetCurrentContext(self.imgui);
        const float font = std::max(1.0f, ImGui::GetFontSize());
        const float wheel_v = float(-wheel_pixels(e->deltaY, e->deltaMode, css_h) / (5.0 * font));
        const float wheel_h = float(-wheel_pixels(e->deltaX, e->deltaMode, css_w) / (2.0 * font));
        self.queue_modifiers(e->mouse.ctrlKey, e->mouse.shiftKey, e->mouse.altKey, e->mouse.metaKey);
        const ImVec2 at(float(e->mouse.targetX), float(e->mouse.targetY));
        if (e->mouse.ctrlKey || !can_scroll(*self.imgui, at, wheel_h, wheel_v)) return EM_FALSE; // the page scrolls (or zooms)
        InputEvent pos;
        pos.x = float(e->mouse.targetX);
        pos.y = float(e->mouse.targetY);
        self.queue(pos);
        InputEvent wheel;
        wheel.kind = InputEvent::Kind::Wheel;
        wheel.x = wheel_h;
        wheel.y = wheel_v;
        self.queue(wheel);
        return EM_TRUE;
    }

    static EM_BOOL on_touch(int type, const EmscriptenTouchEvent* e, void* user) {
        auto& self = *static_cast<Impl*>(user);
        for (int i = 0; i < e->numTouches; ++i) {
            const EmscriptenTouchPoint& touch = e->touches[i];
            if (!touch.isChanged) continue;
            if (type == EMSCRIPTEN_EVENT_TOUCHSTART && self.touch_id < 0) self.touch_id = int(touch.identifier);
            if (int(touch.identifier) != self.touch_id) continue;
            InputEvent pos;
            pos.x = float(touch.targetX);
            pos.y = float(touch.targetY);
            self.queue(pos);
            InputEvent button;
            button.kind = InputEvent::Kind::MouseButton;
            if (type == EMSCRIPTEN_EVENT_TOUCHSTART) {
                button.down = true;
                self.queue(button);
            } else if (type == EMSCRIPTEN_EVENT_TOUCHEND || type == EMSCRIPTEN_EVENT_TOUCHCANCEL) {
                button.down = false;
                self.queue(button);
                InputEvent gone; // a finger does not hover after it lifts
                gone.x = gone.y = -FLT_MAX;
                self.queue(gone);
                self.touch_id = -1;
                // Prevented so the browser sends no emulated mouse events (a second click).
                return EM_TRUE;
            }
        }
        // A drag on a widget (slider) keeps the finger; otherwise the page may pan (CSS touch-action).
        if (type == EMSCRIPTEN_EVENT_TOUCHMOVE && self.imgui && self.imgui->ActiveId != 0) return EM_TRUE;
        return EM_FALSE;
    }

    static EM_BOOL on_key(int type, const EmscriptenKeyboardEvent* e, void* user) {
        auto& self = *static_cast<Impl*>(user);
        const bool down = type == EMSCRIPTEN_EVENT_KEYDOWN;
        const bool command = e->ctrlKey || e->metaKey;
        self.queue_modifiers(e->ctrlKey, e->shiftKey, e->altKey, e->metaKey);
        const int key = key_index(e->key, e->code);
        const bool typing = self.imgui && self.imgui->IO.WantTextInput;
        // Ctrl/Cmd+V is left to the browser, whose paste event brings the text (see on_paste).
        if (key == ImGuiKey_V && command) return EM_FALSE;
        if (key >= 0) {
            InputEvent event;
            event.kind = InputEvent::Kind::Key;
            event.index = key;
            event.down = down;
            self.queue(event);
        } else {
            self.request(); // modifiers may have changed
        }
        if (down && !command) {
            if (unsigned c = printable_code_point(e->key)) {
                InputEvent text;
                text.kind = InputEvent::Kind::Text;
                text.text = c;
                self.queue(text);
            }
        }
        // While a text field is being edited it owns the keys (Tab and Backspace included); otherwise
        // the page keeps its keys (Tab moves focus on, Space scrolls).
        return typing && !(command && (key == ImGuiKey_C || key == ImGuiKey_X)) ? EM_TRUE : EM_FALSE;
    }

    static EM_BOOL on_focus(int type, const EmscriptenFocusEvent*, void* user) {
        auto& self = *static_cast<Impl*>(user);
        InputEvent event;
        event.kind = InputEvent::Kind::Focus;
        event.down = type == EMSCRIPTEN_EVENT_FOCUS;
        if (!event.down) self.modifiers = 0;
        self.queue(event);
        return EM_FALSE;
    }

    static void on_paste(void* user, const char* text) {
        auto& self = *static_cast<Impl*>(user);
        self.clipboard = text;
        // Replays Ctrl+V so ImGui pastes through its clipboard getter.
        InputEvent ctrl;
        ctrl.kind = InputEvent::Kind::Modifiers;
        ctrl.modifiers = uint8_t(self.modifiers | 1);
        self.input.push_back(ctrl);
        InputEvent key;
        key.kind = InputEvent::Kind::Key;
        key.index = ImGuiKey_V;
        key.down = true;
        self.input.push_back(key);
        key.down = false;
        self.input.push_back(key);
        InputEvent restore;
        restore.kind = InputEvent::Kind::Modifiers;
        restore.modifiers = self.modifiers;
        self.queue(restore);
    }

    static const char* get_clipboard(void* user) { return static_cast<Impl*>(user)->clipboard.c_str(); }

    static void set_clipboard(void* user, const char* text) {
        static_cast<Impl*>(user)->clipboard = text;
        exposure_web_write_clipboard(text);
    }

    static EM_BOOL on_context_lost(int, const void*, void* user) {
        auto& self = *static_cast<Impl*>(user);
        self.context_lost = true;
        if (self.animation_frame) emscripten_cancel_animation_frame(self.animation_frame);
        self.animation_frame = 0;
        return EM_TRUE; // preventDefault: tells the browser we want the context back
    }

    static EM_BOOL on_context_restored(int, const void*, void* user) {
        auto& self = *static_cast<Impl*>(user);
        // Every GL object died with the old context: drop the renderer's names, make a new context
        // on the same canvas and the renderer's program and buffers in it; the next frame uploads
        // the font texture.
        ImGui::SetCurrentContext(self.imgui);
        self.renderer.forget(); // its objects died with the context: nothing to delete
        // Deleting a context drops every html5.h callback on its canvas (Emscripten's
        // GL.deleteContext): without this, a restored widget took no more input and missed its
        // next loss and restore (then drew with the dead context's objects: a blank canvas).
        self.unlisten();
        if (self.gl) emscripten_webgl_destroy_context(self.gl);
        self.gl = 0;
        self.renderer_checked = false;
        self.listen();
        if (!self.create_gl()) return EM_FALSE;
        self.renderer.create();
        self.context_lost = false;
        self.request();
        return EM_TRUE;
    }

    //-------------------------------------------------------------------------
    // [SECTION] Impl: frames
    //-------------------------------------------------------------------------

    static EM_BOOL on_animation_frame(double, void* user) {
        auto& self = *static_cast<Impl*>(user);
        self.animation_frame = 0;
        const bool more = self.draw();
        if (more) self.animation_frame = emscripten_request_animation_frame(&Impl::on_animation_frame, &self);
        return EM_FALSE; // one frame per request: nothing runs while idle
    }

    // Draws one frame; true when another frame is wanted (animation, queued input, settling).
    // `known_w` x `known_h`: the canvas's CSS size if the caller knows it (RunOptions), else 0.
    bool draw(double known_w = 0, double known_h = 0) {
        if (!host || !imgui || context_lost || !gl || cannot_draw) return false;
        double css_w = known_w, css_h = known_h;
        if (!(css_w > 0 && css_h > 0)) emscripten_get_element_css_size(target.c_str(), &css_w, &css_h);
        if (css_w < 1 || css_h < 1) return false; // hidden: the resize that shows it asks again
        const double ratio = std::max(0.25, emscripten_get_device_pixel_ratio());
        const int fb_w = int(std::lround(css_w * ratio));
        const int fb_h = int(std::lround(css_h * ratio));

        emscripten_webgl_make_context_current(gl);
        ImGui::SetCurrentContext(imgui);
        int canvas_w = 0, canvas_h = 0;
        emscripten_get_canvas_element_size(target.c_str(), &canvas_w, &canvas_h);
        if (canvas_w != fb_w || canvas_h != fb_h) emscripten_set_canvas_element_size(target.c_str(), fb_w, fb_h);
        // The browser may give a smaller drawing buffer than asked (past the GPU's size limits):
        // draw into what exists, scaled, rather than into a corner of it.
        int buffer_w = fb_w, buffer_h = fb_h;
        emscripten_webgl_get_drawing_buffer_size(gl, &buffer_w, &buffer_h);
        if (buffer_w <= 0 || buffer_h <= 0) return false;

        // Not on a context that is lost (its loss event may still be on its way): a lost context
        // answers every query with nothing, which would read as a program that did not link.
        if (frames_drawn > 0 && !renderer_checked && !emscripten_is_webgl_context_lost(gl)) {
            // Checked once the first frame is out: asked at once, the link status waited for the GPU
            // process to compile the program (see webgl2_renderer.hpp).
            renderer_checked = true;
            const std::string& problem = renderer.check();
            if (!problem.empty()) {
                cannot_draw = true;
                host->cannot_draw(problem);
                return false;
            }
        }
        if (float(ratio) != fonts_pixel_ratio) {
            host->pixel_ratio_changed(float(ratio));
            fonts_pixel_ratio = float(ratio);
            if (!ImGui::GetIO().Fonts->IsBuilt()) { // never drawn with: ImGui would read a null font
                cannot_draw = true;
                host->cannot_draw("its font could not be read (not a TrueType/OpenType font stb_truetype reads)");
                return false;
            }
            if (renderer.has_fonts()) renderer.upload_fonts(*ImGui::GetIO().Fonts); // the atlas was rebuilt
        }

        renderer.use_program(); // before this frame queues any GL command (see use_program)
        apply_input(input);
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(float(css_w), float(css_h));
        io.DisplayFramebufferScale = ImVec2(float(buffer_w / css_w), float(buffer_h / css_h));
        const double now_ms = emscripten_get_now();
        io.DeltaTime = last_time_ms > 0 ? float(std::clamp((now_ms - last_time_ms) / 1000.0, 1e-4, 0.25)) : 1.0f / 60;
        last_time_ms = now_ms;

        if (!renderer.has_fonts()) renderer.upload_fonts(*io.Fonts);
        io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(renderer.font_texture())));
        ImGui::NewFrame();
        ui::FrameInput frame;
        frame.width = float(css_w);
        frame.height = float(css_h);
        frame.pixel_ratio = float(ratio);
        frame.time = now_ms / 1000.0;
        const bool animating = host->frame(frame);
        ++frames_drawn;
        ImGui::Render();

        glViewport(0, 0, buffer_w, buffer_h);
        const ImVec4 background = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
        glClearColor(background.x, background.y, background.z, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        renderer.render(*ImGui::GetDrawData(), buffer_w, buffer_h);

        const char* wanted_cursor = io.MousePos.x == -FLT_MAX ? "default" : css_cursor(ImGui::GetMouseCursor());
        if (wanted_cursor != cursor) {
            cursor = wanted_cursor;
            exposure_web_set_cursor(target.c_str(), cursor);
        }
        if (animating || !input.empty()) settle = k_settle_frames;
        else if (settle > 0) --settle;
        // A second frame comes soon in any case: it checks the renderer's program.
        return animating || !input.empty() || settle > 0 || !renderer_checked;
    }

    void close() {
        if (animation_frame) emscripten_cancel_animation_frame(animation_frame);
        animation_frame = 0;
        if (listen_timer) emscripten_clear_timeout(listen_timer);
        const bool listening = listen_timer == 0;
        listen_timer = 0;
        if (imgui) {
            if (listening) unlisten();
            if (gl && !context_lost) {
                emscripten_webgl_make_context_current(gl);
                renderer.destroy();
            } else {
                renderer.forget();
            }
            ImGui::SetCurrentContext(imgui);
            ImGui::DestroyContext(imgui);
            imgui = nullptr;
        }
        if (gl) emscripten_webgl_destroy_context(gl);
        gl = 0;
        host = nullptr;
    }
};

//-----------------------------------------------------------------------------
// [SECTION] Platform
//-----------------------------------------------------------------------------

Platform::Platform() : impl_(std::make_unique<Impl>()) {}

Platform::~Platform() { close(); }

bool Platform::open(const WindowSpec& spec) {
    close();
    Impl& self = *impl_;
    self = Impl{};
    self.target = spec.canvas.empty() ? std::string("#canvas") : spec.canvas;
    if (!self.create_gl()) return false;

    self.imgui = ImGui::CreateContext(spec.fonts);
    ImGui::SetCurrentContext(self.imgui);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // no file system; state lives in the page
    io.LogFilename = nullptr;
    io.BackendPlatformName = "exposure_web_html5";
    io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;
    for (int key = 0; key < ImGuiKey_COUNT; ++key) io.KeyMap[key] = key;
    io.ClipboardUserData = &self;
    io.GetClipboardTextFn = &Impl::get_clipboard;
    io.SetClipboardTextFn = &Impl::set_clipboard;
    io.BackendRendererName = "exposure_webgl2";
    self.listen_timer = emscripten_set_timeout(&Impl::listen_soon, 0, &self);
    // The page makes the canvas's context before the wasm loads; lost meanwhile (a GPU process
    // that restarted), it draws nothing until the browser restores it (on_context_restored makes
    // the renderer's objects then).
    self.context_lost = emscripten_is_webgl_context_lost(self.gl) != 0;
    if (!self.context_lost) self.renderer.create();
    return true;
}

void Platform::run(Host& host, const RunOptions& options) {
    Impl& self = *impl_;
    self.host = &host;
    if (options.max_frames > 0) {
        // Synchronous frames: the canvas holds this frame until the calling task ends, so the page
        // can read it (PNG export) without keeping every drawing buffer.
        if (self.animation_frame) emscripten_cancel_animation_frame(self.animation_frame);
        self.animation_frame = 0;
        const uint64_t before = self.frames_drawn;
        bool more = false;
        for (int i = 0; i < options.max_frames; ++i) more = self.draw(options.css_width, options.css_height);
        // No frame drawn (no size yet, no drawing buffer, a lost context): the animation frame this
        // run cancelled is asked for again, else nothing would draw until the next input or resize.
        if (more || self.frames_drawn == before) self.request();
        return;
    }
    self.request();
}

void Platform::request_frame() { impl_->request(); }

float Platform::pixel_ratio() const { return float(emscripten_get_device_pixel_ratio()); }

bool Platform::system_dark() const { return exposure_web_prefers_dark() != 0; }

const Image& Platform::last_frame() const { return impl_->no_image; }

const std::string& Platform::error() const { return impl_->error; }

void Platform::close() {
    if (impl_) impl_->close();
}

} // namespace exposure::platform
