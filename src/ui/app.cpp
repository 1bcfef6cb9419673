// Exposure Explorer ui: the dispatcher. Resolves what is shown (occupation, detail, scores from the
// core, cached between frames), then decides which panels draw, in which column, for the view and
// width. Sections:
//   [SECTION] AppState special members
//   [SECTION] Resolving the occupation and the core's scores
//   [SECTION] Layout per view
//   [SECTION] draw_app
#include "ui/app.hpp"

#include "ui/panels/panels.hpp"
#include "ui/ui_state.hpp"
#include "ui/widgets/draw_util.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace exposure::ui {

// [SECTION] AppState special members ----------------------------------------------------------

AppState::AppState() : ui(std::make_unique<UiState>()) {}
AppState::~AppState() = default;
AppState::AppState(AppState&&) noexcept = default;
AppState& AppState::operator=(AppState&&) noexcept = default;

// [SECTION] Resolving the occupation and the core's scores --------------------------------------

namespace {

using PanelFn = void (*)(Frame&);

// Width from which the card uses two columns.
constexpr float k_two_column_min_width = 880.0f;
// Width from which the one-column layout puts the header beside the gauge.
constexpr float k_hero_min_width = 660.0f;

Fonts resolve_fonts() {
    Fonts f;
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    ImFont* fallback = ImGui::GetFont();
    auto pick = [&](FontRole role) {
        const int i = static_cast<int>(role);
        return atlas->Fonts.Size == static_cast<int>(FontRole::Count) ? atlas->Fonts[i] : fallback;
    };
    f.body = pick(FontRole::Body);
    f.small = pick(FontRole::Small);
    f.heading = pick(FontRole::Heading);
    f.title = pick(FontRole::Title);
    f.display = pick(FontRole::Display);
    return f;
}

int find_row(const Index& index, std::string_view code) {
    const auto& rows = index.occupations;
    auto it = std::lower_bound(rows.begin(), rows.end(), code,
                               [](const OccupationSummary& o, std::string_view c) { return o.code < c; });
    if (it != rows.end() && it->code == code) return static_cast<int>(it - rows.begin());
    // The index is sorted by code by contract; fall back to a scan if a host built it otherwise.
    for (std::size_t i = 0; i < rows.size(); ++i)
        if (rows[i].code == code) return static_cast<int>(i);
    return -1;
}

// The part of a scenario that rank_all and summary_exposure read.
bool same_globals(const Scenario& a, const Scenario& b) {
    return a.rater_weights == b.rater_weights && a.lens == b.lens && a.growth_rate == b.growth_rate &&
           a.horizon_year == b.horizon_year;
}

void refresh_scores(ScoreCache& cache, const OccupationDetail& detail, const Scenario& scenario) {
    if (cache.valid && cache.code == detail.code && cache.scenario == scenario) return;
    cache.scores = score_occupation(detail, scenario);
    cache.code = detail.code;
    cache.scenario = scenario;
    cache.valid = true;
}

void refresh_ranking(RankCache& cache, const Index& index, const Scenario& scenario) {
    if (cache.valid && same_globals(cache.scenario, scenario)) return;
    rank_all(index, scenario, cache.ranking);
    cache.scenario = scenario;
    cache.valid = true;
}

void ask_for_detail(AppState& state, const std::string& code) {
    if (std::find(state.wanted_details.begin(), state.wanted_details.end(), code) == state.wanted_details.end())
        state.wanted_details.push_back(code);
}

// Checks the host's inputs; bad ones become the error card and the last good values come back.
void validate_inputs(AppState& state, UiState& ui) {
    if (state.index && !state.occupation.empty() && find_row(*state.index, state.occupation) < 0) {
        state.error = "Unknown occupation code \"" + state.occupation + "\". " +
                      (ui.good_code.empty() ? std::string("Pick one below.") : "Showing the last one instead.");
        state.occupation = ui.good_code;
    }
    const std::string problem = validate_scenario(state.scenario);
    if (!problem.empty()) {
        state.error = "The what-if settings were not valid (" + problem + "); they were reset to the last good ones.";
        state.scenario = ui.good_scenario;
    }
}

// Fills the frame with the occupation, its detail and the core's figures.
void resolve(Frame& frame) {
    frame.summary = nullptr;
    frame.group = nullptr;
    frame.detail = nullptr;
    frame.scores = nullptr;
    frame.baseline = nullptr;
    frame.ranking = nullptr;
    AppState& state = frame.app;
    UiState& ui = frame.ui;
    if (!state.index || state.occupation.empty()) return;
    const Index& index = *state.index;
    frame.summary_row = find_row(index, state.occupation);
    if (frame.summary_row < 0) return;
    frame.summary = &index.occupations[frame.summary_row];
    if (frame.summary->major_group >= 0 && frame.summary->major_group < static_cast<int>(index.groups.size()))
        frame.group = &index.groups[frame.summary->major_group];

    refresh_ranking(ui.ranking, index, state.scenario);
    frame.ranking = &ui.ranking.ranking;

    if (state.details) {
        auto it = state.details->find(state.occupation);
        if (it != state.details->end()) frame.detail = &it->second;
    }
    const Scenario baseline_scenario{};
    frame.scenario_is_default = state.scenario == baseline_scenario;
    if (frame.detail) {
        refresh_scores(ui.current, *frame.detail, state.scenario);
        refresh_scores(ui.baseline, *frame.detail, baseline_scenario);
        frame.scores = &ui.current.scores;
        frame.baseline = &ui.baseline.scores;
        frame.exposure = frame.scores->exposure;
        frame.baseline_exposure = frame.baseline->exposure;
        ui.requested_code.clear();
    } else {
        // Asked once per occupation: the host clears wanted_details when it has started the fetch.
        if (ui.requested_code != state.occupation) ask_for_detail(state, state.occupation);
        ui.requested_code = state.occupation;
        frame.exposure = summary_exposure(*frame.summary, state.scenario);
        frame.baseline_exposure = summary_exposure(*frame.summary, baseline_scenario);
    }
    frame.percentile = percentile_of(*frame.ranking, frame.exposure);
    ui.good_code = state.occupation;
    ui.good_scenario = state.scenario;
}

// [SECTION] Layout per view ----------------------------------------------------------------------

void gap() { ImGui::Dummy(ImVec2(0, k_card_gap - ImGui::GetStyle().ItemSpacing.y)); }

// Runs one panel and the gap after it, recording its name for tests.
void run(Frame& frame, const char* name, PanelFn panel) {
    frame.ui.record.panels.emplace_back(name);
    panel(frame);
    gap();
}

// Two columns side by side, laid out as the one-row Dear ImGui table they replace (SizingStretchProp,
// NoPadOuterX, cell padding half the card gap) but without it: BeginTable pulled 10.0 kB of the
// wasm's 198 kB gzipped (issue 7) for one row of two cells. Same geometry: widths from the shares,
// floored, the rounding remainder to the right column first; each column gets the cell's work rect
// (content region, wrap width), item width, clip rect and line state; the row is as tall as the
// taller column.
struct Columns {
    ImGuiWindow* window = nullptr;
    float top = 0;
    float left = 0;  // where the row starts
    float width = 0; // the row's width
    float work_min[2] = {};
    float work_max[2] = {};
    float clip_min[2] = {};
    float clip_max[2] = {};
    float item_width[2] = {};
    int current = -1;
    // The host window's layout state, restored at the end.
    ImRect work_rect, content_region;
    ImVec1 columns_offset;
    ImVec2 cursor_max, prev_line_size, curr_line_size;
    float host_item_width = 0;
};

Columns begin_columns(const char* id, float left_share, float spacing) {
    Columns c;
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    c.window = window;
    c.left = window->DC.CursorPos.x;
    c.top = window->DC.CursorPos.y;
    c.width = std::max(ImGui::GetContentRegionAvail().x, 1.0f);
    c.work_rect = window->WorkRect;
    c.content_region = window->ContentRegionRect;
    c.columns_offset = window->DC.ColumnsOffset;
    c.cursor_max = window->DC.CursorMaxPos;
    c.prev_line_size = window->DC.PrevLineSize;
    c.curr_line_size = window->DC.CurrLineSize;
    c.host_item_width = window->DC.ItemWidth;
    window->DC.PrevLineSize = window->DC.CurrLineSize = ImVec2(0, 0);
    ImGui::PushID(id); // the ID a table of that name gave its cells

    const float min_width = std::max(1.0f, ImGui::GetStyle().FramePadding.x);
    const float stretch = c.width - 2.0f * spacing;
    const float shares[2] = {left_share, 1.0f - left_share};
    float widths[2];
    float remaining = stretch;
    for (int i = 0; i < 2; ++i) {
        widths[i] = std::floor(std::max(stretch * shares[i], min_width) + 0.01f);
        remaining -= widths[i];
    }
    for (int i = 1; i >= 0 && remaining >= 1.0f; --i) {
        widths[i] += 1.0f;
        remaining -= 1.0f;
    }
    const ImRect host_clip = window->ClipRect;
    float x = c.left - spacing;
    for (int i = 0; i < 2; ++i) {
        const float max_x = x + widths[i] + 2.0f * spacing;
        c.work_min[i] = x + spacing;
        c.work_max[i] = max_x - spacing;
        // Clipped to the row (the table's inner clip rect) and the host's clip rect.
        c.clip_min[i] = std::max({x, c.left, host_clip.Min.x});
        c.clip_max[i] = std::min({max_x, c.left + c.width, host_clip.Max.x});
        c.item_width[i] = std::floor(widths[i] * 0.65f);
        x = max_x;
    }
    return c;
}

void end_column(const Columns& c) {
    if (c.current >= 0) ImGui::PopClipRect();
}

// Starts column n (0 left, 1 right): the cursor at the row's top, the cell's rects and widths. The
// right column's first line takes the left column's last text baseline, as a table row does.
void column(Columns& c, int n) {
    ImGuiWindow* window = c.window;
    const float baseline = c.current < 0 ? 0.0f : std::max(0.0f, window->DC.PrevLineTextBaseOffset);
    end_column(c);
    c.current = n;
    window->DC.CursorPos = ImVec2(c.work_min[n], c.top);
    window->DC.CursorMaxPos.x = c.work_min[n];
    if (n == 0) window->DC.CursorMaxPos.y = c.top;
    window->DC.ColumnsOffset.x = c.work_min[n] - window->Pos.x - window->DC.Indent.x;
    window->DC.CurrLineTextBaseOffset = baseline;
    if (n == 0) window->DC.PrevLineTextBaseOffset = 0.0f;
    window->WorkRect.Min = ImVec2(c.work_min[n], c.top);
    window->WorkRect.Max.x = c.work_max[n];
    window->ContentRegionRect.Max.x = c.work_max[n];
    window->DC.ItemWidth = c.item_width[n];
    ImGui::PushClipRect(ImVec2(c.clip_min[n], std::max(c.top, window->ClipRect.Min.y)),
                        ImVec2(c.clip_max[n], window->ClipRect.Max.y), false);
}

// Ends the row: the host's layout state back, the cursor below the taller column.
void end_columns(Columns& c) {
    ImGuiWindow* window = c.window;
    end_column(c);
    const float bottom = std::max(c.top, window->DC.CursorMaxPos.y);
    const float content_right = window->DC.CursorMaxPos.x;
    ImGui::PopID();
    window->WorkRect = c.work_rect;
    window->ContentRegionRect = c.content_region;
    window->DC.ColumnsOffset = c.columns_offset;
    window->DC.PrevLineSize = c.prev_line_size;
    window->DC.CurrLineSize = c.curr_line_size;
    window->DC.ItemWidth = c.host_item_width;
    window->DC.CursorMaxPos = c.cursor_max;
    window->DC.CursorPos = ImVec2(c.left, c.top);
    const ImRect row(c.left, c.top, c.left + c.width, bottom);
    ImGui::ItemSize(row.GetSize());
    ImGui::ItemAdd(row, 0);
    window->DC.CursorMaxPos.x = std::max(c.cursor_max.x, std::min(row.Max.x, content_right));
    window->DC.CursorMaxPos.y = std::max(c.cursor_max.y, bottom);
}

// What the what-if panel's position depends on; a change means last frame's slot is stale.
std::string slot_key(const Frame& frame) {
    const PickerState& picker = frame.ui.picker;
    return std::to_string(static_cast<int>(frame.width)) + '|' + std::to_string(static_cast<int>(frame.app.view)) + '|' +
           frame.app.occupation + '|' + picker.query + '|' + std::to_string(picker.browse_group) + '|' +
           (frame.app.error.empty() ? "" : "e") + (frame.ui.show_gallery ? "g" : "");
}

// The what-if panel changes the scenario that the panels above it show. So that every figure follows
// in the same frame, it is drawn first, at the place it took last frame, and its slot in the column
// is left empty. When the slot moved (or is unknown) it is drawn in place and another frame is asked.
struct DeferredWhatIf {
    bool early = false;
    float height = 0;
};

DeferredWhatIf whatif_early(Frame& frame) {
    DeferredWhatIf d;
    UiState& ui = frame.ui;
    if (ui.whatif_slot_y < 0 || ui.whatif_key != slot_key(frame)) return d;
    const ImVec2 column_start = ImGui::GetCursorPos();
    ImGui::SetCursorPosY(ui.whatif_slot_y);
    const Scenario before = frame.app.scenario;
    ImGui::BeginGroup();
    frame.ui.record.panels.emplace_back("whatif");
    draw_whatif(frame);
    ImGui::EndGroup();
    d.height = ImGui::GetItemRectSize().y;
    d.early = true;
    ImGui::SetCursorPos(column_start);
    if (!(frame.app.scenario == before)) resolve(frame);
    return d;
}

void whatif_slot(Frame& frame, const DeferredWhatIf& d) {
    UiState& ui = frame.ui;
    const float y = ImGui::GetCursorPosY();
    float height = d.height;
    if (d.early) {
        ImGui::Dummy(ImVec2(1.0f, height));
        if (std::fabs(y - ui.whatif_slot_y) > 0.5f) ui.animating = true; // lay out again where it belongs
    } else {
        const Scenario before = frame.app.scenario;
        ImGui::BeginGroup();
        frame.ui.record.panels.emplace_back("whatif");
        draw_whatif(frame);
        ImGui::EndGroup();
        height = ImGui::GetItemRectSize().y;
        if (!(frame.app.scenario == before)) {
            resolve(frame);
            ui.animating = true; // the panels above show the new figures next frame
        }
    }
    gap();
    ui.whatif_slot_y = y;
    ui.whatif_height = height;
    ui.whatif_key = slot_key(frame);
}

void layout(Frame& frame) {
    const View view = frame.app.view;
    if (!frame.app.error.empty()) run(frame, "error", draw_error);
    if (view == View::Full || !frame.summary) {
        const std::string before = frame.app.occupation;
        run(frame, "picker", draw_picker);
        if (frame.app.occupation != before) resolve(frame);
    }
    if (!frame.summary) return;
    const bool loading = frame.detail == nullptr;
    const bool full = view == View::Full;
    const bool with_whatif = full && !loading;

    auto card = [&] {
        if (frame.narrow && frame.width >= k_hero_min_width) {
            frame.ui.record.panels.emplace_back("header");
            run(frame, "gauge", draw_hero);
        } else {
            run(frame, "header", draw_header);
            run(frame, "gauge", draw_gauge_panel);
        }
        run(frame, "cards", draw_headline_cards);
    };
    auto tasks = [&] {
        if (loading)
            run(frame, "loading", draw_loading);
        else
            run(frame, "tasks", draw_tasks);
    };
    if (view == View::Compact) {
        run(frame, "compact", draw_compact);
        return;
    }
    if (frame.narrow) {
        DeferredWhatIf d;
        if (with_whatif) d = whatif_early(frame);
        card();
        if (full) run(frame, "strip", draw_strip);
        if (with_whatif) whatif_slot(frame, d);
        tasks();
        if (with_whatif) {
            run(frame, "activities", draw_activities);
            run(frame, "skills", draw_skills);
            run(frame, "meaning", draw_meaning);
        }
    } else {
        Columns columns = begin_columns("##columns", 0.45f, k_card_gap * 0.5f);
        column(columns, 0);
        DeferredWhatIf d;
        if (with_whatif) d = whatif_early(frame);
        card();
        if (full) run(frame, "strip", draw_strip);
        if (with_whatif) {
            whatif_slot(frame, d);
            run(frame, "skills", draw_skills);
            run(frame, "meaning", draw_meaning);
        }
        column(columns, 1);
        tasks();
        if (with_whatif) run(frame, "activities", draw_activities);
        end_columns(columns);
    }
    if (frame.ui.show_gallery) run(frame, "gallery", draw_gallery);
}

} // namespace

