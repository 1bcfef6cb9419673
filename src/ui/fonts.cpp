// Exposure Explorer ui: the font atlas. One Inter file at several sizes (FontRole order in
// ui_state.hpp), rasterised at the device pixel ratio and scaled back so text is crisp at 1x-3x.
#include "ui/app.hpp"
#include "ui/ui_state.hpp"

#include <imgui.h>

#include <array>
#include <cstring>

namespace exposure::ui {

namespace {
// Logical px of each FontRole.
constexpr std::array<float, static_cast<int>(FontRole::Count)> k_font_sizes{15.0f, 12.5f, 17.0f, 24.0f, 44.0f};

// Basic Latin, Latin-1 (accents typed in the search box), the lens letters alpha-gamma, general
// punctuation (dashes, quotes, bullet, ellipsis), arrows and the math signs the card writes.
// Keep in step with assets/glyphs.txt (the font subset). Constant, not state.
constexpr ImWchar k_glyph_ranges[] = {
    0x0020, 0x007E, 0x00A0, 0x00FF, 0x03B1, 0x03B3, 0x2010, 0x2027, 0x2190, 0x2193,
    0x2212, 0x2212, 0x2248, 0x2248, 0x2264, 0x2265, 0,
};
// The display size draws only the headline score (format_score: digits, '.', '-', "nan"): rasterising
// the full ranges at 44 px was a third of the atlas's build time, the first frame's largest cost
// (issue 7, perf/frame_bench.cpp: 11.1 -> 7.3 ms of CPU natively; atlas 1024x1024 -> 512x1024).
constexpr ImWchar k_display_glyph_ranges[] = {0x0020, 0x0040, 0x0061, 0x0061, 0x006E, 0x006E, 0x2212, 0x2212, 0};
} // namespace

namespace {

// ImGui's built-in font at the ratio: keeps a host readable when it has no usable font file.
void load_default_font(float pixel_ratio) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ImFontConfig config;
    config.SizePixels = 13.0f * pixel_ratio;
    io.Fonts->AddFontDefault(&config);
    io.FontGlobalScale = 1.0f / pixel_ratio;
}

} // namespace

bool load_fonts(std::span<const uint8_t> font_file, float pixel_ratio) {
    ImGuiIO& io = ImGui::GetIO();
    if (pixel_ratio <= 0) pixel_ratio = 1;
    // A TrueType (0x00010000, "true") or CFF OpenType ("OTTO") header; anything else is refused
    // before stb_truetype sees it.
    const bool sfnt = font_file.size() >= 12 &&
                      ((font_file[0] == 0 && font_file[1] == 1 && font_file[2] == 0 && font_file[3] == 0) ||
                       std::memcmp(font_file.data(), "OTTO", 4) == 0 || std::memcmp(font_file.data(), "true", 4) == 0);
    if (!sfnt) {
        load_default_font(pixel_ratio);
        return false;
    }
    io.Fonts->Clear();
    for (size_t role = 0; role < k_font_sizes.size(); ++role) {
        const float size = k_font_sizes[role];
        ImFontConfig config;
        // The atlas frees what it owns: give each size its own copy of the bytes.
        void* copy = IM_ALLOC(font_file.size());
        std::memcpy(copy, font_file.data(), font_file.size());
        config.FontDataOwnedByAtlas = true;
        config.OversampleH = 2;
        config.OversampleV = 1;
        config.PixelSnapH = false;
        const bool display = role == static_cast<size_t>(FontRole::Display);
        ImFont* font = io.Fonts->AddFontFromMemoryTTF(copy, static_cast<int>(font_file.size()), size * pixel_ratio,
                                                      &config, display ? k_display_glyph_ranges : k_glyph_ranges);
        if (!font) {
            load_default_font(pixel_ratio);
            return false;
        }
    }
    if (!io.Fonts->Build()) {
        load_default_font(pixel_ratio);
        return false;
    }
    io.FontGlobalScale = 1.0f / pixel_ratio;
    return true;
}

} // namespace exposure::ui
