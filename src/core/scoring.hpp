// Exposure Explorer core: the scoring method and every figure the card shows.
// Pure functions of (bundle, occupation, scenario). The method reproduces the published one
// (Eloundou et al. 2023): E0 = 0, E1 = 1, E2 = lens value; task weight core 2, other 1; rater
// exposure = weighted task mean x 100; headline = per task rater-weighted mean, then the weighted
// task mean. The card's derived measures (augmentation, bands, timeline, pressure, ranks) are
// documented beside their functions and in web/methodology.html.
#pragma once

#include "model.hpp"
#include "scenario.hpp"

#include <array>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace exposure {

enum class RiskBand : uint8_t { Low = 0, Moderate, High, VeryHigh };
enum class AugmentationBand : uint8_t { Low = 0, Moderate, High, VeryHigh };
enum class DemandTrend : uint8_t { Unknown = 0, Declining, Stable, Growing, GrowingFast };

// Value of one exposure label under a lens (0, 0.5 or 1); negative for Unknown.
double label_value(ExposureLabel label, Lens lens);
// Value of an automation label (0, .25, .5, .75, 1); negative for Unknown.
double automation_value(AutomationLabel label);
// Default task weight: 2 for core tasks, 1 otherwise.
double default_task_weight(TaskType type);

// One task as scored under a scenario.
struct TaskScore {
    int task_index = 0;          // index into OccupationDetail::tasks
    double weight = 0;           // effective weight (after overrides)
    double exposure = 0;         // blended value 0-100 (after a capability override)
    double baseline_exposure = 0; // blended value 0-100 without the override
    double automation = -1;      // GPT-4 "AI can handle" 0-100; < 0 when unknown
    std::array<double, k_rater_count> rater_exposure{-1, -1, -1}; // each rater 0-100, < 0 when unknown
    double disagreement = 0;     // max - min over the raters with weight > 0 and a label, 0-100
    bool overridden = false;
};

// The timeline scenario: when the occupation's automation would cross 25% and 50%.
struct Timeline {
    std::optional<int> year_25; // empty: not within the horizon
    std::optional<int> year_50;
    std::vector<double> automation_by_year; // from k_timeline_base_year to horizon, 0-100
};
inline constexpr int k_timeline_base_year = 2023;

// Every figure the card shows for one occupation under one scenario.
struct OccupationScores {
    double exposure = 0;           // headline 0-100
    std::array<double, k_rater_count> rater_exposure{}; // each rater alone, current lens; < 0 unknown
    double exposure_low = 0, exposure_high = 0; // uncertainty range across raters and lenses
    double automation = 0;         // "AI can handle" 0-100
    double augmentation = 0;       // 0-100, see augmentation()
    AugmentationBand augmentation_band = AugmentationBand::Low;
    RiskBand risk = RiskBand::Low;
    double disagreement = 0;       // weighted mean task disagreement 0-100
    Timeline timeline;
    std::vector<TaskScore> tasks;  // upstream order
};

// Scores one occupation's detail under a scenario. Allocates only the result.
OccupationScores score_occupation(const OccupationDetail& detail, const Scenario& scenario);

// Headline exposure from the index alone (rater weights and lens; task overrides do not apply).
double summary_exposure(const OccupationSummary& occupation, const Scenario& scenario);

// Where every occupation stands under a scenario's global settings.
struct Ranking {
    std::vector<double> exposure;           // per occupation, index order
    std::vector<double> group_pressure;     // per major group: employment-weighted mean exposure
};
// Re-ranks all occupations; reuses `out`'s storage (no allocation once sized).
void rank_all(const Index& index, const Scenario& scenario, Ranking& out);

// Percentile (0-100) of an exposure among all occupations: share strictly below plus half of ties.
double percentile_of(const Ranking& ranking, double exposure);
// Share (0-100) of known US employment in occupations less exposed than `exposure`.
double employment_share_below(const Index& index, const Ranking& ranking, double exposure);

RiskBand risk_band(double exposure);
AugmentationBand augmentation_band(double augmentation);
DemandTrend demand_trend(std::optional<double> projected_change_pct);

std::string_view to_string(RiskBand band);
std::string_view to_string(AugmentationBand band);
std::string_view to_string(DemandTrend trend);
std::string_view to_string(Lens lens);
std::string_view rater_name(Rater rater); // "human", "gpt4", "gpt4_alt"

} // namespace exposure
