// Exposure Explorer platform layer: the one small interface behind which a window or a canvas sits.
// Natively a GLFW window with OpenGL 3.3 (src/platform/native/); on the web a canvas with its own
// WebGL2 context over emscripten/html5.h (src/platform/web/). CMake picks one implementation file per
// target. Only entry points (src/app) include this; panel code never does.
//
// A Platform owns one window or canvas, its GL context and its Dear ImGui context, and makes both
// current before it calls the Host. Drawing is on demand: a frame is drawn when input arrives, when
// request_frame() is called, or while the Host's last frame asked for another one.
#pragma once

#include "ui/app.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct ImFontAtlas; // Dear ImGui's

namespace exposure::platform {

// What to open.
struct WindowSpec {
    std::string title = "Exposure Explorer"; // native window title
    int width = 1100, height = 760;          // logical px (native); on the web the canvas's CSS size rules
    std::string canvas;                      // web: CSS selector of the canvas; unused natively
    // web: a font atlas shared with the page's other canvases (ImGui::CreateContext(fonts)), so the
    // page builds it once; the Host's pixel_ratio_changed builds it (ui::load_fonts) or, already
    // built at that ratio, only uses it (ui::use_fonts). nullptr: the window's own atlas.
    ImFontAtlas* fonts = nullptr;
};

// Pixels read back from the framebuffer: RGBA8, top row first, device px.
struct Image {
    int width = 0, height = 0;
    std::vector<uint8_t> rgba;
};

// What an entry point implements. The platform calls it with its GL and ImGui contexts current.
class Host {
public:
    virtual ~Host() = default;
    // Draws one frame between ImGui::NewFrame() and ImGui::Render(); true asks for another frame soon.
    virtual bool frame(const ui::FrameInput& input) = 0;
    // Called before the first frame and whenever the pixel ratio changes: rebuild the fonts (and the
    // style's sizes) with ui::load_fonts / ui::apply_theme. The platform re-uploads the atlas after.
    // An atlas still empty after it (a font load_fonts refused, no fallback) cannot draw: natively
    // the host loads ui::load_builtin_font; on the web the platform calls cannot_draw.
    virtual void pixel_ratio_changed(float pixel_ratio) = 0;
    // The canvas cannot draw (web: its WebGL2 program did not link, found at the frame after the
    // first, or its font atlas is empty); `problem` says why. Nothing more is drawn on it: the host
    // shows what it can without it. Never called natively.
    virtual void cannot_draw(const std::string& problem) { (void)problem; }
};

// How long run() goes on.
struct RunOptions {
    int max_frames = 0;              // > 0: draw exactly this many frames back to back, then return
    bool capture_last_frame = false; // keep the last frame's pixels for last_frame() (native only)
    // web, with max_frames: the canvas's CSS size as the page last observed it (ResizeObserver), so
    // the frame need not ask the browser, which lays the page out first when a script has changed
    // it since the last rendering step (issue 7: 3-4 ms of the first view). 0: asked.
    double css_width = 0, css_height = 0;
};

// One window (native) or canvas (web) with its contexts. Not copyable.
class Platform {
public:
    Platform();
    ~Platform();
    Platform(const Platform&) = delete;
    Platform& operator=(const Platform&) = delete;

    // Opens the window or binds the canvas, creating its GL and ImGui contexts; false sets error().
    bool open(const WindowSpec& spec);
    // Natively: draws on demand until the window is closed (or max_frames are drawn), then returns.
    // On the web: hands drawing to requestAnimationFrame and returns at once; host must outlive this.
    void run(Host& host, const RunOptions& options = {});
    // Asks for a frame soon (data arrived, state changed outside of input). Safe at any time.
    void request_frame();
    // Device px per logical px now.
    float pixel_ratio() const;
    // Whether the system prefers a dark theme (web: prefers-color-scheme; native: false if unknown).
    bool system_dark() const;
    // The last frame's pixels when RunOptions::capture_last_frame was set; empty otherwise.
    const Image& last_frame() const;
    // What went wrong in the last failed call.
    const std::string& error() const;
    // Destroys the contexts and the window or releases the canvas (the destructor does it too).
    void close();

private:
    struct Impl; // per target, in its implementation file
    std::unique_ptr<Impl> impl_;
};

} // namespace exposure::platform
