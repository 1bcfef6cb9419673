// Exposure Explorer ui, widgets: the exposure strip's drawing (bins from bar_math.hpp).
#include "ui/widgets/strip.hpp"

#include "ui/widgets/bar_math.hpp"
#include "ui/widgets/draw_util.hpp"

#include <algorithm>
#include <cstdio>

namespace exposure::ui {

StripResult strip(const char* label, const StripSpec& spec, const Palette& p, ImFont* small) {
    StripResult out;
    const float w = std::max(60.0f, ImGui::CalcItemWidth());
    const float label_h = font_px(small) + 6.0f;
    const float axis_h = font_px(small) + 4.0f;
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float total_h = label_h + spec.height + axis_h;
    ImGui::InvisibleButton(label, ImVec2(w, total_h));
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* draw = ImGui::GetWindowDrawList();

    const int bins = std::max(1, spec.bins);
    const std::vector<int> counts = spec.values ? histogram(*spec.values, bins) : std::vector<int>(bins, 0);
    const int peak = std::max(1, *std::max_element(counts.begin(), counts.end()));
    const float top = pos.y + label_h, bottom = top + spec.height;
    const float bin_w = w / bins;
    const int marked_bin = spec.marked >= 0 ? bin_of(spec.marked, bins) : -1;
    if (hovered) {
        const float mx = ImGui::GetIO().MousePos.x - pos.x;
        out.hovered_bin = std::clamp(static_cast<int>(mx / bin_w), 0, bins - 1);
        out.hovered_count = counts[out.hovered_bin];
    }
    for (int b = 0; b < bins; ++b) {
        const float h = spec.height * static_cast<float>(counts[b]) / peak;
        if (counts[b] == 0) continue;
        const double mid = (b + 0.5) * 100.0 / bins;
        const RiskBand band = risk_band(mid);
        const float x0 = pos.x + b * bin_w + 0.5f, x1 = pos.x + (b + 1) * bin_w - 0.5f;
        const float alpha = (b == marked_bin || b == out.hovered_bin) ? 1.0f : 0.55f;
        draw->AddRectFilled(ImVec2(x0, bottom - std::max(h, 1.5f)), ImVec2(x1, bottom), col(p, band_colour(band), alpha));
    }
    draw->AddLine(ImVec2(pos.x, bottom), ImVec2(pos.x + w, bottom), col(p, Colour::Border), 1.0f);
    // Axis labels at 0, 50, 100.
    for (int v : {0, 25, 50, 75, 100}) {
        char text[8];
        std::snprintf(text, sizeof text, "%d", v);
        const float tw = small->CalcTextSizeA(font_px(small), 1e9f, 0, text).x;
        const float x = std::clamp(pos.x + w * v / 100.0f - tw * 0.5f, pos.x, pos.x + w - tw);
        draw->AddText(small, font_px(small), ImVec2(x, bottom + 3), col(p, Colour::TextMuted), text);
    }
    if (spec.ghost >= 0) {
        const float gx = pos.x + bar_fill(spec.ghost, w);
        draw->AddLine(ImVec2(gx, top), ImVec2(gx, bottom), col(p, Colour::Ghost), 1.5f);
    }
    if (spec.marked >= 0) {
        const float mx = pos.x + bar_fill(spec.marked, w);
        out.marker_x = mx;
        draw->AddLine(ImVec2(mx, top - 2), ImVec2(mx, bottom + 2), col(p, Colour::Needle), 2.0f);
        draw->AddTriangleFilled(ImVec2(mx - 5, top - 6), ImVec2(mx + 5, top - 6), ImVec2(mx, top), col(p, Colour::Needle));
        if (!spec.marker_label.empty()) {
            const std::string_view t = spec.marker_label;
            const float tw = small->CalcTextSizeA(font_px(small), 1e9f, 0, t.data(), t.data() + t.size()).x;
            const float x = std::clamp(mx - tw * 0.5f, pos.x, pos.x + w - tw);
            draw->AddText(small, font_px(small), ImVec2(x, pos.y), col(p, Colour::Text), t.data(), t.data() + t.size());
        }
    }
    return out;
}

} // namespace exposure::ui
