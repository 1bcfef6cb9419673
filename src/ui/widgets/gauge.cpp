// Exposure Explorer ui, widgets: the exposure gauge's drawing (maths in gauge_math.hpp).
#include "ui/widgets/gauge.hpp"

#include "ui/format.hpp"
#include "ui/widgets/draw_util.hpp"
#include "ui/widgets/gauge_math.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace exposure::ui {

namespace {
ImVec2 to_im(Point p) { return ImVec2(static_cast<float>(p.x), static_cast<float>(p.y)); }

void arc(ImDrawList* draw, ImVec2 c, float r, double from, double to, ImU32 colour, float thickness) {
    if (to <= from) return;
    const int segments = std::max(4, static_cast<int>((to - from) * 0.9));
    draw->PathArcTo(c, r, static_cast<float>(gauge_angle(from)), static_cast<float>(gauge_angle(to)), segments);
    draw->PathStroke(colour, 0, thickness);
}

void needle(ImDrawList* draw, ImVec2 c, float length, double value, ImU32 colour, float width) {
    const Point tip = gauge_point(Point{c.x, c.y}, length, value);
    const double a = gauge_angle(value);
    const ImVec2 n(static_cast<float>(-std::sin(a) * width), static_cast<float>(std::cos(a) * width));
    draw->AddTriangleFilled(ImVec2(c.x + n.x, c.y + n.y), ImVec2(c.x - n.x, c.y - n.y), to_im(tip), colour);
    draw->AddCircleFilled(c, width * 1.6f, colour, 24);
}
} // namespace

GaugeResult gauge(const char* label, const GaugeSpec& spec, const Palette& palette, ImFont* small_font,
                  const GaugeStyle& style) {
    GaugeResult out;
    const float avail = ImGui::GetContentRegionAvail().x;
    const float width = std::min(spec.width > 0 ? spec.width : avail, spec.max_width);
    const float label_room = spec.band_labels ? font_px(small_font) * 1.75f + 4.0f : 4.0f;
    const std::array<BandSpan, 4> spans = risk_band_spans();
    // Room at the sides for the uncertainty arc's end caps (radius + 7).
    float radius = width * 0.5f - 9.0f;
    if (spec.band_labels) {
        std::array<double, 4> widths{};
        for (int b = 0; b < 4; ++b) {
            const std::string_view name = to_string(static_cast<RiskBand>(b));
            widths[b] = small_font->CalcTextSizeA(font_px(small_font), 1e9f, 0, name.data(), name.data() + name.size()).x;
        }
        radius = static_cast<float>(gauge_fit_radius(width, spans, widths, font_px(small_font) * 0.75 + 2.0));
    }
    radius = std::max(20.0f, std::min(radius, width * 0.5f - 9.0f));
    const float bottom_room = font_px(small_font) + 4.0f; // the 0 and 100 under the arc's ends
    const float height = radius + label_room + 2.0f + bottom_room;
    ImVec2 pos = ImGui::GetCursorScreenPos();
    if (spec.centred) pos.x += std::max(0.0f, (avail - width) * 0.5f); // centred in the column
    ImGui::SetCursorScreenPos(pos);
    ImGui::InvisibleButton(label, ImVec2(width, height));
    out.hovered = ImGui::IsItemHovered();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 c(pos.x + width * 0.5f, pos.y + label_room + radius + 2.0f);
    out.centre = c;
    out.radius = radius;
    const float thick = radius * style.track_thickness;
    const float r_mid = radius - thick * 0.5f;

    // Band track, each band hatched at its own density so it reads without hue.
    for (const BandSpan& span : spans) {
        if (span.to <= span.from) continue;
        const ImU32 fill = spec.loading ? col(palette, Colour::Track) : col(palette, band_colour(span.band));
        arc(draw, c, r_mid, span.from, span.to, fill, thick);
        const int density = band_hatch_density(span.band);
        if (density > 0 && !spec.loading) {
            const double step = 10.0 / density;
            const ImU32 hatch = col(palette, palette.dark ? Colour::Background : Colour::Card, style.hatch_alpha);
            for (double v = span.from + step * 0.5; v < span.to; v += step) {
                const Point a = gauge_point(Point{c.x, c.y}, radius - thick * 0.85, v);
                const Point b = gauge_point(Point{c.x, c.y}, radius - thick * 0.15, v + step * 0.35);
                draw->AddLine(to_im(a), to_im(b), hatch, 1.2f);
            }
        }
        if (spec.band_labels) {
            // The band's name just outside the arc, at its middle.
            const std::string_view name = to_string(span.band);
            const double mid = 0.5 * (span.from + span.to);
            const Point p = gauge_point(Point{c.x, c.y}, radius + font_px(small_font) * 0.75, mid);
            const ImVec2 size = small_font->CalcTextSizeA(font_px(small_font), 1e9f, 0, name.data(),
                                                          name.data() + name.size());
            const double a = gauge_angle(mid);
            // Anchor the text on the side facing away from the centre.
            const float ax = static_cast<float>(0.5 - 0.5 * std::cos(a)) * size.x;
            const float ay = static_cast<float>(0.5 - 0.5 * std::sin(a)) * size.y;
            draw->AddText(small_font, font_px(small_font), ImVec2(float(p.x) - ax, float(p.y) - ay),
                          col(palette, Colour::TextMuted), name.data(), name.data() + name.size());
        }
    }
    // Scale ticks at 25, 50, 75 on the inner edge; 0 and 100 written under the ends.
    for (int v = 25; v <= 75; v += 25) {
        const Point a = gauge_point(Point{c.x, c.y}, radius - thick - 2, v);
        const Point b = gauge_point(Point{c.x, c.y}, radius - thick - 7, v);
        draw->AddLine(to_im(a), to_im(b), col(palette, Colour::TextMuted, 0.8f), 1.0f);
    }
    for (int v : {0, 100}) {
        const char* text = v == 0 ? "0" : "100";
        const float tw = small_font->CalcTextSizeA(font_px(small_font), 1e9f, 0, text).x;
        const Point end = gauge_point(Point{c.x, c.y}, r_mid, v);
        draw->AddText(small_font, font_px(small_font), ImVec2(float(end.x) - tw * 0.5f, c.y + 3.0f),
                      col(palette, Colour::TextMuted), text);
    }
    if (spec.loading) return out;

    // Uncertainty: a thin arc just outside the track with end caps.
    if (spec.low >= 0 && spec.high >= spec.low) {
        const float r_u = radius + 3.0f;
        const ImU32 u = col(palette, Colour::Uncertainty, 0.9f);
        arc(draw, c, r_u, spec.low, std::max(spec.high, spec.low + 0.3), u, 2.5f);
        for (double v : {spec.low, spec.high}) {
            const Point a = gauge_point(Point{c.x, c.y}, r_u - 5, v), b = gauge_point(Point{c.x, c.y}, r_u + 4, v);
            draw->AddLine(to_im(a), to_im(b), u, 2.0f);
        }
    }
    const float needle_len = radius - thick - 10.0f;
    if (spec.ghost >= 0)
        needle(draw, c, needle_len, spec.ghost, col(palette, Colour::Ghost, style.ghost_alpha), 2.5f);
    needle(draw, c, needle_len, spec.needle, col(palette, Colour::Needle), 3.5f);
    draw->AddCircleFilled(c, 2.5f, col(palette, Colour::Card), 12);
    out.needle_angle = gauge_angle(spec.needle);
    return out;
}

} // namespace exposure::ui
