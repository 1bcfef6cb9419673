// Exposure Explorer ui, panels: where the occupation sits among all occupations (histogram strip).
#include "ui/format.hpp"
#include "ui/panels/panels.hpp"
#include "ui/widgets/draw_util.hpp"
#include "ui/widgets/gauge_math.hpp"
#include "ui/widgets/strip.hpp"
#include <cmath>

namespace exposure::ui {

void draw_strip(Frame& frame) {
    const Palette& p = frame.palette;
    const Fonts& f = frame.fonts;
    if (!frame.ranking) return;
    const std::vector<double>& values = frame.ranking->exposure;
    ImDrawListSplitter splitter;
    begin_card(splitter, k_card_padding);
    text_line(f.heading, col(p, Colour::Text), "Where it sits");
    text_wrapped(f.small, col(p, Colour::TextMuted),
                 "Exposure of all " + std::to_string(values.size()) + " occupations; the marker is this one.");
    ImGui::Dummy(ImVec2(0, 4));
    StripSpec spec;
    spec.values = &values;
    spec.marked = frame.exposure;
    spec.ghost = frame.scenario_is_default ? -1.0 : frame.baseline_exposure;
    const std::string label = format_score(frame.exposure) + " \xC2\xB7 " +
                              ordinal(static_cast<int>(std::lround(frame.percentile))) + " percentile";
    spec.marker_label = label;
    spec.bins = frame.narrow ? 40 : 50;
    const StripResult r = strip("##strip", spec, p, f.small);
    if (r.hovered_bin >= 0) {
        const double w = 100.0 / spec.bins;
        ImGui::BeginTooltip();
        ImGui::Text("%d occupation%s scored %.0f to %.0f", r.hovered_count, r.hovered_count == 1 ? "" : "s",
                    r.hovered_bin * w, (r.hovered_bin + 1) * w);
        ImGui::EndTooltip();
    }
    end_card(splitter, p, k_card_padding);
}

} // namespace exposure::ui
