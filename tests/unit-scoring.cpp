// Unit tests of the scoring method (src/core/scoring.*): hand-built occupations with expectations
// computed by hand, then properties over the real bundle (data/bundle) when it has been built.
#include <doctest/doctest.h>

#include "core/bundle.hpp"
#include "core/scoring.hpp"

#include <cmath>
#include <filesystem>
#include <random>
#include <string>

using namespace exposure;

namespace {

Task make_task(int64_t id, TaskType type, ExposureLabel human, ExposureLabel gpt4, ExposureLabel alt,
               AutomationLabel automation) {
    Task t;
    t.id = id;
    t.text = "task " + std::to_string(id);
    t.type = type;
    t.exposure = {human, gpt4, alt};
    t.automation = automation;
    return t;
}

// Three tasks whose figures are worked out by hand in the tests below:
//   101 core (w 2):         human E1, gpt4 E2, alt E0, T3
//   102 supplemental (w 1): human E2, gpt4 E2, alt E1, T1
//   103 unspecified (w 1):  human E0, gpt4 E0, alt E2, T0
OccupationDetail hand_occupation() {
    using E = ExposureLabel;
    using A = AutomationLabel;
    OccupationDetail d;
    d.code = "99-0001.00";
    d.title = "Hand-built occupation";
    d.tasks = {make_task(101, TaskType::Core, E::E1, E::E2, E::E0, A::T3),
               make_task(102, TaskType::Supplemental, E::E2, E::E2, E::E1, A::T1),
               make_task(103, TaskType::Unspecified, E::E0, E::E0, E::E2, A::T0)};
    return d;
}

// The index shares of a detail, computed here independently of build-data.
OccupationSummary summary_of(const OccupationDetail& d) {
    OccupationSummary s;
    s.code = d.code;
    s.title = d.title;
    s.task_count = int(d.tasks.size());
    double total = 0;
    for (const Task& t : d.tasks) total += default_task_weight(t.type);
    for (const Task& t : d.tasks) {
        const double w = default_task_weight(t.type) / total;
        for (int r = 0; r < k_rater_count; ++r) {
            if (t.exposure[r] == ExposureLabel::Unknown) continue;
            s.shares[r].known += w;
            if (t.exposure[r] == ExposureLabel::E1) s.shares[r].e1 += w;
            if (t.exposure[r] == ExposureLabel::E2) s.shares[r].e2 += w;
        }
    }
    return s;
}

Scenario only_rater(Rater rater, Lens lens = Lens::Beta) {
    Scenario s;
    s.rater_weights = {0, 0, 0};
    s.rater_weights[std::size_t(rater)] = 1;
    s.lens = lens;
    return s;
}

std::string bundle_dir() { return std::string(EXPOSURE_SOURCE_DIR) + "/data/bundle"; }

bool have_bundle() { return std::filesystem::exists(bundle_dir() + "/index.json"); }

} // namespace

TEST_CASE("label values follow the lens and automation labels map to quarters") {
    SUBCASE("exposure labels") {
        CHECK(label_value(ExposureLabel::E0, Lens::Beta) == 0.0);
        CHECK(label_value(ExposureLabel::E1, Lens::Alpha) == 1.0);
        CHECK(label_value(ExposureLabel::E2, Lens::Alpha) == 0.0);
        CHECK(label_value(ExposureLabel::E2, Lens::Beta) == 0.5);
        CHECK(label_value(ExposureLabel::E2, Lens::Gamma) == 1.0);
        CHECK(label_value(ExposureLabel::Unknown, Lens::Beta) < 0);
    }
    SUBCASE("automation labels") {
        CHECK(automation_value(AutomationLabel::T0) == 0.0);
        CHECK(automation_value(AutomationLabel::T1) == 0.25);
        CHECK(automation_value(AutomationLabel::T2) == 0.5);
        CHECK(automation_value(AutomationLabel::T3) == 0.75);
        CHECK(automation_value(AutomationLabel::T4) == 1.0);
        CHECK(automation_value(AutomationLabel::Unknown) < 0);
    }
    SUBCASE("task weights") {
        CHECK(default_task_weight(TaskType::Core) == 2.0);
        CHECK(default_task_weight(TaskType::Supplemental) == 1.0);
        CHECK(default_task_weight(TaskType::Unspecified) == 1.0);
    }
}

