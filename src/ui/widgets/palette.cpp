// Exposure Explorer ui, widgets: the two themes' colours (see palette.hpp).
#include "ui/widgets/palette.hpp"

#include <algorithm>
#include <cmath>

namespace exposure::ui {

namespace {
constexpr Rgba rgb(uint32_t hex) {
    return Rgba{uint8_t(hex >> 16), uint8_t(hex >> 8), uint8_t(hex), 255};
}
void set(Palette& p, Colour c, Rgba v) { p.colours[static_cast<int>(c)] = v; }
double channel(uint8_t v) {
    const double s = v / 255.0;
    return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
}
} // namespace

Palette make_palette(bool dark) {
    Palette p;
    p.dark = dark;
    if (!dark) {
        set(p, Colour::Background, rgb(0xF4F2EE));
        set(p, Colour::Card, rgb(0xFFFFFF));
        set(p, Colour::CardHover, rgb(0xF7F5F0));
        set(p, Colour::Border, rgb(0xDEDAD2));
        set(p, Colour::Text, rgb(0x1B1B1F));
        set(p, Colour::TextMuted, rgb(0x5C5C66));
        set(p, Colour::Accent, rgb(0x1F5FBF));
        set(p, Colour::Track, rgb(0xE9E6DF));
        set(p, Colour::Needle, rgb(0x1B1B1F));
        set(p, Colour::Ghost, rgb(0x8E8C94));
        set(p, Colour::Uncertainty, rgb(0x1F5FBF));
        set(p, Colour::Automation, rgb(0x2A6FDB));
        set(p, Colour::Exposure, rgb(0xC45A1A));
        set(p, Colour::Positive, rgb(0x1E7B4F));
        set(p, Colour::Negative, rgb(0xB3261E));
        set(p, Colour::Error, rgb(0xB3261E));
        // Okabe-Ito bluish green, yellow, orange, vermillion: told apart under the common colour-vision
        // deficiencies; the gauge adds position, labels and stripe density on top of hue.
        set(p, Colour::BandLow, rgb(0x009E73));
        set(p, Colour::BandModerate, rgb(0xE2C400));
        set(p, Colour::BandHigh, rgb(0xE69F00));
        set(p, Colour::BandVeryHigh, rgb(0xD55E00));
    } else {
        set(p, Colour::Background, rgb(0x121316));
        set(p, Colour::Card, rgb(0x1C1D22));
        set(p, Colour::CardHover, rgb(0x24262C));
        set(p, Colour::Border, rgb(0x33353D));
        set(p, Colour::Text, rgb(0xECEBEF));
        set(p, Colour::TextMuted, rgb(0xA6A5AE));
        set(p, Colour::Accent, rgb(0x7FB0FF));
        set(p, Colour::Track, rgb(0x2C2E35));
        set(p, Colour::Needle, rgb(0xF4F3F7));
        set(p, Colour::Ghost, rgb(0x83828C));
        set(p, Colour::Uncertainty, rgb(0x7FB0FF));
        set(p, Colour::Automation, rgb(0x5B95F0));
        set(p, Colour::Exposure, rgb(0xF0874A));
        set(p, Colour::Positive, rgb(0x5CCB93));
        set(p, Colour::Negative, rgb(0xFF8A80));
        set(p, Colour::Error, rgb(0xFF8A80));
        set(p, Colour::BandLow, rgb(0x1FB38A));
        set(p, Colour::BandModerate, rgb(0xF0E442));
        set(p, Colour::BandHigh, rgb(0xF2AA1F));
        set(p, Colour::BandVeryHigh, rgb(0xF0702A));
    }
    return p;
}

Colour band_colour(RiskBand band) {
    switch (band) {
    case RiskBand::Low: return Colour::BandLow;
    case RiskBand::Moderate: return Colour::BandModerate;
    case RiskBand::High: return Colour::BandHigh;
    case RiskBand::VeryHigh: return Colour::BandVeryHigh;
    }
    return Colour::BandLow;
}

int band_hatch_density(RiskBand band) {
    switch (band) {
    case RiskBand::Low: return 0;
    case RiskBand::Moderate: return 2;
    case RiskBand::High: return 4;
    case RiskBand::VeryHigh: return 8;
    }
    return 0;
}

double relative_luminance(Rgba c) {
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

double contrast_ratio(Rgba a, Rgba b) {
    const double la = relative_luminance(a), lb = relative_luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

Rgba mix(Rgba c, Rgba toward, float t) {
    t = std::clamp(t, 0.0f, 1.0f);
    auto m = [t](uint8_t x, uint8_t y) { return uint8_t(std::lround(x + (y - x) * t)); };
    return Rgba{m(c.r, toward.r), m(c.g, toward.g), m(c.b, toward.b), m(c.a, toward.a)};
}

Rgba fade(Rgba c, float t) {
    c.a = uint8_t(std::lround(std::clamp(t, 0.0f, 1.0f) * c.a));
    return c;
}

} // namespace exposure::ui
