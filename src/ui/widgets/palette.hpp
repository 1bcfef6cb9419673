// Exposure Explorer ui, widgets: the colour palette of both themes and the risk-band colours.
// Pure data and functions (no ImGui call), so contrast and band mapping are unit-tested.
#pragma once

#include "core/scoring.hpp"

#include <array>
#include <cstdint>

namespace exposure::ui {

// Every colour the card draws with, by role.
enum class Colour : uint8_t {
    Background = 0, // page behind the cards
    Card,           // card surface
    CardHover,      // card surface under the pointer
    Border,         // hairlines and card outlines
    Text,           // body text
    TextMuted,      // secondary text (captions, units)
    Accent,         // links, focus, the current occupation's marker
    Track,          // empty part of bars and the gauge's track
    Needle,         // the gauge's needle
    Ghost,          // the baseline needle and baseline marks
    Uncertainty,    // the uncertainty arc
    Automation,     // the "AI can handle" bar
    Exposure,       // the exposure bar
    Positive,       // a rise in demand
    Negative,       // a fall in demand
    Error,          // error card accent
    BandLow,
    BandModerate,
    BandHigh,
    BandVeryHigh,
    Count
};

// An sRGB colour with alpha, 0-255 per channel.
struct Rgba {
    uint8_t r = 0, g = 0, b = 0, a = 255;
    bool operator==(const Rgba&) const = default;
};

// The colours of one theme, indexed by Colour.
struct Palette {
    bool dark = false;
    std::array<Rgba, static_cast<int>(Colour::Count)> colours{};
    Rgba operator[](Colour c) const { return colours[static_cast<int>(c)]; }
};

// The light or dark palette.
Palette make_palette(bool dark);

// The colour of a risk band (Okabe-Ito hues).
Colour band_colour(RiskBand band);

// How a band is hatched so it is told apart without hue: stripes per 10 exposure points (0 = none).
int band_hatch_density(RiskBand band);

// WCAG relative luminance of a colour (alpha ignored).
double relative_luminance(Rgba c);
// WCAG contrast ratio of two colours, 1..21.
double contrast_ratio(Rgba a, Rgba b);
// `c` mixed towards `toward` by t in 0..1.
Rgba mix(Rgba c, Rgba toward, float t);
// `c` with alpha scaled by t.
Rgba fade(Rgba c, float t);

// Packs to Dear ImGui's ABGR 32-bit layout (IM_COL32).
constexpr uint32_t pack(Rgba c) {
    return (uint32_t(c.a) << 24) | (uint32_t(c.b) << 16) | (uint32_t(c.g) << 8) | uint32_t(c.r);
}

} // namespace exposure::ui
