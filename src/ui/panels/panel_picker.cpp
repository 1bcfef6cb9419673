// Exposure Explorer ui, panels: the occupation picker. Type-ahead over titles and codes (case- and
// accent-insensitive, prefix matches first, arrow keys and Enter), or browse by major group.
#include "ui/panels/panels.hpp"
#include "ui/widgets/bar_math.hpp"
#include "ui/widgets/draw_util.hpp"
#include "ui/widgets/list_row.hpp"
#include "ui/widgets/search.hpp"

#include <imgui_stdlib.h>

#include <algorithm>
#include <string>

namespace exposure::ui {

namespace {
constexpr std::size_t k_max_results = 12;

void choose(Frame& frame, int row) {
    const OccupationSummary& o = frame.app.index->occupations[row];
    if (frame.app.occupation != o.code) {
        frame.app.occupation = o.code;
        frame.app.occupation_changed = true;
    }
    PickerState& picker = frame.ui.picker;
    picker.query.clear();
    picker.results.clear();
    picker.results_for.clear();
    picker.open = false;
    picker.browse_group = -1;
    picker.cursor = 0;
}

bool key_pressed(ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key)); }
} // namespace

void draw_picker(Frame& frame) {
    const Palette& p = frame.palette;
    const Fonts& f = frame.fonts;
    PickerState& picker = frame.ui.picker;
    if (!frame.app.index) {
        ImDrawListSplitter splitter;
        begin_card(splitter, k_card_padding);
        text_wrapped(f.body, col(p, Colour::TextMuted), "Loading the list of occupations\xE2\x80\xA6");
        end_card(splitter, p, k_card_padding);
        return;
    }
    const Index& index = *frame.app.index;
    ImDrawListSplitter splitter;
    begin_card(splitter, frame.summary ? 10.0f : k_card_padding);
    if (!frame.summary) {
        text_line(f.heading, col(p, Colour::Text), "Pick an occupation");
        text_wrapped(f.small, col(p, Colour::TextMuted),
                     "Search " + std::to_string(index.occupations.size()) +
                         " US occupations by title or O*NET code, or browse them by group.");
    }
    const float browse_w = ImGui::CalcTextSize(picker.browse_group == -2 || picker.browse_group >= 0 ? "Close" : "Browse").x +
                           ImGui::GetStyle().FramePadding.x * 2;
    ImGui::PushItemWidth(ImGui::CalcItemWidth() - browse_w - 8);
    if (picker.focus_input) {
        ImGui::SetKeyboardFocusHere();
        picker.focus_input = false;
    }
    const std::string hint = "Search " + std::to_string(index.occupations.size()) + " occupations";
    ImGui::InputTextWithHint("##search", hint.c_str(), &picker.query);
    // Enter ends the text box's editing in the same frame: "deactivated" still counts as typing here.
    const bool input_active = ImGui::IsItemActive() || ImGui::IsItemDeactivated();
    ImGui::PopItemWidth();
    ImGui::SameLine(0, 8);
    const bool browsing = picker.browse_group != -1;
    if (ImGui::Button(browsing ? "Close" : "Browse")) picker.browse_group = browsing ? -1 : -2; // -2: the group list

    if (picker.query != picker.results_for) {
        picker.results = search_occupations(index, picker.query, k_max_results);
        picker.results_for = picker.query;
        picker.cursor = 0;
        if (!picker.query.empty()) picker.browse_group = -1;
    }
    if (!picker.query.empty()) {
        const int n = static_cast<int>(picker.results.size());
        if (input_active && n > 0) {
            if (key_pressed(ImGuiKey_DownArrow)) picker.cursor = std::min(picker.cursor + 1, n - 1);
            if (key_pressed(ImGuiKey_UpArrow)) picker.cursor = std::max(picker.cursor - 1, 0);
            if (key_pressed(ImGuiKey_Enter) || key_pressed(ImGuiKey_KeyPadEnter)) {
                choose(frame, picker.results[picker.cursor]);
                end_card(splitter, p, frame.summary ? 10.0f : k_card_padding);
                return;
            }
        }
        if (input_active && key_pressed(ImGuiKey_Escape)) picker.query.clear();
        if (n == 0) {
            text_wrapped(f.small, col(p, Colour::TextMuted), "No occupation matches \"" + picker.query + "\".");
        }
        for (int i = 0; i < n; ++i) {
            const OccupationSummary& o = index.occupations[picker.results[i]];
            ListRowSpec row{o.title, o.code, i == picker.cursor, o.code == frame.app.occupation};
            ImGui::PushID(i);
            const bool clicked = list_row("##result", row, p, f.body, f.small);
            ImGui::PopID();
            if (clicked) {
                choose(frame, picker.results[i]);
                break;
            }
        }
    } else if (picker.browse_group == -2) {
        text_line(f.small, col(p, Colour::TextMuted), "Browse by major group");
        // Groups in as many columns as keep rows readable.
        const float width = ImGui::CalcItemWidth();
        const int count = static_cast<int>(index.groups.size());
        const GridLayout grid = grid_layout(count, width, 300.0f, 8.0f, 3);
        ImGui::PushItemWidth(grid.tile_width);
        for (int g = 0; g < count; ++g) {
            const std::vector<int> rows = occupations_in_group(index, g);
            const std::string detail = std::to_string(rows.size());
            ListRowSpec row{index.groups[g].title, detail, false, frame.summary && frame.summary->major_group == g};
            if (g % grid.columns != 0) ImGui::SameLine(0, 8.0f);
            ImGui::PushID(g);
            if (list_row("##group", row, p, f.body, f.small)) picker.browse_group = g;
            ImGui::PopID();
        }
        ImGui::PopItemWidth();
    } else if (picker.browse_group >= 0 && picker.browse_group < static_cast<int>(index.groups.size())) {
        if (ImGui::SmallButton("\xE2\x86\x90 All groups")) picker.browse_group = -2;
        text_wrapped(f.heading, col(p, Colour::Text), index.groups[picker.browse_group].title);
        const std::vector<int> rows = occupations_in_group(index, picker.browse_group);
        const GridLayout grid = grid_layout(static_cast<int>(rows.size()), ImGui::CalcItemWidth(), 300.0f, 8.0f, 3);
        ImGui::PushItemWidth(grid.tile_width);
        bool chosen = false;
        for (std::size_t i = 0; i < rows.size() && !chosen; ++i) {
            const int row_index = rows[i];
            const OccupationSummary& o = index.occupations[row_index];
            ListRowSpec row{o.title, o.code, false, o.code == frame.app.occupation};
            if (i % grid.columns != 0) ImGui::SameLine(0, 8.0f);
            ImGui::PushID(row_index);
            const bool clicked = list_row("##member", row, p, f.body, f.small);
            ImGui::PopID();
            if (clicked) {
                choose(frame, row_index);
                chosen = true;
            }
        }
        ImGui::PopItemWidth();
    }
    end_card(splitter, p, frame.summary ? 10.0f : k_card_padding);
}

} // namespace exposure::ui
