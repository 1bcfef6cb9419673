// Exposure Explorer ui: "What this means" - short paragraphs generated from the figures by templates
// (pure, unit-tested). The wording is ours; every number comes from the core's scores.
#pragma once

#include "core/model.hpp"
#include "core/scoring.hpp"

#include <string>
#include <vector>

namespace exposure::ui {

// The inputs of the templates.
struct MeaningInput {
    const OccupationSummary* summary = nullptr;
    const OccupationDetail* detail = nullptr;
    const OccupationScores* scores = nullptr;
    double percentile = 0;     // 0-100 among all occupations
    int occupation_count = 0;  // how many occupations the percentile is among
};

// Paragraphs of plain text, most important first. Empty when an input is missing.
std::vector<std::string> meaning_paragraphs(const MeaningInput& input);

// A task statement shortened for quoting in a sentence (first clause, at most max_chars bytes, UTF-8
// safe, ending in an ellipsis when cut).
std::string quote_task(const std::string& text, std::size_t max_chars);

} // namespace exposure::ui
