// Tests for the index's second reading step (src/core/bundle.hpp): IndexColumns, the column lookup
// by name and index_from_columns, which the web widget calls with the columns of the page's own
// JSON.parse. The columns path must build the Index parse_index builds, bit for bit, and refuse
// what parse_index refuses with the same field path and message.
#include "core/bundle.hpp"
#include "core/upstream.hpp"
#include "unit-helpers.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

using namespace exposure;
using namespace exposure::test;

namespace {

constexpr double k_null = std::numeric_limits<double>::quiet_NaN();

const char* const k_number_columns[] = {"group", "task_count", "task_weight", "human", "gpt4", "gpt4_alt",
                                        "automation", "employment", "median_wage", "projected_change_pct",
                                        "ms_applicability", "exposure", "groups.employment"};
const char* const k_string_columns[] = {"code", "title", "wage_flag", "bls_source", "groups.code", "groups.title"};

// Three occupations in two groups, valid, with a null in every nullable column.
IndexColumns sample_columns() {
    IndexColumns c;
    c.group_code = {"11-0000", "15-0000"};
    c.group_title = {"Management Occupations", "Computer and Mathematical Occupations"};
    c.group_employment = {8909910, k_null};
    c.code = {"11-1011.00", "15-2051.00", "15-2051.01"};
    c.title = {"Chief Executives", "Data Scientists \xE2\x80\x94 \"quoted\"", "Business Intelligence Analysts"};
    c.group = {0, 1, 1};
    c.task_count = {3, 0, 4};
    c.task_weight = {5, 0, 6};
    c.human = {1, 2, 5, 0, 0, 0, 2, 2, 6};
    c.gpt4 = {3, 1, 4, 0, 0, 0, 1, 1, 2};
    c.gpt4_alt = {0, 0, 0, 0, 0, 0, 0, 0, 6};
    c.automation = {7, 3, 0, 0, 12, 6};
    c.employment = {200480, k_null, 98000};
    c.median_wage = {208000.5, k_null, 99000};
    c.wage_flag = {"top_coded", "unknown", "none"};
    c.bls_source = {"detailed", "missing", "broad_group"};
    c.projected_change_pct = {-7.5, -0.0, 12.25};
    c.ms_applicability = {0.155502898114603, k_null, 0.155502898114603};
    c.exposure = {41.66666666666667, 0, 55.5};
    return c;
}

// The columns of index.json text, filled the way the web glue fills them from JSON.parse: each
// column looked up by its name, null as NaN.
IndexColumns columns_of(const std::string& text) {
    const nlohmann::json doc = nlohmann::json::parse(text);
    IndexColumns columns;
    const auto fill = [&columns](const std::string& name, const nlohmann::json& value) {
        if (std::vector<double>* numbers = index_number_column(columns, name))
            numbers->push_back(value.is_null() ? k_null : value.get<double>());
        else if (std::vector<std::string>* strings = index_string_column(columns, name))
            strings->push_back(value.get<std::string>());
        else
            FAIL("no column named " << name);
    };
    for (const nlohmann::json& group : doc.at("groups"))
        for (const char* key : {"code", "title", "employment"}) fill(std::string("groups.") + key, group.at(key));
    for (const auto& [name, column] : doc.at("occupations").items())
        for (const nlohmann::json& value : column) fill(name, value);
    return columns;
}

// Equal field by field, and every double equal to the bit (operator== would let -0.0 pass for 0.0).
void check_identical(const Index& a, const Index& b) {
    REQUIRE(a == b);
    for (std::size_t g = 0; g < a.groups.size(); ++g) CHECK(same_bits(a.groups[g].employment, b.groups[g].employment));
    for (std::size_t i = 0; i < a.occupations.size(); ++i) {
        const OccupationSummary& x = a.occupations[i];
        const OccupationSummary& y = b.occupations[i];
        INFO("occupation " << x.code);
        for (int r = 0; r < k_rater_count; ++r) {
            CHECK(same_bits(x.shares[r].e1, y.shares[r].e1));
            CHECK(same_bits(x.shares[r].e2, y.shares[r].e2));
            CHECK(same_bits(x.shares[r].known, y.shares[r].known));
        }
        CHECK(same_bits(x.automation_mean, y.automation_mean));
        CHECK(same_bits(x.employment, y.employment));
        CHECK(same_bits(x.median_wage, y.median_wage));
        CHECK(same_bits(x.projected_change_pct, y.projected_change_pct));
        CHECK(same_bits(x.ms_applicability, y.ms_applicability));
        CHECK(same_bits(x.ms_applicability_pct, y.ms_applicability_pct));
        CHECK(same_bits(x.default_exposure, y.default_exposure));
    }
}

// parse_index of the text, and index_from_columns of the same text's columns, must agree.
void check_both_paths_agree(const std::string& text) {
    Index parsed, from_columns;
    std::string error;
    REQUIRE_MESSAGE(parse_index(bytes_of(text), parsed, error), error);
    REQUIRE_MESSAGE(index_from_columns(columns_of(text), from_columns, error), error);
    CHECK(from_columns.version == k_index_version);
    check_identical(from_columns, parsed);
}

// The error index_from_columns gives for the sample columns after `edit`.
template <class Edit>
std::string columns_error(Edit edit) {
    IndexColumns columns = sample_columns();
    edit(columns);
    Index index;
    std::string error;
    CHECK_FALSE(index_from_columns(std::move(columns), index, error));
    return error;
}

} // namespace

