// Exposure Explorer tests: the whole card drawn headless (no window, no GPU), frame by frame, for
// several occupations, scenarios, views, widths and themes, checking what was drawn: the panels,
// every vertex inside its window and clip rectangle (nothing relies on clipping), the needle angle,
// the delta, rater tooltips, loading and error states, the picker's keyboard use, same-frame what-if.
#include "unit-ui-harness.hpp"

#include "core/scoring.hpp"
#include "ui/app.hpp"
#include "ui/ui_state.hpp"
#include "ui/widgets/gauge_math.hpp"

#include <doctest/doctest.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <string>

using namespace exposure;

namespace {
constexpr double k_frame = 1.0 / 60.0;

bool drew(const ui::AppState& state, const std::string& panel) {
    const auto& panels = state.ui->record.panels;
    return std::find(panels.begin(), panels.end(), panel) != panels.end();
}

// Every vertex of every draw command lies inside the command's clip rectangle (AA fringe allowed),
// and every vertex of the card's window inside the window: nothing is cut off or drawn outside.
int count_vertices_outside() {
    const ImDrawData* data = ImGui::GetDrawData();
    REQUIRE(data != nullptr);
    int outside = 0;
    ImGuiWindow* card = ImGui::FindWindowByName("##exposure_card");
    REQUIRE(card != nullptr);
    const ImRect window = card->Rect();
    for (int l = 0; l < data->CmdListsCount; ++l) {
        const ImDrawList* list = data->CmdLists[l];
        const bool is_card = list == card->DrawList;
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            const float tol = 1.5f;
            for (unsigned i = 0; i < cmd.ElemCount; ++i) {
                const ImDrawVert& v = list->VtxBuffer[list->IdxBuffer[cmd.IdxOffset + i] + cmd.VtxOffset];
                const bool in_clip = v.pos.x >= cmd.ClipRect.x - tol && v.pos.x <= cmd.ClipRect.z + tol &&
                                     v.pos.y >= cmd.ClipRect.y - tol && v.pos.y <= cmd.ClipRect.w + tol;
                const bool in_window = !is_card || (v.pos.x >= window.Min.x - tol && v.pos.x <= window.Max.x + tol &&
                                                    v.pos.y >= window.Min.y - tol && v.pos.y <= window.Max.y + tol);
                if (!in_clip || !in_window) {
                    if (outside < 3)
                        MESSAGE(list->_OwnerName << ": vertex (" << v.pos.x << ", " << v.pos.y << ") clip (" << cmd.ClipRect.x
                                                 << ", " << cmd.ClipRect.y << ", " << cmd.ClipRect.z << ", " << cmd.ClipRect.w
                                                 << ") window (" << window.Min.x << ", " << window.Min.y << ", " << window.Max.x
                                                 << ", " << window.Max.y << ")");
                    ++outside;
                }
            }
        }
    }
    return outside;
}

// Draws until the layout and the needle have settled at a display tall enough for all content.
void settle(test::Headless& h, ui::AppState& state, double& t, float width) {
    h.resize(width, 800);
    for (int i = 0; i < 3; ++i) h.frame(state, t += k_frame);
    h.resize(width, std::max(200.0f, state.content_height + 2.0f));
    for (int i = 0; i < 30; ++i) h.frame(state, t += k_frame);
}

ui::AppState make_state(test::UiTestData& data, const std::string& code, ui::View view) {
    ui::AppState state;
    state.index = &data.index;
    state.details = &data.details;
    state.occupation = code;
    state.view = view;
    return state;
}

// Moves the mouse to the middle of a rectangle.
void hover(test::Headless& h, const ui::DrawnRect& r) {
    h.io().MousePos = ImVec2(0.5f * (r.x0 + r.x1), 0.5f * (r.y0 + r.y1));
}
} // namespace

TEST_CASE("the gauge's needle settles at the occupation's score") {
    test::UiTestData data = test::make_ui_test_data();
    test::Headless h(1024, 768);
    ui::AppState state = make_state(data, "15-2051.00", ui::View::Card);
    double t = 0;
    settle(h, state, t, 1024);
    const OccupationScores scores = score_occupation(data.details.at("15-2051.00"), state.scenario);
    CHECK(state.ui->record.needle_value == doctest::Approx(scores.exposure));
    CHECK(state.ui->record.needle_angle == doctest::Approx(ui::gauge_angle(scores.exposure)));
    CHECK(state.content_height > 100.0f);
}

