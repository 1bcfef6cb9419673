// Exposure Explorer ui, panels: the gauge card (needle easing to the score, uncertainty arc, ghost
// baseline needle and the delta when the what-if differs from the published method).
#include "ui/format.hpp"
#include "ui/panels/panels.hpp"
#include "ui/widgets/draw_util.hpp"
#include "ui/widgets/gauge.hpp"

#include <algorithm>
#include <string>

namespace exposure::ui {

void draw_gauge_block(Frame& frame, float width) {
    const Palette& p = frame.palette;
    const Fonts& f = frame.fonts;
    UiState& ui = frame.ui;
    // Lines are centred over `width` (the rest of the row, less the card's padding, when 0).
    const float margin = width > 0 ? std::max(0.0f, ImGui::GetContentRegionAvail().x - width) : k_card_padding;
    auto centred = [margin](ImFont* font, ImU32 colour, const std::string& text) {
        text_centred(font, colour, text, margin);
    };
    tween_retarget(ui.gauge, frame.exposure, frame.now);
    const double shown = tween_value(ui.gauge, frame.now);
    if (tween_running(ui.gauge, frame.now)) ui.animating = true;

    const bool differs = !frame.scenario_is_default && !format_delta(frame.exposure - frame.baseline_exposure).empty();
    GaugeSpec spec;
    spec.needle = shown;
    if (frame.scores) {
        spec.low = frame.scores->exposure_low;
        spec.high = frame.scores->exposure_high;
    }
    spec.ghost = differs ? frame.baseline_exposure : -1.0;
    spec.max_width = frame.app.view == View::Compact ? 300.0f : (frame.narrow ? 340.0f : 420.0f);
    if (width > 0) {
        spec.width = std::min(width, spec.max_width);
        // Centred over `width`, not over the whole row.
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (width - spec.width) * 0.5f));
        spec.centred = false;
    }
    // No task labelled by a weighted rater: there is no score to point at.
    const bool unrated = frame.scores && frame.scores->scored_weight <= 0;
    if (unrated) spec.loading = true;
    const GaugeResult g = gauge("##gauge", spec, p, f.small);
    ui.record.needle_value = shown;
    ui.record.needle_angle = g.needle_angle;
    ui.record.ghost_value = spec.ghost;
    ui.record.gauge_x = g.centre.x;
    ui.record.gauge_y = g.centre.y;
    ui.record.gauge_radius = g.radius;

    centred(f.display, col(p, unrated ? Colour::TextMuted : Colour::Text), unrated ? "n/a" : format_score(frame.exposure));
    if (unrated)
        centred(f.small, col(p, Colour::Negative), "None of this occupation's tasks is labelled by the raters weighted in the what-if.");
    centred(f.small, col(p, Colour::TextMuted), "AI exposure score out of 100 (higher: more of the work exposed)");
    // Always one line here, so the card keeps its height when a what-if starts or ends.
    if (differs) {
        ui.record.delta_text = format_delta(frame.exposure - frame.baseline_exposure);
        centred(f.heading, col(p, Colour::Accent),
                ui.record.delta_text + " vs. published method (" + format_score(frame.baseline_exposure) + ")");
    } else {
        centred(f.heading, col(p, Colour::TextMuted),
                frame.scenario_is_default ? "Published method" : "Same as the published method");
    }
    if (frame.scores) {
        centred(f.small, col(p, Colour::TextMuted),
                "Range across raters and lenses: " + format_score(frame.scores->exposure_low) + " \xE2\x80\x93 " +
                    format_score(frame.scores->exposure_high));
    } else {
        centred(f.small, col(p, Colour::TextMuted), "Loading task details\xE2\x80\xA6");
    }
    if (g.hovered) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24);
        ImGui::TextUnformatted("The needle is the blended exposure of this occupation's tasks. The thin arc spans "
                               "the scores each rater and lens would give; a grey needle marks the published "
                               "method when your what-if differs from it.");
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

void draw_gauge_panel(Frame& frame) {
    ImDrawListSplitter splitter;
    begin_card(splitter, k_card_padding);
    draw_gauge_block(frame, 0.0f);
    end_card(splitter, frame.palette, k_card_padding);
}

} // namespace exposure::ui