TEST_CASE("the headline is the weighted task mean of the rater-weighted blend") {
    const OccupationDetail d = hand_occupation();
    SUBCASE("default scenario: human and gpt4 equally, lens beta") {
        // tasks: (1+.5)/2 = .75 (w2), (.5+.5)/2 = .5 (w1), 0 (w1) -> (1.5 + .5 + 0) / 4
        const OccupationScores s = score_occupation(d, Scenario{});
        CHECK(s.exposure == doctest::Approx(50.0).epsilon(1e-12));
        CHECK(s.scored_weight == 4.0);
        REQUIRE(s.tasks.size() == 3);
        CHECK(s.tasks[0].exposure == 75.0);
        CHECK(s.tasks[1].exposure == 50.0);
        CHECK(s.tasks[2].exposure == 0.0);
        CHECK(s.tasks[0].weight == 2.0);
        CHECK(s.tasks[2].weight == 1.0);
    }
    SUBCASE("each rater alone") {
        const OccupationScores s = score_occupation(d, Scenario{});
        CHECK(s.rater_exposure[0] == doctest::Approx(62.5)); // (2*1 + .5 + 0) / 4
        CHECK(s.rater_exposure[1] == doctest::Approx(37.5)); // (2*.5 + .5 + 0) / 4
        CHECK(s.rater_exposure[2] == doctest::Approx(37.5)); // (0 + 1 + .5) / 4
        CHECK(score_occupation(d, only_rater(Rater::Human)).exposure == doctest::Approx(62.5));
        CHECK(score_occupation(d, only_rater(Rater::Gpt4Alt)).exposure == doctest::Approx(37.5));
    }
    SUBCASE("lenses alpha and gamma") {
        Scenario alpha;
        alpha.lens = Lens::Alpha; // human (2+0+0)/4 = 50, gpt4 0 -> 25
        CHECK(score_occupation(d, alpha).exposure == doctest::Approx(25.0));
        Scenario gamma;
        gamma.lens = Lens::Gamma; // human (2+1)/4 = 75, gpt4 (2+1)/4 = 75
        CHECK(score_occupation(d, gamma).exposure == doctest::Approx(75.0));
    }
    SUBCASE("unequal rater weights") {
        Scenario s;
        s.rater_weights = {3, 1, 0}; // task 101: (3*1 + .5)/4 = .875 -> (1.75 + .5 + 0)/4
        CHECK(score_occupation(d, s).exposure == doctest::Approx(56.25));
    }
    SUBCASE("a rater that did not label a task leaves the blend to the others") {
        OccupationDetail partial = d;
        partial.tasks[0].exposure[0] = ExposureLabel::Unknown; // task 101: gpt4 alone .5
        const OccupationScores s = score_occupation(partial, Scenario{});
        CHECK(s.tasks[0].exposure == 50.0);
        CHECK(s.exposure == doctest::Approx((2 * 0.5 + 0.5 + 0) / 4 * 100));
        // human alone now scores tasks 102 and 103 only: (.5 + 0) / 2
        CHECK(s.rater_exposure[0] == doctest::Approx(25.0));
    }
    SUBCASE("a task no weighted rater labelled counts in no mean") {
        OccupationDetail partial = d;
        partial.tasks[2].exposure = {ExposureLabel::Unknown, ExposureLabel::Unknown, ExposureLabel::E2};
        const OccupationScores s = score_occupation(partial, Scenario{});
        CHECK(s.tasks[2].exposure < 0);
        CHECK(s.exposure == doctest::Approx((1.5 + 0.5) / 3 * 100));
        CHECK(s.scored_weight == 3.0);
    }
}