TEST_CASE("every panel of every view draws inside its window for each occupation, scenario, width and theme") {
    test::UiTestData data = test::make_ui_test_data();
    test::Headless h(1024, 768);
    Scenario human_only;
    human_only.rater_weights = {1, 0, 0};
    human_only.lens = Lens::Gamma;
    Scenario task_changes;
    set_task_weight(task_changes, 101, 0);
    set_task_capability(task_changes, 102, 90);
    set_task_capability(task_changes, 201, 60);
    const Scenario scenarios[] = {Scenario{}, human_only, task_changes};
    for (const char* code : {"15-2051.00", "47-2181.00", "27-3043.05"}) {
        for (ui::View view : {ui::View::Compact, ui::View::Card, ui::View::Full}) {
            for (float width : {360.0f, 720.0f, 1024.0f, 1920.0f}) {
                for (int s = 0; s < 3; ++s) {
                    for (ui::Theme theme : {ui::Theme::Light, ui::Theme::Dark}) {
                        CAPTURE(code);
                        CAPTURE(static_cast<int>(view));
                        CAPTURE(width);
                        CAPTURE(s);
                        CAPTURE(static_cast<int>(theme));
                        ui::AppState state = make_state(data, code, view);
                        state.scenario = scenarios[s];
                        state.theme = theme;
                        double t = 0;
                        h.io().MousePos = ImVec2(-1000, -1000);
                        settle(h, state, t, width);
                        CHECK(state.error.empty());
                        const bool compact = view == ui::View::Compact;
                        CHECK(drew(state, "compact") == compact);
                        CHECK(drew(state, "header") != compact);
                        CHECK(drew(state, "gauge") != compact);
                        CHECK(drew(state, "cards") != compact);
                        CHECK(drew(state, "tasks") == (view != ui::View::Compact));
                        const bool full = view == ui::View::Full;
                        CHECK(drew(state, "picker") == full);
                        CHECK(drew(state, "strip") == full);
                        CHECK(drew(state, "whatif") == full);
                        CHECK(drew(state, "skills") == full);
                        CHECK(drew(state, "meaning") == full);
                        CHECK(drew(state, "activities") == full);
                        CHECK(count_vertices_outside() == 0);
                        // A settled card asks for no more frames (drawing on demand).
                        CHECK_FALSE(h.frame(state, t += k_frame));
                        const OccupationScores scores = score_occupation(data.details.at(code), state.scenario);
                        CHECK(state.ui->record.needle_angle == doctest::Approx(ui::gauge_angle(scores.exposure)));
                    }
                }
            }
        }
    }
}

TEST_CASE("the widget gallery draws every widget inside the window at phone and desktop widths") {
    test::UiTestData data = test::make_ui_test_data();
    test::Headless h(1024, 768);
    for (float width : {360.0f, 1024.0f, 1920.0f}) {
        CAPTURE(width);
        ui::AppState state = make_state(data, "15-2051.00", ui::View::Full);
        state.ui->show_gallery = true;
        double t = 0;
        h.io().MousePos = ImVec2(-1000, -1000);
        settle(h, state, t, width);
        CHECK(drew(state, "gallery"));
        CHECK(count_vertices_outside() == 0);
    }
}

TEST_CASE("hovering a task shows each rater's label and value, with the disagreement") {
    test::UiTestData data = test::make_ui_test_data();
    test::Headless h(1024, 768);
    for (float width : {360.0f, 1024.0f}) {
        CAPTURE(width);
        ui::AppState state = make_state(data, "15-2051.00", ui::View::Card);
        double t = 0;
        settle(h, state, t, width);
        const auto& rows = state.ui->record.task_rows;
        auto row = std::find_if(rows.begin(), rows.end(), [](const ui::DrawnRect& r) { return r.id == 102; });
        REQUIRE(row != rows.end());
        hover(h, *row);
        h.frame(state, t += k_frame);
        const std::string& tip = state.ui->record.tooltip;
        // Task 102: human E0, GPT-4 E2, GPT-4 alt E1; beta lens.
        CHECK(tip.find("Human annotators: E0 not exposed = 0") != std::string::npos);
        CHECK(tip.find("GPT-4: E2 exposed with tools = 50") != std::string::npos);
        CHECK(tip.find("GPT-4, alt. rubric: E1 directly exposed = 100  (not in the blend)") != std::string::npos);
        CHECK(tip.find("disagree") != std::string::npos);
        CHECK(tip.find("AI can handle 25%") != std::string::npos);
        CHECK(count_vertices_outside() == 0);
        h.io().MousePos = ImVec2(-1000, -1000);
    }
}

