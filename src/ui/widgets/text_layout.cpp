// Exposure Explorer ui, widgets: line breaking (see text_layout.hpp).
#include "ui/widgets/text_layout.hpp"

namespace exposure::ui {

namespace {
bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Longest prefix of [begin, end) (at least one character) that fits.
std::size_t fitting_chars(std::string_view text, std::size_t begin, std::size_t end, double max_width,
                          const MeasureText& measure) {
    std::size_t best = begin;
    std::size_t i = begin;
    while (i < end) {
        std::size_t next = i + 1;
        while (next < end && continuation(text[next])) ++next;
        if (best > begin && measure(text.substr(begin, next - begin)) > max_width) break;
        best = next;
        i = next;
    }
    return best;
}
} // namespace

std::vector<LineSpan> wrap_lines(std::string_view text, double max_width, const MeasureText& measure) {
    std::vector<LineSpan> lines;
    std::size_t pos = 0;
    const std::size_t n = text.size();
    while (pos <= n) {
        // One paragraph up to an explicit newline.
        std::size_t para_end = text.find('\n', pos);
        if (para_end == std::string_view::npos) para_end = n;
        std::size_t line_begin = pos;
        while (line_begin < para_end && text[line_begin] == ' ') ++line_begin;
        if (line_begin >= para_end) lines.push_back(LineSpan{line_begin, line_begin});
        while (line_begin < para_end) {
            // Extend word by word while it fits.
            std::size_t line_end = line_begin;
            std::size_t cursor = line_begin;
            while (cursor < para_end) {
                std::size_t word_end = text.find(' ', cursor);
                if (word_end == std::string_view::npos || word_end > para_end) word_end = para_end;
                if (measure(text.substr(line_begin, word_end - line_begin)) <= max_width) {
                    line_end = word_end;
                    cursor = word_end;
                    while (cursor < para_end && text[cursor] == ' ') ++cursor;
                    continue;
                }
                break;
            }
            if (line_end == line_begin) {
                // The first word alone is too wide: split it between characters.
                std::size_t word_end = text.find(' ', line_begin);
                if (word_end == std::string_view::npos || word_end > para_end) word_end = para_end;
                line_end = fitting_chars(text, line_begin, word_end, max_width, measure);
                cursor = line_end;
            }
            lines.push_back(LineSpan{line_begin, line_end});
            line_begin = cursor;
            while (line_begin < para_end && text[line_begin] == ' ') ++line_begin;
        }
        if (para_end >= n) break;
        pos = para_end + 1;
    }
    if (lines.empty()) lines.push_back(LineSpan{0, 0});
    return lines;
}

std::string_view fit_prefix(std::string_view text, double max_width, const MeasureText& measure,
                            double ellipsis_width, bool* cut) {
    if (cut) *cut = false;
    if (measure(text) <= max_width) return text;
    if (cut) *cut = true;
    const double room = max_width - ellipsis_width;
    std::size_t best = 0, i = 0;
    while (i < text.size()) {
        std::size_t next = i + 1;
        while (next < text.size() && continuation(text[next])) ++next;
        if (measure(text.substr(0, next)) > room) break;
        best = next;
        i = next;
    }
    return text.substr(0, best);
}

} // namespace exposure::ui
