// Exposure Explorer ui, panels: the Microsoft work activities (IWAs) as bars, collapsed at first.
#include "ui/panels/panels.hpp"
#include "ui/widgets/draw_util.hpp"
#include "ui/widgets/meter.hpp"

#include <algorithm>
#include <cstdio>

namespace exposure::ui {

void draw_activities(Frame& frame) {
    const Palette& p = frame.palette;
    const Fonts& f = frame.fonts;
    const std::vector<Activity>& activities = frame.detail->activities;
    ImDrawListSplitter splitter;
    begin_card(splitter, k_card_padding);
    char title[96];
    std::snprintf(title, sizeof title, "Work activities in Copilot conversations (%zu)", activities.size());
    disclosure("##activities", title, frame.ui.activities_open, p, f.heading);
    if (frame.ui.activities_open) {
        if (activities.empty()) {
            text_wrapped(f.small, col(p, Colour::TextMuted),
                         "Microsoft's study has no work activities for this occupation.");
        } else {
            text_wrapped(f.small, col(p, Colour::TextMuted),
                         "Microsoft's data (Tomlinson et al. 2025): the occupation's work activities by O*NET "
                         "weight; bars show how applicable AI was where people used Copilot for them.");
            ImGui::Dummy(ImVec2(0, 2));
            for (std::size_t i = 0; i < activities.size(); ++i) {
                const Activity& a = activities[i];
                char value[48];
                if (a.applicability_ai)
                    std::snprintf(value, sizeof value, "AI applicability %.0f", *a.applicability_ai * 100.0);
                else
                    std::snprintf(value, sizeof value, "no usage data");
                MeterSpec spec;
                spec.name = a.title;
                spec.value_text = value;
                spec.fraction = a.applicability_ai ? std::clamp(*a.applicability_ai, 0.0, 1.0) : -1.0;
                spec.colour = Colour::Automation;
                ImGui::PushID(static_cast<int>(i));
                if (meter("##activity", spec, p, f.body, f.small)) {
                    ImGui::BeginTooltip();
                    ImGui::Text("O*NET weight %.2f", a.weight);
                    if (a.completion_ai) ImGui::Text("Completed by AI: %.0f%%", *a.completion_ai * 100.0);
                    if (a.impact_scope_ai) ImGui::Text("Scope of AI's impact: %.0f%%", *a.impact_scope_ai * 100.0);
                    if (a.share_user) ImGui::Text("Share of user goals: %.2f%%", *a.share_user * 100.0);
                    if (a.share_ai) ImGui::Text("Share of AI actions: %.2f%%", *a.share_ai * 100.0);
                    ImGui::EndTooltip();
                }
                ImGui::PopID();
            }
        }
    }
    end_card(splitter, p, k_card_padding);
}

} // namespace exposure::ui
