// Exposure Explorer ui, widgets: the labelled meter's drawing.
#include "ui/widgets/meter.hpp"

#include "ui/widgets/draw_util.hpp"
#include "ui/widgets/text_layout.hpp"

#include <algorithm>

namespace exposure::ui {

bool meter(const char* label, const MeterSpec& spec, const Palette& p, ImFont* body, ImFont* small) {
    const float width = std::max(40.0f, ImGui::CalcItemWidth());
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const std::string_view v = spec.value_text;
    const float vw = small->CalcTextSizeA(font_px(small), 1e9f, 0, v.data(), v.data() + v.size()).x;
    const float name_w = std::max(20.0f, width - vw - 12.0f);
    auto measure = [body](std::string_view t) {
        return static_cast<double>(body->CalcTextSizeA(font_px(body), 1e9f, 0, t.data(), t.data() + t.size()).x);
    };
    const auto lines = wrap_lines(spec.name, name_w, measure);
    const float line_h = font_px(body) * 1.25f;
    const float height = lines.size() * line_h + 4.0f + spec.bar_height + 4.0f;
    ImGui::InvisibleButton(label, ImVec2(width, height));
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    float y = pos.y;
    for (const LineSpan& l : lines) {
        draw->AddText(body, font_px(body), ImVec2(pos.x, y), col(p, Colour::Text), spec.name.data() + l.begin,
                      spec.name.data() + l.end);
        y += line_h;
    }
    draw->AddText(small, font_px(small), ImVec2(pos.x + width - vw, pos.y + (font_px(body) - font_px(small)) * 0.6f),
                  col(p, Colour::TextMuted), v.data(), v.data() + v.size());
    const ImVec2 b0(pos.x, y + 4.0f), b1(pos.x + width, y + 4.0f + spec.bar_height);
    draw->AddRectFilled(b0, b1, col(p, Colour::Track), spec.bar_height * 0.5f);
    if (spec.fraction > 0) {
        const float f = static_cast<float>(std::min(spec.fraction, 1.0)) * width;
        draw->AddRectFilled(b0, ImVec2(b0.x + std::max(f, spec.bar_height), b1.y), col(p, spec.colour),
                            spec.bar_height * 0.5f);
    }
    return hovered;
}

} // namespace exposure::ui
