// Fuzz target: what the ui does with any detail file the bundle reader accepts. The input is
// parsed as an occupation's detail; if the reader takes it, the whole widget is drawn for a few
// headless frames (no window, ImGui's default font) in every view and at a wide and a narrow
// width, under the default scenario and under one with every kind of override. The reader's
// promise is that what it accepts is safe to show: no crash, hang or sanitizer report here.
#include "core/bundle.hpp"
#include "core/scenario.hpp"
#include "core/upstream.hpp"
#include "ui/app.hpp"

#include <imgui.h>

#include <map>
#include <string>

using namespace exposure;

namespace {

// One frame of draw_app in the current (headless) context.
void frame(ui::AppState& state, ui::FrameInput& input, double time) {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(input.width, input.height);
    io.DeltaTime = 1.0f / 60.0f;
    input.time = time;
    ImGui::NewFrame();
    ui::draw_app(state, input);
    ImGui::Render();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    OccupationDetail detail;
    std::string error;
    if (!parse_detail({data, size}, detail, error)) return 0;

    // An index that holds this occupation, with figures consistent with its tasks.
    Index index;
    index.version = k_bundle_version;
    index.groups.push_back({detail.code.substr(0, 2) + "-0000", "Fuzzed group", std::nullopt});
    OccupationSummary summary;
    summary.code = detail.code;
    summary.title = detail.title;
    summary.major_group = 0;
    compute_default_figures(detail, summary);
    index.occupations.push_back(summary);
    const std::map<std::string, OccupationDetail, std::less<>> details{{detail.code, detail}};

    ImGuiContext* context = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);

    ScenarioParse overrides = decode_scenario("v1-h2-g1-a1-lg-r1.5-y2040");
    for (const Task& task : detail.tasks) {
        set_task_weight(overrides.scenario, task.id, 3);
        set_task_capability(overrides.scenario, task.id, 90);
        if (overrides.scenario.tasks.size() >= 8) break;
    }
    double time = 0;
    for (const ui::View view : {ui::View::Card, ui::View::Compact, ui::View::Full}) {
        for (const float w : {900.0f, 280.0f}) {
            ui::AppState state;
            state.index = &index;
            state.details = &details;
            state.occupation = detail.code;
            state.view = view;
            ui::FrameInput input;
            input.width = w;
            input.height = 700;
            for (int f = 0; f < 2; ++f) frame(state, input, time += 0.5);
            if (overrides.ok()) state.scenario = overrides.scenario;
            frame(state, input, time += 0.5);
        }
    }
    ImGui::DestroyContext(context);
    return 0;
}
