// Tests for parse_detail_tape (src/core/bundle.hpp): a detail handed over as the tape of the page's
// own JSON.parse. The tape path must build the OccupationDetail parse_detail builds, bit for bit,
// refuse what parse_detail refuses with the same field path and message, and refuse a broken tape
// (which no JSON text can give) with the op where it breaks.
// [SECTION] Helpers   the tape writer (what the page does), bitwise comparison, the catalogue
// [SECTION] Agreement real and fixture details, the bad-input catalogue
// [SECTION] Tape      numbers, broken tapes
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

// [SECTION] Helpers

using Json = nlohmann::json;
namespace fs = std::filesystem;

constexpr const char* k_source = "occupations/15-2051.00.json";

struct Tape {
    std::vector<double> ops;
    std::string text;
};

// Writes `value` to `tape` as the page does after JSON.parse: numbers as the doubles JSON.parse
// gives (so an integer is its double, a float stays itself), strings and keys into the text.
void write_tape(const Json& value, Tape& tape) {
    switch (value.type()) {
    case Json::value_t::null: tape.ops.push_back(0); break;
    case Json::value_t::boolean: tape.ops.push_back(value.get<bool>() ? 2 : 1); break;
    case Json::value_t::number_integer:
        tape.ops.insert(tape.ops.end(), {3, double(value.get<int64_t>())});
        break;
    case Json::value_t::number_unsigned:
        tape.ops.insert(tape.ops.end(), {3, double(value.get<uint64_t>())});
        break;
    case Json::value_t::number_float: tape.ops.insert(tape.ops.end(), {3, value.get<double>()}); break;
    case Json::value_t::string: {
        const std::string& s = value.get_ref<const std::string&>();
        tape.ops.insert(tape.ops.end(), {4, double(s.size())});
        tape.text += s;
        break;
    }
    case Json::value_t::array:
        tape.ops.insert(tape.ops.end(), {5, double(value.size())});
        for (const Json& item : value) write_tape(item, tape);
        break;
    case Json::value_t::object:
        tape.ops.insert(tape.ops.end(), {6, double(value.size())});
        for (auto it = value.begin(); it != value.end(); ++it) {
            tape.ops.insert(tape.ops.end(), {4, double(it.key().size())});
            tape.text += it.key();
            write_tape(it.value(), tape);
        }
        break;
    default: FAIL("a JSON value of no JSON type"); break;
    }
}

Tape tape_of(const std::string& json_text) {
    Tape tape;
    write_tape(Json::parse(json_text), tape);
    return tape;
}

// Equal field by field, and every double equal to the bit (operator== would let -0.0 pass for 0.0).
void check_identical(const OccupationDetail& a, const OccupationDetail& b) {
    REQUIRE(a == b);
    for (std::size_t i = 0; i < a.tasks.size(); ++i) {
        CHECK(same_bits(a.tasks[i].default_exposure, b.tasks[i].default_exposure));
        CHECK(same_bits(a.tasks[i].default_automation, b.tasks[i].default_automation));
    }
    for (std::size_t i = 0; i < a.skills.size(); ++i) {
        CHECK(same_bits(a.skills[i].importance, b.skills[i].importance));
        CHECK(same_bits(a.skills[i].level, b.skills[i].level));
    }
    for (std::size_t i = 0; i < a.activities.size(); ++i) {
        const Activity& x = a.activities[i];
        const Activity& y = b.activities[i];
        CHECK(same_bits(x.weight, y.weight));
        CHECK(same_bits(x.share_user, y.share_user));
        CHECK(same_bits(x.share_ai, y.share_ai));
        CHECK(same_bits(x.completion_ai, y.completion_ai));
        CHECK(same_bits(x.impact_scope_ai, y.impact_scope_ai));
        CHECK(same_bits(x.applicability_ai, y.applicability_ai));
    }
    if (a.work_context) {
        const WorkContext& x = *a.work_context;
        const WorkContext& y = *b.work_context;
        CHECK(same_bits(x.degree_of_automation, y.degree_of_automation));
        CHECK(same_bits(x.importance_of_being_exact, y.importance_of_being_exact));
        CHECK(same_bits(x.importance_of_repeating_tasks, y.importance_of_repeating_tasks));
        CHECK(same_bits(x.structured_work, y.structured_work));
    }
    if (a.ms) {
        const MsMeasures& x = *a.ms;
        const MsMeasures& y = *b.ms;
        for (auto field : {&MsMeasures::coverage_user, &MsMeasures::coverage_ai, &MsMeasures::completion_user,
                           &MsMeasures::completion_ai, &MsMeasures::impact_scope_user, &MsMeasures::impact_scope_ai,
                           &MsMeasures::applicability_user, &MsMeasures::applicability_ai})
            CHECK(same_bits(x.*field, y.*field));
    }
}

