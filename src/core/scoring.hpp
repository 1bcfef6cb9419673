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

// Band of the headline exposure (thresholds k_risk_thresholds).
enum class RiskBand : uint8_t { Low = 0, Moderate, High, VeryHigh };
// Band of the augmentation potential (thresholds k_augmentation_thresholds).
enum class AugmentationBand : uint8_t { Low = 0, Moderate, High, VeryHigh };
// Band of the BLS projected employment change 2020-2030 (thresholds k_demand_thresholds).
enum class DemandTrend : uint8_t { Unknown = 0, Declining, Stable, Growing, GrowingFast };

// Lower bounds (0-100) of the Moderate, High and Very high risk bands of the headline exposure.
inline constexpr std::array<double, 3> k_risk_thresholds{25.0, 50.0, 70.0};
// Lower bounds (0-100) of the Moderate, High and Very high augmentation bands.
inline constexpr std::array<double, 3> k_augmentation_thresholds{10.0, 20.0, 30.0};
// Lower bounds (% change 2020-2030) of Stable, Growing and Growing fast; below the first: Declining.
inline constexpr std::array<double, 3> k_demand_thresholds{-1.0, 5.0, 15.0};
// Timeline: a task whose automation starts below this share of its exposure starts its logistic
// curve here (a logistic never leaves 0), rescaled so that it still starts at its label.
inline constexpr double k_timeline_seed_share = 0.05;
// Exposures closer than this count as ties in percentiles and employment shares.
inline constexpr double k_tie_tolerance = 1e-9;

// Value of an E2 label under a lens: alpha 0, beta 0.5, gamma 1.
double lens_e2_value(Lens lens);

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
    // Augmentation potential of the task, exposure x (1 - automation), 0-100; < 0 when either is
    // unknown. exposure and baseline_exposure are < 0 when no weighted rater labelled the task and
    // it has no capability override: such a task counts in no mean.
    double augmentation = -1;
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
    double scored_weight = 0;      // total weight of the tasks in the headline; 0: nothing scored
};

// Scores one occupation's detail under a scenario. Allocates only the result.
OccupationScores score_occupation(const OccupationDetail& detail, const Scenario& scenario);
// The same into `out`, reusing its storage (no allocation once its vectors are large enough).
void score_occupation(const OccupationDetail& detail, const Scenario& scenario, OccupationScores& out);

// Exposure 0-100 of one rater alone from the index's shares under a lens; < 0 if it labelled nothing.
double summary_rater_exposure(const OccupationSummary& occupation, Rater rater, Lens lens);

// Headline exposure from the index alone (rater weights and lens; task overrides do not apply).
double summary_exposure(const OccupationSummary& occupation, const Scenario& scenario);

// Where every occupation stands under a scenario's global settings.
struct Ranking {
    std::vector<double> exposure;           // per occupation, index order
    std::vector<double> group_pressure;     // per major group: employment-weighted mean exposure
    // Employment each occupation counts with: its BLS figure, split equally between occupations of
    // the same major group that carry the identical figure (one BLS row matched to several O*NET
    // codes), 0 when unknown. Prepared once per index.
    std::vector<double> employment_weight;
    std::vector<double> group_employment;   // per major group: sum of employment_weight
    std::vector<int> group_members;         // per major group: number of occupations
    double total_employment = 0;            // sum of employment_weight
    const Index* prepared_for = nullptr;    // the index the weights were prepared for; set the Ranking
                                            // to {} if that index's employment changes in place
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
