// Exposure Explorer core: the scoring method and the card's derived measures.
// Everything here is a pure function of (occupation data, scenario); web/methodology.html explains
// the same rules in prose, so a change here needs a change there.
//
// Index of this file:
// [SECTION] Labels and weights
// [SECTION] One occupation (headline, raters, automation, augmentation, disagreement, range)
// [SECTION] Timeline (capability-growth scenario)
// [SECTION] Index-only figures and ranking
// [SECTION] Bands and names
#include "scoring.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace exposure {

//-----------------------------------------------------------------------------
// [SECTION] Labels and weights
//-----------------------------------------------------------------------------

double lens_e2_value(Lens lens) {
    switch (lens) {
    case Lens::Alpha: return 0.0;
    case Lens::Beta: return 0.5;
    case Lens::Gamma: return 1.0;
    }
    return 0.5;
}

double label_value(ExposureLabel label, Lens lens) {
    switch (label) {
    case ExposureLabel::E0: return 0.0;
    case ExposureLabel::E1: return 1.0;
    case ExposureLabel::E2: return lens_e2_value(lens);
    case ExposureLabel::Unknown: break;
    }
    return -1.0;
}

double automation_value(AutomationLabel label) {
    switch (label) {
    case AutomationLabel::T0: return 0.0;
    case AutomationLabel::T1: return 0.25;
    case AutomationLabel::T2: return 0.5;
    case AutomationLabel::T3: return 0.75;
    case AutomationLabel::T4: return 1.0;
    case AutomationLabel::Unknown: break;
    }
    return -1.0;
}

double default_task_weight(TaskType type) { return type == TaskType::Core ? 2.0 : 1.0; }

//-----------------------------------------------------------------------------
// [SECTION] One occupation
//-----------------------------------------------------------------------------

namespace {

// label_value as a table for the hot loop: row = label + 1 (Unknown, E0, E1, E2), column = lens.
constexpr double k_label_table[4][3] = {{-1, -1, -1}, {0, 0, 0}, {1, 1, 1}, {0, 0.5, 1}};

// The row of a label in k_label_table; any value outside the enum reads as Unknown.
inline int label_row(ExposureLabel label) {
    const int row = int(label) + 1;
    return row >= 0 && row < 4 ? row : 0;
}

// The scenario's override for a task, or null. Scenario::tasks is sorted by id.
const TaskOverride* find_override(const Scenario& scenario, int64_t task_id) {
    const auto it = std::lower_bound(scenario.tasks.begin(), scenario.tasks.end(), task_id,
                                     [](const TaskOverride& o, int64_t id) { return o.task_id < id; });
    return it != scenario.tasks.end() && it->task_id == task_id ? &*it : nullptr;
}

// Weighted sums accumulated over an occupation's tasks in one pass.
struct Sums {
    double weight = 0, exposure = 0;                          // headline
    std::array<double, k_rater_count> rater_weight{};        // per rater: weight of tasks it scores
    std::array<std::array<double, 3>, k_rater_count> rater{}; // per rater and lens: weighted values
    double automation_weight = 0, automation = 0;
    double augmentation_weight = 0, augmentation = 0;
    double disagreement_weight = 0, disagreement = 0;
};

void compute_timeline(const std::vector<TaskScore>& tasks, double automation_weight, const Scenario& scenario,
                      Timeline& out);

} // namespace

OccupationScores score_occupation(const OccupationDetail& detail, const Scenario& scenario) {
    OccupationScores out;
    score_occupation(detail, scenario, out);
    return out;
}

