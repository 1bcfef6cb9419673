// Exposure Explorer ui, widgets: a task row's drawing (layout from text_layout / bar_math).
#include "ui/widgets/task_bar.hpp"

#include "ui/widgets/bar_math.hpp"
#include "ui/widgets/draw_util.hpp"
#include "ui/widgets/text_layout.hpp"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace exposure::ui {

namespace {
MeasureText measurer(ImFont* font) {
    return [font](std::string_view t) {
        return static_cast<double>(font->CalcTextSizeA(font_px(font), 1e9f, 0, t.data(), t.data() + t.size()).x);
    };
}

// One labelled bar: "caption  value" above, the bar below. Returns its height.
float labelled_bar(ImDrawList* draw, ImVec2 at, float width, std::string_view caption, const std::string& value,
                   double fill, double tick, ImU32 colour, const Palette& p, ImFont* small, float bar_h) {
    const float line = font_px(small);
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

    // Wide rows: the statement at the left, the two bars stacked at the right. Narrow rows: the
    // statement above, the bars under it.
    const bool side_by_side = width >= style.stacked_below;
    const float gap = 20.0f;
    const float bars_w = side_by_side ? std::clamp(inner * 0.38f, 150.0f, 260.0f) : inner;
    const float text_w = side_by_side ? inner - bars_w - gap : inner;
    const std::vector<LineSpan> lines = wrap_lines(spec.text, text_w, measurer(body));
    const float line_h = font_px(body) * 1.3f;

    struct Tag {
        std::string_view text;
        ImU32 fill, ink;
    };
    std::vector<Tag> tags;
    if (spec.core) tags.push_back({"Core", col(p, Colour::Accent, 0.14f), col(p, Colour::Accent)});
    if (spec.disagreement) tags.push_back({"Raters disagree", col(p, Colour::BandHigh, 0.25f), col(p, Colour::Text)});
    if (spec.overridden && !spec.removed) tags.push_back({"What-if", col(p, Colour::Ghost, 0.25f), col(p, Colour::Text)});
    if (spec.removed) tags.push_back({"Left out", col(p, Colour::Ghost, 0.25f), col(p, Colour::Text)});
    const float tag_h = font_px(small) + 6.0f;
    // Tags flow in rows under the statement.
    std::vector<ImVec2> tag_at;
    float tags_h = 0;
    {
        float x = 0, y = 0;
        for (const Tag& t : tags) {
            const float w = small->CalcTextSizeA(font_px(small), 1e9f, 0, t.text.data(), t.text.data() + t.text.size()).x + 12;
            if (x > 0 && x + w > text_w) {
                x = 0;
                y += tag_h + 4;
            }
            tag_at.push_back(ImVec2(x, y));
            x += w + 6;
        }
        if (!tags.empty()) tags_h = y + tag_h + 6;
    }
    const float text_block = lines.size() * line_h + tags_h;
    const float bar_block = font_px(small) + 4.0f + style.bar_height;
    const float bars_h = 2 * bar_block + 8.0f;
    const float content_h = side_by_side ? std::max(text_block, bars_h) : text_block + 4.0f + bars_h;
    const std::vector<LineSpan> detail_lines =
        spec.detail.empty() ? std::vector<LineSpan>{} : wrap_lines(spec.detail, inner - 16.0f, measurer(small));
    const float detail_line_h = font_px(small) * 1.35f;
    const float detail_h = detail_lines.empty() ? 0.0f : 8.0f + detail_lines.size() * detail_line_h + 12.0f;
    const float height = pad + content_h + detail_h + pad;

    out.clicked = ImGui::InvisibleButton(label, ImVec2(width, height));
    out.hovered = ImGui::IsItemHovered();
    out.min = pos;
    out.max = ImVec2(pos.x + width, pos.y + height);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    if (out.hovered) draw->AddRectFilled(out.min, out.max, col(p, Colour::CardHover), 8.0f);
    else draw->AddLine(ImVec2(pos.x + pad, out.max.y - 0.5f), ImVec2(out.max.x - pad, out.max.y - 0.5f), col(p, Colour::Border, 0.6f));
    const float alpha = spec.removed ? 0.45f : 1.0f;

    const ImU32 ink = col(p, Colour::Text, alpha);
    float y = pos.y + pad;
    for (const LineSpan& line : lines) {
        draw->AddText(body, font_px(body), ImVec2(pos.x + pad, y), ink, spec.text.data() + line.begin,
                      spec.text.data() + line.end);
        y += line_h;
    }
    if (!tags.empty()) y += 2.0f;
    for (std::size_t i = 0; i < tags.size(); ++i) {
        const Tag& t = tags[i];
        const float w = small->CalcTextSizeA(font_px(small), 1e9f, 0, t.text.data(), t.text.data() + t.text.size()).x + 12;
        const ImVec2 a(pos.x + pad + tag_at[i].x, y + tag_at[i].y);
        draw->AddRectFilled(a, ImVec2(a.x + w, a.y + tag_h), t.fill, tag_h * 0.5f);
        draw->AddText(small, font_px(small), ImVec2(a.x + 6, a.y + 3), t.ink, t.text.data(), t.text.data() + t.text.size());
    }

    if (!detail_lines.empty()) {
        // The breakdown in an inset panel under the statement and bars.
        const ImVec2 a(pos.x + pad, pos.y + pad + content_h + 8.0f), b(pos.x + pad + inner, a.y + detail_h - 8.0f);
        draw->AddRectFilled(a, b, col(p, Colour::Track, 0.6f), 6.0f);
        float dy = a.y + 6.0f;
        for (const LineSpan& l : detail_lines) {
            draw->AddText(small, font_px(small), ImVec2(a.x + 8.0f, dy), col(p, Colour::Text), spec.detail.data() + l.begin,
                          spec.detail.data() + l.end);
            dy += detail_line_h;
        }
    }

    char automation_value[32] = "n/a", exposure_value[32] = "n/a";
    if (spec.automation >= 0) std::snprintf(automation_value, sizeof automation_value, "%.0f%%", spec.automation);
    if (spec.exposure >= 0) std::snprintf(exposure_value, sizeof exposure_value, "%.0f / 100", spec.exposure);
    const double tick = spec.overridden && spec.baseline_exposure >= 0 ? spec.baseline_exposure : -1.0;
    const ImVec2 bars_at = side_by_side ? ImVec2(pos.x + pad + text_w + gap, pos.y + pad)
                                        : ImVec2(pos.x + pad, pos.y + pad + text_block + 4.0f);
    labelled_bar(draw, bars_at, bars_w, "AI can handle", automation_value, spec.automation, -1,
                 col(p, Colour::Automation, alpha), p, small, style.bar_height);
    labelled_bar(draw, ImVec2(bars_at.x, bars_at.y + bar_block + 8.0f), bars_w, "Exposure", exposure_value,
                 spec.exposure, tick, col(p, Colour::Exposure, alpha), p, small, style.bar_height);
    return out;
}

} // namespace exposure::ui
