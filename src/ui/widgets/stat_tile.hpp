// Exposure Explorer ui, widgets: the headline tiles (caption, big value, wrapped note), laid out in a
// grid whose rows take the height of their tallest tile.
#pragma once

#include "ui/widgets/palette.hpp"

#include <imgui.h>

#include <string>
#include <vector>

namespace exposure::ui {

// One tile's content.
struct StatTileSpec {
    std::string caption;   // e.g. "Median wage"
    std::string value;     // e.g. "$148k"
    std::string note;      // one or two short lines
    Colour accent = Colour::Text; // value colour
    std::string tooltip;   // longer explanation on hover; empty for none
    bool missing = false;  // no data: value drawn muted
};

// Fonts the tiles use.
struct StatTileFonts {
    ImFont* caption = nullptr;
    ImFont* value = nullptr;
    ImFont* note = nullptr;
};

// Draws tiles in a grid across the available width (at least min_tile_width each, at most
// max_columns). Returns the index of the hovered tile, -1 for none.
int stat_tiles(const char* label, const std::vector<StatTileSpec>& tiles, const Palette& palette,
               const StatTileFonts& fonts, float min_tile_width = 150.0f, int max_columns = 4);

} // namespace exposure::ui
