// Exposure Explorer tests: a small index and occupation details built in code for the ui tests,
// and a headless Dear ImGui harness (a context with no window, as imgui's example_null).
#pragma once

#include "core/model.hpp"
#include "ui/app.hpp"

#include <imgui.h>

#include <map>
#include <string>

namespace exposure::test {

// Three occupations in two major groups; their details (one with long task texts, one with a
// rater missing on a task) and index shares consistent with the task labels.
struct UiTestData {
    Index index;
    std::map<std::string, OccupationDetail, std::less<>> details;
};
UiTestData make_ui_test_data();

// An ImGui context with no window or GPU: fonts built in memory, frames run on demand.
class Headless {
public:
    Headless(float width, float height);
    ~Headless();
    Headless(const Headless&) = delete;
    Headless& operator=(const Headless&) = delete;

    // Runs one frame through draw_app; returns what draw_app returned.
    bool frame(ui::AppState& state, double time);
    // Sets the display size (and the FrameInput size) for the next frames.
    void resize(float width, float height);
    ImGuiIO& io();

    ui::FrameInput input;

private:
    ImGuiContext* context_ = nullptr;
};

} // namespace exposure::test
