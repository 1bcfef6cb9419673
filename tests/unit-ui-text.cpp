// Exposure Explorer tests: line breaking for wrapped text (a fixed-width "font" of 10 px per character).
#include "ui/widgets/text_layout.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace exposure::ui;

namespace {
// 10 px per UTF-8 character.
double mono(std::string_view t) {
    double n = 0;
    for (char c : t)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) n += 10;
    return n;
}

std::string joined(std::string_view text, const std::vector<LineSpan>& lines) {
    std::string out;
    for (const LineSpan& l : lines) {
        if (!out.empty()) out += ' ';
        out += text.substr(l.begin, l.end - l.begin);
    }
    return out;
}
} // namespace

TEST_CASE("wrapped lines never exceed the width and keep every word") {
    const std::string text = "Inspect problem roofs to determine the best repair procedures.";
    for (double width : {110.0, 150.0, 200.0, 300.0, 1000.0}) { // the longest word is 110 px
        CAPTURE(width);
        const auto lines = wrap_lines(text, width, mono);
        for (const LineSpan& l : lines) CHECK(mono(std::string_view(text).substr(l.begin, l.end - l.begin)) <= width);
        CHECK(joined(text, lines) == text);
    }
    CHECK(wrap_lines(text, 1000, mono).size() == 1);
}

TEST_CASE("a word wider than the line is split between characters, never inside one") {
    const std::string text = "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"; // five e-acute, 50 px
    const auto lines = wrap_lines(text, 20, mono);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].end - lines[0].begin == 4); // two 2-byte characters
    CHECK(lines[2].end == text.size());
}

TEST_CASE("explicit newlines start new lines and empty text gives one empty line") {
    const std::string text = "one\ntwo three";
    const auto lines = wrap_lines(text, 1000, mono);
    REQUIRE(lines.size() == 2);
    CHECK(text.substr(lines[1].begin, lines[1].end - lines[1].begin) == "two three");
    CHECK(wrap_lines("", 100, mono).size() == 1);
}

TEST_CASE("fit_prefix cuts text to the width and says when it cut") {
    bool cut = true;
    CHECK(fit_prefix("short", 100, mono, 10, &cut) == "short");
    CHECK_FALSE(cut);
    CHECK(fit_prefix("a longer text", 60, mono, 10, &cut) == "a lon");
    CHECK(cut);
}
