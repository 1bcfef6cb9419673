// Exposure Explorer tests: how the card writes figures, the rater breakdown and "What this means".
#include "unit-ui-harness.hpp"

#include "core/scoring.hpp"
#include "ui/format.hpp"
#include "ui/meaning.hpp"

#include <doctest/doctest.h>

using namespace exposure;
using namespace exposure::ui;

TEST_CASE("money, counts, changes and ordinals are written the way a newsroom would") {
    SUBCASE("money") {
        CHECK(format_money(148000.0) == "$148k");
        CHECK(format_money(47110.0) == "$47k");
        CHECK(format_money(1260000.0) == "$1.3M");
        CHECK(format_money(950.0) == "$950");
        CHECK(format_money(std::nullopt) == "n/a");
    }
    SUBCASE("counts keep three significant figures with thousands separators") {
        CHECK(format_count(87000.0) == "87,000");
        CHECK(format_count(113312.0) == "113,000");
        CHECK(format_count(3204567.0) == "3,200,000");
        CHECK(format_count(42.0) == "42");
        CHECK(format_count(std::nullopt) == "n/a");
    }
    SUBCASE("changes carry a sign") {
        CHECK(format_percent_change(8.04) == "+8.0%");
        CHECK(format_percent_change(-3.14) == "\xE2\x88\x92" "3.1%");
        CHECK(format_percent_change(0.0) == "0.0%");
    }
    SUBCASE("ordinals") {
        CHECK(ordinal(1) == "1st");
        CHECK(ordinal(2) == "2nd");
        CHECK(ordinal(3) == "3rd");
        CHECK(ordinal(11) == "11th");
        CHECK(ordinal(12) == "12th");
        CHECK(ordinal(23) == "23rd");
        CHECK(ordinal(71) == "71st");
        CHECK(ordinal(100) == "100th");
    }
}

TEST_CASE("the rater breakdown names each rater's label and value and who is left out of the blend") {
    const test::UiTestData data = test::make_ui_test_data();
    const OccupationDetail& detail = data.details.at("15-2051.00");
    Scenario gamma;
    gamma.lens = Lens::Gamma;
    const OccupationScores scores = score_occupation(detail, gamma);
    const TaskScore& s = scores.tasks[1]; // task 102: E0, E2, E1
    const std::string text = rater_breakdown(detail.tasks[1], s, gamma);
    CHECK(text.find("Human annotators: E0 not exposed = 0\n") != std::string::npos);
    CHECK(text.find("GPT-4: E2 exposed with tools = 100\n") != std::string::npos); // gamma: E2 counts fully
    CHECK(text.find("GPT-4, alt. rubric: E1 directly exposed = 100  (not in the blend)") != std::string::npos);
    CHECK(text.find("disagree") != std::string::npos);
    CHECK(text.find("T1: AI can handle 25%") != std::string::npos);

    const TaskScore& unlabelled = scores.tasks[4]; // task 105: GPT-4 gave no label, no automation
    const std::string other = rater_breakdown(detail.tasks[4], unlabelled, gamma);
    CHECK(other.find("GPT-4: no label") != std::string::npos);
    CHECK(other.find("No automation label") != std::string::npos);
}

TEST_CASE("What this means quotes the most and least exposed tasks and keeps exposure apart from job losses") {
    const test::UiTestData data = test::make_ui_test_data();
    const OccupationDetail& roofer = data.details.at("47-2181.00");
    const OccupationScores scores = score_occupation(roofer, Scenario{});
    MeaningInput in;
    in.summary = &data.index.occupations[2];
    REQUIRE(in.summary->code == "47-2181.00");
    in.detail = &roofer;
    in.scores = &scores;
    in.percentile = 12.4;
    in.occupation_count = 923;
    const auto paragraphs = meaning_paragraphs(in);
    REQUIRE(paragraphs.size() >= 3);
    std::string all;
    for (const auto& p : paragraphs) all += p + "\n";
    CHECK(paragraphs[0].find("Roofers score") == 0);
    CHECK(all.find("more exposed than 12% of the 923 occupations") != std::string::npos);
    CHECK(all.find("Most exposed: \xE2\x80\x9C" "Estimate the materials") != std::string::npos);
    CHECK(all.find("Least exposed: \xE2\x80\x9C") != std::string::npos);
    CHECK(all.find("a decline of 2.0%") != std::string::npos);
    CHECK(all.find("not a forecast of job losses") != std::string::npos);
    SUBCASE("nothing is written without scores") {
        in.scores = nullptr;
        CHECK(meaning_paragraphs(in).empty());
    }
}

TEST_CASE("long task statements are shortened at a word for quoting") {
    CHECK(quote_task("Short task.", 40) == "Short task");
    const std::string q = quote_task("Install, repair or replace roofs using shingles, slate, metal or other materials.", 30);
    CHECK(q.size() <= 30 + 3);
    CHECK(q.substr(q.size() - 3) == "\xE2\x80\xA6");
    CHECK(q.find("Install, repair or replace") == 0);
}
