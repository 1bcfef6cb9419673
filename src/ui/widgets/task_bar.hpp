// Exposure Explorer ui, widgets: one task's row (wrapped statement, core tag, "AI can handle" and
// exposure bars, disagreement mark, baseline tick when overridden). Hovering the row is reported
// back; the panel draws the rater tooltip.
#pragma once

#include "ui/widgets/palette.hpp"

#include <imgui.h>

#include <string_view>

namespace exposure::ui {

// What one task row shows. Values 0-100; negative means unknown.
struct TaskBarSpec {
    std::string_view text;
    bool core = false;
    double automation = -1;        // GPT-4 "AI can handle"
    double exposure = -1;          // blended exposure under the scenario
    double baseline_exposure = -1; // shown as a tick when it differs (an override)
    bool disagreement = false;     // raters disagree: marked
    bool overridden = false;       // a what-if changed this task
    bool removed = false;          // weight 0 in the what-if: drawn faded
    std::string_view detail;       // shown under the row when non-empty (a tapped row's breakdown)
};

// Row layout knobs.
struct TaskBarStyle {
    float bar_height = 8.0f;
    float stacked_below = 460.0f; // narrower than this: the bars go under the statement
    float row_padding = 8.0f;
};

// What the row reports.
struct TaskBarResult {
    bool hovered = false;
    bool clicked = false;
    ImVec2 min{}, max{};
};

// Draws a task row at the cursor across the available width. The label is the ID.
TaskBarResult task_bar(const char* label, const TaskBarSpec& spec, const Palette& palette, ImFont* body,
                       ImFont* small, const TaskBarStyle& style = {});

} // namespace exposure::ui
