// Exposure Explorer ui, widgets: the exposure gauge (a 0-100 semicircle in the risk-band colours).
// Follows Dear ImGui's custom-widget recipe: reserve the rectangle with InvisibleButton, draw with
// the window's draw list; the geometry comes from gauge_math.hpp.
#pragma once

#include "ui/widgets/palette.hpp"

#include <imgui.h>

namespace exposure::ui {

// What one gauge shows. Values are 0-100; negative means "not shown".
struct GaugeSpec {
    double needle = 0;          // where the needle is drawn (the eased value)
    double low = -1, high = -1; // uncertainty range, drawn as an arc outside the band track
    double ghost = -1;          // baseline needle, drawn ghosted
    float width = 0;            // 0: the available width (capped by max_width)
    float max_width = 340;
    bool band_labels = true;    // write the band names along the arc when there is room
    bool loading = false;       // draw the track only (data not there yet)
    bool centred = true;        // centre in the available width (false: start at the cursor)
};

// Gauge colours beyond the palette: how strong the ghost and hatches are.
struct GaugeStyle {
    float track_thickness = 0.16f; // of the radius
    float hatch_alpha = 0.45f;
    float ghost_alpha = 0.75f;
};

// What was drawn, for the caller's text and for tests.
struct GaugeResult {
    ImVec2 centre{};
    float radius = 0;
    double needle_angle = 0; // radians, screen space
    bool hovered = false;
};

// Draws the gauge at the cursor and advances it. The label is the ID.
GaugeResult gauge(const char* label, const GaugeSpec& spec, const Palette& palette, ImFont* small_font,
                  const GaugeStyle& style = {});

} // namespace exposure::ui