// parse_detail of the text and parse_detail_tape of its tape must build the same detail.
void check_both_paths_agree(const std::string& text) {
    OccupationDetail parsed, from_tape;
    std::string error;
    REQUIRE_MESSAGE(parse_detail(bytes_of(text), parsed, error, k_source), error);
    const Tape tape = tape_of(text);
    REQUIRE_MESSAGE(parse_detail_tape(tape.ops, tape.text, from_tape, error, k_source), error);
    check_identical(from_tape, parsed);
}

// The error parse_detail_tape gives for a tape (it must fail).
std::string tape_error(const std::vector<double>& ops, std::string_view text = {}) {
    OccupationDetail detail;
    std::string error;
    CHECK_FALSE(parse_detail_tape(ops, text, detail, error, k_source));
    return error;
}

// A valid detail's text: the first occupation build-data makes from the fixtures.
std::string fixture_detail_text() {
    UpstreamBuild build;
    std::vector<std::string> errors;
    REQUIRE(build_from_upstream(std::string(EXPOSURE_FIXTURES_DIR) + "/upstream-mini", {}, build, errors));
    REQUIRE(!build.details.empty());
    return serialize_detail(build.details.front());
}

// The input bytes of a catalogue case: "file", "text" or "generate" (head, repeat x times, tail).
std::string case_input(const Json& c) {
    if (c.contains("file")) return read_text(fs::path(EXPOSURE_SOURCE_DIR) / "tests/bad-inputs" / c.at("file").get<std::string>());
    if (c.contains("text")) return c.at("text").get<std::string>();
    const Json& g = c.at("generate");
    std::string text = g.at("head").get<std::string>();
    for (int i = 0; i < g.at("times").get<int>(); ++i) text += g.at("repeat").get<std::string>();
    return text + g.at("tail").get<std::string>();
}

} // namespace

// [SECTION] Agreement

TEST_CASE("the tape of every detail build-data makes from the fixtures reads as parse_detail reads its text") {
    UpstreamBuild build;
    std::vector<std::string> errors;
    REQUIRE(build_from_upstream(std::string(EXPOSURE_FIXTURES_DIR) + "/upstream-mini", {}, build, errors));
    REQUIRE(!build.details.empty());
    for (const OccupationDetail& detail : build.details) {
        INFO("occupation " << detail.code);
        check_both_paths_agree(serialize_detail(detail));
    }
}

TEST_CASE("the tape of every tenth real detail file, and of the largest, reads as parse_detail reads its text") {
    const fs::path dir = fs::path(EXPOSURE_SOURCE_DIR) / "data/bundle" / k_occupations_dir;
    if (!fs::exists(dir)) {
        MESSAGE("skipped: no bundle at " << dir << " (run scripts/setup.sh)");
        return;
    }
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir)) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    REQUIRE(files.size() >= 20);
    std::vector<fs::path> sample;
    for (std::size_t i = 0; i < files.size(); i += 10) sample.push_back(files[i]);
    sample.push_back(*std::max_element(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
        return fs::file_size(a) < fs::file_size(b);
    }));
    CHECK(sample.size() >= 20);
    for (const fs::path& path : sample) {
        INFO(path.filename().string());
        check_both_paths_agree(read_text(path));
    }
}

TEST_CASE("every bad detail in the catalogue gets the same message through the tape as through the text") {
    const Json doc = Json::parse(read_text(fs::path(EXPOSURE_SOURCE_DIR) / "tests/bad-inputs/catalogue.json"));
    int compared = 0, text_only = 0;
    for (const Json& c : doc.at("cases")) {
        if (c.at("kind") != "bundle" || !c.contains("target") || c.contains("delete") ||
            !c.at("target").get<std::string>().starts_with("occupations/"))
            continue;
        const std::string input = case_input(c);
        INFO("case " << c.at("id").get<std::string>());
        OccupationDetail by_text, by_tape;
        std::string text_error, tape_error;
        const bool text_ok = parse_detail(bytes_of(input), by_text, text_error, k_source);
        const Json parsed = Json::parse(input, nullptr, /*allow_exceptions=*/false);
        if (parsed.is_discarded() || input.size() > k_bundle_max_detail_bytes) {
            // Syntax and the file's size belong to the text alone: no tape expresses them.
            ++text_only;
            continue;
        }
        Tape tape;
        write_tape(parsed, tape);
        if (text_ok) { // refused later than the reader (load_detail: another occupation's code)
            REQUIRE_MESSAGE(parse_detail_tape(tape.ops, tape.text, by_tape, tape_error, k_source), tape_error);
            check_identical(by_tape, by_text);
        } else {
            CHECK_FALSE(parse_detail_tape(tape.ops, tape.text, by_tape, tape_error, k_source));
            CHECK(tape_error == text_error);
        }
        ++compared;
    }
    CHECK(compared >= 10);
    CHECK(text_only == 1); // detail-over-size-limit
}

