// Exposure Explorer UI: the one entry point a host (native window or web canvas) calls.
// The host owns the ImGui context, the GL context, the fonts' texture and the data; it calls
// draw_app() between ImGui::NewFrame() and ImGui::Render() whenever a frame is needed.
// Panels never see which platform they run on.
#pragma once

#include "core/model.hpp"
#include "core/scenario.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace exposure::ui {

enum class Theme : uint8_t { Auto = 0, Light, Dark };
enum class View : uint8_t { Card = 0, Compact, Full };

struct UiState; // the panels' own state (ui/ui_state.hpp); opaque to hosts

// Everything one widget instance shows and what it tells its host. Plain data.
struct AppState {
    AppState();
    ~AppState();
    AppState(AppState&&) noexcept;
    AppState& operator=(AppState&&) noexcept;

    // Data, owned by the host (on the web shared by every instance on the page).
    const Index* index = nullptr;
    const std::map<std::string, OccupationDetail, std::less<>>* details = nullptr;

    // What is shown.
    std::string occupation; // O*NET-SOC code; empty shows the picker
    Scenario scenario;
    Theme theme = Theme::Auto;
    bool system_dark = false; // the host's reading of the system theme, used when theme == Auto
    View view = View::Full;

    // Told to the host after each frame (the host clears what it has handled).
    std::vector<std::string> wanted_details; // occupation codes whose detail the ui needs
    bool occupation_changed = false;         // the user picked another occupation
    bool scenario_changed = false;           // the user changed the what-if
    float content_height = 0;                // logical px the full content needs (no layout shift)
    std::string error;                       // non-empty: an error card is shown (last good state kept)
    std::string open_url;                    // a link the user activated (relative to the widget's page)

    std::unique_ptr<UiState> ui; // panels' state: selection, animation, hover, sorting
};

// Per-frame facts from the host.
struct FrameInput {
    float width = 800, height = 600; // logical (CSS) px of the window or canvas
    float pixel_ratio = 1;            // device pixels per logical px
    double time = 0;                  // seconds, monotonic
};

// Draws the whole widget for one frame. Returns true while an animation wants more frames;
// false means nothing will change until the next input or data change (draw on demand).
bool draw_app(AppState& state, const FrameInput& input);

// Rebuilds the current context's font atlas from a TTF/OTF file's bytes at the pixel ratio
// (crisp text at 1x, 2x, 3x). The host re-uploads the atlas texture afterwards.
// Coordinates stay in logical px: the host sets io.DisplaySize in logical px and
// io.DisplayFramebufferScale to the ratio; this sets io.FontGlobalScale = 1 / ratio (no ScaleAllSizes).
// Returns false for bytes that are not a TrueType/OpenType font (empty included) or that fail to
// rasterise; the atlas is then empty (nothing can be drawn with it): the host loads
// load_builtin_font to stay readable, or says it cannot draw.
bool load_fonts(std::span<const uint8_t> font_file, float pixel_ratio);

// ImGui's built-in font at the ratio, for a host whose font file load_fonts refused. Only the hosts
// that call it link its 10 kB of font data (the web widget does not: its font is checked when it is
// built).
void load_builtin_font(float pixel_ratio);

// The current context draws with an atlas load_fonts built at `pixel_ratio` for another context
// sharing it (ImGui::CreateContext(atlas)): sets io.FontGlobalScale = 1 / ratio, as load_fonts does.
void use_fonts(float pixel_ratio);

// Applies the light or dark style to the current context.
void apply_theme(bool dark, float pixel_ratio);

} // namespace exposure::ui
