// Exposure Explorer tests: the gauge's maths (angles, band spans, radius fitting, easing, delta text).
#include "core/scoring.hpp"
#include "ui/widgets/gauge_math.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace exposure;
using namespace exposure::ui;

TEST_CASE("the gauge maps 0 to the left, 50 straight up and 100 to the right") {
    const Point c{100, 100};
    SUBCASE("end points and middle") {
        const Point zero = gauge_point(c, 50, 0), mid = gauge_point(c, 50, 50), full = gauge_point(c, 50, 100);
        CHECK(zero.x == doctest::Approx(50));
        CHECK(zero.y == doctest::Approx(100));
        CHECK(mid.x == doctest::Approx(100));
        CHECK(mid.y == doctest::Approx(50)); // screen y grows downwards: up is smaller y
        CHECK(full.x == doctest::Approx(150));
        CHECK(full.y == doctest::Approx(100));
    }
    SUBCASE("angles grow with the value and values outside 0-100 are clamped") {
        CHECK(gauge_angle(10) < gauge_angle(20));
        CHECK(gauge_angle(-5) == doctest::Approx(gauge_angle(0)));
        CHECK(gauge_angle(140) == doctest::Approx(gauge_angle(100)));
    }
    SUBCASE("gauge_value inverts gauge_angle") {
        for (double v : {0.0, 12.5, 42.0, 99.9, 100.0}) CHECK(gauge_value(gauge_angle(v)) == doctest::Approx(v));
    }
}

TEST_CASE("the band spans tile the scale and agree with the core's risk_band") {
    const auto spans = risk_band_spans();
    CHECK(spans[0].from == doctest::Approx(0));
    CHECK(spans[3].to == doctest::Approx(100));
    for (int i = 0; i < 3; ++i) CHECK(spans[i].to == doctest::Approx(spans[i + 1].from).epsilon(1e-6));
    for (const BandSpan& s : spans) {
        if (s.to - s.from < 1e-3) continue;
        CHECK(risk_band(s.from + 1e-4) == s.band);
        CHECK(risk_band(s.to - 1e-4) == s.band);
        CHECK(risk_band(0.5 * (s.from + s.to)) == s.band);
    }
}

TEST_CASE("the gauge radius leaves room for the band labels at the sides") {
    const auto spans = risk_band_spans();
    SUBCASE("no label width: the radius is the half width less the gap") {
        CHECK(gauge_fit_radius(300, spans, {0, 0, 0, 0}, 10) == doctest::Approx(140));
    }
    SUBCASE("wider labels shrink the radius, and every label then fits") {
        const std::array<double, 4> widths{30, 55, 30, 55};
        const double r = gauge_fit_radius(300, spans, widths, 10);
        CHECK(r < 140);
        CHECK(r > 60);
        for (const BandSpan& s : spans) {
            const double a = gauge_angle(0.5 * (s.from + s.to));
            const double ac = std::fabs(std::cos(a));
            const double outer = (r + 10) * ac + widths[static_cast<int>(s.band)] * (0.5 + 0.5 * ac);
            CHECK(outer <= 150.0 + 1e-9);
        }
    }
}

TEST_CASE("a tween eases from where it is to the new target within its duration") {
    Tween t;
    SUBCASE("the first target shows at once") {
        tween_retarget(t, 40, 1.0);
        CHECK(tween_value(t, 1.0) == doctest::Approx(40));
        CHECK_FALSE(tween_running(t, 1.0));
    }
    SUBCASE("a new target starts from the current value and lands at the end") {
        tween_retarget(t, 40, 1.0);
        tween_retarget(t, 60, 2.0);
        CHECK(tween_value(t, 2.0) == doctest::Approx(40));
        CHECK(tween_running(t, 2.1));
        const double mid = tween_value(t, 2.1);
        CHECK(mid > 50); // ease-out: more than half-way at half-time
        CHECK(mid < 60);
        CHECK(tween_value(t, 2.0 + t.duration) == doctest::Approx(60));
        CHECK_FALSE(tween_running(t, 2.0 + t.duration + 0.01));
    }
    SUBCASE("retargeting mid-way continues from the eased value, without a jump") {
        tween_retarget(t, 0, 0.0);
        tween_retarget(t, 100, 1.0);
        const double at = tween_value(t, 1.05);
        tween_retarget(t, 20, 1.05);
        CHECK(tween_value(t, 1.05) == doctest::Approx(at));
    }
    SUBCASE("ease_out_cubic is 0 at 0, 1 at 1 and clamps") {
        CHECK(ease_out_cubic(0) == doctest::Approx(0));
        CHECK(ease_out_cubic(1) == doctest::Approx(1));
        CHECK(ease_out_cubic(2) == doctest::Approx(1));
        CHECK(ease_out_cubic(-1) == doctest::Approx(0));
    }
}

TEST_CASE("the delta is written with a sign and one decimal, and is empty when it rounds to zero") {
    CHECK(format_delta(4.21) == "+4.2");
    CHECK(format_delta(-1.0) == "\xE2\x88\x92" "1.0");
    CHECK(format_delta(0.04).empty());
    CHECK(format_delta(-0.04).empty());
    CHECK(format_score(35.44) == "35.4");
}