TEST_CASE("the sample columns build a valid index whose text reads back through both paths alike") {
    Index index;
    std::string error;
    REQUIRE_MESSAGE(index_from_columns(sample_columns(), index, error), error);
    CHECK(error.empty());
    REQUIRE(index.occupations.size() == 3);
    CHECK(index.groups[1].employment == std::nullopt);
    CHECK(index.occupations[1].employment == std::nullopt);
    CHECK(std::signbit(*index.occupations[1].projected_change_pct));
    CHECK(index.occupations[0].shares[0].e2 == 2.0 / 5.0);
    CHECK(index.occupations[2].automation_mean == 12.0 / 24.0);
    CHECK(index.occupations[0].ms_applicability_pct == 50.0); // a tie with the third occupation
    check_both_paths_agree(serialize_index(index));
}

TEST_CASE("index_from_columns gives the index parse_index gives for every index build-data makes from the fixtures") {
    UpstreamBuild build;
    std::vector<std::string> errors;
    REQUIRE(build_from_upstream(std::string(EXPOSURE_FIXTURES_DIR) + "/upstream-mini", {}, build, errors));
    check_both_paths_agree(serialize_index(build.index));
}

TEST_CASE("index_from_columns gives the index parse_index gives for the real bundle's index") {
    const std::string path = std::string(EXPOSURE_SOURCE_DIR) + "/data/bundle/index.json";
    if (!std::filesystem::exists(path)) {
        MESSAGE("skipped: no bundle at " << path << " (run scripts/setup.sh)");
        return;
    }
    std::vector<uint8_t> bytes;
    std::string error;
    REQUIRE_MESSAGE(read_file_bytes(path, bytes, error), error);
    check_both_paths_agree(std::string(bytes.begin(), bytes.end()));
}

TEST_CASE("the column lookup finds every column by its index.json name and nothing else") {
    IndexColumns columns;
    SUBCASE("every number column, each a different one") {
        std::vector<const void*> seen;
        for (const char* name : k_number_columns) {
            std::vector<double>* column = index_number_column(columns, name);
            REQUIRE_MESSAGE(column != nullptr, name);
            CHECK_MESSAGE(index_string_column(columns, name) == nullptr, name);
            seen.push_back(column);
        }
        CHECK(index_number_column(columns, "human") == &columns.human);
        CHECK(index_number_column(columns, "groups.employment") == &columns.group_employment);
        std::sort(seen.begin(), seen.end());
        CHECK(std::unique(seen.begin(), seen.end()) == seen.end());
    }
    SUBCASE("every string column, each a different one") {
        std::vector<const void*> seen;
        for (const char* name : k_string_columns) {
            std::vector<std::string>* column = index_string_column(columns, name);
            REQUIRE_MESSAGE(column != nullptr, name);
            CHECK_MESSAGE(index_number_column(columns, name) == nullptr, name);
            seen.push_back(column);
        }
        CHECK(index_string_column(columns, "code") == &columns.code);
        CHECK(index_string_column(columns, "groups.title") == &columns.group_title);
        std::sort(seen.begin(), seen.end());
        CHECK(std::unique(seen.begin(), seen.end()) == seen.end());
    }
    SUBCASE("names that are no column") {
        for (const char* name : {"", "nope", "occupations.code", "groups", "groups.", "group_code", "Code",
                                 "ms_applicability_pct", "employment ", "groups.group"}) {
            CHECK_MESSAGE(index_number_column(columns, name) == nullptr, name);
            CHECK_MESSAGE(index_string_column(columns, name) == nullptr, name);
        }
    }
}

TEST_CASE("a weight written as a decimal such as 5.0 is the whole number it equals, on both paths") {
    // The page's JSON.parse cannot tell 5.0 from 5, so the text path no longer tells them apart either.
    Index index;
    std::string error;
    REQUIRE_MESSAGE(index_from_columns(sample_columns(), index, error), error);
    const std::string text = serialize_index(index);
    nlohmann::json doc = nlohmann::json::parse(text);
    doc["occupations"]["task_weight"][0] = 5.0;
    const std::string decimal = doc.dump();
    REQUIRE(decimal.find("\"task_weight\":[5.0,") != std::string::npos);
    Index parsed;
    REQUIRE_MESSAGE(parse_index(bytes_of(decimal), parsed, error), error);
    CHECK(parsed == index);
}

