// Exposure Explorer ui, widgets: a task row's drawing (layout from text_layout / bar_math).
#include "ui/widgets/task_bar.hpp"

#include "ui/widgets/bar_math.hpp"
#include "ui/widgets/draw_util.hpp"
#include "ui/widgets/text_layout.hpp"

#include <cstdio>
#include <string>

namespace exposure::ui {

namespace {
MeasureText measurer(ImFont* font) {
    return [font](std::string_view t) {
        return static_cast<double>(font->CalcTextSizeA(font->FontSize, 1e9f, 0, t.data(), t.data() + t.size()).x);
    };
}

// One labelled bar: "caption  value" above, the bar below. Returns its height.
float labelled_bar(ImDrawList* draw, ImVec2 at, float width, std::string_view caption, const std::string& value,
                   double fill, double tick, ImU32 colour, const Palette& p, ImFont* small, float bar_h) {
    const float line = small->FontSize;
    draw->AddText(small, line, at, col(p, Colour::TextMuted), caption.data(), caption.data() + caption.size());
    const float vw = small->CalcTextSizeA(line, 1e9f, 0, value.c_str()).x;
    draw->AddText(small, line, ImVec2(at.x + width - vw, at.y), col(p, Colour::Text), value.c_str());
    const ImVec2 b0(at.x, at.y + line + 4.0f), b1(at.x + width, b0.y + bar_h);
    draw->AddRectFilled(b0, b1, col(p, Colour::Track), bar_h * 0.5f);
    const float f = bar_fill(fill, width);
    if (f > 0) draw->AddRectFilled(b0, ImVec2(b0.x + std::max(f, bar_h), b1.y), colour, bar_h * 0.5f);
    if (tick >= 0) {
        const float x = b0.x + bar_fill(tick, width);
        draw->AddLine(ImVec2(x, b0.y - 3), ImVec2(x, b1.y + 3), col(p, Colour::Ghost), 2.0f);
    }
    return line + 4.0f + bar_h;
}
} // namespace

TaskBarResult task_bar(const char* label, const TaskBarSpec& spec, const Palette& p, ImFont* body, ImFont* small,
                       const TaskBarStyle& style) {
    TaskBarResult out;
    const float width = std::max(40.0f, ImGui::CalcItemWidth());
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float pad = style.row_padding;
    const float inner = width - 2 * pad;

    // Tag line: core tag and marks, then the wrapped statement.
    const float tag_h = small->FontSize + 6.0f;
    const std::vector<LineSpan> lines = wrap_lines(spec.text, inner, measurer(body));
    const float text_h = static_cast<float>(lines.size()) * body->FontSize * 1.25f;
    const bool stacked = width < style.stacked_below;
    const float bar_block = small->FontSize + 4.0f + style.bar_height;
    const float bars_h = stacked ? 2 * bar_block + 8.0f : bar_block;
    const float height = pad + tag_h + 4.0f + text_h + 6.0f + bars_h + pad;

    ImGui::InvisibleButton(label, ImVec2(width, height));
    out.hovered = ImGui::IsItemHovered();
    out.clicked = ImGui::IsItemClicked();
    out.min = pos;
    out.max = ImVec2(pos.x + width, pos.y + height);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    if (out.hovered) draw->AddRectFilled(out.min, out.max, col(p, Colour::CardHover), 8.0f);
    const float alpha = spec.removed ? 0.45f : 1.0f;

    float x = pos.x + pad, y = pos.y + pad;
    auto tag = [&](std::string_view text, ImU32 fill, ImU32 ink) {
        const float w = small->CalcTextSizeA(small->FontSize, 1e9f, 0, text.data(), text.data() + text.size()).x;
        draw->AddRectFilled(ImVec2(x, y), ImVec2(x + w + 12, y + tag_h), fill, tag_h * 0.5f);
        draw->AddText(small, small->FontSize, ImVec2(x + 6, y + 3), ink, text.data(), text.data() + text.size());
        x += w + 12 + 6;
    };
    tag(spec.core ? "Core task" : "Supplemental", col(p, spec.core ? Colour::Accent : Colour::Track, spec.core ? 0.16f : 1.0f),
        col(p, spec.core ? Colour::Accent : Colour::TextMuted));
    if (spec.disagreement) tag("! Raters disagree", col(p, Colour::BandHigh, 0.22f), col(p, Colour::Text));
    if (spec.overridden) tag("What-if", col(p, Colour::Ghost, 0.25f), col(p, Colour::Text));
    if (spec.removed) tag("Removed", col(p, Colour::Ghost, 0.25f), col(p, Colour::Text));

    y += tag_h + 4.0f;
    const ImU32 ink = col(p, Colour::Text, alpha);
    for (const LineSpan& line : lines) {
        draw->AddText(body, body->FontSize, ImVec2(pos.x + pad, y), ink, spec.text.data() + line.begin,
                      spec.text.data() + line.end);
        y += body->FontSize * 1.25f;
    }
    y += 6.0f;

    char automation_value[32] = "n/a", exposure_value[32] = "n/a";
    if (spec.automation >= 0) std::snprintf(automation_value, sizeof automation_value, "%.0f%%", spec.automation);
    if (spec.exposure >= 0) std::snprintf(exposure_value, sizeof exposure_value, "%.0f / 100", spec.exposure);
    const double tick = spec.overridden && spec.baseline_exposure >= 0 ? spec.baseline_exposure : -1.0;
    if (stacked) {
        labelled_bar(draw, ImVec2(pos.x + pad, y), inner, "AI can handle", automation_value, spec.automation, -1,
                     col(p, Colour::Automation, alpha), p, small, style.bar_height);
        labelled_bar(draw, ImVec2(pos.x + pad, y + bar_block + 8.0f), inner, "Exposure", exposure_value,
                     spec.exposure, tick, col(p, Colour::Exposure, alpha), p, small, style.bar_height);
    } else {
        const float gap = 16.0f, half = (inner - gap) * 0.5f;
        labelled_bar(draw, ImVec2(pos.x + pad, y), half, "AI can handle", automation_value, spec.automation, -1,
                     col(p, Colour::Automation, alpha), p, small, style.bar_height);
        labelled_bar(draw, ImVec2(pos.x + pad + half + gap, y), half, "Exposure", exposure_value, spec.exposure,
                     tick, col(p, Colour::Exposure, alpha), p, small, style.bar_height);
    }
    return out;
}

} // namespace exposure::ui
