// Exposure Explorer ui, widgets: a labelled meter (a name, a value and a thin bar), used for skills,
// work activities and small figures. The name wraps; nothing is clipped.
#pragma once

#include "ui/widgets/palette.hpp"

#include <imgui.h>

#include <string_view>

namespace exposure::ui {

// What one meter shows.
struct MeterSpec {
    std::string_view name;
    std::string_view value_text; // printed at the right, e.g. "80 / 100"
    double fraction = 0;         // 0..1 filled; < 0: no fill (unknown)
    Colour colour = Colour::Accent;
    float bar_height = 6.0f;
};

// Draws the meter at the cursor across the available width; returns true when hovered.
bool meter(const char* label, const MeterSpec& spec, const Palette& palette, ImFont* body, ImFont* small);

} // namespace exposure::ui