TEST_CASE("task overrides change weights and capabilities") {
    const OccupationDetail d = hand_occupation();
    SUBCASE("weight 0 removes a task") {
        Scenario s;
        set_task_weight(s, 103, 0);
        CHECK(score_occupation(d, s).exposure == doctest::Approx((1.5 + 0.5) / 3 * 100));
    }
    SUBCASE("a weight replaces the core/supplemental weight") {
        Scenario s;
        set_task_weight(s, 102, 5); // (1.5 + 5*.5 + 0) / 8
        const OccupationScores r = score_occupation(d, s);
        CHECK(r.exposure == doctest::Approx(50.0));
        CHECK(r.tasks[1].weight == 5.0);
        CHECK(r.tasks[1].overridden);
        CHECK_FALSE(r.tasks[0].overridden);
    }
    SUBCASE("a capability replaces the blended value") {
        Scenario s;
        set_task_capability(s, 103, 100); // (1.5 + .5 + 1) / 4
        const OccupationScores r = score_occupation(d, s);
        CHECK(r.exposure == doctest::Approx(75.0));
        CHECK(r.tasks[2].exposure == 100.0);
        CHECK(r.tasks[2].baseline_exposure == 0.0);
        // each rater alone takes the capability for that task too: human (2 + .5 + 1) / 4
        CHECK(r.rater_exposure[0] == doctest::Approx(87.5));
    }
    SUBCASE("keeping one task gives that task's value") {
        Scenario s;
        set_task_weight(s, 101, 0);
        set_task_weight(s, 103, 0);
        CHECK(score_occupation(d, s).exposure == doctest::Approx(50.0));
    }
    SUBCASE("removing every task scores nothing") {
        Scenario s;
        for (int64_t id : {101, 102, 103}) set_task_weight(s, id, 0);
        const OccupationScores r = score_occupation(d, s);
        CHECK(r.scored_weight == 0.0);
        CHECK(r.exposure == 0.0);
    }
}

TEST_CASE("automation, augmentation and disagreement are weighted like the headline") {
    const OccupationDetail d = hand_occupation();
    const OccupationScores s = score_occupation(d, Scenario{});
    SUBCASE("automation is the weighted mean of GPT-4's T labels") {
        CHECK(s.automation == doctest::Approx((2 * 0.75 + 0.25 + 0) / 4 * 100)); // 43.75
        CHECK(s.tasks[0].automation == 75.0);
        CHECK(s.tasks[2].automation == 0.0);
    }
    SUBCASE("augmentation is exposure times the share AI does not take over") {
        // .75*.25 (w2) + .5*.75 (w1) + 0 -> (.375 + .375) / 4 = 18.75
        CHECK(s.augmentation == doctest::Approx(18.75));
        CHECK(s.tasks[0].augmentation == doctest::Approx(18.75));
        CHECK(s.tasks[1].augmentation == doctest::Approx(37.5));
        CHECK(s.augmentation_band == AugmentationBand::Moderate);
    }
    SUBCASE("disagreement is the spread of the weighted raters") {
        CHECK(s.tasks[0].disagreement == 50.0); // human 1 vs gpt4 .5
        CHECK(s.tasks[1].disagreement == 0.0);
        CHECK(s.disagreement == doctest::Approx(2 * 50.0 / 4)); // 25
        Scenario all;
        all.rater_weights = {1, 1, 1}; // task 101: 1 vs 0 -> 100; 102: .5 vs 1 -> 50; 103: 0 vs .5 -> 50
        CHECK(score_occupation(d, all).disagreement == doctest::Approx((200.0 + 50 + 50) / 4));
    }
    SUBCASE("the range spans the weighted raters from lens alpha to gamma") {
        CHECK(s.exposure_low == doctest::Approx(0.0));   // gpt4 under alpha
        CHECK(s.exposure_high == doctest::Approx(75.0)); // human and gpt4 under gamma
        CHECK(s.exposure_low <= s.exposure);
        CHECK(s.exposure <= s.exposure_high);
    }
    SUBCASE("the risk band comes from the headline") { CHECK(s.risk == RiskBand::High); }
}

