// Exposure Explorer performance: the bare peer of issue 7. The smallest Dear ImGui 1.86 + WebGL2
// window we can write: one canvas, one WebGL2 context, one ImGui context with ImGui's built-in font,
// one window with one slider, drawn on demand over emscripten/html5.h (the approach the widget's own
// platform layer takes, without its input queue, clipboard, touch or wheel handling). It is built
// by the same toolchain with the same compile and link flags as the widget (scripts/bench.sh reads
// them from the widget's build), so the difference in time to first frame is the widget's own cost.
//
// The page (perf/peer.html) measures; the module tells it two things through window events:
//   peer-first-frame  after the first frame was handed to WebGL (the peer's "load")
//   (and nothing else: frame counts and per-frame CPU time are taken by the page's
//    requestAnimationFrame wrapper, the same way for the widget and for the peer).

#include <emscripten/emscripten.h>
#include <emscripten/html5.h>
#include <GLES3/gl3.h>

#include "imgui.h"
#include "imgui_impl_opengl3.h"

#include <cfloat>

namespace exposure::perf {

EM_JS(void, peer_signal_first_frame, (), {
    if (typeof window !== 'undefined') window.dispatchEvent(new CustomEvent('peer-first-frame'));
});

// Frames drawn after the last input, as the widget does, so hover state settles.
constexpr int k_settle_frames = 2;

// Everything the peer keeps: one canvas's contexts and the slider's value. Owned by main's frame
// (the runtime stays alive after main returns: EXIT_RUNTIME is off).
struct Peer {
    const char* target = "#canvas";
    EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl = 0;
    float value = 0.5f;
    int settle = k_settle_frames;
    long pending = 0;
    bool first = true;
    double last_ms = 0;

    void request() {
        settle = k_settle_frames;
        if (!pending) pending = emscripten_request_animation_frame(&Peer::on_frame, this);
    }

    static EM_BOOL on_mouse(int type, const EmscriptenMouseEvent* e, void* user) {
        auto& self = *static_cast<Peer*>(user);
        ImGuiIO& io = ImGui::GetIO();
        if (type == EMSCRIPTEN_EVENT_MOUSELEAVE) io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        else io.MousePos = ImVec2(float(e->targetX), float(e->targetY));
        if ((type == EMSCRIPTEN_EVENT_MOUSEDOWN || type == EMSCRIPTEN_EVENT_MOUSEUP) && e->button == 0)
            io.MouseDown[0] = type == EMSCRIPTEN_EVENT_MOUSEDOWN;
        self.request();
        return EM_FALSE;
    }

    static EM_BOOL on_frame(double, void* user) {
        auto& self = *static_cast<Peer*>(user);
        self.pending = 0;
        if (self.draw()) self.pending = emscripten_request_animation_frame(&Peer::on_frame, &self);
        return EM_FALSE;
    }

    bool draw() {
        double css_w = 0, css_h = 0;
        emscripten_get_element_css_size(target, &css_w, &css_h);
        const double ratio = emscripten_get_device_pixel_ratio();
        const int fb_w = int(css_w * ratio + 0.5), fb_h = int(css_h * ratio + 0.5);
        int canvas_w = 0, canvas_h = 0;
        emscripten_get_canvas_element_size(target, &canvas_w, &canvas_h);
        if (canvas_w != fb_w || canvas_h != fb_h) emscripten_set_canvas_element_size(target, fb_w, fb_h);

        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(float(css_w), float(css_h));
        io.DisplayFramebufferScale = ImVec2(float(ratio), float(ratio));
        const double now = emscripten_get_now();
        io.DeltaTime = last_ms > 0 && now > last_ms ? float((now - last_ms) / 1000.0) : 1.0f / 60;
        last_ms = now;

        ImGui_ImplOpenGL3_NewFrame();
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(io.DisplaySize);
        ImGui::Begin("Peer", nullptr, ImGuiWindowFlags_NoDecoration);
        ImGui::SliderFloat("value", &value, 0.0f, 1.0f);
        ImGui::End();
        ImGui::Render();
        glViewport(0, 0, fb_w, fb_h);
        glClearColor(1, 1, 1, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        if (first) {
            first = false;
            peer_signal_first_frame();
        }
        if (settle > 0) --settle;
        return settle > 0;
    }
};

} // namespace exposure::perf

int main() {
    using exposure::perf::Peer;
    auto* peer = new Peer(); // lives as long as the page
    EmscriptenWebGLContextAttributes attributes;
    emscripten_webgl_init_context_attributes(&attributes);
    attributes.majorVersion = 2;
    attributes.alpha = EM_FALSE;
    attributes.depth = EM_FALSE;
    attributes.stencil = EM_FALSE;
    attributes.antialias = EM_FALSE;
    peer->gl = emscripten_webgl_create_context(peer->target, &attributes);
    if (peer->gl <= 0) return 1;
    emscripten_webgl_make_context_current(peer->gl);
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    ImGui_ImplOpenGL3_Init("#version 300 es");
    emscripten_set_mousedown_callback(peer->target, peer, EM_FALSE, &Peer::on_mouse);
    emscripten_set_mouseup_callback(peer->target, peer, EM_FALSE, &Peer::on_mouse);
    emscripten_set_mousemove_callback(peer->target, peer, EM_FALSE, &Peer::on_mouse);
    emscripten_set_mouseleave_callback(peer->target, peer, EM_FALSE, &Peer::on_mouse);
    peer->request();
    return 0;
}
