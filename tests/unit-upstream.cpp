// Tests for build-data's readers and joins (src/core/csv_reader, utf8, upstream) on the hand-written
// fixtures in tests/fixtures/upstream-mini: every join rule, and every kind of upstream problem
// reported as "file:line:column: message" (broken variants are mutated copies in a temp folder).
#include "core/csv_reader.hpp"
#include "unit-helpers.hpp"
#include "core/scoring.hpp"
#include "core/sha256.hpp"
#include "core/upstream.hpp"
#include "core/utf8.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

using namespace exposure;
using namespace exposure::test;
namespace fs = std::filesystem;

namespace {

const std::string k_mini = std::string(EXPOSURE_FIXTURES_DIR) + "/upstream-mini";

void write_text(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
}

// A scratch copy of the fixtures that one test may break; removed when it goes out of scope.
struct ScratchUpstream {
    fs::path root;
    explicit ScratchUpstream(const char* name) {
        root = fs::temp_directory_path() / ("exposure-upstream-" + std::string(name) + "-" + std::to_string(::getpid()));
        fs::remove_all(root);
        fs::copy(k_mini, root, fs::copy_options::recursive);
    }
    ~ScratchUpstream() { fs::remove_all(root); }
    fs::path file(const char* relative) const { return root / relative; }
    // Replaces the first occurrence of `from` in a file; the test fails if it is not there.
    void replace(const char* relative, const std::string& from, const std::string& to) const {
        std::string text = read_text(file(relative));
        const auto at = text.find(from);
        REQUIRE_MESSAGE(at != std::string::npos, "fixture text not found: " << from);
        text.replace(at, from.size(), to);
        write_text(file(relative), text);
    }
    std::string dir() const { return root.string(); }
};

// Builds `dir` and returns the errors (empty on success).
std::vector<std::string> build_errors(const std::string& dir, const UpstreamOptions& options = {}) {
    UpstreamBuild build;
    std::vector<std::string> errors;
    const bool ok = build_from_upstream(dir, options, build, errors);
    CHECK(ok == errors.empty());
    return errors;
}

bool any_contains(const std::vector<std::string>& errors, const std::string& needle) {
    return std::any_of(errors.begin(), errors.end(), [&](const std::string& e) { return e.find(needle) != std::string::npos; });
}

std::string joined(const std::vector<std::string>& errors) {
    std::string text;
    for (const std::string& e : errors) text += e + "\n";
    return text;
}

const OccupationSummary& summary_of(const UpstreamBuild& build, const std::string& code) {
    const auto it = std::find_if(build.index.occupations.begin(), build.index.occupations.end(),
                                 [&](const OccupationSummary& o) { return o.code == code; });
    REQUIRE(it != build.index.occupations.end());
    return *it;
}

const OccupationDetail& detail_of(const UpstreamBuild& build, const std::string& code) {
    const auto it = std::find_if(build.details.begin(), build.details.end(),
                                 [&](const OccupationDetail& d) { return d.code == code; });
    REQUIRE(it != build.details.end());
    return *it;
}

UpstreamBuild build_mini() {
    UpstreamBuild build;
    std::vector<std::string> errors;
    REQUIRE_MESSAGE(build_from_upstream(k_mini, {}, build, errors), joined(errors));
    return build;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// The reader

TEST_CASE("the CSV reader follows RFC 4180 quoting with any delimiter") {
    CsvTable table;
    std::string error;
    SUBCASE("quoted fields hold delimiters, doubled quotes and newlines") {
        REQUIRE_MESSAGE(read_csv("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n", ',', "t.csv", table, error), error);
        REQUIRE(table.rows.size() == 1);
        CHECK(table.rows[0].fields == std::vector<std::string>{"x, y", "say \"hi\"", "two\nlines"});
    }
    SUBCASE("CRLF line ends, a byte-order mark and a missing final newline") {
        REQUIRE(read_csv("\xEF\xBB\xBFname,n\r\nx,1\r\ny,2", ',', "t.csv", table, error));
        CHECK(table.header == std::vector<std::string>{"name", "n"});
        REQUIRE(table.rows.size() == 2);
        CHECK(table.rows[1].fields[1] == "2");
        CHECK(table.rows[1].line == 3);
    }
    SUBCASE("tabs as the delimiter keep commas inside fields") {
        REQUIRE(read_csv("a\tb\n1,000\t\"q\"\"x\"\n", '\t', "t.tsv", table, error));
        CHECK(table.rows[0].fields == std::vector<std::string>{"1,000", "q\"x"});
    }
    SUBCASE("empty fields and blank lines") {
        REQUIRE(read_csv("a,b,c\n,,\n\nx,,z\n", ',', "t.csv", table, error));
        REQUIRE(table.rows.size() == 2);
        CHECK(table.rows[0].fields == std::vector<std::string>{"", "", ""});
        CHECK(table.rows[1].line == 4);
    }
    SUBCASE("fields remember their line and character column") {
        REQUIRE(read_csv("a,b\n\"caf\xC3\xA9\",x\n", ',', "t.csv", table, error));
        CHECK(table.rows[0].columns == std::vector<int>{1, 8});
        CHECK(field_error(table, table.rows[0], 1, "bad") == "t.csv:2:8: b: bad");
    }
}

TEST_CASE("the CSV reader rejects malformed text with its position") {
    CsvTable table;
    std::string error;
    SUBCASE("an unterminated quote") {
        CHECK_FALSE(read_csv("a,b\nx,\"open\n", ',', "t.csv", table, error));
        CHECK(error == "t.csv:2:3: quoted field is never closed");
    }
    SUBCASE("text after a closing quote") {
        CHECK_FALSE(read_csv("a,b\n\"x\"y,z\n", ',', "t.csv", table, error));
        CHECK(error == "t.csv:2:4: unexpected text after the closing quote of a quoted field");
    }
    SUBCASE("a record with another field count than the header") {
        CHECK_FALSE(read_csv("a,b\n1,2\n1,2,3\n", ',', "t.csv", table, error));
        CHECK(error == "t.csv:3:1: expected 2 fields as in the header, found 3");
    }
    SUBCASE("invalid UTF-8") {
        CHECK_FALSE(read_csv("a,b\n\xC3\xA9\xC3\xA9,\xFF\n", ',', "t.csv", table, error));
        CHECK(error == "t.csv:2:4: invalid UTF-8 (byte 0xFF)");
    }
    SUBCASE("an empty file") {
        CHECK_FALSE(read_csv("", ',', "t.csv", table, error));
        CHECK(error == "t.csv:1:1: empty file (no header line)");
    }
}

TEST_CASE("UTF-8 validation rejects every ill-formed sequence") {
    CHECK(find_invalid_utf8("plain ascii") == std::string_view::npos);
    CHECK(find_invalid_utf8("caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80") == std::string_view::npos);
    CHECK(find_invalid_utf8("ab\x80") == 2);             // lone continuation byte
    CHECK(find_invalid_utf8("\xC0\xAF") == 0);           // overlong 2-byte form
    CHECK(find_invalid_utf8("\xE0\x80\xAF") == 0);       // overlong 3-byte form
    CHECK(find_invalid_utf8("x\xED\xA0\x80") == 1);      // UTF-16 surrogate
    CHECK(find_invalid_utf8("\xF4\x90\x80\x80") == 0);   // above U+10FFFF
    CHECK(find_invalid_utf8("ok\xE2\x82") == 2);         // truncated at the end
    CHECK(find_invalid_utf8("\xF5\x80\x80\x80") == 0);   // lead byte that never occurs
    CHECK(position_of("ab\ncd\xC3\xA9x", 7).line == 2);
    CHECK(position_of("ab\ncd\xC3\xA9x", 7).column == 4);
}

TEST_CASE("numbers parse as upstream writes them and nothing else") {
    CHECK(parse_number("42") == 42.0);
    CHECK(parse_number("-3.7") == -3.7);
    CHECK(parse_number("8823.0") == 8823.0);
    CHECK(parse_number("1.5e-3") == 0.0015);
    CHECK(parse_number(".5") == 0.5);
    CHECK(parse_number("140,886,310", true) == 140886310.0);
    CHECK(parse_number("1,000.25", true) == 1000.25);
    SUBCASE("malformed text is refused") {
        for (const char* bad : {"", " 1", "1 ", "1.2.3", "abc", "nan", "inf", "1e", "-", ".", "0x10", "12%"})
            CHECK_MESSAGE(!parse_number(bad).has_value(), bad);
    }
    SUBCASE("thousands separators only in groups of three, and only where allowed") {
        CHECK_FALSE(parse_number("1,000").has_value());
        for (const char* bad : {"1,00", "1,0000", "1234,567", ",100", "1,,000", "1,000,", "12,34,567"})
            CHECK_MESSAGE(!parse_number(bad, true).has_value(), bad);
    }
}

// ---------------------------------------------------------------------------------------------
// The joins

TEST_CASE("build-data joins every fixture occupation by the upstream rules") {
    const UpstreamBuild build = build_mini();
    REQUIRE(build.index.occupations.size() == 5);
    CHECK(build.matches.tasks == 12);
    CHECK(build.index.groups.size() == 4);
    CHECK(build.index.groups[0].code == "11-0000");
    CHECK(build.index.groups[0].title == "Management Occupations");
    CHECK(build.index.groups[0].employment == 60000.0);

    SUBCASE("occupations are sorted by code and keep their tasks in upstream order") {
        CHECK(build.index.occupations[0].code == "11-1011.00");
        CHECK(build.index.occupations[4].code == "45-3031.00");
        const OccupationDetail& ceo = detail_of(build, "11-1011.00");
        REQUIRE(ceo.tasks.size() == 3);
        CHECK(ceo.tasks[0].id == 9001);
        CHECK(ceo.tasks[2].type == TaskType::Supplemental);
        CHECK(summary_of(build, "27-2011.00").major_group == 2);
    }
    SUBCASE("a blank task type is unspecified") {
        for (const Task& task : detail_of(build, "11-1011.03").tasks) CHECK(task.type == TaskType::Unspecified);
        CHECK(detail_of(build, "11-1011.00").tasks[0].type == TaskType::Core);
    }
    SUBCASE("a '#' wage is the top-coded figure with its flag") {
        const OccupationSummary& ceo = summary_of(build, "11-1011.00");
        CHECK(ceo.bls_source == BlsSource::Detailed);
        CHECK(ceo.employment == 12500.0);
        CHECK(ceo.median_wage == k_oews_top_coded_annual_wage);
        CHECK(ceo.wage_flag == WageFlag::TopCoded);
    }
    SUBCASE("a missing detailed row falls back to the broad group, flagged") {
        const OccupationSummary& buyers = summary_of(build, "13-1021.00");
        CHECK(buyers.bls_source == BlsSource::BroadGroup);
        CHECK(buyers.employment == 4321.0);
        CHECK(buyers.median_wage == 66000.0);
        CHECK(buyers.wage_flag == WageFlag::None);
        CHECK(detail_of(build, "13-1021.00").bls_code == "13-1020");
    }
    SUBCASE("a '*' wage is unknown while the employment stays") {
        const OccupationSummary& actors = summary_of(build, "27-2011.00");
        CHECK(actors.employment == 3100.0);
        CHECK_FALSE(actors.median_wage.has_value());
        CHECK(actors.wage_flag == WageFlag::Unknown);
    }
    SUBCASE("an occupation without any OEWS row has no BLS figures") {
        const OccupationSummary& fishing = summary_of(build, "45-3031.00");
        CHECK(fishing.bls_source == BlsSource::Missing);
        CHECK_FALSE(fishing.employment.has_value());
        CHECK_FALSE(fishing.median_wage.has_value());
        CHECK(detail_of(build, "45-3031.00").bls_code.empty());
    }
    SUBCASE("projections match by name: matched BLS name, then the title, then the OEWS title") {
        CHECK(summary_of(build, "11-1011.00").projected_change_pct == -6.5);  // matched name = title
        CHECK(summary_of(build, "13-1021.00").projected_change_pct == 2.5);   // matched name differs
        CHECK(summary_of(build, "11-1011.03").projected_change_pct == -6.5);  // through its OEWS title
        CHECK(summary_of(build, "45-3031.00").projected_change_pct == 1.5);   // its own title
        CHECK(summary_of(build, "27-2011.00").projected_change_pct == 31.5);  // repeated name: later row
        CHECK(build.notes.size() == 1);
    }
    SUBCASE("skills match by title, sorted by importance, with unreported levels as null") {
        const OccupationDetail& ceo = detail_of(build, "11-1011.00");
        REQUIRE(ceo.skills.size() == 5);
        CHECK(ceo.skills[0].name == "Critical Thinking");
        CHECK(ceo.skills[0].importance == 90.0);
        CHECK(ceo.skills[0].level == 75.0);
        CHECK(ceo.skills[4].name == "Programming");
        CHECK_FALSE(ceo.skills[4].level.has_value());
        CHECK(ceo.job_zone == 5);
        CHECK(detail_of(build, "11-1011.03").skills.empty());
        CHECK_FALSE(detail_of(build, "11-1011.03").job_zone.has_value());
    }
    SUBCASE("work contexts match by title") {
        REQUIRE(detail_of(build, "11-1011.00").work_context.has_value());
        CHECK(detail_of(build, "11-1011.00").work_context->structured_work == 0.9);
        CHECK_FALSE(detail_of(build, "13-1021.00").work_context.has_value());
    }
    SUBCASE("the Microsoft score matches by the 7-character SOC prefix, with its percentile") {
        CHECK(summary_of(build, "11-1011.00").ms_applicability == 0.2);
        CHECK(summary_of(build, "11-1011.03").ms_applicability == 0.2); // same SOC code
        CHECK_FALSE(summary_of(build, "45-3031.00").ms_applicability.has_value());
        CHECK_FALSE(summary_of(build, "45-3031.00").ms_applicability_pct.has_value());
        // Scores 0.1, 0.2, 0.2, 0.3: strictly below plus half the ties (itself included).
        CHECK(summary_of(build, "13-1021.00").ms_applicability_pct == doctest::Approx(12.5));
        CHECK(summary_of(build, "11-1011.00").ms_applicability_pct == doctest::Approx(50.0));
        CHECK(summary_of(build, "27-2011.00").ms_applicability_pct == doctest::Approx(87.5));
        REQUIRE(detail_of(build, "27-2011.00").ms.has_value());
        CHECK(detail_of(build, "27-2011.00").ms->soc_code == "27-2011");
        CHECK(detail_of(build, "27-2011.00").ms->applicability_ai == 0.2);
        CHECK(build.matches.ms_applicability == 4);
    }
    SUBCASE("work activities carry their weight and usage figures, heaviest first") {
        const OccupationDetail& actors = detail_of(build, "27-2011.00");
        REQUIRE(actors.activities.size() == 3);
        CHECK(actors.activities[0].id == "4.A.9.z.1.I02");
        CHECK(actors.activities[0].weight == 60.0);
        CHECK(actors.activities[0].share_user == 0.001);
        CHECK_FALSE(actors.activities[0].share_ai.has_value());
        CHECK(actors.activities[1].applicability_ai == 0.35);
        CHECK(actors.activities[2].weight == 0.0); // mapped, but without an O*NET weight
        CHECK(detail_of(build, "45-3031.00").activities.empty());
    }
    SUBCASE("quoted task text keeps its quotes, commas and UTF-8") {
        CHECK(detail_of(build, "27-2011.00").tasks[0].text ==
              "Rehearse \"blocking\", lines, and cues with the director \xE2\x80\x94 on stage or on set.");
    }
    SUBCASE("blank labels are unknown") {
        const Task& task = detail_of(build, "45-3031.00").tasks[1];
        CHECK(task.exposure[2] == ExposureLabel::Unknown);
        CHECK(task.automation == AutomationLabel::Unknown);
        CHECK(task.default_automation < 0);
        CHECK(task.exposure[0] == ExposureLabel::E1);
    }
    SUBCASE("the match report counts each source") {
        CHECK(build.matches.bls_detailed == 3);
        CHECK(build.matches.bls_broad_group == 1);
        CHECK(build.matches.employment_and_wage == 3);
        CHECK(build.matches.projection == 5);
        CHECK(build.matches.skills == 3);
        CHECK(build.manifest.counts.at("tasks") == 12);
        CHECK(build.manifest.matches.at("projection") == 5);
        CHECK(build.manifest.upstream.size() == 11);
    }
}

TEST_CASE("the stored default figures equal the scoring core's default scenario") {
    const UpstreamBuild build = build_mini();
    const Scenario scenario;
    for (std::size_t i = 0; i < build.details.size(); ++i) {
        const OccupationDetail& detail = build.details[i];
        const OccupationSummary& summary = build.index.occupations[i];
        CAPTURE(detail.code);
        const OccupationScores scores = score_occupation(detail, scenario);
        CHECK(summary.default_exposure == doctest::Approx(scores.exposure).epsilon(1e-12));
        CHECK(summary_exposure(summary, scenario) == doctest::Approx(scores.exposure).epsilon(1e-12));
        CHECK(summary.automation_mean * 100 == doctest::Approx(scores.automation).epsilon(1e-12));
        for (std::size_t t = 0; t < detail.tasks.size(); ++t) {
            CHECK(detail.tasks[t].default_exposure == doctest::Approx(scores.tasks[t].exposure).epsilon(1e-12));
            CHECK(detail.tasks[t].default_automation == doctest::Approx(scores.tasks[t].automation).epsilon(1e-12));
        }
    }
    SUBCASE("a worked example: Chief Executives") {
        // Tasks (core 2, core 2, supplemental 1); human E0 E1 E0, GPT-4 E2 E1 E0; beta lens:
        // blends 25, 100, 0 -> (2*25 + 2*100 + 0) / 5 = 50.
        CHECK(build.index.occupations[0].default_exposure == doctest::Approx(50.0));
        CHECK(build.index.occupations[0].shares[0].e1 == doctest::Approx(0.4));
        CHECK(build.index.occupations[0].shares[1].e2 == doctest::Approx(0.4));
    }
    SUBCASE("the integer weights behind Chief Executives' shares, as index format 2 stores them") {
        // Weights 2, 2, 1; human E0 E1 E0 -> E1 weight 2 of 5 known; GPT-4 E2 E1 E0 -> 2 and 2.
        const OccupationSummary& ceo = build.index.occupations[0];
        CHECK(ceo.task_weight == 5);
        CHECK(ceo.rater_weights[0] == RaterWeights{2, 0, 5});
        CHECK(ceo.rater_weights[1] == RaterWeights{2, 2, 5});
        CHECK(ceo.shares[0].e1 == 2.0 / 5.0); // exactly the ratio of the integers
        CHECK(ceo.automation_quarters == 2 * 2 + 2 * 3 + 1 * 0); // T2, T3, T0
        CHECK(ceo.automation_weight == 5);
        CHECK(ceo.automation_mean == 10.0 / 20.0);
    }
}

// ---------------------------------------------------------------------------------------------
// Upstream problems

TEST_CASE("every kind of upstream problem is reported with file, line and column") {
    const std::string labels = "gpts-are-gpts/full_labelset.tsv";
    const std::string oews = "gpts-are-gpts/national_May2021_dl.csv";
    SUBCASE("a missing file") {
        ScratchUpstream up("missing-file");
        fs::remove(up.file("working-with-ai/soc_metrics.csv"));
        const auto errors = build_errors(up.dir());
        CHECK_MESSAGE(any_contains(errors, "working-with-ai/soc_metrics.csv: missing upstream file"), joined(errors));
    }
    SUBCASE("a missing column") {
        ScratchUpstream up("missing-column");
        up.replace(labels.c_str(), "\tTask Type\t", "\tKind\t");
        const auto errors = build_errors(up.dir());
        CHECK_MESSAGE(any_contains(errors, labels + ":1:1: missing column \"Task Type\""), joined(errors));
    }
    SUBCASE("an unknown exposure label") {
        ScratchUpstream up("unknown-label");
        up.replace(labels.c_str(), "Chief Executives\tE0\tE2\tE2", "Chief Executives\tE0\tE5\tE2");
        const auto errors = build_errors(up.dir());
        CHECK_MESSAGE(any_contains(errors, labels + ":2:"), joined(errors));
        CHECK_MESSAGE(any_contains(errors, "gpt4_exposure: unknown exposure label \"E5\""), joined(errors));
    }
    SUBCASE("an unknown automation label") {
        ScratchUpstream up("unknown-automation");
        up.replace(labels.c_str(), "False\tT4\t", "False\tT7\t");
        const auto errors = build_errors(up.dir());
        CHECK_MESSAGE(any_contains(errors, labels + ":5:"), joined(errors));
        CHECK_MESSAGE(any_contains(errors, "gpt4_automation: unknown automation label \"T7\""), joined(errors));
    }
    SUBCASE("an unknown task type") {
        ScratchUpstream up("unknown-type");
        up.replace(labels.c_str(), "\tSupplemental\tChief Executives", "\tEssential\tChief Executives");
        const auto errors = build_errors(up.dir());
        CHECK_MESSAGE(any_contains(errors, "Task Type: unknown task type \"Essential\""), joined(errors));
    }
    SUBCASE("a duplicate task ID") {
        ScratchUpstream up("duplicate-task");
        up.replace(labels.c_str(), "\t9002.0\t", "\t9001.0\t");
        const auto errors = build_errors(up.dir());
        // Line 3, column 14: after "1<TAB>11-1011.00<TAB>".
        CHECK_MESSAGE(any_contains(errors, labels + ":3:14: Task ID: duplicate task ID 9001 (first on line 2)"), joined(errors));
    }
    SUBCASE("a malformed task ID") {
        ScratchUpstream up("bad-task-id");
        up.replace(labels.c_str(), "\t9003.0\t", "\t9003.5\t");
        const auto errors = build_errors(up.dir());
        CHECK_MESSAGE(any_contains(errors, labels + ":4:14: Task ID: malformed task ID \"9003.5\""), joined(errors));
    }
    SUBCASE("a malformed number") {
        ScratchUpstream up("malformed-number");
        up.replace(oews.c_str(), "Actors,detailed,\"3,100\"", "Actors,detailed,\"3,1O0\"");
        const auto errors = build_errors(up.dir());
        CHECK_MESSAGE(any_contains(errors, oews + ":11:"), joined(errors));
        CHECK_MESSAGE(any_contains(errors, "TOT_EMP: malformed number \"3,1O0\""), joined(errors));
    }
    SUBCASE("misplaced thousands separators") {
        ScratchUpstream up("bad-thousands");
        up.replace(oews.c_str(), "\"4,321\"", "\"43,21\"");
        const auto errors = build_errors(up.dir());
        CHECK_MESSAGE(any_contains(errors, "TOT_EMP: malformed number \"43,21\""), joined(errors));
    }
    SUBCASE("a number out of range") {
        ScratchUpstream up("out-of-range");
        up.replace("working-with-ai/soc_ai_applicability_scores.csv", "Actors,0.3", "Actors,1.3");
        const auto errors = build_errors(up.dir());
        CHECK_MESSAGE(any_contains(errors, "soc_ai_applicability_scores.csv:4:"), joined(errors));
        CHECK_MESSAGE(any_contains(errors, "ai_applicability_score: value 1.3 out of range [0, 1]"), joined(errors));
    }
    SUBCASE("invalid UTF-8") {
        ScratchUpstream up("invalid-utf8");
        up.replace(labels.c_str(), "Audition for parts.", "Audition \xFF for parts.");
        const auto errors = build_errors(up.dir());
        CHECK_MESSAGE(any_contains(errors, labels + ":11:"), joined(errors));
        CHECK_MESSAGE(any_contains(errors, "invalid UTF-8 (byte 0xFF)"), joined(errors));
    }
    SUBCASE("a row with too many fields") {
        ScratchUpstream up("extra-field");
        up.replace("gpts-are-gpts/occupations_onet_work_contexts.csv", "Actors,0.7", "Actors,0.7,0.1");
        const auto errors = build_errors(up.dir());
        CHECK_MESSAGE(any_contains(errors, "occupations_onet_work_contexts.csv:3:1: expected 5 fields as in the header, found 6"),
                      joined(errors));
    }
    SUBCASE("an unknown OEWS group") {
        ScratchUpstream up("unknown-group");
        up.replace(oews.c_str(), "Top Executives,minor", "Top Executives,middle");
        const auto errors = build_errors(up.dir());
        CHECK_MESSAGE(any_contains(errors, "O_GROUP: unknown group \"middle\""), joined(errors));
    }
    SUBCASE("a malformed SOC code") {
        ScratchUpstream up("bad-soc");
        up.replace("working-with-ai/soc_metrics.csv", "27-2011,Actors", "27-20110,Actors");
        const auto errors = build_errors(up.dir());
        CHECK_MESSAGE(any_contains(errors, "soc_metrics.csv:4:1: SOC Code: expected a SOC code"), joined(errors));
    }
    SUBCASE("an activity that is not in the IWA metrics") {
        ScratchUpstream up("unknown-iwa");
        up.replace("working-with-ai/soc_to_iwas.csv", "27-2011,4.A.9.z.1.I02", "27-2011,4.A.9.z.1.I99");
        const auto errors = build_errors(up.dir());
        CHECK_MESSAGE(any_contains(errors, "IWA: IWA \"4.A.9.z.1.I99\" is not in iwa_metrics.csv"), joined(errors));
    }
    SUBCASE("a title that changes within one occupation") {
        ScratchUpstream up("title-change");
        up.replace(labels.c_str(), "Supplemental\tChief Executives", "Supplemental\tChief Executive");
        const auto errors = build_errors(up.dir());
        CHECK_MESSAGE(any_contains(errors, "differs from \"Chief Executives\" on line 2"), joined(errors));
    }
    SUBCASE("several problems are all reported in one run") {
        ScratchUpstream up("several");
        up.replace(labels.c_str(), "\t9002.0\t", "\t9001.0\t");
        up.replace(oews.c_str(), "\"4,321\"", "\"43,21\"");
        const auto errors = build_errors(up.dir());
        CHECK(errors.size() >= 2);
        CHECK(any_contains(errors, "duplicate task ID"));
        CHECK(any_contains(errors, "malformed number"));
    }
}

TEST_CASE("pinned checksums are enforced and name both sums") {
    // Pins made from the fixture files themselves.
    std::vector<PinnedFile> pins;
    for (const char* folder : {"gpts-are-gpts", "working-with-ai"})
        for (const auto& entry : fs::directory_iterator(fs::path(k_mini) / folder)) {
            const std::string text = read_text(entry.path());
            pins.push_back({folder, entry.path().filename().string(), sha256_hex(text), "https://example.invalid/", "fixture"});
        }
    UpstreamOptions options;
    options.pinned = &pins;
    SUBCASE("matching files build and record their commit") {
        UpstreamBuild build;
        std::vector<std::string> errors;
        REQUIRE_MESSAGE(build_from_upstream(k_mini, options, build, errors), joined(errors));
        CHECK(build.manifest.upstream[0].commit == "fixture");
    }
    SUBCASE("a changed file is a mismatch naming the file and both sums") {
        ScratchUpstream up("checksum");
        const std::string path = "working-with-ai/soc_to_iwas.csv";
        const std::string before = sha256_hex(read_text(up.file(path.c_str())));
        up.replace(path.c_str(), "11-1011,4.A.9.z.1.I03", "11-1011,4.A.9.z.1.I02");
        const std::string after = sha256_hex(read_text(up.file(path.c_str())));
        const auto errors = build_errors(up.dir(), options);
        CHECK_MESSAGE(any_contains(errors, path + ": SHA-256 mismatch: expected " + before + ", got " + after), joined(errors));
    }
    SUBCASE("a file missing from the pins is refused") {
        pins.erase(std::remove_if(pins.begin(), pins.end(), [](const PinnedFile& p) { return p.name == "iwa_metrics.csv"; }),
                   pins.end());
        const auto errors = build_errors(k_mini, options);
        CHECK(any_contains(errors, "iwa_metrics.csv: not listed in the sources manifest"));
    }
}

TEST_CASE("the repository's sources manifest lists every file build-data reads") {
    std::vector<PinnedFile> pins;
    std::string error;
    REQUIRE_MESSAGE(read_sources(std::string(EXPOSURE_SOURCE_DIR) + "/data/sources.json", pins, error), error);
    for (const char* folder : {"gpts-are-gpts", "working-with-ai"})
        for (const auto& entry : fs::directory_iterator(fs::path(k_mini) / folder)) {
            const std::string name = entry.path().filename().string();
            const auto pin = std::find_if(pins.begin(), pins.end(),
                                          [&](const PinnedFile& p) { return p.folder == folder && p.name == name; });
            CHECK_MESSAGE(pin != pins.end(), name);
            if (pin != pins.end()) {
                CHECK(pin->sha256.size() == 64);
                CHECK(pin->commit.size() == 40);
                CHECK(pin->url.find(pin->commit) != std::string::npos);
            }
        }
}

// ---------------------------------------------------------------------------------------------
// The real upstream files, when this machine has them (setup fills data/upstream-cache)

TEST_CASE("the pinned upstream files build 923 occupations above every match-rate floor, deterministically") {
    const fs::path cache = fs::path(EXPOSURE_SOURCE_DIR) / "data" / "upstream-cache";
    if (!fs::exists(cache / "gpts-are-gpts" / "full_labelset.tsv")) {
        MESSAGE("skipped: no upstream cache at " << cache.string() << " (scripts/fetch_upstream.sh fills it)");
        return;
    }
    std::vector<PinnedFile> pins;
    std::string error;
    REQUIRE_MESSAGE(read_sources(std::string(EXPOSURE_SOURCE_DIR) + "/data/sources.json", pins, error), error);
    UpstreamOptions options;
    options.pinned = &pins;
    UpstreamBuild build, again;
    std::vector<std::string> errors;
    REQUIRE_MESSAGE(build_from_upstream(cache.string(), options, build, errors), joined(errors));
    CHECK(build.matches.occupations == 923);
    CHECK(build.matches.tasks == 19265);
    CHECK(build.matches.employment_and_wage >= k_floor_employment_and_wage);
    CHECK(build.matches.projection >= k_floor_projection);
    CHECK(build.matches.skills >= k_floor_skills);
    CHECK(build.matches.ms_applicability >= k_floor_ms_applicability);
    REQUIRE(build_from_upstream(cache.string(), options, again, errors));
    CHECK(serialize_index(again.index) == serialize_index(build.index));
    CHECK(serialize_detail(again.details[500]) == serialize_detail(build.details[500]));
    SUBCASE("every stored default figure equals the scoring core's") {
        const Scenario scenario;
        for (std::size_t i = 0; i < build.details.size(); ++i) {
            const OccupationScores scores = score_occupation(build.details[i], scenario);
            CHECK(build.index.occupations[i].default_exposure == doctest::Approx(scores.exposure).epsilon(1e-12));
        }
    }
}