TEST_CASE("the timeline grows each task's automation toward its exposure along a logistic") {
    using E = ExposureLabel;
    using A = AutomationLabel;
    OccupationDetail d;
    d.code = "99-0002.00";
    SUBCASE("a task at T1 with exposure 1 crosses 50% when 3 exp(-rate t) falls to 1") {
        d.tasks = {make_task(1, TaskType::Core, E::E1, E::E1, E::E1, A::T1)};
        const OccupationScores s = score_occupation(d, Scenario{}); // rate .5: t >= ln 3 / .5 = 2.2
        CHECK(s.timeline.year_25 == k_timeline_base_year);
        CHECK(s.timeline.year_50 == k_timeline_base_year + 3);
        REQUIRE(s.timeline.automation_by_year.size() == std::size_t(2035 - k_timeline_base_year + 1));
        CHECK(s.timeline.automation_by_year[0] == doctest::Approx(25.0));
        CHECK(s.timeline.automation_by_year[2] == doctest::Approx(100.0 / (1 + 3 * std::exp(-1.0))));
    }
    SUBCASE("a task at T0 starts from the seed share and still starts at 0") {
        d.tasks = {make_task(1, TaskType::Core, E::E1, E::E1, E::E1, A::T0)};
        const OccupationScores s = score_occupation(d, Scenario{});
        CHECK(s.timeline.automation_by_year[0] == doctest::Approx(0.0));
        // a(t) = (p(t) - .05) / .95 with p = 1 / (1 + 19 exp(-.5 t)): 24.2% at t = 4, 35.9% at t = 5
        CHECK(s.timeline.automation_by_year[4] == doctest::Approx(100 * (1 / (1 + 19 * std::exp(-2.0)) - 0.05) / 0.95));
        CHECK(s.timeline.year_25 == k_timeline_base_year + 5);
    }
    SUBCASE("a task already at its exposure stays flat, and rate 0 freezes every task") {
        d.tasks = {make_task(1, TaskType::Core, E::E0, E::E0, E::E0, A::T1),
                   make_task(2, TaskType::Core, E::E1, E::E1, E::E1, A::T1)};
        Scenario frozen;
        frozen.growth_rate = 0;
        const OccupationScores s = score_occupation(d, frozen);
        for (double v : s.timeline.automation_by_year) CHECK(v == doctest::Approx(25.0));
        CHECK(s.timeline.year_25 == k_timeline_base_year);
        CHECK_FALSE(s.timeline.year_50.has_value());
        const OccupationScores grown = score_occupation(d, Scenario{});
        CHECK(grown.timeline.automation_by_year.back() < 62.5); // task 1 stays at .25, task 2 tends to 1
        CHECK(grown.timeline.automation_by_year.back() > 60.0);
    }
    SUBCASE("the horizon sets the last year") {
        d.tasks = {make_task(1, TaskType::Core, E::E1, E::E1, E::E1, A::T0)};
        Scenario s;
        s.horizon_year = 2026;
        const OccupationScores r = score_occupation(d, s);
        CHECK(r.timeline.automation_by_year.size() == 4);
        CHECK_FALSE(r.timeline.year_25.has_value());
    }
}

TEST_CASE("the index shares give the same headline as the task list") {
    const OccupationDetail d = hand_occupation();
    const OccupationSummary summary = summary_of(d);
    for (const Lens lens : {Lens::Alpha, Lens::Beta, Lens::Gamma}) {
        for (const std::array<double, 3> rho : {std::array<double, 3>{1, 1, 0}, {1, 0, 0}, {0.2, 0.3, 2.5}}) {
            Scenario s;
            s.lens = lens;
            s.rater_weights = rho;
            CAPTURE(to_string(lens));
            CHECK(summary_exposure(summary, s) == doctest::Approx(score_occupation(d, s).exposure).epsilon(1e-12));
        }
        CHECK(summary_rater_exposure(summary, Rater::Human, lens) ==
              doctest::Approx(score_occupation(d, only_rater(Rater::Human, lens)).exposure));
    }
}

