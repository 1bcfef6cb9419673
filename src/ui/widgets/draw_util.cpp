// Exposure Explorer ui, widgets: small drawing helpers (see draw_util.hpp).
#include "ui/widgets/draw_util.hpp"

#include "ui/widgets/text_layout.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

namespace exposure::ui {

void text_wrapped(ImFont* font, ImU32 colour, std::string_view text) {
    ImGui::PushFont(font);
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    // Wrap where the enclosing card says (begin_card sets it inside its padding), else at the edge.
    const bool own_wrap = ImGui::GetCurrentWindow()->DC.TextWrapPos < 0.0f;
    if (own_wrap) ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text.data(), text.data() + text.size());
    if (own_wrap) ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

void text_line(ImFont* font, ImU32 colour, std::string_view text) {
    ImGui::PushFont(font);
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::TextUnformatted(text.data(), text.data() + text.size());
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

void text_centred(ImFont* font, ImU32 colour, std::string_view text, float right_margin) {
    const float width = std::max(1.0f, ImGui::GetContentRegionAvail().x - right_margin);
    auto measure = [font](std::string_view t) {
        return static_cast<double>(font->CalcTextSizeA(font_px(font), 1e9f, 0, t.data(), t.data() + t.size()).x);
    };
    const float x0 = ImGui::GetCursorPosX();
    for (const LineSpan& line : wrap_lines(text, width, measure)) {
        const std::string_view piece = text.substr(line.begin, line.end - line.begin);
        const float w = static_cast<float>(measure(piece));
        ImGui::SetCursorPosX(x0 + std::max(0.0f, (width - w) * 0.5f));
        text_line(font, colour, piece);
    }
}

void hatch_rect(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 colour, int density) {
    if (density <= 0) return;
    // 45-degree stripes cut to the rectangle here (not by a clip rect): x + y is constant along each.
    const float step = 40.0f / static_cast<float>(density);
    for (float k = min.x + min.y + step * 0.5f; k < max.x + max.y; k += step) {
        // Points of the line x + y = k inside the rectangle: x within [k - max.y, k - min.y] and [min.x, max.x].
        const float x0 = std::max(min.x, k - max.y), x1 = std::min(max.x, k - min.y);
        if (x1 - x0 < 0.5f) continue;
        draw->AddLine(ImVec2(x0, k - x0), ImVec2(x1, k - x1), colour, 1.0f);
    }
}

ImVec2 chip_size(std::string_view text, bool with_swatch, ImFont* font) {
    const ImVec2 t = font->CalcTextSizeA(font_px(font), 1e9f, 0, text.data(), text.data() + text.size());
    return ImVec2(t.x + 20.0f + (with_swatch ? 20.0f : 0.0f), t.y + 8.0f);
}

ImVec2 chip(const char* id, std::string_view text, ImU32 fill, ImU32 text_colour, ImU32 swatch,
            int hatch_density, ImFont* font) {
    const ImVec2 size = chip_size(text, swatch != 0, font);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, size);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 max(pos.x + size.x, pos.y + size.y);
    draw->AddRectFilled(pos, max, fill, size.y * 0.5f);
    float x = pos.x + 10.0f;
    if (swatch != 0) {
        const float side = 14.0f;
        const ImVec2 s0(x, pos.y + (size.y - side) * 0.5f), s1(x + side, s0.y + side);
        draw->AddRectFilled(s0, s1, swatch, 3.0f);
        hatch_rect(draw, s0, s1, text_colour, hatch_density * 3);
        draw->AddRect(s0, s1, text_colour, 3.0f);
        x += side + 6.0f;
    }
    draw->AddText(font, font_px(font), ImVec2(x, pos.y + 4.0f), text_colour, text.data(), text.data() + text.size());
    return size;
}

bool disclosure(const char* id, std::string_view text, bool& open, const Palette& p, ImFont* font) {
    const float width = std::max(40.0f, ImGui::CalcItemWidth());
    const float arrow = font_px(font) * 0.55f, pad = 4.0f;
    const float text_x = arrow + 10.0f;
    auto measure = [font](std::string_view t) {
        return static_cast<double>(font->CalcTextSizeA(font_px(font), 1e9f, 0, t.data(), t.data() + t.size()).x);
    };
    const auto lines = wrap_lines(text, std::max(20.0f, width - text_x), measure);
    const float line_h = font_px(font) * 1.25f;
    const float height = 2 * pad + lines.size() * line_h;
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool clicked = ImGui::InvisibleButton(id, ImVec2(width, height));
    if (clicked) open = !open;
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    if (hovered) {
        draw->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + height), col(p, Colour::CardHover), 6.0f);
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    }
    // A small triangle pointing right (closed) or down (open).
    const ImVec2 c(pos.x + arrow * 0.5f + 2.0f, pos.y + pad + line_h * 0.5f);
    const float h = arrow * 0.5f;
    if (open)
        draw->AddTriangleFilled(ImVec2(c.x - h, c.y - h * 0.6f), ImVec2(c.x + h, c.y - h * 0.6f), ImVec2(c.x, c.y + h * 0.8f),
                                col(p, Colour::TextMuted));
    else
        draw->AddTriangleFilled(ImVec2(c.x - h * 0.6f, c.y - h), ImVec2(c.x - h * 0.6f, c.y + h), ImVec2(c.x + h * 0.8f, c.y),
                                col(p, Colour::TextMuted));
    float y = pos.y + pad;
    for (const LineSpan& l : lines) {
        draw->AddText(font, font_px(font), ImVec2(pos.x + text_x, y), col(p, Colour::Text), text.data() + l.begin,
                      text.data() + l.end);
        y += line_h;
    }
    return clicked;
}

void hairline(const Palette& p) {
    const float width = std::max(1.0f, ImGui::CalcItemWidth());
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(width, 1.0f));
    ImGui::GetWindowDrawList()->AddLine(ImVec2(pos.x, pos.y + 0.5f), ImVec2(pos.x + width, pos.y + 0.5f),
                                        col(p, Colour::Border), 1.0f);
}

void begin_card(ImDrawListSplitter& splitter, float padding) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    splitter.Split(draw, 2);
    splitter.SetCurrentChannel(draw, 1);
    ImGui::BeginGroup();
    ImGui::Dummy(ImVec2(0, padding));
    ImGui::Indent(padding);
    // Content wraps inside the card: narrow the right edge by the padding.
    const float right = ImGui::GetContentRegionMax().x - padding;
    ImGui::PushTextWrapPos(right);
    ImGui::PushItemWidth(-padding);
}

void end_card(ImDrawListSplitter& splitter, const Palette& palette, float padding, bool accent_error) {
    ImGui::PopItemWidth();
    ImGui::PopTextWrapPos();
    ImGui::Unindent(padding);
    ImGui::Dummy(ImVec2(0, padding - ImGui::GetStyle().ItemSpacing.y));
    ImGui::EndGroup();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max(ImGui::GetWindowPos().x + ImGui::GetContentRegionMax().x, ImGui::GetItemRectMax().y);
    splitter.SetCurrentChannel(draw, 0);
    draw->AddRectFilled(min, max, col(palette, Colour::Card), 10.0f);
    draw->AddRect(min, max, col(palette, accent_error ? Colour::Error : Colour::Border), 10.0f, 0,
                  accent_error ? 2.0f : 1.0f);
    splitter.Merge(draw);
}

} // namespace exposure::ui
