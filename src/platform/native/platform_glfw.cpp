// Native platform: one GLFW 3.3 window with an OpenGL 3.3 core context and Dear ImGui's GLFW and
// OpenGL 3 backends, behind platform.hpp. Drawing is on demand: the loop sleeps in
// glfwWaitEventsTimeout while nothing changes and polls only while input, request_frame() or the
// host's last frame ask for more.
//
// Coordinates: ImGui works in logical px. Where the window system counts window coordinates in
// device px (X11, Windows) the content scale says how many device px make one logical px; where it
// counts in logical px (macOS) the framebuffer is larger than the window. Either way
//   pixel_ratio = max(content scale, framebuffer / window size), logical size = framebuffer / ratio.
//
// [SECTION] Impl and GLFW callbacks
// [SECTION] Frame
// [SECTION] Platform

#include "platform/platform.hpp"

#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace exposure::platform {

namespace {

// How long the idle loop sleeps before looking again (seconds); events wake it earlier.
constexpr double k_idle_wait = 0.5;
// Frames drawn after an input event: ImGui settles hover and layout changes on the second frame.
constexpr int k_frames_after_input = 2;

void report_glfw_error(int code, const char* description) {
    std::fprintf(stderr, "GLFW error %d: %s\n", code, description);
}

} // namespace

// =================================================================================================
// [SECTION] Impl and GLFW callbacks
// =================================================================================================

struct Platform::Impl {
    GLFWwindow* window = nullptr;
    ImGuiContext* imgui = nullptr;
    bool glfw_ready = false;
    bool imgui_glfw_ready = false;
    bool imgui_gl_ready = false;
    int pending_frames = k_frames_after_input; // frames still owed to input or request_frame()
    float pixel_ratio = 0;                     // 0 until the first frame told the host
    Image last_frame;
    std::string error;

    static Impl& of(GLFWwindow* window) { return *static_cast<Impl*>(glfwGetWindowUserPointer(window)); }
    void wake() { pending_frames = std::max(pending_frames, k_frames_after_input); }

    // Installed before ImGui's backend, which chains to them: every event also asks for frames.
    static void on_cursor_pos(GLFWwindow* w, double, double) { of(w).wake(); }
    static void on_mouse_button(GLFWwindow* w, int, int, int) { of(w).wake(); }
    static void on_scroll(GLFWwindow* w, double, double) { of(w).wake(); }
    static void on_key(GLFWwindow* w, int, int, int, int) { of(w).wake(); }
    static void on_char(GLFWwindow* w, unsigned) { of(w).wake(); }
    static void on_focus(GLFWwindow* w, int) { of(w).wake(); }
    static void on_cursor_enter(GLFWwindow* w, int) { of(w).wake(); }
    static void on_resize(GLFWwindow* w, int, int) { of(w).wake(); }
    static void on_content_scale(GLFWwindow* w, float, float) { of(w).wake(); }
    static void on_refresh(GLFWwindow* w) { of(w).wake(); }

    // The window's geometry now, in the terms of the comment at the top of this file.
    struct Geometry {
        int fb_width = 0, fb_height = 0;
        float ratio = 1;          // device px per logical px
        float logical_width = 0, logical_height = 0;
        float window_per_logical = 1; // window coordinates per logical px (1 on macOS, ratio on X11)
    };
    Geometry geometry() const {
        Geometry g;
        int win_w = 0, win_h = 0;
        glfwGetWindowSize(window, &win_w, &win_h);
        glfwGetFramebufferSize(window, &g.fb_width, &g.fb_height);
        float scale_x = 1, scale_y = 1;
        glfwGetWindowContentScale(window, &scale_x, &scale_y);
        const float fb_per_window = win_w > 0 ? float(g.fb_width) / float(win_w) : 1.0f;
        g.ratio = std::max({scale_x, fb_per_window, 0.25f});
        g.logical_width = float(g.fb_width) / g.ratio;
        g.logical_height = float(g.fb_height) / g.ratio;
        g.window_per_logical = g.ratio / fb_per_window;
        return g;
    }

    bool draw_frame(Host& host, bool capture);
    void shutdown();
};

// =================================================================================================
// [SECTION] Frame
// =================================================================================================

// Draws one frame; false when the window has no area (minimized) and nothing was drawn.
bool Platform::Impl::draw_frame(Host& host, bool capture) {
    const Geometry g = geometry();
    if (g.fb_width <= 0 || g.fb_height <= 0) return false;
    ImGui::SetCurrentContext(imgui);

    if (std::fabs(g.ratio - pixel_ratio) > 1e-3f) {
        const bool first = pixel_ratio == 0;
        pixel_ratio = g.ratio;
        host.pixel_ratio_changed(pixel_ratio);
        // The backend uploads the atlas on its first NewFrame; later rebuilds need a re-upload.
        if (!first && imgui_gl_ready) {
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
        }
    }

    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    // The GLFW backend speaks window coordinates; the ui speaks logical px.
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(g.logical_width, g.logical_height);
    io.DisplayFramebufferScale = ImVec2(g.ratio, g.ratio);
    if (io.MousePos.x > -FLT_MAX && g.window_per_logical != 1.0f) {
        io.MousePos.x /= g.window_per_logical;
        io.MousePos.y /= g.window_per_logical;
    }
    ImGui::NewFrame();

    ui::FrameInput input;
    input.width = g.logical_width;
    input.height = g.logical_height;
    input.pixel_ratio = g.ratio;
    input.time = glfwGetTime();
    const bool wants_more = host.frame(input);
    ImGui::Render();

    glViewport(0, 0, g.fb_width, g.fb_height);
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

    if (capture) {
        // Read the back buffer before the swap leaves it undefined; GL's rows run bottom-up.
        last_frame.width = g.fb_width;
        last_frame.height = g.fb_height;
        last_frame.rgba.assign(std::size_t(g.fb_width) * std::size_t(g.fb_height) * 4, 0);
        glPixelStorei(GL_PACK_ALIGNMENT, 1);
        glReadBuffer(GL_BACK);
        glReadPixels(0, 0, g.fb_width, g.fb_height, GL_RGBA, GL_UNSIGNED_BYTE, last_frame.rgba.data());
        const std::size_t row = std::size_t(g.fb_width) * 4;
        std::vector<uint8_t> swap(row);
        for (int y = 0; y < g.fb_height / 2; ++y) {
            uint8_t* top = last_frame.rgba.data() + std::size_t(y) * row;
            uint8_t* bottom = last_frame.rgba.data() + std::size_t(g.fb_height - 1 - y) * row;
            std::memcpy(swap.data(), top, row);
            std::memcpy(top, bottom, row);
            std::memcpy(bottom, swap.data(), row);
        }
    }
    glfwSwapBuffers(window);

    if (wants_more) pending_frames = std::max(pending_frames, 1);
    return true;
}

