// Exposure Explorer ui, panels: the occupation's top O*NET basic skills with importance bars.
#include "ui/panels/panels.hpp"
#include "ui/widgets/draw_util.hpp"
#include "ui/widgets/meter.hpp"

#include <algorithm>
#include <cstdio>

namespace exposure::ui {

namespace {
constexpr std::size_t k_top_skills = 6;
}

void draw_skills(Frame& frame) {
    const Palette& p = frame.palette;
    const Fonts& f = frame.fonts;
    const std::vector<Skill>& skills = frame.detail->skills;
    ImDrawListSplitter splitter;
    begin_card(splitter, k_card_padding);
    text_line(f.heading, col(p, Colour::Text), "Core skills");
    if (skills.empty()) {
        text_wrapped(f.small, col(p, Colour::TextMuted), "O*NET lists no basic skills for this occupation.");
    } else {
        text_wrapped(f.small, col(p, Colour::TextMuted), "Top O*NET basic skills by importance (0-100).");
        ImGui::Dummy(ImVec2(0, 2));
        for (std::size_t i = 0; i < std::min(skills.size(), k_top_skills); ++i) {
            char value[16];
            std::snprintf(value, sizeof value, "%.0f / 100", skills[i].importance);
            MeterSpec spec;
            spec.name = skills[i].name;
            spec.value_text = value;
            spec.fraction = std::clamp(skills[i].importance / 100.0, 0.0, 1.0);
            spec.colour = Colour::Accent;
            ImGui::PushID(static_cast<int>(i));
            meter("##skill", spec, p, f.body, f.small);
            ImGui::PopID();
        }
    }
    end_card(splitter, p, k_card_padding);
}

} // namespace exposure::ui
