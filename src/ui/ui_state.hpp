// Exposure Explorer ui: the panels' own state (internal to src/ui and its tests; hosts see it opaque).
// Plain structs with defaulted members: what is selected, what animates, what is cached between
// frames. Nothing here computes a score; the caches hold what the core returned.
#pragma once

#include "core/model.hpp"
#include "core/scenario.hpp"
#include "core/scoring.hpp"
#include "ui/widgets/gauge_math.hpp"
#include "ui/widgets/palette.hpp"

#include <imgui.h>

#include <string>
#include <vector>

namespace exposure::ui {

// The fonts load_fonts() put in the atlas, in this order (resolved each frame from the context).
enum class FontRole : int { Body = 0, Small, Heading, Title, Display, Count };

// Font pointers of the current context for each role (the default font where none was loaded).
struct Fonts {
    ImFont* body = nullptr;
    ImFont* small = nullptr;
    ImFont* heading = nullptr;
    ImFont* title = nullptr;
    ImFont* display = nullptr;
};

// Scores the core returned, with the inputs they were computed for.
struct ScoreCache {
    std::string code;
    Scenario scenario;
    bool valid = false;
    OccupationScores scores;
};

// All occupations ranked under one scenario's global settings.
struct RankCache {
    Scenario scenario; // tasks ignored: ranking uses the index alone
    bool valid = false;
    Ranking ranking;
};

// The occupation picker's state.
struct PickerState {
    std::string query;             // what the user typed
    std::string results_for;       // the query `results` were computed for
    std::vector<int> results;      // index rows, best first
    int cursor = 0;                // highlighted row for keyboard navigation
    int browse_group = -1;         // major group being browsed, -1 for none
    bool open = false;             // the list is shown
    bool focus_input = false;      // focus the text box next frame
};

// A screen rectangle something was drawn in (logical px).
struct DrawnRect {
    int64_t id = 0; // task ID for task rows; 0 otherwise
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

// What the last frame drew that tests (and the next frame) read back.
struct FrameRecord {
    std::vector<DrawnRect> task_rows; // each task row drawn, in display order
    DrawnRect reset_all;              // the what-if's "Reset all" button (zero when not drawn)
    double needle_value = 0;     // the value the needle was drawn at
    double needle_angle = 0;     // its angle in radians (gauge_angle of needle_value)
    double ghost_value = -1;     // the baseline needle's value; < 0 when not drawn
    float gauge_x = 0, gauge_y = 0, gauge_radius = 0; // the gauge's centre and radius on screen
    std::string delta_text;      // "+4.2" or empty
    std::string tooltip;         // the text of a tooltip drawn this frame, empty if none
    std::vector<std::string> panels; // names of the panels drawn, in order
    float content_height = 0;
};

// Everything the panels keep between frames.
struct UiState {
    // Theme and fonts.
    Palette palette = make_palette(false);
    bool theme_applied = false;
    bool applied_dark = false;
    Fonts fonts;

    // The last occupation and scenario shown without error (kept when new input is bad).
    std::string good_code;
    Scenario good_scenario;
    std::string requested_code; // a detail asked of the host and not yet there

    // Caches of core results.
    ScoreCache current;   // state.scenario
    ScoreCache baseline;  // the default scenario
    RankCache ranking;    // state.scenario's global settings

    // Animation.
    Tween gauge;
    double now = 0;
    bool animating = false; // set by widgets during a frame when they want another one

    // Panels.
    bool tasks_upstream_order = false;
    int64_t pinned_task = -1; // task whose rater breakdown is shown in its row (tapped); -1 none
    bool activities_open = false;
    bool whatif_tasks_open = false; // the per-task controls are expanded
    std::string whatif_note;        // why the last what-if change was refused
    float whatif_slot_y = -1;       // window y where the what-if panel sat last frame (-1: unknown)
    float whatif_height = 0;        // its height last frame
    std::string whatif_key;         // what its slot depended on last frame (width, view, picker, ...)
    bool show_gallery = false;
    PickerState picker;

    // Read back by tests.
    FrameRecord record;
};

} // namespace exposure::ui
