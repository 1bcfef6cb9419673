// Exposure Explorer ui, widgets: the wrapped, selectable list row.
#include "ui/widgets/list_row.hpp"

#include "ui/widgets/draw_util.hpp"
#include "ui/widgets/text_layout.hpp"

#include <algorithm>

namespace exposure::ui {

bool list_row(const char* label, const ListRowSpec& spec, const Palette& p, ImFont* body, ImFont* small) {
    const float width = std::max(40.0f, ImGui::CalcItemWidth());
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float pad_x = 10.0f, pad_y = 6.0f;
    const std::string_view d = spec.detail;
    const float dw = d.empty() ? 0.0f : small->CalcTextSizeA(font_px(small), 1e9f, 0, d.data(), d.data() + d.size()).x;
    auto measure = [body](std::string_view t) {
        return static_cast<double>(body->CalcTextSizeA(font_px(body), 1e9f, 0, t.data(), t.data() + t.size()).x);
    };
    // The detail sits at the right when the row is wide, under the title when it is narrow.
    const bool detail_right = width > 320.0f;
    const float title_w = std::max(20.0f, width - 2 * pad_x - (detail_right && dw > 0 ? dw + 12.0f : 0.0f));
    const auto lines = wrap_lines(spec.title, title_w, measure);
    const float line_h = font_px(body) * 1.25f;
    const float height = 2 * pad_y + lines.size() * line_h + (!detail_right && dw > 0 ? font_px(small) * 1.2f : 0.0f);
    const bool clicked = ImGui::InvisibleButton(label, ImVec2(width, height));
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 max(pos.x + width, pos.y + height);
    if (spec.highlighted || hovered)
        draw->AddRectFilled(pos, max, col(p, spec.highlighted ? Colour::Accent : Colour::CardHover, spec.highlighted ? 0.14f : 1.0f),
                            6.0f);
    if (spec.current) draw->AddRectFilled(pos, ImVec2(pos.x + 3, max.y), col(p, Colour::Accent), 2.0f);
    float y = pos.y + pad_y;
    for (const LineSpan& l : lines) {
        draw->AddText(body, font_px(body), ImVec2(pos.x + pad_x, y), col(p, Colour::Text), spec.title.data() + l.begin,
                      spec.title.data() + l.end);
        y += line_h;
    }
    if (dw > 0) {
        const ImVec2 at = detail_right ? ImVec2(max.x - pad_x - dw, pos.y + pad_y + (font_px(body) - font_px(small)) * 0.6f)
                                       : ImVec2(pos.x + pad_x, y);
        draw->AddText(small, font_px(small), at, col(p, Colour::TextMuted), d.data(), d.data() + d.size());
    }
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    return clicked;
}

} // namespace exposure::ui
