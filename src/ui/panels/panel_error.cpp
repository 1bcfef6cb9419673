// Exposure Explorer ui, panels: the error card (AppState::error), with a button to dismiss it.
#include "ui/panels/panels.hpp"
#include "ui/widgets/draw_util.hpp"

namespace exposure::ui {

void draw_error(Frame& frame) {
    const Palette& p = frame.palette;
    ImDrawListSplitter splitter;
    begin_card(splitter, k_card_padding);
    text_line(frame.fonts.heading, col(p, Colour::Error), "Something went wrong");
    text_wrapped(frame.fonts.body, col(p, Colour::Text), frame.app.error);
    if (ImGui::Button("Dismiss")) frame.app.error.clear();
    end_card(splitter, p, k_card_padding, true);
}

} // namespace exposure::ui
