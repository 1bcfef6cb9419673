// Exposure Explorer tests: task ordering, bar fills, histogram bins and tile grids.
#include "ui/widgets/bar_math.hpp"

#include <doctest/doctest.h>

using namespace exposure;
using namespace exposure::ui;

namespace {
TaskScore scored(int index, double exposure, double automation) {
    TaskScore t;
    t.task_index = index;
    t.exposure = exposure;
    t.automation = automation;
    return t;
}
} // namespace

TEST_CASE("tasks sort by exposure, then automation, unscored last; upstream order is kept on request") {
    const std::vector<TaskScore> tasks = {scored(0, 50, 25), scored(1, -1, 50), scored(2, 100, 0), scored(3, 50, 75),
                                          scored(4, 50, 25)};
    CHECK(task_display_order(tasks, TaskOrder::ByExposure) == std::vector<int>{2, 3, 0, 4, 1});
    CHECK(task_display_order(tasks, TaskOrder::Upstream) == std::vector<int>{0, 1, 2, 3, 4});
    CHECK(task_display_order({}, TaskOrder::ByExposure).empty());
}

TEST_CASE("disagreement is marked from 50 points") {
    CHECK(marks_disagreement(50));
    CHECK(marks_disagreement(100));
    CHECK_FALSE(marks_disagreement(49.9));
    CHECK_FALSE(marks_disagreement(0));
}

TEST_CASE("bar fills are proportional and clamped; unknown values fill nothing") {
    CHECK(bar_fill(50, 200) == doctest::Approx(100));
    CHECK(bar_fill(120, 200) == doctest::Approx(200));
    CHECK(bar_fill(-1, 200) == doctest::Approx(0));
}

TEST_CASE("the histogram counts every known value once") {
    const std::vector<double> values = {0, 1.9, 2, 50, 99.9, 100, -1};
    const auto counts = histogram(values, 50);
    REQUIRE(counts.size() == 50);
    CHECK(counts[0] == 2);
    CHECK(counts[1] == 1);
    CHECK(counts[25] == 1);
    CHECK(counts[49] == 2); // 100 goes in the last bin
    int total = 0;
    for (int c : counts) total += c;
    CHECK(total == 6); // the unknown one is left out
    CHECK(bin_of(100, 10) == 9);
    CHECK(bin_of(-3, 10) == 0);
}

TEST_CASE("the tile grid fits as many columns as keep tiles wide enough") {
    SUBCASE("a phone column: two tiles a row") {
        const GridLayout g = grid_layout(8, 310, 130, 8, 4);
        CHECK(g.columns == 2);
        CHECK(g.tile_width == doctest::Approx(151));
    }
    SUBCASE("a wide column: capped at max_columns") {
        CHECK(grid_layout(8, 1200, 150, 8, 4).columns == 4);
    }
    SUBCASE("too narrow for even one: still one column") {
        const GridLayout g = grid_layout(3, 80, 150, 8, 4);
        CHECK(g.columns == 1);
        CHECK(g.tile_width == doctest::Approx(80));
    }
    SUBCASE("never more columns than tiles") { CHECK(grid_layout(2, 1200, 100, 8, 4).columns == 2); }
}
