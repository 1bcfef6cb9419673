// Exposure Explorer ui, panels: "What this means" (templated text) and the methodology note with its
// link to methodology.html.
#include "ui/meaning.hpp"
#include "ui/panels/panels.hpp"
#include "ui/widgets/draw_util.hpp"

namespace exposure::ui {

namespace {
// The methodology page, relative to the widget's page (web/methodology.html on the site).
constexpr const char* k_methodology_url = "methodology.html";

// A text link; returns true when activated.
bool link(const char* text, const Palette& p) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 size = ImGui::CalcTextSize(text);
    const bool clicked = ImGui::InvisibleButton(text, size);
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddText(pos, col(p, Colour::Accent), text);
    draw->AddLine(ImVec2(pos.x, pos.y + size.y), ImVec2(pos.x + size.x, pos.y + size.y),
                  col(p, Colour::Accent, hovered ? 1.0f : 0.5f), 1.0f);
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    return clicked;
}
} // namespace

void draw_meaning(Frame& frame) {
    const Palette& p = frame.palette;
    const Fonts& f = frame.fonts;
    ImDrawListSplitter splitter;
    begin_card(splitter, k_card_padding);
    text_line(f.heading, col(p, Colour::Text), "What this means");
    MeaningInput in;
    in.summary = frame.summary;
    in.detail = frame.detail;
    in.scores = frame.scores;
    in.percentile = frame.percentile;
    in.occupation_count = frame.app.index ? static_cast<int>(frame.app.index->occupations.size()) : 0;
    for (const std::string& paragraph : meaning_paragraphs(in)) {
        text_wrapped(f.body, col(p, Colour::Text), paragraph);
        ImGui::Dummy(ImVec2(0, 2));
    }
    hairline(p);
    text_line(f.body, col(p, Colour::Text), "How the score is made");
    text_wrapped(f.small, col(p, Colour::TextMuted),
                 "Each O*NET task of the occupation was labelled by human annotators and by GPT-4 (Eloundou et al., "
                 "2023): E1 if a language model could do it in half the time, E2 if that needs extra software, E0 "
                 "otherwise. A task scores 100 for E1, 50 for E2 (0 or 100 under the other lenses) and 0 for E0; the "
                 "raters are averaged, then the tasks, core tasks counting double. Wages and employment are BLS May "
                 "2021; projections BLS 2020-30; work activities from Microsoft's Copilot study (2025).");
    text_wrapped(f.small, col(p, Colour::TextMuted),
                 "Limits: exposure says where today's tools touch the work, not whether jobs will go; the labels date "
                 "from 2023, and the timeline is a scenario you can change, not a forecast.");
    ImGui::PushFont(f.small);
    if (link("Full methodology", p)) frame.app.open_url = k_methodology_url;
    ImGui::SameLine(0, 16);
    if (link(frame.ui.show_gallery ? "Hide widget gallery" : "Widget gallery", p))
        frame.ui.show_gallery = !frame.ui.show_gallery;
    ImGui::PopFont();
    end_card(splitter, p, k_card_padding);
}

} // namespace exposure::ui
