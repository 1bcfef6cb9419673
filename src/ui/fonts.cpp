// Exposure Explorer ui: the font atlas. One Inter file at several sizes (FontRole order in
// ui_state.hpp), rasterised at the device pixel ratio and scaled back so text is crisp at 1x-3x.
#include "ui/app.hpp"
#include "ui/ui_state.hpp"

#include <imgui.h>
#include <imgui_internal.h> // ImFontAtlasGetBuilderForStbTruetype

#include <array>
#include <cstring>

namespace exposure::ui {

namespace {
// Logical px of each FontRole.
constexpr std::array<float, static_cast<int>(FontRole::Count)> k_font_sizes{15.0f, 12.5f, 17.0f, 24.0f, 44.0f};

// Basic Latin, Latin-1 (accents typed in the search box), the lens letters alpha-gamma, general
// punctuation (dashes, quotes, bullet, ellipsis), arrows and the math signs the card writes.
// Keep in step with assets/glyphs.txt (the font subset). Constant, not state.
// The sizes that draw typed text (Body: the search box; Small: "No occupation matches ..." echoes
// the query) and error messages get all of it.
constexpr ImWchar k_glyph_ranges[] = {
    0x0020, 0x007E, 0x00A0, 0x00FF, 0x03B1, 0x03B3, 0x2010, 0x2027, 0x2190, 0x2193,
    0x2212, 0x2212, 0x2248, 0x2248, 0x2264, 0x2265, 0,
};
// Heading and Title draw the ui's own words and the bundle's titles (all ASCII), never typed text:
// of Latin-1 only the middle dot (U+00B7, the header's separator). Leaving out its other 95 glyphs
// at these two sizes cut the atlas build by a fifth (issue 7, 945 -> 755 glyphs rasterised).
constexpr ImWchar k_label_glyph_ranges[] = {
    0x0020, 0x007E, 0x00B7, 0x00B7, 0x03B1, 0x03B3, 0x2010, 0x2027, 0x2190, 0x2193,
    0x2212, 0x2212, 0x2248, 0x2248, 0x2264, 0x2265, 0,
};
// The display size draws only the headline score (panel_gauge.cpp: format_score's digits, '.', '-',
// "nan", or "n/a"): rasterising the full ranges at 44 px was a third of the atlas's build time, the
// first frame's largest cost (issue 7, perf/frame_bench.cpp: 11.1 -> 7.3 ms of CPU natively; atlas
// 1024x1024 -> 512x1024). Space, '-' to '9' (with '.', '/'), 'a', 'n' and the minus sign: 17 glyphs.
constexpr ImWchar k_display_glyph_ranges[] = {0x0020, 0x0020, 0x002D, 0x0039, 0x0061, 0x0061,
                                              0x006E, 0x006E, 0x2212, 0x2212, 0};

// The glyphs each size rasterises: only what that size draws.
const ImWchar* glyph_ranges(FontRole role) {
    switch (role) {
    case FontRole::Display: return k_display_glyph_ranges;
    case FontRole::Heading:
    case FontRole::Title: return k_label_glyph_ranges;
    default: return k_glyph_ranges;
    }
}

// A refused font leaves nothing half built: no font, no pixels.
bool refuse(ImFontAtlas& atlas) {
    atlas.Clear();
    return false;
}

} // namespace

void load_builtin_font(float pixel_ratio) {
    if (pixel_ratio <= 0) pixel_ratio = 1;
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ImFontConfig config;
    config.SizePixels = 13.0f * pixel_ratio;
    io.Fonts->AddFontDefault(&config);
    io.Fonts->Build();
    use_fonts(pixel_ratio);
}

bool load_fonts(std::span<const uint8_t> font_file, float pixel_ratio) {
    ImGuiIO& io = ImGui::GetIO();
    if (pixel_ratio <= 0) pixel_ratio = 1;
    // A TrueType (0x00010000, "true") or CFF OpenType ("OTTO") header; anything else is refused
    // before stb_truetype sees it.
    const bool sfnt = font_file.size() >= 12 &&
                      ((font_file[0] == 0 && font_file[1] == 1 && font_file[2] == 0 && font_file[3] == 0) ||
                       std::memcmp(font_file.data(), "OTTO", 4) == 0 || std::memcmp(font_file.data(), "true", 4) == 0);
    if (!sfnt) return refuse(*io.Fonts);
    io.Fonts->Clear();
    // The atlas as tall as its glyphs, not the next power of two: at 2x it was 512x2048 for 1075
    // rows in use, twice the pixels to convert to RGBA and upload (WebGL2 and GL 3 take any height).
    io.Fonts->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    for (size_t role = 0; role < k_font_sizes.size(); ++role) {
        const float size = k_font_sizes[role];
        ImFontConfig config;
        // The atlas frees what it owns: give each size its own copy of the bytes.
        void* copy = IM_ALLOC(font_file.size());
        std::memcpy(copy, font_file.data(), font_file.size());
        config.FontDataOwnedByAtlas = true;
        // Horizontal oversampling places glyphs at sub-pixel x. On a 2x screen a device pixel is
        // already half a logical one: without it the atlas is half as wide and builds a fifth faster
        // (perf, 755 glyphs: 2.68 -> 2.09 ms of CPU), and screenshots at 2x show text as crisp.
        // Glyphs of 20 device px and more (the title and the headline score at 1x) do without it
        // too, as Dear ImGui advises for large glyphs: they are most of the atlas's area, and so of
        // its build time, the first frame's largest cost in the browser.
        const float device_px = size * pixel_ratio;
        config.OversampleH = pixel_ratio >= 2 || device_px >= 20 ? 1 : 2;
        config.OversampleV = 1;
        config.PixelSnapH = false;
        ImFont* font = io.Fonts->AddFontFromMemoryTTF(copy, static_cast<int>(font_file.size()), device_px, &config,
                                                      glyph_ranges(static_cast<FontRole>(role)));
        if (!font) return refuse(*io.Fonts);
    }
    // Dear ImGui's stb_truetype builder called directly, not ImFontAtlas::Build: that one adds the
    // built-in font to an empty atlas, and so links its 10 kB of font data into every program that
    // builds an atlas (issue 7: the web widget's wasm 182.7 -> 172.7 kB gzip without it). This
    // atlas is never empty here. The texture is then TexPixelsAlpha8 (GetTexDataAsAlpha8 would
    // link it again); GetTexDataAsRGBA32 still converts it for the native backend.
    if (!ImFontAtlasGetBuilderForStbTruetype()->FontBuilder_Build(io.Fonts)) return refuse(*io.Fonts);
    use_fonts(pixel_ratio);
    return true;
}

void use_fonts(float pixel_ratio) { ImGui::GetIO().FontGlobalScale = 1.0f / (pixel_ratio > 0 ? pixel_ratio : 1.0f); }

} // namespace exposure::ui
