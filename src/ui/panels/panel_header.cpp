// Exposure Explorer ui, panels: the header (title, code, major group, risk band chip, timeline scenario).
#include "ui/format.hpp"
#include "ui/panels/panels.hpp"
#include "ui/widgets/draw_util.hpp"

#include <string>

namespace exposure::ui {

namespace {
// The timeline sentence: when GPT-4's automation estimate would cross a quarter and a half of the work
// under the capability-growth scenario.
std::string timeline_text(const Timeline& t, int horizon) {
    auto when = [](int year) {
        return year <= k_timeline_base_year ? std::string("already") : "by " + std::to_string(year);
    };
    if (t.year_50) return "AI could handle half of this work " + when(*t.year_50);
    if (t.year_25)
        return "AI could handle a quarter of this work " + when(*t.year_25) + ", not half before " +
               std::to_string(horizon);
    return "AI would handle under a quarter of this work through " + std::to_string(horizon);
}
} // namespace

void draw_header_block(Frame& frame) {
    const Palette& p = frame.palette;
    const Fonts& f = frame.fonts;
    text_wrapped(f.title, col(p, Colour::Text), frame.summary->title);
    std::string sub = frame.summary->code;
    if (frame.group) sub += "  \xC2\xB7  " + frame.group->title;
    text_wrapped(f.small, col(p, Colour::TextMuted), sub);
    ImGui::Dummy(ImVec2(0, 2));

    const RiskBand band = frame.scores ? frame.scores->risk : risk_band(frame.exposure);
    const std::string band_text = std::string(to_string(band)) + " exposure";
    const ImU32 band_fill = pack(mix(p[band_colour(band)], p[Colour::Card], 0.72f));
    chip("##band", band_text, band_fill, col(p, Colour::Text), col(p, band_colour(band)), band_hatch_density(band),
         f.body);
    if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 22);
        ImGui::TextUnformatted("Risk band of the exposure score. Bands also differ by stripe density "
                               "and position on the gauge, not only by colour.");
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }

    if (frame.scores) {
        const std::string text = timeline_text(frame.scores->timeline, frame.app.scenario.horizon_year);
        const ImVec2 tag = chip_size("Scenario", false, f.small);
        // The scenario tag sits beside the band chip when both fit, else on its own line.
        ImGui::SameLine();
        const float left = ImGui::GetContentRegionAvail().x - k_card_padding;
        if (left < tag.x + 8) ImGui::NewLine();
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 3.0f);
        chip("##scenario", "Scenario", col(p, Colour::Track), col(p, Colour::TextMuted), 0, 0, f.small);
        const bool tag_hovered = ImGui::IsItemHovered();
        text_wrapped(f.small, col(p, Colour::TextMuted), text);
        if (tag_hovered || ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24);
            ImGui::Text("A what-if projection, not a forecast: GPT-4's automation estimate grown along an "
                        "S-curve at rate %.2f a year from %d.",
                        frame.app.scenario.growth_rate, k_timeline_base_year);
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
    }
}

void draw_header(Frame& frame) {
    ImDrawListSplitter splitter;
    begin_card(splitter, k_card_padding);
    draw_header_block(frame);
    end_card(splitter, frame.palette, k_card_padding);
}

} // namespace exposure::ui
