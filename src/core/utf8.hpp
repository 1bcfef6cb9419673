// Exposure Explorer core (internal to the upstream readers): UTF-8 validation and text positions.
// Upstream files must be valid UTF-8; a bad byte is reported by line and column, where a column
// counts characters (code points), not bytes, as an editor would show it.
#pragma once

#include <cstddef>
#include <string_view>

namespace exposure {

// Offset of the first byte that does not start or continue a valid UTF-8 sequence (overlong
// forms, surrogates and code points above U+10FFFF are invalid), or npos when `text` is valid.
std::size_t find_invalid_utf8(std::string_view text);

// 1-based line and character column of byte `offset` in `text` (lines end at '\n').
struct TextPosition {
    int line = 1;
    int column = 1;
};
TextPosition position_of(std::string_view text, std::size_t offset);

// Number of code points in valid UTF-8 `text` (continuation bytes are not counted).
std::size_t count_code_points(std::string_view text);

} // namespace exposure
