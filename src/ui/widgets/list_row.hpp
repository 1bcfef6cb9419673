// Exposure Explorer ui, widgets: a selectable list row whose title wraps (the picker's results and
// major groups), with a muted detail at the right or under the title.
#pragma once

#include "ui/widgets/palette.hpp"

#include <imgui.h>

#include <string_view>

namespace exposure::ui {

// What one row shows.
struct ListRowSpec {
    std::string_view title;
    std::string_view detail;  // e.g. the O*NET code or a count
    bool highlighted = false; // keyboard cursor
    bool current = false;     // the occupation on show
};

// Draws a row across the available width; returns true when clicked. The label is the ID.
bool list_row(const char* label, const ListRowSpec& spec, const Palette& palette, ImFont* body, ImFont* small);

} // namespace exposure::ui
