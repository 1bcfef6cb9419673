// Exposure Explorer performance: the CPU cost of one frame of the full card, natively (issue 7).
// A headless Dear ImGui context (no window, no GPU: the font atlas is built in memory, as the ui's
// own tests do) runs a scripted what-if session: every frame changes the scenario (rater weights,
// lens, one task's capability: the core recomputes the occupation and re-ranks all of them) and
// moves the mouse across the card (hover, tooltips). Each frame is timed from NewFrame() to
// Render() inclusive: the ImGui CPU side a host pays before it hands the draw lists to the GPU.
// Times are the thread's CPU time (CLOCK_THREAD_CPUTIME_ID), so a loaded machine's preemption does
// not count; the font atlas's build is timed the same way.
// The bare peer's frame (one window, one slider, ImGui's own font) is timed the same way.
//
//   perf_frame_bench --data DIR --font FILE [--occupation CODE] [--frames N] [--width W --height H]
//                    [--pixel-ratio R]
// Prints one JSON object on stdout; errors go to stderr with a non-zero exit.
#include "core/bundle.hpp"
#include "core/scenario.hpp"
#include "ui/app.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <time.h>

namespace {

using namespace exposure;
// The calling thread's CPU time in ms.
double cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

struct Options {
    std::string data, font, occupation = "15-2051.00";
    int frames = 600;
    float width = 1100, height = 760, pixel_ratio = 1;
};

struct Stats {
    double median_ms = 0, p95_ms = 0, mean_ms = 0, max_ms = 0;
};

Stats stats_of(std::vector<double> ms) {
    Stats s;
    if (ms.empty()) return s;
    for (double v : ms) s.mean_ms += v;
    s.mean_ms /= double(ms.size());
    std::sort(ms.begin(), ms.end());
    s.median_ms = ms.size() % 2 ? ms[ms.size() / 2] : (ms[ms.size() / 2 - 1] + ms[ms.size() / 2]) / 2;
    s.p95_ms = ms[std::min(ms.size() - 1, size_t(double(ms.size()) * 0.95))];
    s.max_ms = ms.back();
    return s;
}

bool parse_options(int argc, char** argv, Options& options) {
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&]() -> const char* {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "perf_frame_bench: %s needs a value\n", arg.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (arg == "--data") options.data = value();
        else if (arg == "--font") options.font = value();
        else if (arg == "--occupation") options.occupation = value();
        else if (arg == "--frames") options.frames = std::atoi(value());
        else if (arg == "--width") options.width = float(std::atof(value()));
        else if (arg == "--height") options.height = float(std::atof(value()));
        else if (arg == "--pixel-ratio") options.pixel_ratio = float(std::atof(value()));
        else {
            std::fprintf(stderr, "perf_frame_bench: unknown argument '%s'\n", arg.c_str());
            return false;
        }
    }
    if (options.data.empty() || options.font.empty() || options.frames < 1) {
        std::fprintf(stderr, "usage: perf_frame_bench --data DIR --font FILE [--occupation CODE] [--frames N]\n");
        return false;
    }
    return true;
}

// The scenario of frame i: rater weights, lens and one task's capability all move.
Scenario scenario_of(int i, const OccupationDetail& detail) {
    Scenario s;
    s.rater_weights[0] = double(i % 11) / 10.0;
    s.rater_weights[2] = double(i % 5) / 4.0;
    s.lens = static_cast<Lens>(i % 3);
    if (!detail.tasks.empty()) set_task_capability(s, detail.tasks[size_t(i) % detail.tasks.size()].id, double(i % 101));
    return s;
}

// Mouse position of frame i: a sweep across the card, row by row.
ImVec2 mouse_of(int i, float width, float height) {
    const int columns = 40;
    return ImVec2(width * (float(i % columns) + 0.5f) / float(columns),
                  height * (float((i / columns) % 15) + 0.5f) / 15.0f);
}

} // namespace

