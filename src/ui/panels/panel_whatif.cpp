// Exposure Explorer ui, panels: the what-if controls. Rater weights, lens, capability growth and
// horizon, and per task a weight and a capability override, each with a reset; "Reset all".
// Every change goes through the core's scenario helpers and is validated before it is kept; the
// dispatcher draws this panel before the figures so they follow in the same frame.
#include "ui/format.hpp"
#include "ui/panels/panels.hpp"
#include "ui/widgets/draw_util.hpp"

#include <cstdio>
#include <cmath>
#include <string>

namespace exposure::ui {

namespace {
// Keeps a candidate scenario only when the core accepts it.
bool commit(Frame& frame, const Scenario& candidate) {
    if (candidate == frame.app.scenario) return false;
    if (!validate_scenario(candidate).empty()) return false;
    frame.app.scenario = candidate;
    frame.app.scenario_changed = true;
    return true;
}

// A caption line above a control: name and current value at the left, the default at the right.
void caption(Frame& frame, const std::string& name_and_value, const std::string& note) {
    const char* name = name_and_value.c_str();
    const Palette& p = frame.palette;
    ImFont* small = frame.fonts.small;
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float right = ImGui::GetContentRegionAvail().x - k_card_padding;
    const float name_w = small->CalcTextSizeA(font_px(small), 1e9f, 0, name).x;
    const float note_w = note.empty() ? 0.0f : small->CalcTextSizeA(font_px(small), 1e9f, 0, note.c_str()).x;
    const bool note_fits = !note.empty() && right > name_w + note_w + 16;
    // The name wraps when the note does not fit beside it.
    text_wrapped(small, col(p, Colour::Text), name);
    if (note_fits)
        ImGui::GetWindowDrawList()->AddText(small, font_px(small), ImVec2(start.x + right - note_w, start.y),
                                            col(p, Colour::TextMuted), note.c_str());
}

// A small reset button, disabled when there is nothing to reset. Returns true when pressed.
bool reset_button(const char* id, bool active) {
    ImGui::BeginDisabled(!active);
    const bool pressed = ImGui::SmallButton(id);
    ImGui::EndDisabled();
    return pressed && active;
}

// A slider with a reset button at its right, filling the row.
bool slider_with_reset(const char* id, float& value, float min, float max, const char* format, bool changed_from_default,
                       bool& reset) {
    const float reset_w = ImGui::CalcTextSize("Reset").x + ImGui::GetStyle().FramePadding.x * 2 + 8;
    ImGui::PushItemWidth(ImGui::CalcItemWidth() - reset_w);
    // The value is written in the caption above: the grab would hide text drawn inside the slider.
    (void)format;
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, 2.0f));
    const bool moved = ImGui::SliderFloat(id, &value, min, max, "", ImGuiSliderFlags_AlwaysClamp);
    ImGui::PopStyleVar();
    ImGui::PopItemWidth();
    ImGui::SameLine(0, 8);
    ImGui::PushID(id);
    reset = reset_button("Reset", changed_from_default);
    ImGui::PopID();
    return moved;
}

void rater_weights(Frame& frame) {
    const Scenario defaults{};
    for (int r = 0; r < k_rater_count; ++r) {
        const Rater rater = static_cast<Rater>(r);
        char note[48], value[64];
        std::snprintf(note, sizeof note, "default %.0f", defaults.rater_weights[r]);
        std::snprintf(value, sizeof value, "%s: %.1f", rater_display_name(rater).data(), frame.app.scenario.rater_weights[r]);
        caption(frame, value, note);
        float w = static_cast<float>(frame.app.scenario.rater_weights[r]);
        bool reset = false;
        char id[24];
        std::snprintf(id, sizeof id, "##rater%d", r);
        const bool moved =
            slider_with_reset(id, w, 0.0f, 3.0f, "%.1f", frame.app.scenario.rater_weights[r] != defaults.rater_weights[r], reset);
        Scenario candidate = frame.app.scenario;
        if (moved) candidate.rater_weights[r] = w;
        if (reset) candidate.rater_weights[r] = defaults.rater_weights[r];
        if ((moved || reset) && !commit(frame, candidate) && moved && w <= 0)
            frame.ui.whatif_note = "At least one rater must count: that weight stays above 0.";
    }
    if (!frame.ui.whatif_note.empty())
        text_wrapped(frame.fonts.small, col(frame.palette, Colour::Negative), frame.ui.whatif_note);
}

void lens(Frame& frame) {
    caption(frame, "Lens: what an E2 label (\"exposed with extra tools\") is worth", "");
    const struct {
        Lens lens;
        const char* label;
    } choices[] = {{Lens::Alpha, "\xCE\xB1  0"}, {Lens::Beta, "\xCE\xB2  0.5"}, {Lens::Gamma, "\xCE\xB3  1"}};
    for (int i = 0; i < 3; ++i) {
        if (i > 0) ImGui::SameLine(0, 16);
        if (ImGui::RadioButton(choices[i].label, frame.app.scenario.lens == choices[i].lens)) {
            Scenario candidate = frame.app.scenario;
            candidate.lens = choices[i].lens;
            commit(frame, candidate);
        }
    }
}

