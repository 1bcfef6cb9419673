// Exposure Explorer ui, panels: the Compact view - one card with the title, band, gauge and the
// four headline figures; gauge beside the text when there is room, above it on a phone. The same
// card without the figures is the "hero" of the one-column layout at tablet widths.
#include "ui/panels/panels.hpp"
#include "ui/widgets/draw_util.hpp"

#include <algorithm>

namespace exposure::ui {

namespace {
constexpr float k_side_by_side_min = 600.0f;
} // namespace

namespace {
// One card with the gauge at the left and the header (and the tiles) at the right; stacked when
// the card is too narrow for both.
void side_by_side(Frame& frame, bool with_tiles) {
    ImDrawListSplitter splitter;
    begin_card(splitter, k_card_padding);
    const float avail = ImGui::GetContentRegionAvail().x - k_card_padding;
    if (avail < k_side_by_side_min) {
        draw_header_block(frame);
        ImGui::Dummy(ImVec2(0, 4));
        draw_gauge_block(frame, 0.0f);
        if (with_tiles) {
            ImGui::Dummy(ImVec2(0, 4));
            draw_headline_tiles(frame);
        }
    } else {
        const float left = std::min(340.0f, avail * 0.42f), gap = 24.0f;
        ImGui::BeginGroup();
        draw_gauge_block(frame, left);
        ImGui::EndGroup();
        ImGui::SameLine(0, gap);
        ImGui::BeginGroup();
        ImGui::PushItemWidth(avail - left - gap);
        draw_header_block(frame);
        if (with_tiles) {
            ImGui::Dummy(ImVec2(0, 4));
            draw_headline_tiles(frame);
        }
        ImGui::PopItemWidth();
        ImGui::EndGroup();
    }
    end_card(splitter, frame.palette, k_card_padding);
}
} // namespace

void draw_compact(Frame& frame) { side_by_side(frame, true); }

void draw_hero(Frame& frame) { side_by_side(frame, false); }

} // namespace exposure::ui