void score_occupation(const OccupationDetail& detail, const Scenario& scenario, OccupationScores& out) {
    const auto& rho = scenario.rater_weights;
    Sums sums;
    out.tasks.resize(detail.tasks.size());
    for (std::size_t i = 0; i < detail.tasks.size(); ++i) {
        const Task& task = detail.tasks[i];
        TaskScore& ts = out.tasks[i];
        const TaskOverride* over = scenario.tasks.empty() ? nullptr : find_override(scenario, task.id);
        const double weight = over && over->weight >= 0 ? over->weight : default_task_weight(task.type);
        const double capability = over && over->capability >= 0 ? over->capability / 100.0 : -1.0;

        // The blend: rater-weighted mean of the raters (weight > 0) that labelled the task.
        double blend = 0, blend_weight = 0;
        double lowest = 2, highest = -1;
        const int lens = int(scenario.lens) < 3 ? int(scenario.lens) : 1;
        for (int r = 0; r < k_rater_count; ++r) {
            const double v = k_label_table[label_row(task.exposure[r])][lens];
            ts.rater_exposure[r] = v < 0 ? -1.0 : 100.0 * v;
            if (v < 0 || !(rho[r] > 0)) continue;
            blend += rho[r] * v;
            blend_weight += rho[r];
            lowest = std::min(lowest, v);
            highest = std::max(highest, v);
        }
        const double baseline = blend_weight > 0 ? blend / blend_weight : -1.0;
        const double value = capability >= 0 ? capability : baseline;
        const double automation = automation_value(task.automation);

        ts.task_index = int(i);
        ts.weight = weight;
        ts.baseline_exposure = baseline < 0 ? -1.0 : 100.0 * baseline;
        ts.exposure = value < 0 ? -1.0 : 100.0 * value;
        ts.automation = automation < 0 ? -1.0 : 100.0 * automation;
        ts.disagreement = highest >= 0 ? 100.0 * (highest - lowest) : 0.0;
        ts.overridden = over != nullptr;
        // Augmentation: the task is exposed (value) and a human stays in the loop (1 - automation).
        const double augmentation = value >= 0 && automation >= 0 ? value * (1.0 - automation) : -1.0;
        ts.augmentation = augmentation < 0 ? -1.0 : 100.0 * augmentation;

        if (!(weight > 0)) continue;
        if (value >= 0) {
            sums.weight += weight;
            sums.exposure += weight * value;
        }
        // Each rater alone (every lens), with the capability override standing in for its label.
        for (int r = 0; r < k_rater_count; ++r) {
            if (capability >= 0) {
                sums.rater_weight[r] += weight;
                for (auto& s : sums.rater[r]) s += weight * capability;
            } else if (const int row = label_row(task.exposure[r]); row != 0) {
                sums.rater_weight[r] += weight;
                for (int l = 0; l < 3; ++l) sums.rater[r][l] += weight * k_label_table[row][l];
            }
        }
        if (automation >= 0) {
            sums.automation_weight += weight;
            sums.automation += weight * automation;
        }
        if (augmentation >= 0) {
            sums.augmentation_weight += weight;
            sums.augmentation += weight * augmentation;
        }
        if (highest >= 0) {
            sums.disagreement_weight += weight;
            sums.disagreement += weight * (highest - lowest);
        }
    }

    // 100 * (sum / weight), not (100 * sum) / weight: a mean of values <= 1 then never exceeds 100.
    const auto mean100 = [](double sum, double weight) { return weight > 0 ? 100.0 * (sum / weight) : 0.0; };
    out.scored_weight = sums.weight;
    out.exposure = mean100(sums.exposure, sums.weight);
    const int lens = int(scenario.lens);
    double low = out.exposure, high = out.exposure;
    for (int r = 0; r < k_rater_count; ++r) {
        const double w = sums.rater_weight[r];
        out.rater_exposure[r] = w > 0 ? 100.0 * (sums.rater[r][lens] / w) : -1.0;
        // The range spans the raters in the blend, each from its alpha to its gamma reading.
        if (w > 0 && rho[r] > 0) {
            low = std::min(low, 100.0 * (sums.rater[r][0] / w));
            high = std::max(high, 100.0 * (sums.rater[r][2] / w));
        }
    }
    out.exposure_low = low;
    out.exposure_high = high;
    out.automation = mean100(sums.automation, sums.automation_weight);
    out.augmentation = mean100(sums.augmentation, sums.augmentation_weight);
    out.augmentation_band = augmentation_band(out.augmentation);
    out.risk = risk_band(out.exposure);
    out.disagreement = mean100(sums.disagreement, sums.disagreement_weight);
    compute_timeline(out.tasks, sums.automation_weight, scenario, out.timeline);
}