TEST_CASE("ranking places every occupation and weighs groups by employment") {
    Index index;
    index.groups = {{"11-0000", "Group A", 300.0}, {"15-0000", "Group B", 100.0}, {"99-0000", "No figures", {}}};
    const auto occupation = [](std::string code, int group, double e1, std::optional<double> employment) {
        OccupationSummary o;
        o.code = std::move(code);
        o.major_group = group;
        for (auto& s : o.shares) s = {e1, 0.0, 1.0};
        o.employment = employment;
        return o;
    };
    // exposures 10, 20, 20, 80, 50 (e1 shares), employment 100, 200 (shared by two), 100, none
    index.occupations = {occupation("11-1011.00", 0, 0.1, 100.0), occupation("11-2011.00", 0, 0.2, 200.0),
                         occupation("11-2011.01", 0, 0.2, 200.0), occupation("15-1011.00", 1, 0.8, 100.0),
                         occupation("99-1011.00", 2, 0.5, std::nullopt)};
    Ranking ranking;
    rank_all(index, Scenario{}, ranking);
    REQUIRE(ranking.exposure.size() == 5);
    CHECK(ranking.exposure[3] == doctest::Approx(80.0));
    SUBCASE("a BLS figure shared by two occupations of a group counts once") {
        CHECK(ranking.employment_weight[1] == 100.0);
        CHECK(ranking.employment_weight[2] == 100.0);
        CHECK(ranking.employment_weight[4] == 0.0);
        CHECK(ranking.total_employment == 400.0);
    }
    SUBCASE("group pressure is the employment-weighted mean, or the plain mean without figures") {
        CHECK(ranking.group_pressure[0] == doctest::Approx((100 * 10.0 + 100 * 20 + 100 * 20) / 300));
        CHECK(ranking.group_pressure[1] == doctest::Approx(80.0));
        CHECK(ranking.group_pressure[2] == doctest::Approx(50.0));
    }
    SUBCASE("percentile counts strictly lower plus half the ties") {
        CHECK(percentile_of(ranking, ranking.exposure[0]) == doctest::Approx(100 * 0.5 / 5));
        CHECK(percentile_of(ranking, ranking.exposure[1]) == doctest::Approx(100 * (1 + 1.0) / 5));
        CHECK(percentile_of(ranking, ranking.exposure[3]) == doctest::Approx(100 * 4.5 / 5));
    }
    SUBCASE("employment share below counts only less exposed occupations") {
        CHECK(employment_share_below(index, ranking, ranking.exposure[0]) == doctest::Approx(0.0));
        CHECK(employment_share_below(index, ranking, 50.0) == doctest::Approx(75.0));
        CHECK(employment_share_below(index, ranking, 90.0) == doctest::Approx(100.0));
    }
    SUBCASE("re-ranking under another lens reuses the storage") {
        const double* before = ranking.exposure.data();
        Scenario alpha;
        alpha.rater_weights = {0, 0, 1};
        rank_all(index, alpha, ranking);
        CHECK(ranking.exposure.data() == before);
        CHECK(ranking.exposure[3] == doctest::Approx(80.0));
    }
}

