// Exposure Explorer core: what-if scenarios.
// A Scenario is a plain value: rater weights, lens, per-task overrides and the capability-growth
// settings. It encodes to compact, URL-safe, versioned text and decodes back exactly; bad text is
// rejected with a message, never clamped.
#pragma once

#include "model.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace exposure {

// Which value an E2 label is worth: alpha 0, beta 0.5 (the default), gamma 1. E1 is always 1.
enum class Lens : uint8_t { Alpha = 0, Beta = 1, Gamma = 2 };

// A per-task change. A task listed here has at least one of the two set.
struct TaskOverride {
    int64_t task_id = 0;
    double weight = -1;     // >= 0 replaces the task's weight (0 removes it); < 0 means unchanged
    double capability = -1; // 0-100 replaces the task's blended exposure value; < 0 means unchanged
    bool operator==(const TaskOverride&) const = default;
};

// Every what-if setting. Defaults reproduce the published method.
struct Scenario {
    std::array<double, k_rater_count> rater_weights{1.0, 1.0, 0.0}; // human, gpt4, gpt4_alt
    Lens lens = Lens::Beta;
    std::vector<TaskOverride> tasks; // sorted by task_id, unique
    double growth_rate = 0.5;        // capability-growth rate (logistic steepness per year)
    int horizon_year = 2035;         // last year the timeline scenario looks at
    bool operator==(const Scenario&) const = default;
};

// Limits the decoder enforces (and the encoder never exceeds).
inline constexpr std::size_t k_scenario_max_text = 4096;
inline constexpr std::size_t k_scenario_max_tasks = 256;

// Value of TaskOverride::weight / capability that means "unchanged" (a valid scenario uses exactly this).
inline constexpr double k_unchanged = -1.0;
// Ranges validate_scenario and the decoder accept (inclusive); at least one rater weight must be > 0.
inline constexpr double k_scenario_max_weight = 100.0;     // rater weights and task weights, from 0
inline constexpr double k_scenario_max_capability = 100.0; // task capability, from 0
inline constexpr double k_scenario_max_growth_rate = 5.0;  // capability-growth rate per year, from 0
inline constexpr int k_scenario_min_horizon = 2024;
inline constexpr int k_scenario_max_horizon = 2100;

// Result of decoding scenario text: either a scenario or a message naming what is wrong and where.
struct ScenarioParse {
    Scenario scenario;
    std::string error; // empty on success
    bool ok() const { return error.empty(); }
};

// Compact URL-safe text for a scenario; the default scenario encodes to the version prefix alone.
std::string encode_scenario(const Scenario& scenario);

// Parses text written by encode_scenario (any version it knows); never throws.
ScenarioParse decode_scenario(std::string_view text);

// Checks a scenario's ranges (weights, capability 0-100, years); empty string when valid.
std::string validate_scenario(const Scenario& scenario);

// Sets or clears one task's override, keeping Scenario::tasks sorted and without empty entries.
void set_task_weight(Scenario& scenario, int64_t task_id, double weight);     // weight < 0 clears
void set_task_capability(Scenario& scenario, int64_t task_id, double value); // value < 0 clears

} // namespace exposure
