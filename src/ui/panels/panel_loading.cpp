// Exposure Explorer ui, panels: what stands in for the task bars while the detail loads (the host
// was asked for it through AppState::wanted_details). Same shape as the real panel: no layout jump.
#include "ui/panels/panels.hpp"
#include "ui/widgets/draw_util.hpp"

namespace exposure::ui {

void draw_loading(Frame& frame) {
    const Palette& p = frame.palette;
    ImDrawListSplitter splitter;
    begin_card(splitter, k_card_padding);
    text_line(frame.fonts.heading, col(p, Colour::Text), "What this work involves");
    text_wrapped(frame.fonts.small, col(p, Colour::TextMuted),
                 "Loading the task list of " + frame.summary->title + "\xE2\x80\xA6");
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float w = ImGui::GetContentRegionAvail().x - k_card_padding;
    const int rows = std::max(3, std::min(frame.summary->task_count, 8));
    for (int i = 0; i < rows; ++i) {
        const ImVec2 a = ImGui::GetCursorScreenPos();
        const float frac = 0.55f + 0.35f * static_cast<float>((i * 37) % 10) / 10.0f;
        draw->AddRectFilled(ImVec2(a.x, a.y + 2), ImVec2(a.x + w * frac, a.y + 12), col(p, Colour::Track), 4.0f);
        draw->AddRectFilled(ImVec2(a.x, a.y + 18), ImVec2(a.x + w, a.y + 26), col(p, Colour::Track), 4.0f);
        ImGui::Dummy(ImVec2(w, 30));
    }
    end_card(splitter, p, k_card_padding);
}

} // namespace exposure::ui
