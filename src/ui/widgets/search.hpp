// Exposure Explorer ui, widgets: the picker's matching (folding case and accents, ranking prefix
// matches first). Pure functions, no ImGui.
#pragma once

#include "core/model.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace exposure::ui {

// Lower-cased text with Latin accents removed ("Émile Œuvre" -> "emile oeuvre"); other bytes kept.
std::string fold_text(std::string_view text);

// How well one occupation matches a folded query; lower is better, < 0 is no match.
//   0 code prefix, 1 title prefix, 2 a word of the title starts with the query, 3 substring of the
//   title, 4 every query word starts some title word (any order).
int match_rank(std::string_view folded_query, std::string_view folded_title, std::string_view code);

// Rows of the index that match, best first (rank, then title), at most `limit`.
// An empty query matches nothing.
std::vector<int> search_occupations(const Index& index, std::string_view query, std::size_t limit);

// Rows of one major group, by title.
std::vector<int> occupations_in_group(const Index& index, int group);

} // namespace exposure::ui