TEST_CASE("bands follow their documented thresholds") {
    SUBCASE("risk") {
        CHECK(risk_band(0) == RiskBand::Low);
        CHECK(risk_band(24.999) == RiskBand::Low);
        CHECK(risk_band(25) == RiskBand::Moderate);
        CHECK(risk_band(50) == RiskBand::High);
        CHECK(risk_band(70) == RiskBand::VeryHigh);
        CHECK(to_string(RiskBand::VeryHigh) == "Very high");
    }
    SUBCASE("augmentation") {
        CHECK(augmentation_band(9.99) == AugmentationBand::Low);
        CHECK(augmentation_band(10) == AugmentationBand::Moderate);
        CHECK(augmentation_band(20) == AugmentationBand::High);
        CHECK(augmentation_band(30) == AugmentationBand::VeryHigh);
    }
    SUBCASE("demand") {
        CHECK(demand_trend(std::nullopt) == DemandTrend::Unknown);
        CHECK(demand_trend(-5.0) == DemandTrend::Declining);
        CHECK(demand_trend(-1.0) == DemandTrend::Stable);
        CHECK(demand_trend(4.9) == DemandTrend::Stable);
        CHECK(demand_trend(5.0) == DemandTrend::Growing);
        CHECK(demand_trend(15.0) == DemandTrend::GrowingFast);
        CHECK(to_string(DemandTrend::GrowingFast) == "Growing fast");
    }
    SUBCASE("names") {
        CHECK(to_string(Lens::Gamma) == "gamma");
        CHECK(rater_name(Rater::Gpt4Alt) == "gpt4_alt");
    }
}

// ---- Properties over the real bundle (skipped until setup has built data/bundle) ----

TEST_CASE("over the real bundle the method holds for every occupation") {
    if (!have_bundle()) {
        MESSAGE("skipped: no bundle at " << bundle_dir() << " (run scripts/setup.sh)");
        return;
    }
    Index index;
    std::string error;
    REQUIRE_MESSAGE(load_index(bundle_dir(), index, error), error);
    CHECK(index.occupations.size() == 923);
    OccupationDetail detail;
    SUBCASE("Data Scientists score 67.1875 under the default scenario") {
        REQUIRE_MESSAGE(load_detail(bundle_dir(), "15-2051.00", detail, error), error);
        CHECK(score_occupation(detail, Scenario{}).exposure == doctest::Approx(67.1875).epsilon(1e-12));
    }
    SUBCASE("properties hold for every occupation") {
        Scenario equal_all;
        equal_all.rater_weights = {1, 1, 1};
        int checked = 0;
        for (const OccupationSummary& o : index.occupations) {
            REQUIRE_MESSAGE(load_detail(bundle_dir(), o.code, detail, error), error);
            CAPTURE(o.code);
            for (const Lens lens : {Lens::Alpha, Lens::Beta, Lens::Gamma}) {
                Scenario s;
                s.lens = lens;
                const OccupationScores r = score_occupation(detail, s);
                // the index's shares agree with the task list
                CHECK(std::abs(summary_exposure(o, s) - r.exposure) < 1e-9);
                CHECK(r.exposure >= 0.0);
                CHECK(r.exposure <= 100.0);
                CHECK(r.automation >= 0.0);
                CHECK(r.automation <= 100.0);
                CHECK(r.exposure_low <= r.exposure);
                CHECK(r.exposure_high >= r.exposure);
                // under equal weights the blend is the mean of the single-rater scores
                Scenario eq = equal_all;
                eq.lens = lens;
                const OccupationScores all = score_occupation(detail, eq);
                CHECK(std::abs(all.exposure - (all.rater_exposure[0] + all.rater_exposure[1] + all.rater_exposure[2]) / 3) <
                      1e-9);
            }
            const double base = score_occupation(detail, Scenario{}).exposure;
            // build-data's precomputed headline agrees
            CHECK(std::abs(o.default_exposure - base) < 1e-9);
            // raising a task's capability never lowers the score
            for (const Task& t : detail.tasks) {
                Scenario low, high;
                set_task_capability(low, t.id, 30);
                set_task_capability(high, t.id, 60);
                CHECK(score_occupation(detail, high).exposure >= score_occupation(detail, low).exposure);
                set_task_capability(high, t.id, 100);
                CHECK(score_occupation(detail, high).exposure >= base - 1e-12);
            }
            // scaling every task's weight leaves the score unchanged
            Scenario scaled;
            for (const Task& t : detail.tasks) set_task_weight(scaled, t.id, 3 * default_task_weight(t.type));
            CHECK(std::abs(score_occupation(detail, scaled).exposure - base) < 1e-9);
            // keeping one task gives that task's value
            const OccupationScores full = score_occupation(detail, Scenario{});
            Scenario one;
            for (std::size_t i = 1; i < detail.tasks.size(); ++i) set_task_weight(one, detail.tasks[i].id, 0);
            CHECK(std::abs(score_occupation(detail, one).exposure - full.tasks[0].exposure) < 1e-12);
            ++checked;
        }
        CHECK(checked == 923);
    }
}

