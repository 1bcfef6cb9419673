// Exposure Explorer ui, widgets: small drawing helpers shared by the widgets and panels (internal).
#pragma once

#include "ui/widgets/palette.hpp"

#include <imgui.h>

#include <string_view>

namespace exposure::ui {

// A font's size in logical px: fonts are rasterised at the pixel ratio and scaled back by
// io.FontGlobalScale, so a raw ImFont::FontSize is in device px.
inline float font_px(const ImFont* font) { return font->FontSize * ImGui::GetIO().FontGlobalScale; }

// A palette colour as Dear ImGui's packed colour, alpha scaled by `alpha`.
inline ImU32 col(const Palette& palette, Colour c, float alpha = 1.0f) {
    return pack(fade(palette[c], alpha));
}
// A palette colour as ImVec4 (for style and PushStyleColor).
inline ImVec4 col4(const Palette& palette, Colour c, float alpha = 1.0f) {
    const Rgba v = palette[c];
    return ImVec4(v.r / 255.f, v.g / 255.f, v.b / 255.f, v.a / 255.f * alpha);
}
inline ImVec4 col4(Rgba v) { return ImVec4(v.r / 255.f, v.g / 255.f, v.b / 255.f, v.a / 255.f); }

// Text in a font and colour at the cursor, wrapped at the content region's right edge.
void text_wrapped(ImFont* font, ImU32 colour, std::string_view text);
// Text in a font and colour at the cursor, on one line (no wrap).
void text_line(ImFont* font, ImU32 colour, std::string_view text);

// Text wrapped to the content region and each line centred in it.
void text_centred(ImFont* font, ImU32 colour, std::string_view text, float right_margin = 0.0f);

// A rounded "chip" label: a fill, text, and (when swatch != 0) a small square in the swatch colour
// hatched at `hatch_density` so a band reads without its hue. Advances the cursor like an item.
ImVec2 chip(const char* id, std::string_view text, ImU32 fill, ImU32 text_colour, ImU32 swatch,
            int hatch_density, ImFont* font);
// The size chip() would take.
ImVec2 chip_size(std::string_view text, bool with_swatch, ImFont* font);

// Diagonal hatch lines inside a rectangle (stripes per 40 px = density).
void hatch_rect(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 colour, int density);

// A full-width disclosure row (triangle + text) that toggles `open`; returns true when toggled.
bool disclosure(const char* id, std::string_view text, bool& open, const Palette& palette, ImFont* font);

// A hairline across the item width (the card's content width).
void hairline(const Palette& palette);

// A card: a rounded surface behind what is drawn between begin_card and end_card.
// The splitter draws the surface after the content's height is known.
void begin_card(ImDrawListSplitter& splitter, float padding);
void end_card(ImDrawListSplitter& splitter, const Palette& palette, float padding, bool accent_error = false);

} // namespace exposure::ui