//-----------------------------------------------------------------------------
// [SECTION] Timeline
//-----------------------------------------------------------------------------
// A scenario, not a forecast. Each task's automation a grows toward its exposure e (the ceiling):
// the automatable share of the exposure, p = a / e, follows the logistic dp/dt = rate * p * (1 - p)
// from its label's value, so a(t) = e / (1 + c * exp(-rate * t)) with c = (1 - p0) / p0. A logistic
// never leaves 0, so a task starting below k_timeline_seed_share of its exposure runs the curve from
// that seed, rescaled so that it still starts at its label. A task already at or above its exposure
// keeps its automation. The occupation's automation in a year is the weighted task mean, over the
// same tasks as the automation figure; every task curve rises, so the crossing years are well defined.

namespace {

void compute_timeline(const std::vector<TaskScore>& tasks, double automation_weight, const Scenario& scenario,
                      Timeline& out) {
    // A valid scenario's horizon is at most k_scenario_max_horizon; an invalid one stops there too.
    constexpr int k_max_years = k_scenario_max_horizon - k_timeline_base_year + 1;
    const int years = std::clamp(scenario.horizon_year - k_timeline_base_year + 1, 0, k_max_years);
    out.automation_by_year.assign(std::size_t(years), 0.0);
    out.year_25.reset();
    out.year_50.reset();
    if (!(automation_weight > 0)) return;
    // exp(-rate * t) for every year, once (the horizon is bounded, so a stack array holds them).
    std::array<double, k_max_years> decay;
    for (int y = 0; y < years; ++y) decay[std::size_t(y)] = std::exp(-scenario.growth_rate * y);
    // Tasks with the same start and ceiling share one curve: labels are discrete, so an occupation
    // has few distinct curves, and each costs a division per year.
    struct Curve {
        double a0, e, share;
    };
    constexpr int k_max_curves = 64;
    std::array<Curve, k_max_curves> curves;
    int curve_count = 0;
    double flat = 0; // tasks that do not grow
    const auto add_curve = [&](const Curve& curve) {
        const double p0 = std::max(curve.a0 / curve.e, k_timeline_seed_share);
        const double c = (1.0 - p0) / p0;
        // a(t) = a0 + (e - a0) * (p(t) - p0) / (1 - p0); equals e * p(t) when p0 = a0 / e.
        const double scale = (curve.e - curve.a0) / (1.0 - p0);
        for (int y = 0; y < years; ++y) {
            const double p = 1.0 / (1.0 + c * decay[std::size_t(y)]);
            out.automation_by_year[std::size_t(y)] += curve.share * (curve.a0 + scale * (p - p0));
        }
    };
    for (const TaskScore& ts : tasks) {
        if (!(ts.weight > 0) || ts.automation < 0) continue;
        const double a0 = ts.automation / 100.0;
        const double e = ts.exposure < 0 ? a0 : ts.exposure / 100.0;
        const double share = ts.weight / automation_weight;
        if (!(e > a0)) {
            flat += share * a0;
            continue;
        }
        int i = 0;
        while (i < curve_count && !(curves[std::size_t(i)].a0 == a0 && curves[std::size_t(i)].e == e)) ++i;
        if (i < curve_count) curves[std::size_t(i)].share += share;
        else if (curve_count < k_max_curves) curves[std::size_t(curve_count++)] = {a0, e, share};
        else add_curve({a0, e, share});
    }
    for (int i = 0; i < curve_count; ++i) add_curve(curves[std::size_t(i)]);
    for (double& v : out.automation_by_year) v += flat;
    for (int y = 0; y < years; ++y) {
        double& v = out.automation_by_year[std::size_t(y)];
        v *= 100.0;
        if (!out.year_25 && v >= 25.0 - k_tie_tolerance) out.year_25 = k_timeline_base_year + y;
        if (!out.year_50 && v >= 50.0 - k_tie_tolerance) out.year_50 = k_timeline_base_year + y;
    }
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Index-only figures and ranking
//-----------------------------------------------------------------------------
// With every task labelled by every weighted rater (true of the upstream data), the headline is the
// rater-weighted mean of the raters' scores, and a rater's score is its weighted mean over the tasks
// it labelled: (e1 + lens_e2 * e2) / known. So the index alone re-ranks every occupation exactly.

double summary_rater_exposure(const OccupationSummary& occupation, Rater rater, Lens lens) {
    const RaterShares& s = occupation.shares[std::size_t(rater)];
    if (!(s.known > 0)) return -1.0;
    return 100.0 * ((s.e1 + lens_e2_value(lens) * s.e2) / s.known);
}

double summary_exposure(const OccupationSummary& occupation, const Scenario& scenario) {
    const double e2 = lens_e2_value(scenario.lens);
    double sum = 0, weight = 0;
    for (int r = 0; r < k_rater_count; ++r) {
        const RaterShares& s = occupation.shares[std::size_t(r)];
        const double rho = scenario.rater_weights[std::size_t(r)];
        if (!(rho > 0) || !(s.known > 0)) continue;
        sum += rho * (s.e1 + e2 * s.e2) / s.known;
        weight += rho;
    }
    return weight > 0 ? 100.0 * (sum / weight) : 0.0;
}

namespace {

// Splits BLS figures shared by several occupations of one major group (identical employment) so
// that employment shares count every job once. Runs once per index.
void prepare_weights(const Index& index, Ranking& out) {
    const std::size_t n = index.occupations.size();
    out.employment_weight.assign(n, 0.0);
    out.group_members.assign(index.groups.size(), 0);
    std::vector<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    const auto key = [&](int i) {
        const OccupationSummary& o = index.occupations[std::size_t(i)];
        return std::pair{o.major_group, o.employment.value_or(-1.0)};
    };
    std::sort(order.begin(), order.end(), [&](int a, int b) { return key(a) < key(b); });
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i + 1;
        while (j < n && key(order[j]) == key(order[i])) ++j;
        const double employment = key(order[i]).second;
        if (employment > 0) {
            for (std::size_t k = i; k < j; ++k) out.employment_weight[std::size_t(order[k])] = employment / double(j - i);
        }
        i = j;
    }
    out.total_employment = 0;
    for (std::size_t i = 0; i < n; ++i) {
        out.total_employment += out.employment_weight[i];
        const int g = index.occupations[i].major_group;
        if (g >= 0 && std::size_t(g) < out.group_members.size()) ++out.group_members[std::size_t(g)];
    }
    out.prepared_for = &index;
}

} // namespace

void rank_all(const Index& index, const Scenario& scenario, Ranking& out) {
    const std::size_t n = index.occupations.size();
    const std::size_t groups = index.groups.size();
    if (out.prepared_for != &index || out.employment_weight.size() != n || out.group_members.size() != groups)
        prepare_weights(index, out);
    out.exposure.resize(n);
    out.group_pressure.assign(groups, 0.0);
    out.group_employment.assign(groups, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        const OccupationSummary& o = index.occupations[i];
        const double e = summary_exposure(o, scenario);
        out.exposure[i] = e;
        if (o.major_group < 0 || std::size_t(o.major_group) >= groups) continue;
        out.group_pressure[std::size_t(o.major_group)] += out.employment_weight[i] * e;
        out.group_employment[std::size_t(o.major_group)] += out.employment_weight[i];
    }
    for (std::size_t g = 0; g < groups; ++g) {
        if (out.group_employment[g] > 0) {
            out.group_pressure[g] /= out.group_employment[g];
            continue;
        }
        // No employment figure in the whole group: the plain mean of its occupations.
        if (out.group_members[g] == 0) continue;
        double sum = 0;
        for (std::size_t i = 0; i < n; ++i)
            if (index.occupations[i].major_group == int(g)) sum += out.exposure[i];
        out.group_pressure[g] = sum / out.group_members[g];
    }
}

double percentile_of(const Ranking& ranking, double exposure) {
    if (ranking.exposure.empty()) return 0.0;
    double below = 0, ties = 0;
    for (const double e : ranking.exposure) {
        if (e < exposure - k_tie_tolerance) below += 1;
        else if (e <= exposure + k_tie_tolerance) ties += 1;
    }
    return 100.0 * (below + 0.5 * ties) / double(ranking.exposure.size());
}

double employment_share_below(const Index& index, const Ranking& ranking, double exposure) {
    const std::size_t n = std::min(ranking.exposure.size(), ranking.employment_weight.size());
    if (n != index.occupations.size() || !(ranking.total_employment > 0)) return 0.0;
    double below = 0;
    for (std::size_t i = 0; i < n; ++i)
        if (ranking.exposure[i] < exposure - k_tie_tolerance) below += ranking.employment_weight[i];
    return 100.0 * below / ranking.total_employment;
}

//-----------------------------------------------------------------------------
// [SECTION] Bands and names
//-----------------------------------------------------------------------------

namespace {
// Index of the band a value falls in: the number of thresholds it reaches.
int band_of(double value, const std::array<double, 3>& thresholds) {
    int band = 0;
    for (const double t : thresholds)
        if (value >= t) ++band;
    return band;
}
} // namespace

RiskBand risk_band(double exposure) { return RiskBand(band_of(exposure, k_risk_thresholds)); }

AugmentationBand augmentation_band(double augmentation) {
    return AugmentationBand(band_of(augmentation, k_augmentation_thresholds));
}

DemandTrend demand_trend(std::optional<double> projected_change_pct) {
    if (!projected_change_pct || !std::isfinite(*projected_change_pct)) return DemandTrend::Unknown;
    return DemandTrend(1 + band_of(*projected_change_pct, k_demand_thresholds));
}

std::string_view to_string(RiskBand band) {
    switch (band) {
    case RiskBand::Low: return "Low";
    case RiskBand::Moderate: return "Moderate";
    case RiskBand::High: return "High";
    case RiskBand::VeryHigh: return "Very high";
    }
    return "Unknown";
}

std::string_view to_string(AugmentationBand band) {
    switch (band) {
    case AugmentationBand::Low: return "Low";
    case AugmentationBand::Moderate: return "Moderate";
    case AugmentationBand::High: return "High";
    case AugmentationBand::VeryHigh: return "Very high";
    }
    return "Unknown";
}

std::string_view to_string(DemandTrend trend) {
    switch (trend) {
    case DemandTrend::Unknown: return "Unknown";
    case DemandTrend::Declining: return "Declining";
    case DemandTrend::Stable: return "Stable";
    case DemandTrend::Growing: return "Growing";
    case DemandTrend::GrowingFast: return "Growing fast";
    }
    return "Unknown";
}

std::string_view to_string(Lens lens) {
    switch (lens) {
    case Lens::Alpha: return "alpha";
    case Lens::Beta: return "beta";
    case Lens::Gamma: return "gamma";
    }
    return "unknown";
}

std::string_view rater_name(Rater rater) {
    switch (rater) {
    case Rater::Human: return "human";
    case Rater::Gpt4: return "gpt4";
    case Rater::Gpt4Alt: return "gpt4_alt";
    }
    return "unknown";
}

} // namespace exposure
