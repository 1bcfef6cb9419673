// Exposure Explorer ui, widgets: "where it sits" - a histogram strip of every occupation's exposure
// (bars in band colours) with one occupation marked.
#pragma once

#include "ui/widgets/palette.hpp"

#include <imgui.h>

#include <string_view>
#include <vector>

namespace exposure::ui {

// What the strip shows.
struct StripSpec {
    const std::vector<double>* values = nullptr; // every occupation's exposure 0-100
    double marked = -1;        // this occupation's exposure; < 0: no marker
    double ghost = -1;         // the baseline exposure, marked faintly when >= 0
    std::string_view marker_label; // text over the marker
    int bins = 50;
    float height = 64.0f;
};

// What the strip reports: the bin under the pointer (-1 none) and its count.
struct StripResult {
    int hovered_bin = -1;
    int hovered_count = 0;
    float marker_x = 0;
};

// Draws the strip at the cursor across the available width. The label is the ID.
StripResult strip(const char* label, const StripSpec& spec, const Palette& palette, ImFont* small);

} // namespace exposure::ui
