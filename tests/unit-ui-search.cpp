// Exposure Explorer tests: the picker's matching (folding, ranking, prefix first).
#include "ui/widgets/search.hpp"

#include <doctest/doctest.h>

using namespace exposure;
using namespace exposure::ui;

namespace {
Index small_index() {
    Index index;
    index.groups = {MajorGroup{"15-0000", "Computer and Mathematical Occupations", {}},
                    MajorGroup{"47-0000", "Construction and Extraction Occupations", {}}};
    auto add = [&](std::string code, std::string title, int group) {
        OccupationSummary o;
        o.code = std::move(code);
        o.title = std::move(title);
        o.major_group = group;
        index.occupations.push_back(o);
    };
    add("15-1252.00", "Software Developers", 0);
    add("15-2051.00", "Data Scientists", 0);
    add("27-3043.05", "Poets, Lyricists and Creative Writers", 0);
    add("29-1141.00", "Registered Nurses", 1);
    add("43-9111.00", "Statistical Assistants", 1);
    add("47-2181.00", "Roofers", 1);
    add("51-9199.01", "Recycling and Reclamation Workers", 1);
    add("99-0001.00", "Caf\xC3\xA9 Sommeli\xC3\xA8re", 1);
    return index;
}
} // namespace

TEST_CASE("folding lowers case and removes Latin accents") {
    CHECK(fold_text("Caf\xC3\xA9 SOMMELI\xC3\x88RE") == "cafe sommeliere");
    CHECK(fold_text("\xC5\x92uvre \xC5\x81\xC3\xB3" "d\xC5\xBA") == "oeuvre lodz");
    CHECK(fold_text("Stra\xC3\x9F" "e") == "strasse");
    CHECK(fold_text("15-2051.00") == "15-2051.00");
}

TEST_CASE("matches rank code prefix, title prefix, word prefix, substring, then scattered words") {
    CHECK(match_rank("15-2", "data scientists", "15-2051.00") == 0);
    CHECK(match_rank("data", "data scientists", "15-2051.00") == 1);
    CHECK(match_rank("sci", "data scientists", "15-2051.00") == 2);
    CHECK(match_rank("ientist", "data scientists", "15-2051.00") == 3);
    CHECK(match_rank("sci dat", "data scientists", "15-2051.00") == 4);
    CHECK(match_rank("nurse", "data scientists", "15-2051.00") < 0);
    CHECK(match_rank("   ", "data scientists", "15-2051.00") < 0);
}

TEST_CASE("search puts prefix matches first and ignores case and accents") {
    const Index index = small_index();
    SUBCASE("prefix before word prefix before substring") {
        const auto rows = search_occupations(index, "re", 10);
        REQUIRE(rows.size() == 5);
        CHECK(index.occupations[rows[0]].title == "Recycling and Reclamation Workers");
        CHECK(index.occupations[rows[1]].title == "Registered Nurses");
        // The rest only contain "re" inside a word ("cReative", "sommelieRE", "softwaRE"), by title.
        CHECK(index.occupations[rows[2]].title == "Caf\xC3\xA9 Sommeli\xC3\xA8re");
        CHECK(index.occupations[rows[3]].title == "Poets, Lyricists and Creative Writers");
        CHECK(index.occupations[rows[4]].title == "Software Developers");
    }
    SUBCASE("accents and case do not matter") {
        const auto rows = search_occupations(index, "SOMMELIERE", 10);
        REQUIRE(rows.size() == 1);
        CHECK(index.occupations[rows[0]].code == "99-0001.00");
    }
    SUBCASE("codes match by prefix") {
        const auto rows = search_occupations(index, "47-21", 10);
        REQUIRE(rows.size() == 1);
        CHECK(index.occupations[rows[0]].title == "Roofers");
    }
    SUBCASE("the limit is respected and an empty query matches nothing") {
        CHECK(search_occupations(index, "s", 2).size() == 2);
        CHECK(search_occupations(index, "", 10).empty());
    }
}

TEST_CASE("browsing a group lists its occupations by title") {
    const Index index = small_index();
    const auto rows = occupations_in_group(index, 0);
    REQUIRE(rows.size() == 3);
    CHECK(index.occupations[rows[0]].title == "Data Scientists");
    CHECK(index.occupations[rows[2]].title == "Software Developers");
    CHECK(occupations_in_group(index, 7).empty());
}
