// Exposure Explorer ui: how figures are written on the card (pure, unit-tested).
#pragma once

#include "core/model.hpp"
#include "core/scenario.hpp"
#include "core/scoring.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace exposure::ui {

// Display name of a rater ("Human annotators", "GPT-4", "GPT-4 (alt. rubric)").
std::string_view rater_display_name(Rater rater);
// Short label of an exposure label ("E0 none", "E1 direct", "E2 with tools", "no label").
std::string_view exposure_label_name(ExposureLabel label);

// The rater breakdown of one task (the task bars' tooltip): each rater's label and value under the
// scenario's lens, which raters count in the blend, the disagreement and GPT-4's automation label.
std::string rater_breakdown(const Task& task, const TaskScore& score, const Scenario& scenario);

// "$148k", "$1.2M"; "n/a" when empty.
std::string format_money(std::optional<double> usd);
// "87,000" rounded to a sensible precision ("~87,000" style without the tilde); "n/a" when empty.
std::string format_count(std::optional<double> n);
// "+8.0%" / "−3.1%" (typographic minus); "n/a" when empty.
std::string format_percent_change(std::optional<double> pct);
// Ordinal of a whole number: "1st", "2nd", "23rd", "71st".
std::string ordinal(int n);
// Integer percent "42%".
std::string format_percent(double value);

} // namespace exposure::ui