TEST_CASE("tapping a task keeps its rater breakdown open in the row, and tapping again closes it") {
    test::UiTestData data = test::make_ui_test_data();
    test::Headless h(360, 800);
    ui::AppState state = make_state(data, "47-2181.00", ui::View::Card);
    double t = 0;
    settle(h, state, t, 360);
    auto row_of = [&](int64_t id) {
        for (const ui::DrawnRect& r : state.ui->record.task_rows)
            if (r.id == id) return r;
        FAIL("task row not drawn");
        return ui::DrawnRect{};
    };
    const ui::DrawnRect before = row_of(202);
    auto tap = [&](const ui::DrawnRect& r) {
        hover(h, r);
        h.frame(state, t += k_frame);
        h.io().MouseDown[0] = true;
        h.frame(state, t += k_frame);
        h.io().MouseDown[0] = false;
        h.frame(state, t += k_frame);
        h.io().MousePos = ImVec2(-1000, -1000);
        h.frame(state, t += k_frame);
    };
    tap(before);
    CHECK(state.ui->pinned_task == 202);
    const ui::DrawnRect open = row_of(202);
    CHECK(open.y1 - open.y0 > before.y1 - before.y0 + 40); // the breakdown's lines are in the row
    settle(h, state, t, 360);
    CHECK(count_vertices_outside() == 0);
    tap(row_of(202));
    CHECK(state.ui->pinned_task == -1);
}

TEST_CASE("a what-if that differs from the published method ghosts the baseline and shows the delta") {
    test::UiTestData data = test::make_ui_test_data();
    test::Headless h(1024, 768);
    ui::AppState state = make_state(data, "15-2051.00", ui::View::Full);
    double t = 0;
    settle(h, state, t, 1024);
    CHECK(state.ui->record.delta_text.empty());
    CHECK(state.ui->record.ghost_value < 0);

    state.scenario.lens = Lens::Gamma;
    const OccupationDetail& detail = data.details.at("15-2051.00");
    const double now = score_occupation(detail, state.scenario).exposure;
    const double base = score_occupation(detail, Scenario{}).exposure;
    REQUIRE(std::fabs(now - base) > 0.5);
    SUBCASE("the needle eases to the new score and the host is asked for frames meanwhile") {
        const double start = state.ui->record.needle_value;
        CHECK(h.frame(state, t += k_frame));
        const double mid = state.ui->record.needle_value;
        CHECK(std::min(start, now) <= mid);
        CHECK(mid <= std::max(start, now));
        for (int i = 0; i < 20; ++i) h.frame(state, t += k_frame);
        CHECK(state.ui->record.needle_value == doctest::Approx(now));
        CHECK_FALSE(h.frame(state, t += k_frame));
    }
    SUBCASE("the delta and the ghost needle show the difference") {
        h.frame(state, t += k_frame);
        CHECK(state.ui->record.delta_text == ui::format_delta(now - base));
        CHECK(state.ui->record.ghost_value == doctest::Approx(base));
    }
}

TEST_CASE("Reset all brings every figure back in the same frame") {
    test::UiTestData data = test::make_ui_test_data();
    for (float width : {360.0f, 1024.0f}) {
        CAPTURE(width);
        test::Headless h(width, 800);
        ui::AppState state = make_state(data, "15-2051.00", ui::View::Full);
        state.scenario.lens = Lens::Gamma;
        set_task_capability(state.scenario, 103, 80);
        double t = 0;
        h.io().MousePos = ImVec2(-1000, -1000);
        settle(h, state, t, width);
        REQUIRE_FALSE(state.ui->record.delta_text.empty());
        const ui::DrawnRect button = state.ui->record.reset_all;
        REQUIRE(button.x1 > button.x0);
        hover(h, button);
        h.frame(state, t += k_frame);
        h.io().MouseDown[0] = true;
        h.frame(state, t += k_frame);
        h.io().MouseDown[0] = false;
        h.frame(state, t += k_frame); // the click lands on release
        CHECK(state.scenario == Scenario{});
        CHECK(state.scenario_changed);
        // Drawn in this very frame: no delta, no ghost needle.
        CHECK(state.ui->record.delta_text.empty());
        CHECK(state.ui->record.ghost_value < 0);
        h.io().MousePos = ImVec2(-1000, -1000);
    }
}

TEST_CASE("a missing detail is asked of the host and a loading state shows until it arrives") {
    test::UiTestData data = test::make_ui_test_data();
    std::map<std::string, OccupationDetail, std::less<>> some;
    test::Headless h(1024, 768);
    ui::AppState state = make_state(data, "47-2181.00", ui::View::Full);
    state.details = &some;
    double t = 0;
    settle(h, state, t, 1024);
    CHECK(state.wanted_details == std::vector<std::string>{"47-2181.00"});
    state.wanted_details.clear(); // the host started the fetch
    h.frame(state, t += k_frame);
    CHECK(state.wanted_details.empty()); // asked once, not every frame
    CHECK(drew(state, "loading"));
    CHECK(drew(state, "gauge"));
    CHECK_FALSE(drew(state, "tasks"));
    CHECK(state.ui->record.needle_value == doctest::Approx(summary_exposure(data.index.occupations[2], state.scenario)));
    CHECK(count_vertices_outside() == 0);

    state.wanted_details.clear();
    some.emplace("47-2181.00", data.details.at("47-2181.00"));
    h.frame(state, t += k_frame);
    CHECK(state.wanted_details.empty());
    CHECK(drew(state, "tasks"));
}