void growth(Frame& frame) {
    const Scenario defaults{};
    char note[48], value[64];
    std::snprintf(note, sizeof note, "default %.2f", defaults.growth_rate);
    std::snprintf(value, sizeof value, "Capability growth per year: %.2f", frame.app.scenario.growth_rate);
    caption(frame, value, note);
    float rate = static_cast<float>(frame.app.scenario.growth_rate);
    bool reset = false;
    const bool moved =
        slider_with_reset("##growth", rate, 0.0f, 2.0f, "%.2f", frame.app.scenario.growth_rate != defaults.growth_rate, reset);
    Scenario candidate = frame.app.scenario;
    if (moved) candidate.growth_rate = rate;
    if (reset) candidate.growth_rate = defaults.growth_rate;
    if (moved || reset) commit(frame, candidate);

    std::snprintf(note, sizeof note, "default %d", defaults.horizon_year);
    std::snprintf(value, sizeof value, "Timeline horizon: %d", frame.app.scenario.horizon_year);
    caption(frame, value, note);
    float year = static_cast<float>(frame.app.scenario.horizon_year);
    reset = false;
    const bool moved_year = slider_with_reset("##horizon", year, static_cast<float>(k_scenario_min_horizon), 2060.0f, "%.0f",
                                              frame.app.scenario.horizon_year != defaults.horizon_year, reset);
    candidate = frame.app.scenario;
    if (moved_year) candidate.horizon_year = static_cast<int>(std::lround(year));
    if (reset) candidate.horizon_year = defaults.horizon_year;
    if (moved_year || reset) commit(frame, candidate);
}

const TaskOverride* find_override(const Scenario& s, int64_t id) {
    for (const TaskOverride& o : s.tasks)
        if (o.task_id == id) return &o;
    return nullptr;
}

void per_task(Frame& frame) {
    const Palette& p = frame.palette;
    const OccupationDetail& detail = *frame.detail;
    const OccupationScores& baseline = *frame.baseline;
    const std::string title = "Adjust individual tasks (" + std::to_string(detail.tasks.size()) + ")";
    disclosure("##tasks", title, frame.ui.whatif_tasks_open, p, frame.fonts.body);
    if (!frame.ui.whatif_tasks_open) return;
    text_wrapped(frame.fonts.small, col(p, Colour::TextMuted),
                 "Weight: how much of the job the task is (core tasks start at 2, others at 1; 0 leaves it out). "
                 "Capability: your own 0-100 judgement of how exposed the task is.");
    for (std::size_t i = 0; i < detail.tasks.size(); ++i) {
        const Task& t = detail.tasks[i];
        const TaskOverride* o = find_override(frame.app.scenario, t.id);
        ImGui::PushID(static_cast<int>(t.id));
        ImGui::Dummy(ImVec2(0, 2));
        text_wrapped(frame.fonts.body, col(p, Colour::Text), t.text);
        const double default_weight = default_task_weight(t.type);
        const double base_value = i < baseline.tasks.size() ? baseline.tasks[i].baseline_exposure : -1.0;

        float weight = static_cast<float>(o && o->weight >= 0 ? o->weight : default_weight);
        char note[48], value[48];
        std::snprintf(note, sizeof note, "default %.0f", default_weight);
        std::snprintf(value, sizeof value, "Weight: %.1f", weight);
        caption(frame, value, note);
        bool reset = false;
        const bool moved_w = slider_with_reset("##weight", weight, 0.0f, 5.0f, "%.1f", o && o->weight >= 0, reset);
        if (moved_w || reset) {
            Scenario candidate = frame.app.scenario;
            set_task_weight(candidate, t.id, reset ? -1.0 : static_cast<double>(weight));
            commit(frame, candidate);
        }

        float capability = static_cast<float>(o && o->capability >= 0 ? o->capability : std::max(0.0, base_value));
        if (base_value >= 0)
            std::snprintf(note, sizeof note, "raters: %.0f", base_value);
        else
            std::snprintf(note, sizeof note, "no rater label");
        std::snprintf(value, sizeof value, "Capability: %.0f", capability);
        caption(frame, value, note);
        reset = false;
        const bool moved_c = slider_with_reset("##capability", capability, 0.0f, 100.0f, "%.0f", o && o->capability >= 0, reset);
        if (moved_c || reset) {
            Scenario candidate = frame.app.scenario;
            set_task_capability(candidate, t.id, reset ? -1.0 : static_cast<double>(capability));
            commit(frame, candidate);
        }
        ImGui::PopID();
    }
}
} // namespace

void draw_whatif(Frame& frame) {
    const Palette& p = frame.palette;
    const Fonts& f = frame.fonts;
    ImDrawListSplitter splitter;
    begin_card(splitter, k_card_padding);
    text_line(f.heading, col(p, Colour::Text), "What if?");
    text_wrapped(f.small, col(p, Colour::TextMuted),
                 "Change how the score is made; every figure on the card follows. The grey needle keeps the "
                 "published method for comparison.");
    ImGui::Dummy(ImVec2(0, 2));
    ImGui::PushFont(f.small);
    rater_weights(frame);
    ImGui::Dummy(ImVec2(0, 2));
    lens(frame);
    ImGui::Dummy(ImVec2(0, 2));
    growth(frame);
    ImGui::PopFont();
    ImGui::Dummy(ImVec2(0, 4));
    ImGui::PushFont(f.small);
    per_task(frame);
    ImGui::Dummy(ImVec2(0, 4));
    const bool is_default = frame.app.scenario == Scenario{};
    ImGui::BeginDisabled(is_default);
    const bool reset_all = ImGui::Button("Reset all");
    frame.ui.record.reset_all = DrawnRect{0, ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y,
                                          ImGui::GetItemRectMax().x, ImGui::GetItemRectMax().y};
    if (reset_all) {
        frame.ui.whatif_note.clear();
        frame.app.scenario = Scenario{};
        frame.app.scenario_changed = true;
    }
    ImGui::EndDisabled();
    ImGui::PopFont();
    end_card(splitter, p, k_card_padding);
}

} // namespace exposure::ui