TEST_CASE("index_from_columns refuses broken columns with the field path and message parse_index gives") {
    SUBCASE("the source names the file") {
        IndexColumns columns = sample_columns();
        columns.group[0] = 1.5;
        Index index;
        std::string error;
        CHECK_FALSE(index_from_columns(std::move(columns), index, error, "web/index.json"));
        CHECK(error == "web/index.json: occupations.group[0]: expected an integer, got 1.5");
    }
    SUBCASE("an integer column holding 1.5") {
        CHECK(columns_error([](IndexColumns& c) { c.gpt4[1] = 1.5; }) ==
              "index.json: occupations.gpt4[1]: expected an integer, got 1.5");
    }
    SUBCASE("an integer column holding a null") {
        CHECK(columns_error([](IndexColumns& c) { c.task_count[2] = k_null; }) ==
              "index.json: occupations.task_count[2]: expected an integer, got null");
    }
    SUBCASE("an integer column holding infinity") {
        CHECK(columns_error([](IndexColumns& c) { c.task_weight[0] = std::numeric_limits<double>::infinity(); }) ==
              "index.json: occupations.task_weight[0]: expected an integer, got inf");
    }
    SUBCASE("a negative weight") {
        CHECK(columns_error([](IndexColumns& c) { c.automation[1] = -3; }) ==
              "index.json: occupations.automation[1]: expected an integer in [0, 4000], got -3");
    }
    SUBCASE("a whole number far above the range") {
        CHECK(columns_error([](IndexColumns& c) { c.task_count[0] = 1e20; }) ==
              "index.json: occupations.task_count[0]: expected an integer in [0, 2000], got 1e+20");
    }
    SUBCASE("a null where the column allows none") {
        CHECK(columns_error([](IndexColumns& c) { c.exposure[2] = k_null; }) ==
              "index.json: occupations.exposure[2]: expected a number, got null");
    }
    SUBCASE("a number out of its range") {
        CHECK(columns_error([](IndexColumns& c) { c.exposure[2] = 100.5; }) ==
              "index.json: occupations.exposure[2]: expected a number in [0, 100], got 100.5");
        CHECK(columns_error([](IndexColumns& c) { c.ms_applicability[0] = 1.25; }) ==
              "index.json: occupations.ms_applicability[0]: expected a number in [0, 1], got 1.25");
        CHECK(columns_error([](IndexColumns& c) { c.projected_change_pct[2] = -101; }) ==
              "index.json: occupations.projected_change_pct[2]: expected a number in [-100, inf], got -101");
        CHECK(columns_error([](IndexColumns& c) { c.employment[0] = std::numeric_limits<double>::infinity(); }) ==
              "index.json: occupations.employment[0]: expected a number in [0, inf], got inf");
        CHECK(columns_error([](IndexColumns& c) { c.group_employment[0] = -1; }) ==
              "index.json: groups[0].employment: expected a number in [0, inf], got -1");
    }
    SUBCASE("a short column") {
        CHECK(columns_error([](IndexColumns& c) { c.title.pop_back(); }) ==
              "index.json: occupations.title: 2 entries, expected 3 (one per code)");
    }
    SUBCASE("a rater column with one entry too many") {
        CHECK(columns_error([](IndexColumns& c) { c.gpt4.push_back(0); }) ==
              "index.json: occupations.gpt4: 10 entries, expected 9 (three per code)");
    }
    SUBCASE("an automation column with one pair missing") {
        CHECK(columns_error([](IndexColumns& c) { c.automation.resize(4); }) ==
              "index.json: occupations.automation: 4 entries, expected 6 (two per code)");
    }
    SUBCASE("a group column shorter than the group codes") {
        CHECK(columns_error([](IndexColumns& c) { c.group_employment.pop_back(); }) ==
              "index.json: groups.employment: 1 entries, expected 2 (one per group)");
    }
    SUBCASE("more groups than the limit") {
        CHECK(columns_error([](IndexColumns& c) {
                  c.group_code.assign(k_bundle_max_groups + 1, "11-0000");
                  c.group_title.assign(k_bundle_max_groups + 1, "Management Occupations");
                  c.group_employment.assign(k_bundle_max_groups + 1, k_null);
              }) == "index.json: groups: 101 entries, over the limit of 100");
    }
    SUBCASE("more codes than the limit") {
        CHECK(columns_error([](IndexColumns& c) { c.code.resize(k_bundle_max_occupations + 1); }) ==
              "index.json: occupations.code: 10001 entries, over the limit of 10000");
    }
    SUBCASE("unsorted codes") {
        CHECK(columns_error([](IndexColumns& c) { std::swap(c.code[0], c.code[1]); }) ==
              "index.json: occupations.code[1]: codes must be sorted and unique, \"11-1011.00\" follows \"15-2051.00\"");
    }
    SUBCASE("a code twice") {
        CHECK(columns_error([](IndexColumns& c) { c.code[2] = c.code[1]; }) ==
              "index.json: occupations.code[2]: codes must be sorted and unique, \"15-2051.00\" follows \"15-2051.00\"");
    }
    SUBCASE("a malformed code") {
        CHECK(columns_error([](IndexColumns& c) { c.code[0] = "../../x"; }) ==
              "index.json: occupations.code[0]: expected an O*NET-SOC code like \"15-2051.00\", got \"../../x\"");
    }
    SUBCASE("an empty title and an empty group title") {
        CHECK(columns_error([](IndexColumns& c) { c.title[1].clear(); }) ==
              "index.json: occupations.title[1]: expected a non-empty string");
        CHECK(columns_error([](IndexColumns& c) { c.group_title[1].clear(); }) ==
              "index.json: groups[1].title: expected a non-empty string");
    }
    SUBCASE("a title over the length limit") {
        CHECK(columns_error([](IndexColumns& c) { c.title[0].assign(5000, 'x'); }) ==
              "index.json: occupations.title[0]: text of 5000 bytes, over the 4096-byte limit");
    }
    SUBCASE("a group reference out of range") {
        CHECK(columns_error([](IndexColumns& c) { c.group[0] = 7; }) ==
              "index.json: occupations.group[0]: expected an integer in [0, 1], got 7");
    }
    SUBCASE("known below e1 + e2") {
        CHECK(columns_error([](IndexColumns& c) { c.human[0] = 4; }) ==
              "index.json: occupations.human[2]: known 5 is less than e1 + e2 = 6 (occupation 11-1011.00)");
    }
    SUBCASE("known above the task weight") {
        CHECK(columns_error([](IndexColumns& c) { c.gpt4_alt[8] = 7; }) ==
              "index.json: occupations.gpt4_alt[8]: known 7 exceeds the task_weight 6 (occupation 15-2051.01)");
    }
    SUBCASE("an automation weight above the task weight") {
        CHECK(columns_error([](IndexColumns& c) { c.automation[1] = 6; }) ==
              "index.json: occupations.automation[1]: weight 6 exceeds the task_weight 5 (occupation 11-1011.00)");
    }
    SUBCASE("automation quarters above four times their weight") {
        CHECK(columns_error([](IndexColumns& c) { c.automation[0] = 13; }) ==
              "index.json: occupations.automation[0]: quarters 13 exceed 4 x the weight 3 (occupation 11-1011.00)");
    }
    SUBCASE("a bad wage_flag name") {
        CHECK(columns_error([](IndexColumns& c) { c.wage_flag[0] = "hourly"; }) ==
              "index.json: occupations.wage_flag[0]: expected one of \"none\", \"top_coded\", \"unknown\", got \"hourly\"");
    }
    SUBCASE("a bad bls_source name, long enough to be summarised") {
        CHECK(columns_error([](IndexColumns& c) { c.bls_source[2].assign(100, 'b'); }) ==
              "index.json: occupations.bls_source[2]: expected one of \"detailed\", \"broad_group\", \"missing\", got a "
              "string of 100 bytes");
    }
    SUBCASE("a wage flag that contradicts the wage") {
        CHECK(columns_error([](IndexColumns& c) { c.median_wage[0] = k_null; }) ==
              "index.json: occupations.wage_flag[0]: median_wage is null, so the flag must be \"unknown\"");
        CHECK(columns_error([](IndexColumns& c) { c.wage_flag[2] = "unknown"; }) ==
              "index.json: occupations.wage_flag[2]: \"unknown\" but median_wage is a number");
    }
    SUBCASE("a missing BLS source with an employment figure") {
        CHECK(columns_error([](IndexColumns& c) { c.employment[1] = 10; }) ==
              "index.json: occupations.bls_source[1]: \"missing\" but employment or wage is given");
    }
}

TEST_CASE("a null in a nullable column is no value, through the columns") {
    IndexColumns columns = sample_columns();
    columns.projected_change_pct[0] = k_null;
    columns.ms_applicability[2] = k_null;
    Index index;
    std::string error;
    REQUIRE_MESSAGE(index_from_columns(std::move(columns), index, error), error);
    CHECK(index.occupations[0].projected_change_pct == std::nullopt);
    CHECK(index.occupations[2].ms_applicability == std::nullopt);
    CHECK(index.occupations[2].ms_applicability_pct == std::nullopt);
    CHECK(index.occupations[0].ms_applicability_pct == 50.0); // the only one left
}