TEST_CASE("a detail that fails a check fails it through the tape with the same message") {
    const Json valid = Json::parse(fixture_detail_text());
    const auto both_errors = [](const Json& doc) {
        OccupationDetail detail;
        std::string text_error, tape_error;
        CHECK_FALSE(parse_detail(bytes_of(doc.dump()), detail, text_error, k_source));
        Tape tape;
        write_tape(doc, tape);
        CHECK_FALSE(parse_detail_tape(tape.ops, tape.text, detail, tape_error, k_source));
        CHECK(tape_error == text_error);
        return tape_error;
    };
    SUBCASE("a top level that is not an object") {
        CHECK(both_errors(Json::array()) == std::string(k_source) + ": expected a JSON object at the top level");
    }
    SUBCASE("a wrong version") {
        Json doc = valid;
        doc["version"] = 2;
        CHECK(both_errors(doc).find("version: this build reads bundle version 1") != std::string::npos);
    }
    SUBCASE("a task text over the length limit") {
        Json doc = valid;
        doc["tasks"][0]["text"] = std::string(k_bundle_max_text + 1, 'x');
        CHECK(both_errors(doc) == std::string(k_source) + ": tasks[0].text: text of 4097 bytes, over the 4096-byte limit");
    }
    SUBCASE("a skill importance out of range") {
        Json doc = valid;
        doc["skills"][0]["importance"] = 100.5;
        CHECK(both_errors(doc) ==
              std::string(k_source) + ": skills[0].importance: expected a number in [0, 100], got 100.5");
    }
}

// [SECTION] Tape

TEST_CASE("tape numbers are typed as nlohmann's parser types the same JSON text") {
    Json doc = Json::parse(fixture_detail_text());
    OccupationDetail detail;
    std::string error;
    SUBCASE("a whole number written 5.0 arrives from JSON.parse as 5 and reads as the integer 5") {
        doc["tasks"][0]["id"] = 5.0; // the text path refuses "5.0" as an integer; JSON.parse leaves no trace of it
        Tape tape;
        write_tape(doc, tape);
        REQUIRE_MESSAGE(parse_detail_tape(tape.ops, tape.text, detail, error, k_source), error);
        CHECK(detail.tasks[0].id == 5);
        CHECK_FALSE(parse_detail(bytes_of(doc.dump()), detail, error, k_source));
        CHECK(error == std::string(k_source) + ": tasks[0].id: expected an integer, got 5.0");
    }
    SUBCASE("a negative whole number reads as a signed integer") {
        doc["tasks"][0]["id"] = -4;
        Tape tape;
        write_tape(doc, tape);
        CHECK_FALSE(parse_detail_tape(tape.ops, tape.text, detail, error, k_source));
        CHECK(error == std::string(k_source) + ": tasks[0].id: expected an integer in [1, 9223372036854775807], got -4");
    }
    SUBCASE("a whole number past 2^53 reads as a float, as JSON.parse cannot hold it exactly") {
        doc["tasks"][0]["id"] = 9007199254740994.0;
        Tape tape;
        write_tape(doc, tape);
        CHECK_FALSE(parse_detail_tape(tape.ops, tape.text, detail, error, k_source));
        CHECK(error == std::string(k_source) + ": tasks[0].id: expected an integer, got 9.007199254740994e+15");
    }
    SUBCASE("2^53 itself is still an integer") {
        doc["tasks"][0]["id"] = 9007199254740992.0;
        Tape tape;
        write_tape(doc, tape);
        REQUIRE_MESSAGE(parse_detail_tape(tape.ops, tape.text, detail, error, k_source), error);
        CHECK(detail.tasks[0].id == 9007199254740992);
    }
}

