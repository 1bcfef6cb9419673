// Exposure Explorer ui, widgets: the gauge's maths (value to angle, band spans, easing, delta text).
// Pure functions, no ImGui: the gauge widget is a thin drawing layer over these.
#pragma once

#include "core/scoring.hpp"

#include <array>
#include <string>

namespace exposure::ui {

inline constexpr double k_pi = 3.14159265358979323846;

// A point in logical pixels (screen space, y down).
struct Point {
    double x = 0, y = 0;
};

// Angle in radians (screen space, y down) of a value 0-100 on the upper semicircle: 0 points left
// (pi), 50 straight up (1.5 pi), 100 right (2 pi). Values outside 0-100 are clamped.
double gauge_angle(double value);
// The value 0-100 an angle on the semicircle stands for (inverse of gauge_angle).
double gauge_value(double angle);
// The point at `radius` from `centre` in the direction of `value`.
Point gauge_point(Point centre, double radius, double value);

// One risk band's stretch of the 0-100 scale.
struct BandSpan {
    RiskBand band = RiskBand::Low;
    double from = 0, to = 0;
};
// The four risk bands' stretches, found from the core's risk_band() (the ui does not restate the
// thresholds): boundaries located by bisection to 1e-6.
std::array<BandSpan, 4> risk_band_spans();

// Largest radius at which a gauge `width` px wide keeps its band labels inside its rectangle. Each
// label sits `gap` px outside the arc at its band's middle, anchored on the side away from the
// centre, `label_widths[band]` px wide; the radius never exceeds width/2 - gap.
double gauge_fit_radius(double width, const std::array<BandSpan, 4>& spans, const std::array<double, 4>& label_widths,
                        double gap);

// Cubic ease-out on t in 0..1 (fast start, gentle landing).
double ease_out_cubic(double t);

// A value easing from one number to another over `duration` seconds.
struct Tween {
    double from = 0, to = 0;
    double start = 0;       // host time when the move began
    double duration = 0.2;  // seconds
    bool primed = false;    // false until the first target: the first value shows without a move
};
// Current value at time `now`.
double tween_value(const Tween& tween, double now);
// True while the tween is still moving at `now`.
bool tween_running(const Tween& tween, double now);
// Points the tween at a new target, starting from wherever it is now (no jump).
void tween_retarget(Tween& tween, double target, double now);

// Signed one-decimal difference, e.g. "+4.2", "-1.0" (typographic minus); empty when it rounds to 0.
std::string format_delta(double delta);
// One-decimal number ("35.4").
std::string format_score(double value);

} // namespace exposure::ui
