// Exposure Explorer ui, panels: what every panel reads in a frame, and one draw function per panel
// (each in its own panels/panel_<name>.cpp). Internal to src/ui; app.cpp decides which panels show.
#pragma once

#include "ui/app.hpp"
#include "ui/ui_state.hpp"

namespace exposure::ui {

// Everything one frame's panels read: the host's state, the panels' state and what the core returned.
struct Frame {
    AppState& app;
    UiState& ui;
    const Palette& palette;
    const Fonts& fonts;
    double now = 0;
    float width = 0;     // logical px of the widget
    bool narrow = false; // one-column phone layout

    const OccupationSummary* summary = nullptr; // the occupation shown (null: none)
    const MajorGroup* group = nullptr;
    const OccupationDetail* detail = nullptr;    // null while loading
    const OccupationScores* scores = nullptr;    // under state.scenario; null while loading
    const OccupationScores* baseline = nullptr;  // under the default scenario
    const Ranking* ranking = nullptr;            // all occupations under state.scenario
    int summary_row = -1;                        // index of summary in index->occupations

    double exposure = 0;          // headline under state.scenario (from the index while loading)
    double baseline_exposure = 0; // headline under the default scenario
    double percentile = 0;        // among all occupations, 0-100
    bool scenario_is_default = true;
};

// The card's padding and the gap between cards, in logical px.
inline constexpr float k_card_padding = 16.0f;
inline constexpr float k_card_gap = 12.0f;

void draw_header(Frame& frame);       // title, code, group, band chip, timeline scenario
void draw_header_block(Frame& frame); // the same without the card
void draw_gauge_panel(Frame& frame);  // the gauge card: gauge, score, range and delta
void draw_gauge_block(Frame& frame, float width); // the same without the card, `width` wide (0: the row)
void draw_compact(Frame& frame);      // the Compact view: one card with the gauge and headline figures
void draw_hero(Frame& frame);         // header and gauge side by side in one card (one column, tablet width)
void draw_headline_cards(Frame& frame); // augmentation, demand, wage, employment, pressure, percentile, MS
void draw_headline_tiles(Frame& frame); // the same tiles without the card
void draw_strip(Frame& frame);        // all occupations' exposures with this one marked
void draw_tasks(Frame& frame);        // task bars with rater tooltips
void draw_activities(Frame& frame);   // Microsoft work activities (collapsed at first)
void draw_skills(Frame& frame);       // top skills with importance bars
void draw_meaning(Frame& frame);      // "What this means" and the methodology note
void draw_whatif(Frame& frame);       // the what-if controls
void draw_picker(Frame& frame);       // type-ahead and browse by major group
void draw_error(Frame& frame);        // the error card (state.error)
void draw_loading(Frame& frame);      // placeholder bars while the detail loads
void draw_gallery(Frame& frame);      // every custom widget in every state

} // namespace exposure::ui