TEST_CASE("a broken tape is refused with the op where it breaks") {
    const std::string prefix = std::string(k_source) + ": tape: op ";
    const Tape valid = tape_of(fixture_detail_text());
    OccupationDetail detail;
    std::string error;
    REQUIRE_MESSAGE(parse_detail_tape(valid.ops, valid.text, detail, error, k_source), error);

    SUBCASE("an empty tape") { CHECK(tape_error({}) == prefix + "0: the tape ends where a value should begin"); }
    SUBCASE("a truncated tape") {
        std::vector<double> ops = valid.ops;
        ops.resize(ops.size() - 2); // the last value and one op of the one before
        const std::string got = tape_error(ops, valid.text);
        CHECK(got.starts_with(prefix));
        CHECK(got.find("the tape ends") != std::string::npos);
        CHECK(tape_error({5, 2, 0}) == prefix + "0: array of 2 values runs past the end of the tape (1 ops left)");
        CHECK(tape_error({3}) == prefix + "0: the tape ends before the number");
        CHECK(tape_error({4}) == prefix + "0: the tape ends before the count of the string");
        CHECK(tape_error({5, 1, 5}) == prefix + "2: the tape ends before the count of the array");
    }
    SUBCASE("a count past the end, refused before anything is allocated for it") {
        CHECK(tape_error({5, 1e18}) == prefix + "0: array of 1e+18 values runs past the end of the tape (0 ops left)");
        CHECK(tape_error({6, 2, 4, 0, 0}) ==
              prefix + "0: object of 2 members runs past the end of the tape (3 ops left, at least 3 a member)");
        CHECK(tape_error({5, 1.5, 0}) == prefix + "0: the count of the array is 1.5, not a whole number >= 0");
        CHECK(tape_error({4, -1}) == prefix + "0: the count of the string is -1, not a whole number >= 0");
        CHECK(tape_error({5, std::numeric_limits<double>::quiet_NaN()}).find("not a whole number") != std::string::npos);
    }
    SUBCASE("a string past the text") {
        CHECK(tape_error({5, 2, 4, 2, 4, 40}, "abcdefghijklmn") ==
              prefix + "4: string of 40 bytes runs past the text (12 left)");
    }
    SUBCASE("ops left over") {
        std::vector<double> ops = valid.ops;
        ops.push_back(0);
        CHECK(tape_error(ops, valid.text) == prefix + std::to_string(valid.ops.size()) + ": 1 ops left over after the value");
    }
    SUBCASE("text left over") {
        CHECK(tape_error(valid.ops, valid.text + "x") ==
              prefix + std::to_string(valid.ops.size()) + ": 1 bytes of text left over after the value");
    }
    SUBCASE("a number that is NaN or infinite") {
        CHECK(tape_error({3, std::numeric_limits<double>::quiet_NaN()}) ==
              prefix + "0: number nan (JSON has no NaN or infinity)");
        CHECK(tape_error({5, 1, 3, -std::numeric_limits<double>::infinity()}) ==
              prefix + "2: number -inf (JSON has no NaN or infinity)");
    }
    SUBCASE("an unknown op") {
        CHECK(tape_error({7}) == prefix + "0: unknown op 7");
        CHECK(tape_error({-1}) == prefix + "0: unknown op -1");
        CHECK(tape_error({5, 1, 2.5}) == prefix + "2: unknown op 2.5");
    }
    SUBCASE("a key that is not a string op") {
        CHECK(tape_error({6, 1, 3, 1, 0}) == prefix + "2: expected a key (op 4), got op 3");
    }
    SUBCASE("nesting past the limit, counted as the text step counts brackets") {
        std::vector<double> ops;
        for (int i = 0; i < k_bundle_max_depth; ++i) ops.insert(ops.end(), {5, 1});
        ops.push_back(0);
        // At the limit the tape reads; the document step then wants an object.
        CHECK(tape_error(ops) == std::string(k_source) + ": expected a JSON object at the top level");
        ops.pop_back();
        ops.insert(ops.end(), {6, 0});
        CHECK(tape_error(ops) == prefix + std::to_string(2 * k_bundle_max_depth) + ": nested deeper than " +
                                     std::to_string(k_bundle_max_depth) + " levels");
    }
    SUBCASE("invalid UTF-8 in a string or a key") {
        CHECK(tape_error({4, 2}, "\xC3\x28") == prefix + "0: string of 2 bytes at text byte 0 is not valid UTF-8 (at its byte 0)");
        CHECK(tape_error({6, 1, 4, 3, 0}, "a\xED\xA0\x80").find("not valid UTF-8") != std::string::npos); // a surrogate
        // Each string is valid on its own or not at all: a character split across two is refused.
        CHECK(tape_error({5, 2, 4, 1, 4, 1}, "\xC3\xA9") == prefix + "2: string of 1 bytes at text byte 0 is not valid UTF-8 (at its byte 0)");
    }
    SUBCASE("a text or a tape longer than any file within the size limit gives") {
        const std::string text(k_bundle_max_detail_bytes + 1, 'x');
        CHECK(tape_error({4, double(text.size())}, text) ==
              prefix + "0: text of 1048577 bytes, over the 1048576-byte limit");
        const std::vector<double> ops(2 * k_bundle_max_detail_bytes + 1, 0);
        CHECK(tape_error(ops) == prefix + "0: 2097153 ops, over the limit of 2097152");
    }
}