// [SECTION] draw_app -------------------------------------------------------------------------------

bool draw_app(AppState& state, const FrameInput& input) {
    if (!state.ui) state.ui = std::make_unique<UiState>(); // a moved-from state is usable again
    UiState& ui = *state.ui;
    ui.now = input.time;
    ui.animating = false;
    ui.record = FrameRecord{};

    const bool dark = state.theme == Theme::Dark || (state.theme == Theme::Auto && state.system_dark);
    if (!ui.theme_applied || ui.applied_dark != dark) {
        apply_theme(dark, input.pixel_ratio);
        ui.theme_applied = true;
        ui.applied_dark = dark;
    }
    ui.palette = make_palette(dark);
    ui.fonts = resolve_fonts();

    validate_inputs(state, ui);
    const float width = input.width > 0 ? input.width : ImGui::GetIO().DisplaySize.x;
    Frame frame{state, ui, ui.palette, ui.fonts};
    frame.now = input.time;
    frame.width = width;
    frame.narrow = width < k_two_column_min_width;
    resolve(frame);

    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float pad = frame.narrow ? 10.0f : 16.0f;
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(display);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(pad, pad));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration & ~ImGuiWindowFlags_NoScrollbar;
    ImGui::Begin("##exposure_card", nullptr,
                 flags | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    ImGui::PopStyleVar(3);
    ImGui::PushFont(ui.fonts.body);
    layout(frame);
    ImGui::PopFont();
    // The full height the content needs: the host can size its canvas to it (no inner scrolling).
    const float content_bottom = ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y + pad;
    ImGui::End();
    state.content_height = std::max(content_bottom, 1.0f);
    ui.record.content_height = state.content_height;
    return ui.animating;
}

} // namespace exposure::ui
