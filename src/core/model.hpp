// Exposure Explorer core: the data model.
// Plain structs that hold one bundle: the index every view needs (all 923 occupations with their
// headline inputs) and the per-occupation detail loaded on demand. No UI, GL or Emscripten here.
// Everything else in src/core reads or computes from these types; nothing here computes.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace exposure {

// The raters whose task labels the bundle carries, in a fixed order (array index).
enum class Rater : uint8_t { Human = 0, Gpt4 = 1, Gpt4Alt = 2 };
inline constexpr int k_rater_count = 3;

// An exposure label as upstream writes it: E0 no exposure, E1 direct, E2 exposed with extra tools.
enum class ExposureLabel : int8_t { Unknown = -1, E0 = 0, E1 = 1, E2 = 2 };

// GPT-4's automation label T0 (none) .. T4 (full); Unknown where upstream has none.
enum class AutomationLabel : int8_t { Unknown = -1, T0 = 0, T1, T2, T3, T4 };

// O*NET task type; upstream leaves some blank ("unspecified").
enum class TaskType : uint8_t { Core = 0, Supplemental = 1, Unspecified = 2 };

// How a BLS wage figure is qualified.
enum class WageFlag : uint8_t { None = 0, TopCoded = 1, Unknown = 2 };

// Where an occupation's BLS employment and wage come from.
enum class BlsSource : uint8_t { Detailed = 0, BroadGroup = 1, Missing = 2 };

// One O*NET task statement with every rater's labels.
struct Task {
    int64_t id = 0;                    // O*NET task ID
    std::string text;                  // task statement (UTF-8)
    TaskType type = TaskType::Unspecified;
    std::array<ExposureLabel, k_rater_count> exposure{ExposureLabel::Unknown, ExposureLabel::Unknown,
                                                      ExposureLabel::Unknown};
    AutomationLabel automation = AutomationLabel::Unknown; // GPT-4 only
    // Precomputed by build-data for readers without the scoring core (plain JavaScript):
    double default_exposure = -1;   // blended exposure 0-100 under the default scenario; < 0 unknown
    double default_automation = -1; // GPT-4 automation 0-100 (T0..T4 -> 0, 25, .., 100); < 0 unknown
    bool operator==(const Task&) const = default;
};

// One O*NET basic skill with its importance 0-100.
struct Skill {
    std::string name;
    double importance = 0;
    std::optional<double> level; // O*NET level 0-100; null where upstream says "Not relevant"
    bool operator==(const Skill&) const = default;
};

// Four O*NET work-context figures (0-1) from the GPTs-are-GPTs data, matched by title.
struct WorkContext {
    std::optional<double> degree_of_automation;
    std::optional<double> importance_of_being_exact;
    std::optional<double> importance_of_repeating_tasks;
    std::optional<double> structured_work;
    bool operator==(const WorkContext&) const = default;
};

// Microsoft "Working with AI" occupation-level figures (soc_metrics.csv), by 2018 SOC code.
struct MsMeasures {
    std::string soc_code; // 6-digit SOC code the O*NET code mapped onto, e.g. "15-2051"
    std::optional<double> coverage_user, coverage_ai, completion_user, completion_ai;
    std::optional<double> impact_scope_user, impact_scope_ai;
    std::optional<double> applicability_user, applicability_ai;
    bool operator==(const MsMeasures&) const = default;
};

// One intermediate work activity (IWA) from the Microsoft data, with its O*NET weight for this
// occupation and the usage figures measured in Copilot conversations (null where absent).
struct Activity {
    std::string id;    // e.g. "4.A.1.a.1.I01"
    std::string title; // IWA title
    double weight = 0; // O*NET importance/relevance weight for this occupation
    std::optional<double> share_user, share_ai, completion_ai, impact_scope_ai, applicability_ai;
    bool operator==(const Activity&) const = default;
};

