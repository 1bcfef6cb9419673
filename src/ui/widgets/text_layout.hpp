// Exposure Explorer ui, widgets: line breaking for wrapped, centred or measured text (pure; the
// width of a piece of text comes from a callback so tests can use a fixed-width "font").
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

namespace exposure::ui {

// One line of wrapped text: a byte range of the source, without the spaces it broke at.
struct LineSpan {
    std::size_t begin = 0, end = 0;
};

// Width of a piece of text in logical px.
using MeasureText = std::function<double(std::string_view)>;

// Breaks text into lines no wider than max_width, at spaces (and at explicit newlines). A word
// wider than a line is split between UTF-8 characters. Always returns at least one line.
std::vector<LineSpan> wrap_lines(std::string_view text, double max_width, const MeasureText& measure);

// Cuts text to fit max_width, ending in an ellipsis when it had to cut (UTF-8 safe).
std::string_view fit_prefix(std::string_view text, double max_width, const MeasureText& measure,
                            double ellipsis_width, bool* cut);

} // namespace exposure::ui
