// Exposure Explorer ui, widgets: the maths of bars, strips and grids (ordering, fill widths,
// histogram bins, tile layout). Pure functions, no ImGui.
#pragma once

#include "core/scoring.hpp"

#include <vector>

namespace exposure::ui {

// How the task list is ordered.
enum class TaskOrder : uint8_t { ByExposure = 0, Upstream };

// Task indices (into scores.tasks) in display order. ByExposure: exposure descending, then
// automation descending, then upstream order; tasks no rater scored (exposure < 0) go last.
std::vector<int> task_display_order(const std::vector<TaskScore>& tasks, TaskOrder order);

// A task's raters disagree enough to mark it: at least this many points between two raters.
inline constexpr double k_disagreement_mark = 50.0;
// True when a task's disagreement should be marked.
bool marks_disagreement(double disagreement);

// Fill width of a 0-100 value in a bar `width` px wide (clamped; 0 for negative "unknown").
float bar_fill(double value, float width);

// Counts of values falling in `bins` equal bins over 0-100 (100 goes in the last bin).
std::vector<int> histogram(const std::vector<double>& values, int bins);
// The bin a value falls in.
int bin_of(double value, int bins);

// A grid of equal tiles across a width: how many columns and how wide each tile is.
struct GridLayout {
    int columns = 1;
    float tile_width = 0;
};
// Fits as many columns (up to max_columns) as keep tiles at least min_tile_width wide.
GridLayout grid_layout(int count, float width, float min_tile_width, float gap, int max_columns);

} // namespace exposure::ui