void Platform::Impl::shutdown() {
    if (imgui) ImGui::SetCurrentContext(imgui);
    if (imgui_gl_ready) ImGui_ImplOpenGL3_Shutdown();
    if (imgui_glfw_ready) ImGui_ImplGlfw_Shutdown();
    imgui_gl_ready = imgui_glfw_ready = false;
    if (imgui) ImGui::DestroyContext(imgui);
    imgui = nullptr;
    if (window) glfwDestroyWindow(window);
    window = nullptr;
    if (glfw_ready) glfwTerminate();
    glfw_ready = false;
}

// =================================================================================================
// [SECTION] Platform
// =================================================================================================

Platform::Platform() : impl_(std::make_unique<Impl>()) {}
Platform::~Platform() { close(); }

bool Platform::open(const WindowSpec& spec) {
    Impl& p = *impl_;
    if (p.window) {
        p.error = "the window is already open";
        return false;
    }
    glfwSetErrorCallback(report_glfw_error);
    if (!glfwInit()) {
        p.error = "cannot initialise GLFW (no display? natively the app needs X11 or Wayland; "
                  "under CI use xvfb-run)";
        return false;
    }
    p.glfw_ready = true;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE); // size in logical px where the system scales
    p.window = glfwCreateWindow(std::max(spec.width, 200), std::max(spec.height, 150), spec.title.c_str(),
                                nullptr, nullptr);
    if (!p.window) {
        p.error = "cannot create a window with an OpenGL 3.3 core context";
        close();
        return false;
    }
    glfwMakeContextCurrent(p.window);
    glfwSwapInterval(1);
    glfwSetWindowUserPointer(p.window, &p);
    glfwSetCursorPosCallback(p.window, Impl::on_cursor_pos);
    glfwSetMouseButtonCallback(p.window, Impl::on_mouse_button);
    glfwSetScrollCallback(p.window, Impl::on_scroll);
    glfwSetKeyCallback(p.window, Impl::on_key);
    glfwSetCharCallback(p.window, Impl::on_char);
    glfwSetWindowFocusCallback(p.window, Impl::on_focus);
    glfwSetCursorEnterCallback(p.window, Impl::on_cursor_enter);
    glfwSetFramebufferSizeCallback(p.window, Impl::on_resize);
    glfwSetWindowContentScaleCallback(p.window, Impl::on_content_scale);
    glfwSetWindowRefreshCallback(p.window, Impl::on_refresh);

    IMGUI_CHECKVERSION();
    p.imgui = ImGui::CreateContext();
    ImGui::SetCurrentContext(p.imgui);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // nothing on disk: every start looks the same
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    p.imgui_glfw_ready = ImGui_ImplGlfw_InitForOpenGL(p.window, true);
    p.imgui_gl_ready = p.imgui_glfw_ready && ImGui_ImplOpenGL3_Init("#version 330 core");
    if (!p.imgui_gl_ready) {
        p.error = "cannot initialise Dear ImGui's GLFW / OpenGL 3 backends";
        close();
        return false;
    }
    p.pending_frames = k_frames_after_input;
    p.pixel_ratio = 0;
    return true;
}

void Platform::run(Host& host, const RunOptions& options) {
    Impl& p = *impl_;
    if (!p.window) return;
    glfwMakeContextCurrent(p.window);
    int drawn = 0;
    while (!glfwWindowShouldClose(p.window)) {
        const bool counted = options.max_frames > 0;
        if (counted || p.pending_frames > 0) {
            glfwPollEvents();
        } else {
            glfwWaitEventsTimeout(k_idle_wait);
            if (p.pending_frames == 0) continue; // woke with nothing to show
        }
        if (p.pending_frames > 0) --p.pending_frames;
        const bool last = counted && drawn + 1 == options.max_frames;
        if (p.draw_frame(host, last && options.capture_last_frame)) ++drawn;
        else if (counted) break; // minimized: a counted run cannot make progress
        if (counted && drawn >= options.max_frames) break;
    }
}

void Platform::request_frame() {
    impl_->pending_frames = std::max(impl_->pending_frames, 1);
    if (impl_->window) glfwPostEmptyEvent(); // wake glfwWaitEventsTimeout
}

float Platform::pixel_ratio() const {
    return impl_->window ? impl_->geometry().ratio : 1.0f;
}

bool Platform::system_dark() const { return false; } // GLFW has no portable reading of it

const Image& Platform::last_frame() const { return impl_->last_frame; }

const std::string& Platform::error() const { return impl_->error; }

void Platform::close() {
    if (impl_) impl_->shutdown();
}

} // namespace exposure::platform