TEST_CASE("an unknown occupation code shows an error card and keeps the last good occupation") {
    test::UiTestData data = test::make_ui_test_data();
    test::Headless h(1024, 768);
    ui::AppState state = make_state(data, "15-2051.00", ui::View::Card);
    double t = 0;
    settle(h, state, t, 1024);
    state.occupation = "99-9999.99";
    h.frame(state, t += k_frame);
    CHECK(state.error.find("99-9999.99") != std::string::npos);
    CHECK(state.occupation == "15-2051.00");
    CHECK(drew(state, "error"));
    CHECK(drew(state, "header"));
    settle(h, state, t, 1024);
    CHECK(drew(state, "error"));
    CHECK(count_vertices_outside() == 0);
}

TEST_CASE("an invalid scenario from the host is refused and the last good one kept") {
    test::UiTestData data = test::make_ui_test_data();
    test::Headless h(1024, 768);
    ui::AppState state = make_state(data, "15-2051.00", ui::View::Card);
    state.scenario.lens = Lens::Gamma;
    double t = 0;
    settle(h, state, t, 1024);
    Scenario bad = state.scenario;
    bad.rater_weights = {0, 0, 0};
    state.scenario = bad;
    h.frame(state, t += k_frame);
    CHECK_FALSE(state.error.empty());
    CHECK(state.scenario.lens == Lens::Gamma);
    CHECK(state.scenario.rater_weights == std::array<double, 3>{1, 1, 0});
}

TEST_CASE("the picker finds an occupation by typing and the keyboard picks it") {
    test::UiTestData data = test::make_ui_test_data();
    test::Headless h(1024, 768);
    ImGuiIO& io = h.io();
    io.KeyMap[ImGuiKey_Enter] = 13;
    io.KeyMap[ImGuiKey_DownArrow] = 40;
    io.KeyMap[ImGuiKey_UpArrow] = 38;
    ui::AppState state = make_state(data, "", ui::View::Card);
    double t = 0;
    settle(h, state, t, 1024);
    CHECK(drew(state, "picker"));
    CHECK_FALSE(drew(state, "header"));
    state.ui->picker.focus_input = true;
    h.frame(state, t += k_frame); // asks for focus
    h.frame(state, t += k_frame); // the text box becomes active
    io.AddInputCharactersUTF8("WRIT");
    h.frame(state, t += k_frame);
    h.frame(state, t += k_frame);
    CHECK(state.ui->picker.query == "WRIT");
    REQUIRE(state.ui->picker.results.size() == 1);
    io.KeysDown[13] = true;
    h.frame(state, t += k_frame);
    io.KeysDown[13] = false;
    CHECK(state.occupation == "27-3043.05");
    CHECK(state.occupation_changed);
    h.frame(state, t += k_frame);
    CHECK(drew(state, "header"));
}

TEST_CASE("browsing major groups and a group's occupations draws inside the window") {
    test::UiTestData data = test::make_ui_test_data();
    for (float width : {360.0f, 1920.0f}) {
        CAPTURE(width);
        test::Headless h(width, 800);
        ui::AppState state = make_state(data, "15-2051.00", ui::View::Full);
        state.ui->picker.browse_group = -2;
        double t = 0;
        h.io().MousePos = ImVec2(-1000, -1000);
        settle(h, state, t, width);
        CHECK(count_vertices_outside() == 0);
        state.ui->picker.browse_group = 1;
        settle(h, state, t, width);
        CHECK(count_vertices_outside() == 0);
        CHECK(state.occupation == "15-2051.00");
    }
}

TEST_CASE("a moved-from state draws again, and the dark theme styles the context") {
    test::UiTestData data = test::make_ui_test_data();
    test::Headless h(1024, 768);
    ui::AppState a = make_state(data, "15-2051.00", ui::View::Compact);
    a.theme = ui::Theme::Auto;
    a.system_dark = true;
    double t = 0;
    settle(h, a, t, 1024);
    const ui::Palette dark = ui::make_palette(true);
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    CHECK(bg.x == doctest::Approx(dark[ui::Colour::Background].r / 255.0));
    ui::AppState b = std::move(a);
    h.frame(b, t += k_frame);
    CHECK(drew(b, "compact"));
    a.index = &data.index;
    a.details = &data.details;
    a.occupation = "47-2181.00";
    h.frame(a, t += k_frame);
    CHECK(drew(a, "compact"));
}
