// Exposure Explorer ui, widgets: the picker's matching (see search.hpp).
#include "ui/widgets/search.hpp"

#include <algorithm>
#include <cstdint>

namespace exposure::ui {

namespace {
// Decodes one UTF-8 code point at text[i]; advances i. Invalid bytes come back as themselves.
uint32_t next_code_point(std::string_view text, std::size_t& i) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char c = b(i);
    if (c < 0x80) return text[i++], c;
    int len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
    if (len == 1 || i + len > text.size()) return ++i, c;
    uint32_t cp = c & (0xFF >> (len + 1));
    for (int k = 1; k < len; ++k) {
        if ((b(i + k) & 0xC0) != 0x80) return ++i, c;
        cp = (cp << 6) | (b(i + k) & 0x3F);
    }
    i += len;
    return cp;
}

void append_utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// The ASCII letters a Latin-1 / Latin Extended-A letter folds to; null when none.
const char* fold_latin(uint32_t cp) {
    // Latin-1 Supplement letters U+00C0..U+00FF.
    static constexpr const char* k_latin1[64] = {
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", "th", "ss",
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", "th", "y"};
    if (cp >= 0xC0 && cp <= 0xFF) return k_latin1[cp - 0xC0];
    // Latin Extended-A U+0100..U+017F: mostly pairs of upper/lower case of one base letter.
    // One base letter per code point from U+0100 ("?": handled above or none).
    static constexpr const char k_ext_a[] =
        "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii??jjkkklllllll"
        "lllnnnnnnnnnoooooo??rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
    if (cp >= 0x100 && cp <= 0x17F) {
        if (cp == 0x132 || cp == 0x133) return "ij";
        if (cp == 0x152 || cp == 0x153) return "oe";
        static constexpr const char* k_letters[26] = {"a", "b", "c", "d", "e", "f", "g", "h", "i",
                                                      "j", "k", "l", "m", "n", "o", "p", "q", "r",
                                                      "s", "t", "u", "v", "w", "x", "y", "z"};
        const std::size_t k = cp - 0x100;
        if (k < sizeof(k_ext_a) - 1) {
            const char letter = k_ext_a[k];
            if (letter >= 'a' && letter <= 'z') return k_letters[letter - 'a'];
        }
    }
    return nullptr;
}

bool is_word_start(std::string_view text, std::size_t pos) {
    if (pos == 0) return true;
    const char prev = text[pos - 1];
    return !((prev >= 'a' && prev <= 'z') || (prev >= '0' && prev <= '9'));
}

bool word_prefix(std::string_view title, std::string_view word) {
    for (std::size_t pos = title.find(word); pos != std::string_view::npos; pos = title.find(word, pos + 1))
        if (is_word_start(title, pos)) return true;
    return false;
}
} // namespace

std::string fold_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const uint32_t cp = next_code_point(text, i);
        if (cp < 0x80) {
            out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp);
        } else if (const char* f = fold_latin(cp)) {
            out += f;
        } else {
            append_utf8(out, cp);
        }
    }
    return out;
}

int match_rank(std::string_view q, std::string_view title, std::string_view code) {
    // Trim the query.
    while (!q.empty() && q.front() == ' ') q.remove_prefix(1);
    while (!q.empty() && q.back() == ' ') q.remove_suffix(1);
    if (q.empty()) return -1;
    if (code.substr(0, q.size()) == q) return 0;
    if (title.substr(0, q.size()) == q) return 1;
    if (word_prefix(title, q)) return 2;
    if (title.find(q) != std::string_view::npos) return 3;
    // Every word of the query starts some word of the title.
    bool any = false;
    std::size_t pos = 0;
    while (pos < q.size()) {
        std::size_t end = q.find(' ', pos);
        if (end == std::string_view::npos) end = q.size();
        if (end > pos) {
            if (!word_prefix(title, q.substr(pos, end - pos))) return -1;
            any = true;
        }
        pos = end + 1;
    }
    return any ? 4 : -1;
}

std::vector<int> search_occupations(const Index& index, std::string_view query, std::size_t limit) {
    const std::string q = fold_text(query);
    std::vector<std::pair<int, int>> hits; // rank, row
    for (std::size_t row = 0; row < index.occupations.size(); ++row) {
        const OccupationSummary& o = index.occupations[row];
        const int rank = match_rank(q, fold_text(o.title), o.code);
        if (rank >= 0) hits.emplace_back(rank, static_cast<int>(row));
    }
    // std::sort with the row as the last key orders exactly as a stable sort of the rows would, and
    // shares its code with the other sorts: three std::stable_sort instances were 2.5 kB of the wasm
    // gzipped (issue 7).
    std::sort(hits.begin(), hits.end(), [&](const auto& a, const auto& b) {
        if (a.first != b.first) return a.first < b.first;
        const int c = index.occupations[a.second].title.compare(index.occupations[b.second].title);
        return c != 0 ? c < 0 : a.second < b.second;
    });
    std::vector<int> rows;
    for (std::size_t i = 0; i < hits.size() && i < limit; ++i) rows.push_back(hits[i].second);
    return rows;
}

std::vector<int> occupations_in_group(const Index& index, int group) {
    std::vector<int> rows;
    for (std::size_t row = 0; row < index.occupations.size(); ++row)
        if (index.occupations[row].major_group == group) rows.push_back(static_cast<int>(row));
    std::sort(rows.begin(), rows.end(), [&](int a, int b) {
        const int c = index.occupations[a].title.compare(index.occupations[b].title);
        return c != 0 ? c < 0 : a < b; // the row breaks ties, as a stable sort would
    });
    return rows;
}

} // namespace exposure::ui
