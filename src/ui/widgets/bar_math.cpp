// Exposure Explorer ui, widgets: bars, strips and grids maths (see bar_math.hpp).
#include "ui/widgets/bar_math.hpp"

#include <algorithm>
#include <numeric>

namespace exposure::ui {

std::vector<int> task_display_order(const std::vector<TaskScore>& tasks, TaskOrder order) {
    std::vector<int> idx(tasks.size());
    std::iota(idx.begin(), idx.end(), 0);
    if (order == TaskOrder::Upstream) return idx;
    // std::sort with the upstream index as the last key: the order of a stable sort, without
    // stable_sort's own code in the wasm (issue 7).
    std::sort(idx.begin(), idx.end(), [&](int a, int b) {
        const TaskScore& x = tasks[a];
        const TaskScore& y = tasks[b];
        const bool xs = x.exposure >= 0, ys = y.exposure >= 0;
        if (xs != ys) return xs; // scored before unscored
        if (x.exposure != y.exposure) return x.exposure > y.exposure;
        if (x.automation != y.automation) return x.automation > y.automation;
        return a < b; // ties keep the upstream order
    });
    return idx;
}

bool marks_disagreement(double disagreement) { return disagreement >= k_disagreement_mark - 1e-9; }

float bar_fill(double value, float width) {
    if (value < 0 || width <= 0) return 0.0f;
    return static_cast<float>(std::min(value, 100.0) / 100.0) * width;
}

int bin_of(double value, int bins) {
    if (bins <= 0) return 0;
    const int b = static_cast<int>(std::clamp(value, 0.0, 100.0) / 100.0 * bins);
    return std::min(b, bins - 1);
}

std::vector<int> histogram(const std::vector<double>& values, int bins) {
    std::vector<int> counts(std::max(bins, 1), 0);
    for (double v : values)
        if (v >= 0) ++counts[bin_of(v, bins)];
    return counts;
}

GridLayout grid_layout(int count, float width, float min_tile_width, float gap, int max_columns) {
    GridLayout g;
    const int limit = std::max(1, std::min(count, max_columns));
    for (int c = limit; c >= 1; --c) {
        const float w = (width - gap * (c - 1)) / c;
        if (w >= min_tile_width || c == 1) {
            g.columns = c;
            g.tile_width = std::max(0.0f, w);
            break;
        }
    }
    return g;
}

} // namespace exposure::ui