int main(int argc, char** argv) {
    Options options;
    if (!parse_options(argc, argv, options)) return 2;

    Index index;
    std::map<std::string, OccupationDetail, std::less<>> details;
    std::string error;
    if (!load_index(options.data, index, error)) {
        std::fprintf(stderr, "perf_frame_bench: %s\n", error.c_str());
        return 1;
    }
    OccupationDetail detail;
    if (!load_detail(options.data, options.occupation, detail, error)) {
        std::fprintf(stderr, "perf_frame_bench: %s\n", error.c_str());
        return 1;
    }
    details.emplace(detail.code, detail);
    std::vector<uint8_t> font;
    if (!read_file_bytes(options.font, font, error)) {
        std::fprintf(stderr, "perf_frame_bench: %s\n", error.c_str());
        return 1;
    }

    // --- the full card ---------------------------------------------------------------------------
    ImGuiContext* context = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(options.width, options.height);
    io.DeltaTime = 1.0f / 60.0f;
    const double atlas_start = cpu_ms();
    if (!ui::load_fonts(font, options.pixel_ratio)) {
        std::fprintf(stderr, "perf_frame_bench: %s is not a font the ui can load\n", options.font.c_str());
        return 1;
    }
    ui::apply_theme(false, options.pixel_ratio);
    unsigned char* pixels = nullptr;
    int atlas_w = 0, atlas_h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &atlas_w, &atlas_h);
    // The font atlas is the first frame's largest cost on the web: report what it takes here.
    const double atlas_ms = cpu_ms() - atlas_start;
    const int card_atlas_w = atlas_w, card_atlas_h = atlas_h;

    ui::AppState state;
    state.index = &index;
    state.details = &details;
    state.occupation = detail.code;
    state.view = ui::View::Full;
    state.theme = ui::Theme::Light;
    ui::FrameInput input;
    input.width = options.width;
    input.height = options.height;
    input.pixel_ratio = options.pixel_ratio;

    // Two frames before the session: the first layout, as the page's first view does.
    for (int i = 0; i < 2; ++i) {
        ImGui::NewFrame();
        ui::draw_app(state, input);
        ImGui::Render();
    }
    std::vector<double> card_ms;
    card_ms.reserve(size_t(options.frames));
    size_t vertices = 0;
    int animating = 0;
    for (int i = 0; i < options.frames; ++i) {
        state.scenario = scenario_of(i, detail);
        io.MousePos = mouse_of(i, options.width, options.height);
        input.time = double(i) / 60.0;
        const double start = cpu_ms();
        ImGui::NewFrame();
        animating += ui::draw_app(state, input) ? 1 : 0;
        ImGui::Render();
        card_ms.push_back(cpu_ms() - start);
        vertices = std::max(vertices, size_t(ImGui::GetDrawData()->TotalVtxCount));
    }
    const bool shows_card = state.error.empty();
    ImGui::DestroyContext(context);

    // --- the bare peer: one window, one slider, ImGui's own font ----------------------------------
    ImGui::CreateContext();
    ImGuiIO& peer_io = ImGui::GetIO();
    peer_io.IniFilename = nullptr;
    peer_io.DisplaySize = ImVec2(options.width, options.height);
    peer_io.DeltaTime = 1.0f / 60.0f;
    peer_io.Fonts->GetTexDataAsRGBA32(&pixels, &atlas_w, &atlas_h);
    float value = 0.5f;
    std::vector<double> peer_ms;
    for (int i = -2; i < options.frames; ++i) {
        peer_io.MousePos = mouse_of(std::max(i, 0), options.width, options.height);
        const double start = cpu_ms();
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(peer_io.DisplaySize);
        ImGui::Begin("Peer", nullptr, ImGuiWindowFlags_NoDecoration);
        ImGui::SliderFloat("value", &value, 0.0f, 1.0f);
        ImGui::End();
        ImGui::Render();
        const double end = cpu_ms();
        if (i >= 0) peer_ms.push_back(end - start);
    }
    ImGui::DestroyContext();

    const Stats card = stats_of(card_ms), peer = stats_of(peer_ms);
    // The five slowest frames of the session (index, ms): where the tail comes from.
    std::vector<size_t> order(card_ms.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return card_ms[a] > card_ms[b]; });
    std::string slowest;
    for (size_t i = 0; i < std::min<size_t>(5, order.size()); ++i) {
        char item[48];
        std::snprintf(item, sizeof item, "%s[%zu,%.3f]", i ? "," : "", order[i], card_ms[order[i]]);
        slowest += item;
    }
    std::printf("{\"occupation\":\"%s\",\"frames\":%d,\"width\":%g,\"height\":%g,\"pixel_ratio\":%g,"
                "\"shows_card\":%s,\"max_vertices\":%zu,\"animating_frames\":%d,"
                "\"atlas\":{\"width\":%d,\"height\":%d,\"build_ms\":%.3f},\"slowest_frames\":[%s],"
                "\"card\":{\"median_ms\":%.4f,\"p95_ms\":%.4f,\"mean_ms\":%.4f,\"max_ms\":%.4f},"
                "\"peer\":{\"median_ms\":%.4f,\"p95_ms\":%.4f,\"mean_ms\":%.4f,\"max_ms\":%.4f}}\n",
                detail.code.c_str(), options.frames, double(options.width), double(options.height),
                double(options.pixel_ratio), shows_card ? "true" : "false", vertices, animating, card_atlas_w, card_atlas_h, atlas_ms, slowest.c_str(), card.median_ms,
                card.p95_ms, card.mean_ms, card.max_ms, peer.median_ms, peer.p95_ms, peer.mean_ms, peer.max_ms);
    return shows_card ? 0 : 1;
}
