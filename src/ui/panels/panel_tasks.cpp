// Exposure Explorer ui, panels: the task bars (sorted by exposure or in O*NET order, core tags,
// "AI can handle" and exposure per task, rater breakdown on hover or tap).
#include "ui/format.hpp"
#include "ui/panels/panels.hpp"
#include "ui/widgets/bar_math.hpp"
#include "ui/widgets/draw_util.hpp"
#include "ui/widgets/task_bar.hpp"

#include <string>

namespace exposure::ui {

namespace {
// A two-state segmented toggle; returns true when the choice changed.
bool segmented(const char* id, const char* left, const char* right, bool& right_selected, const Palette& p) {
    bool changed = false;
    ImGui::PushID(id);
    for (int i = 0; i < 2; ++i) {
        const bool selected = (i == 1) == right_selected;
        ImGui::PushStyleColor(ImGuiCol_Button, col4(p, selected ? Colour::Accent : Colour::Track, selected ? 0.18f : 1.0f));
        ImGui::PushStyleColor(ImGuiCol_Text, col4(p, selected ? Colour::Accent : Colour::TextMuted));
        if (i == 1) ImGui::SameLine(0, 4);
        if (ImGui::SmallButton(i == 0 ? left : right) && !selected) {
            right_selected = i == 1;
            changed = true;
        }
        ImGui::PopStyleColor(2);
    }
    ImGui::PopID();
    return changed;
}
} // namespace

void draw_tasks(Frame& frame) {
    const Palette& p = frame.palette;
    const Fonts& f = frame.fonts;
    UiState& ui = frame.ui;
    const OccupationDetail& detail = *frame.detail;
    const OccupationScores& scores = *frame.scores;

    ImDrawListSplitter splitter;
    begin_card(splitter, k_card_padding);
    text_line(f.heading, col(p, Colour::Text), "What the work involves");
    text_wrapped(f.small, col(p, Colour::TextMuted),
                 std::to_string(detail.tasks.size()) +
                     " O*NET tasks. \"AI can handle\" is GPT-4's automation estimate; exposure blends the raters' "
                     "labels. Hover a task for each rater's view; tap or click to keep it open.");
    ImGui::PushFont(f.small);
    segmented("##order", "Most exposed first", "O*NET order", ui.tasks_upstream_order, p);
    ImGui::PopFont();
    ImGui::Dummy(ImVec2(0, 2));

    const std::vector<int> order =
        task_display_order(scores.tasks, ui.tasks_upstream_order ? TaskOrder::Upstream : TaskOrder::ByExposure);
    for (int i : order) {
        const TaskScore& s = scores.tasks[i];
        const Task& t = detail.tasks[s.task_index];
        TaskBarSpec spec;
        spec.text = t.text;
        spec.core = t.type == TaskType::Core;
        spec.automation = s.automation;
        spec.exposure = s.exposure;
        spec.baseline_exposure = s.baseline_exposure;
        spec.disagreement = marks_disagreement(s.disagreement);
        spec.overridden = s.overridden;
        spec.removed = s.weight <= 0;
        // A tap (click) pins the breakdown in the row: touch screens have no hover.
        std::string pinned;
        if (ui.pinned_task == t.id) {
            pinned = rater_breakdown(t, s, frame.app.scenario);
            spec.detail = pinned;
        }
        ImGui::PushID(static_cast<int>(t.id));
        const TaskBarResult r = task_bar("##task", spec, p, f.body, f.small);
        ImGui::PopID();
        if (r.clicked) ui.pinned_task = ui.pinned_task == t.id ? -1 : t.id;
        ui.record.task_rows.push_back(DrawnRect{t.id, r.min.x, r.min.y, r.max.x, r.max.y});
        if (r.hovered && ui.pinned_task != t.id) {
            const std::string text = rater_breakdown(t, s, frame.app.scenario);
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 26);
            ImGui::PushFont(f.small);
            ImGui::TextUnformatted(t.text.c_str());
            ImGui::PopFont();
            ImGui::Separator();
            ImGui::TextUnformatted(text.c_str());
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
            ui.record.tooltip = text;
        }
    }
    end_card(splitter, p, k_card_padding);
}

} // namespace exposure::ui
