// Exposure Explorer tests: the whole card drawn headless (no window, no GPU), frame by frame,
// checking what was drawn: panels, needle angle, delta, tooltips, loading and error states.
#include "unit-ui-harness.hpp"

#include "core/scoring.hpp"
#include "ui/app.hpp"
#include "ui/ui_state.hpp"
#include "ui/widgets/gauge_math.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace exposure;

TEST_CASE("the gauge's needle settles at the occupation's score") {
    test::UiTestData data = test::make_ui_test_data();
    test::Headless headless(1024, 768);
    ui::AppState state;
    state.index = &data.index;
    state.details = &data.details;
    state.occupation = "15-2051.00";
    state.view = ui::View::Card;
    double t = 0;
    for (int i = 0; i < 3; ++i) headless.frame(state, t += 0.016);
    const OccupationScores scores = score_occupation(data.details.at("15-2051.00"), state.scenario);
    CHECK(state.ui->record.needle_value == doctest::Approx(scores.exposure));
    CHECK(state.ui->record.needle_angle == doctest::Approx(ui::gauge_angle(scores.exposure)));
    CHECK(state.content_height > 100.0f);
}
