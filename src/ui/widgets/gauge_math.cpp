// Exposure Explorer ui, widgets: the gauge's maths (see gauge_math.hpp).
#include "ui/widgets/gauge_math.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace exposure::ui {

double gauge_angle(double value) {
    const double v = std::clamp(value, 0.0, 100.0);
    return k_pi * (1.0 + v / 100.0);
}

double gauge_value(double angle) { return std::clamp((angle / k_pi - 1.0) * 100.0, 0.0, 100.0); }

Point gauge_point(Point centre, double radius, double value) {
    const double a = gauge_angle(value);
    return Point{centre.x + radius * std::cos(a), centre.y + radius * std::sin(a)};
}

std::array<BandSpan, 4> risk_band_spans() {
    std::array<BandSpan, 4> spans{};
    for (int i = 0; i < 4; ++i) spans[i] = BandSpan{static_cast<RiskBand>(i), -1, -1};
    // Walk the scale in small steps; bisect each change of band to find the boundary.
    const int steps = 1000;
    RiskBand previous = risk_band(0.0);
    spans[static_cast<int>(previous)].from = 0.0;
    for (int i = 1; i <= steps; ++i) {
        const double v = 100.0 * i / steps;
        const RiskBand band = risk_band(v);
        if (band == previous) continue;
        double lo = 100.0 * (i - 1) / steps, hi = v;
        for (int k = 0; k < 40; ++k) {
            const double mid = 0.5 * (lo + hi);
            (risk_band(mid) == previous ? lo : hi) = mid;
        }
        spans[static_cast<int>(previous)].to = hi;
        spans[static_cast<int>(band)].from = hi;
        previous = band;
    }
    spans[static_cast<int>(previous)].to = 100.0;
    for (auto& s : spans)
        if (s.from < 0) s.from = s.to = 0; // a band the scale never reaches is empty
    return spans;
}

double gauge_fit_radius(double width, const std::array<BandSpan, 4>& spans, const std::array<double, 4>& label_widths,
                        double gap) {
    const double half = width * 0.5;
    double radius = half - gap;
    for (const BandSpan& span : spans) {
        if (span.to <= span.from) continue;
        const double a = gauge_angle(0.5 * (span.from + span.to));
        const double c = std::cos(a);
        const double w = label_widths[static_cast<int>(span.band)];
        // The label's outer edge: (r + gap)|cos a| + w (0.5 + 0.5|cos a|) must stay within half.
        const double ac = std::fabs(c);
        if (ac < 1e-6) {
            radius = std::min(radius, half - gap); // straight up: centred, only its width matters
            if (w > width) radius = std::min(radius, 0.0);
            continue;
        }
        radius = std::min(radius, (half - w * (0.5 + 0.5 * ac)) / ac - gap);
    }
    return std::max(radius, 0.0);
}

double ease_out_cubic(double t) {
    t = std::clamp(t, 0.0, 1.0);
    const double u = 1.0 - t;
    return 1.0 - u * u * u;
}

double tween_value(const Tween& tween, double now) {
    if (tween.duration <= 0) return tween.to;
    const double t = (now - tween.start) / tween.duration;
    if (t >= 1.0) return tween.to;
    return tween.from + (tween.to - tween.from) * ease_out_cubic(t);
}

bool tween_running(const Tween& tween, double now) {
    return tween.from != tween.to && now - tween.start < tween.duration;
}

void tween_retarget(Tween& tween, double target, double now) {
    if (!tween.primed) {
        tween.from = tween.to = target;
        tween.start = now;
        tween.primed = true;
        return;
    }
    if (target == tween.to) return;
    tween.from = tween_value(tween, now);
    tween.to = target;
    tween.start = now;
}

std::string format_delta(double delta) {
    const double r = std::round(delta * 10.0) / 10.0;
    if (r == 0.0) return {};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s%.1f", r > 0 ? "+" : "\xE2\x88\x92", std::fabs(r));
    return buf;
}

std::string format_score(double value) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", std::round(value * 10.0) / 10.0);
    return buf;
}

} // namespace exposure::ui