// A SOC major group (e.g. 15-0000 Computer and Mathematical Occupations).
struct MajorGroup {
    std::string code;
    std::string title;
    std::optional<double> employment; // BLS OEWS total for the group
    bool operator==(const MajorGroup&) const = default;
};

// Per-rater label shares over an occupation's tasks, weighted by task weight (core 2, other 1).
// With these the exposure under any lens and rater weights is exact without the task list:
// rater score = e1 + lens_e2_value * e2 (x100). They let the widget re-rank all occupations
// from the index alone.
struct RaterShares {
    double e1 = 0; // weighted share of tasks labelled E1
    double e2 = 0; // weighted share of tasks labelled E2
    double known = 0; // weighted share of tasks this rater labelled at all
    bool operator==(const RaterShares&) const = default;
};

// The integers behind one rater's shares: the summed weight (core 2, other 1) of the tasks this rater
// labelled E1, E2, and at all. Index format 2 stores these instead of the shares, since every share
// is one of them divided by OccupationSummary::task_weight (see there).
struct RaterWeights {
    int e1 = 0;
    int e2 = 0;
    int known = 0;
    bool operator==(const RaterWeights&) const = default;
};

// An occupation as the index holds it: everything the first view, the picker and the re-ranking need.
struct OccupationSummary {
    std::string code;  // O*NET-SOC code, e.g. "15-2051.00"
    std::string title; // O*NET title
    int major_group = -1; // index into Index::groups
    int task_count = 0;
    std::array<RaterShares, k_rater_count> shares{};
    double automation_mean = 0; // weighted mean of GPT-4 T0..T4 as 0..1 over labelled tasks
    std::optional<double> employment;     // BLS OEWS May 2021
    std::optional<double> median_wage;    // annual, USD
    WageFlag wage_flag = WageFlag::Unknown;
    BlsSource bls_source = BlsSource::Missing;
    std::optional<double> projected_change_pct;  // BLS 2020-2030
    std::optional<double> ms_applicability;      // Microsoft AI applicability score (0..1)
    std::optional<double> ms_applicability_pct;  // its percentile among occupations that have one (0..100)
    double default_exposure = 0; // headline 0-100 under the default scenario (for plain JavaScript)
    // The integer weights the shares and automation_mean are ratios of (added with index format 2,
    // which stores these and derives the doubles, so that writing and reading back is exact).
    // Invariants (compute_default_figures sets both sides; parse_index derives the doubles):
    //   shares[r].x == double(rater_weights[r].x) / task_weight, or 0 when task_weight is 0;
    //   automation_mean == double(automation_quarters) / (4.0 * automation_weight), or 0 when
    //   automation_weight is 0 (quarters = sum over labelled tasks of weight x 0..4 for T0..T4).
    int task_weight = 0; // total weight of the occupation's tasks
    std::array<RaterWeights, k_rater_count> rater_weights{};
    int automation_quarters = 0;
    int automation_weight = 0; // weight of the tasks with a GPT-4 automation label
    bool operator==(const OccupationSummary&) const = default;
};

// The index: the small part of the bundle the first view needs.
struct Index {
    int version = 0;
    std::vector<MajorGroup> groups;
    std::vector<OccupationSummary> occupations; // sorted by code
    bool operator==(const Index&) const = default;
};

// One occupation's detail, loaded on demand.
struct OccupationDetail {
    std::string code;
    std::string title;
    std::string bls_code;  // OEWS OCC_CODE the employment/wage came from (detailed or broad); "" if none
    std::string bls_title; // its OCC_TITLE
    std::optional<int> job_zone;                // O*NET job zone 1-5 (from the skills file)
    std::optional<WorkContext> work_context;    // absent when the title did not match
    std::optional<MsMeasures> ms;               // absent when the SOC code has no Microsoft row
    std::vector<Task> tasks;            // upstream order
    std::vector<Skill> skills;          // sorted by importance, descending
    std::vector<Activity> activities;   // sorted by weight, descending
    bool operator==(const OccupationDetail&) const = default;
};

} // namespace exposure