namespace {

// Every figure of a scoring stays in its range and the timeline only rises.
void check_ranges(const OccupationScores& r) {
    const auto in_range = [](double v) { return v >= 0.0 && v <= 100.0; };
    CHECK(in_range(r.exposure));
    CHECK(in_range(r.automation));
    CHECK(in_range(r.augmentation));
    CAPTURE(r.disagreement);
    CHECK(in_range(r.disagreement));
    CHECK(r.exposure_low <= r.exposure + 1e-12);
    CHECK(r.exposure_high >= r.exposure - 1e-12);
    for (std::size_t y = 1; y < r.timeline.automation_by_year.size(); ++y)
        CHECK(r.timeline.automation_by_year[y] >= r.timeline.automation_by_year[y - 1] - 1e-12);
    if (r.timeline.year_25 && r.timeline.year_50) CHECK(*r.timeline.year_25 <= *r.timeline.year_50);
    if (r.timeline.year_50) CHECK(r.timeline.year_25.has_value());
    for (const TaskScore& t : r.tasks) {
        CHECK(t.exposure <= 100.0);
        CHECK(t.augmentation <= 100.0);
        CHECK(in_range(t.disagreement));
    }
}

Scenario random_scoring_scenario(std::mt19937_64& rng, const OccupationDetail& d) {
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    Scenario s;
    do {
        for (double& w : s.rater_weights) w = unit(rng) < 0.3 ? 0.0 : 10 * unit(rng);
    } while (!(s.rater_weights[0] + s.rater_weights[1] + s.rater_weights[2] > 0));
    s.lens = Lens(rng() % 3);
    s.growth_rate = 5 * unit(rng);
    s.horizon_year = k_scenario_min_horizon + int(rng() % 77);
    for (const Task& t : d.tasks) {
        if (unit(rng) < 0.2) set_task_weight(s, t.id, unit(rng) < 0.3 ? 0.0 : 100 * unit(rng));
        if (unit(rng) < 0.2) set_task_capability(s, t.id, 100 * unit(rng));
    }
    return s;
}

} // namespace

TEST_CASE("random scenarios keep every figure in range and the timeline rising") {
    std::mt19937_64 rng(42);
    SUBCASE("on the hand-built occupation") {
        const OccupationDetail d = hand_occupation();
        for (int i = 0; i < 500; ++i) {
            const Scenario s = random_scoring_scenario(rng, d);
            REQUIRE(validate_scenario(s).empty());
            check_ranges(score_occupation(d, s));
        }
    }
    SUBCASE("on every tenth occupation of the real bundle") {
        if (!have_bundle()) {
            MESSAGE("skipped: no bundle at " << bundle_dir());
            return;
        }
        Index index;
        std::string error;
        REQUIRE_MESSAGE(load_index(bundle_dir(), index, error), error);
        OccupationDetail d;
        for (std::size_t i = 0; i < index.occupations.size(); i += 10) {
            REQUIRE_MESSAGE(load_detail(bundle_dir(), index.occupations[i].code, d, error), error);
            CAPTURE(d.code);
            for (int k = 0; k < 5; ++k) check_ranges(score_occupation(d, random_scoring_scenario(rng, d)));
        }
    }
}
