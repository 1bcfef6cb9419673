// Robustness tests (issue 8): the catalogue of bad inputs (tests/bad-inputs/catalogue.json) fed to
// the real readers, the scenario decoder and the `exposure` CLI; the limits the readers enforce;
// regression tests for what fuzzing (fuzz/, scripts/fuzz.sh) found.
// Every case checks the message (a substring naming what and where), that nothing crashed (the
// CLI runs as a process; the asan preset runs all of this under ASan + UBSan) and that nothing was
// left half-written. The browser kinds of the catalogue run in tests/web/robustness.test.mjs.
//
// [SECTION] Helpers      scratch folders, the catalogue, running the CLI
// [SECTION] Catalogue    one TEST_CASE per kind of input
// [SECTION] Limits       each reader's bounds, at and just over the limit
// [SECTION] Regressions  inputs found by fuzzing
#include "core/bundle.hpp"
#include "core/csv_reader.hpp"
#include "core/scenario.hpp"
#include "core/upstream.hpp"
#include "core/validate.hpp"
#include "unit-helpers.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

using namespace exposure;
using namespace exposure::test;
namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Helpers
//-----------------------------------------------------------------------------

const fs::path k_bad_inputs = fs::path(EXPOSURE_SOURCE_DIR) / "tests" / "bad-inputs";

void write_text(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(text.data(), std::streamsize(text.size()));
    REQUIRE(bool(out));
}

// A fresh folder for one test, removed when the test ends.
class Scratch {
public:
    explicit Scratch(const std::string& name)
        : path_(fs::temp_directory_path() / ("exposure-robustness-" + std::to_string(::getpid()) + "-" + name)) {
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ~Scratch() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

// The catalogue's cases of one kind.
std::vector<Json> cases_of(const std::string& kind) {
    const Json doc = Json::parse(read_text(k_bad_inputs / "catalogue.json"));
    std::vector<Json> out;
    for (const Json& c : doc.at("cases"))
        if (c.at("kind") == kind) out.push_back(c);
    return out;
}

// The input bytes of a case: "file" (under tests/bad-inputs), "text", or "generate" (head, then
// `repeat` `times` times, then tail: inputs too large to keep in the repository).
std::string input_of(const Json& c) {
    if (c.contains("file")) return read_text(k_bad_inputs / c.at("file").get<std::string>());
    if (c.contains("text")) return c.at("text").get<std::string>();
    const Json& g = c.at("generate");
    std::string text = g.at("head").get<std::string>();
    const std::string repeat = g.at("repeat").get<std::string>();
    const int times = g.at("times").get<int>();
    text.reserve(text.size() + repeat.size() * std::size_t(times) + 64);
    for (int i = 0; i < times; ++i) text += repeat;
    return text + g.at("tail").get<std::string>();
}

// The valid upstream files every upstream case starts from (invented, tests/bad-inputs/upstream-base).
void copy_upstream_base(const fs::path& to) {
    fs::create_directories(to);
    fs::copy(k_bad_inputs / "upstream-base", to, fs::copy_options::recursive);
}

// A valid bundle built from those files, as build-data writes it.
void write_base_bundle(const fs::path& upstream, const fs::path& out) {
    UpstreamBuild build;
    std::vector<std::string> errors;
    REQUIRE_MESSAGE(build_from_upstream(upstream.string(), UpstreamOptions{}, build, errors),
                    (errors.empty() ? std::string() : errors.front()));
    std::string error;
    REQUIRE_MESSAGE(write_bundle(out.string(), build.index, build.details, build.manifest, error), error);
}

// Files or folders beside `path` whose names start with its name plus ".tmp-" or ".old-": what an
// interrupted atomic write would leave.
std::vector<std::string> leftovers_beside(const fs::path& path) {
    std::vector<std::string> found;
    if (!fs::exists(path.parent_path())) return found;
    const std::string stem = path.filename().string();
    for (const auto& entry : fs::directory_iterator(path.parent_path())) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(stem + ".tmp-", 0) == 0 || name.rfind(stem + ".old-", 0) == 0) found.push_back(name);
    }
    return found;
}

#ifdef EXPOSURE_CLI
// One run of the `exposure` CLI as a separate process.
struct CliRun {
    int status = -1;
    std::string out, err;
};

std::string shell_quoted(const std::string& arg) {
    std::string quoted = "'";
    for (const char c : arg) {
        if (c == '\'') quoted += "'\\''";
        else quoted += c;
    }
    return quoted + "'";
}

CliRun run_cli(const std::vector<std::string>& args, const fs::path& scratch) {
    std::string command = shell_quoted(EXPOSURE_CLI);
    for (const std::string& arg : args) command += " " + shell_quoted(arg);
    const fs::path out = scratch / "cli.stdout", err = scratch / "cli.stderr";
    command += " >" + shell_quoted(out.string()) + " 2>" + shell_quoted(err.string()) + " </dev/null";
    const int raw = std::system(command.c_str());
    CliRun run;
    run.status = raw != -1 && WIFEXITED(raw) ? WEXITSTATUS(raw) : -1; // a signal (a crash) counts as -1
    run.out = read_text(out);
    run.err = read_text(err);
    fs::remove(out);
    fs::remove(err);
    return run;
}
#endif

// "{bundle}", "{upstream}" and "{tmp}" in a CLI argument.
std::string substitute(std::string text, const fs::path& tmp, const fs::path& bundle, const fs::path& upstream) {
    for (const auto& [key, value] : {std::pair<std::string, std::string>{"{tmp}", tmp.string()},
                                     {"{bundle}", bundle.string()}, {"{upstream}", upstream.string()}}) {
        for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size()))
            text.replace(at, key.size(), value);
    }
    return text;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Catalogue
//-----------------------------------------------------------------------------

TEST_CASE("the catalogue of bad inputs holds at least 40 cases, each with an id, a kind and a message") {
    const Json doc = Json::parse(read_text(k_bad_inputs / "catalogue.json"));
    const Json& cases = doc.at("cases");
    CHECK(cases.size() >= 40);
    std::vector<std::string> ids;
    for (const Json& c : cases) {
        const std::string id = c.value("id", "");
        CAPTURE(id);
        CHECK(!id.empty());
        CHECK(!c.value("kind", "").empty());
        CHECK(c.contains("expect"));
        CHECK(std::find(ids.begin(), ids.end(), id) == ids.end());
        ids.push_back(id);
    }
}

TEST_CASE("every bad bundle file in the catalogue is refused with the file and field named, by the reader and the CLI") {
    Scratch scratch("bundle");
    copy_upstream_base(scratch.path() / "upstream");
    write_base_bundle(scratch.path() / "upstream", scratch.path() / "base");
    const std::vector<Json> cases = cases_of("bundle");
    REQUIRE(!cases.empty());
    for (const Json& c : cases) {
        const std::string id = c.at("id"), target = c.at("target"), run = c.at("run"), expect = c.at("expect");
        CAPTURE(id);
        const fs::path dir = scratch.path() / id;
        fs::copy(scratch.path() / "base", dir, fs::copy_options::recursive);
        if (c.value("delete", false)) fs::remove(dir / target);
        else write_text(dir / target, input_of(c));

        // The reader, in process (what the native app and the web core call).
        std::string error;
        bool ok = false;
        if (run == "validate") {
            ValidationReport report;
            ok = validate_bundle(dir.string(), report, error);
        } else {
            Index index;
            ok = load_index(dir.string(), index, error);
            if (ok && target != k_index_file) {
                const std::string code = fs::path(target).stem().string();
                OccupationDetail detail;
                ok = load_detail(dir.string(), code, detail, error);
            }
        }
        CHECK_FALSE(ok);
        CHECK_MESSAGE(contains(error, expect), "got: " << error);

#ifdef EXPOSURE_CLI
        // The CLI: exit status 1, the message on stderr, nothing on stdout.
        std::vector<std::string> args;
        if (run == "show") args = {"show", "15-2051.00", "--data", dir.string()};
        else if (run == "score") args = {"score", "--all", "--data", dir.string()};
        else args = {"validate", "--data", dir.string()};
        const CliRun cli = run_cli(args, scratch.path());
        CHECK(cli.status == 1);
        CHECK_MESSAGE(contains(cli.err, expect), "stderr: " << cli.err);
        CHECK_MESSAGE(cli.out.empty(), "stdout: " << cli.out.substr(0, 200));
#endif
        fs::remove_all(dir);
    }
}

TEST_CASE("every bad scenario text in the catalogue is refused with its position, leaving the default scenario") {
    const std::vector<Json> cases = cases_of("scenario");
    REQUIRE(!cases.empty());
    Scratch scratch("scenario");
    for (const Json& c : cases) {
        const std::string id = c.at("id"), expect = c.at("expect"), text = input_of(c);
        CAPTURE(id);
        const ScenarioParse parsed = decode_scenario(text);
        CHECK_FALSE(parsed.ok());
        CHECK_MESSAGE(contains(parsed.error, expect), "got: " << parsed.error);
        CHECK(parsed.scenario == Scenario{});
#ifdef EXPOSURE_CLI
        const CliRun cli = run_cli({"scenario", "decode", text}, scratch.path());
        CHECK(cli.status == 1);
        CHECK_MESSAGE(contains(cli.err, expect), "stderr: " << cli.err);
        CHECK(cli.out.empty());
#endif
    }
}

TEST_CASE("every bad upstream file in the catalogue is reported as file:line:column and no bundle is written") {
    const std::vector<Json> cases = cases_of("upstream");
    REQUIRE(!cases.empty());
    Scratch scratch("upstream");
    for (const Json& c : cases) {
        const std::string id = c.at("id"), expect = c.at("expect");
        CAPTURE(id);
        const fs::path dir = scratch.path() / id;
        copy_upstream_base(dir / "upstream");
        if (c.contains("dir"))
            fs::copy(k_bad_inputs / c.at("dir").get<std::string>(), dir / "upstream",
                     fs::copy_options::recursive | fs::copy_options::overwrite_existing);
        if (c.contains("delete")) fs::remove(dir / "upstream" / c.at("delete").get<std::string>());

        UpstreamBuild build;
        std::vector<std::string> errors;
        CHECK_FALSE(build_from_upstream((dir / "upstream").string(), UpstreamOptions{}, build, errors));
        bool found = false;
        for (const std::string& e : errors) found = found || contains(e, expect);
        std::string all;
        for (const std::string& e : errors) all += e + "\n";
        CHECK_MESSAGE(found, "errors:\n" << all);

#ifdef EXPOSURE_CLI
        const fs::path out = dir / "bundle";
        const CliRun cli = run_cli({"build-data", "--upstream", (dir / "upstream").string(), "--out", out.string(),
                                    "--no-pins", "--no-floors"},
                                   scratch.path());
        CHECK(cli.status == 1);
        CHECK_MESSAGE(contains(cli.err, expect), "stderr: " << cli.err);
        CHECK_FALSE(fs::exists(out));
        CHECK(leftovers_beside(out).empty());
#endif
        fs::remove_all(dir);
    }
}

#ifdef EXPOSURE_CLI
TEST_CASE("every bad command line in the catalogue gets its exit status and message, and touches no files") {
    const std::vector<Json> cases = cases_of("cli");
    REQUIRE(!cases.empty());
    Scratch scratch("cli");
    copy_upstream_base(scratch.path() / "upstream");
    write_base_bundle(scratch.path() / "upstream", scratch.path() / "bundle");
    for (const Json& c : cases) {
        const std::string id = c.at("id"), expect = c.at("expect");
        CAPTURE(id);
        const fs::path tmp = scratch.path() / id;
        fs::create_directories(tmp);
        const auto sub = [&](const std::string& text) {
            return substitute(text, tmp, scratch.path() / "bundle", scratch.path() / "upstream");
        };
        if (c.contains("setup")) write_text(sub(c.at("setup")), "kept\n");
        std::vector<std::string> args;
        for (const Json& a : c.at("args")) args.push_back(sub(a.get<std::string>()));
        const CliRun cli = run_cli(args, scratch.path());
        CHECK(cli.status == c.at("exit").get<int>());
        CHECK_MESSAGE(contains(cli.err, expect), "stderr: " << cli.err);
        if (!c.value("logs", false)) CHECK_MESSAGE(cli.out.empty(), "stdout: " << cli.out.substr(0, 200));
        for (const Json& p : c.value("absent", Json::array())) {
            CHECK_MESSAGE(!fs::exists(sub(p)), sub(p));
            CHECK(leftovers_beside(sub(p)).empty());
        }
        for (const Json& p : c.value("present", Json::array())) CHECK_MESSAGE(fs::exists(sub(p)), sub(p));
        CHECK(leftovers_beside(tmp / "keep").empty());
    }
}
#endif

//-----------------------------------------------------------------------------
// [SECTION] Limits
//-----------------------------------------------------------------------------

TEST_CASE("read_file_bytes stops at its size limit, even on a file without end") {
    std::vector<uint8_t> bytes;
    std::string error;
    SUBCASE("an endless device") {
        CHECK_FALSE(read_file_bytes("/dev/zero", bytes, error, 1 << 20));
        CHECK(error == "/dev/zero: larger than the 1048576-byte limit");
        CHECK(bytes.empty());
    }
    SUBCASE("a file one byte over and one exactly at the limit") {
        Scratch scratch("read-limit");
        write_text(scratch.path() / "over", std::string(101, 'x'));
        write_text(scratch.path() / "at", std::string(100, 'x'));
        CHECK_FALSE(read_file_bytes((scratch.path() / "over").string(), bytes, error, 100));
        CHECK(contains(error, "over: larger than the 100-byte limit"));
        CHECK(read_file_bytes((scratch.path() / "at").string(), bytes, error, 100));
        CHECK(bytes.size() == 100);
    }
}

TEST_CASE("the bundle reader accepts nesting up to its depth limit and refuses one level more") {
    // The index's own structure is 3 levels deep (format 2: document, occupations, column); a
    // padding member shows where the limit falls. An empty index is what serialize_index writes.
    const std::string empty = serialize_index(Index{});
    const auto index_with_padding = [&empty](int levels) {
        std::string pad;
        for (int i = 0; i < levels; ++i) pad += '[';
        for (int i = 0; i < levels; ++i) pad += ']';
        return "{\"pad\":" + pad + "," + empty.substr(1);
    };
    Index index;
    std::string error;
    CHECK(parse_index(bytes_of(index_with_padding(k_bundle_max_depth - 1)), index, error));
    CHECK_FALSE(parse_index(bytes_of(index_with_padding(k_bundle_max_depth)), index, error));
    CHECK(contains(error, "index.json: nested deeper than 12 levels"));
    SUBCASE("brackets inside strings do not count") {
        const std::string text = "{\"pad\":\"" + std::string(100, '[') + "\\\"\"," + empty.substr(1);
        CHECK_MESSAGE(parse_index(bytes_of(text), index, error), error);
    }
}

TEST_CASE("the CSV reader refuses a field, a record or a file over its limits with the position") {
    CsvTable table;
    std::string error;
    SUBCASE("a field one byte over the limit") {
        CHECK(read_csv("a,b\n1," + std::string(k_csv_max_field_bytes, 'x') + "\n", ',', "f.csv", table, error));
        CHECK_FALSE(read_csv("a,b\n1," + std::string(k_csv_max_field_bytes + 1, 'x') + "\n", ',', "f.csv", table, error));
        CHECK(error == "f.csv:2:3: field of 4097 bytes, over the 4096-byte limit");
    }
    SUBCASE("a record with more fields than the limit") {
        const std::string header = std::string(k_csv_max_fields, ',') + "\n"; // k_csv_max_fields + 1 empty fields
        CHECK_FALSE(read_csv(header, ',', "f.csv", table, error));
        CHECK(error == "f.csv:1:4097: more than 4096 fields in one record (the limit)");
    }
    SUBCASE("more records than the limit") {
        std::string text;
        text.reserve(2 * (k_csv_max_records + 2));
        for (std::size_t i = 0; i <= k_csv_max_records; ++i) text += "a\n";
        CHECK_FALSE(read_csv(text, ',', "f.csv", table, error));
        CHECK(error == "f.csv:1000001:1: more than 1000000 records (the limit)");
    }
}

TEST_CASE("build-data refuses upstream data that would make a bundle the reader refuses") {
    Scratch scratch("upstream-limits");
    const fs::path upstream = scratch.path() / "upstream";
    copy_upstream_base(upstream);
    const fs::path labels = upstream / "gpts-are-gpts" / "full_labelset.tsv";
    const std::string header = read_text(labels).substr(0, read_text(labels).find('\n') + 1);
    UpstreamBuild build;
    std::vector<std::string> errors;
    const auto all = [&] {
        std::string text;
        for (const std::string& e : errors) text += e + "\n";
        return text;
    };
    SUBCASE("an occupation with more tasks than a detail file may hold") {
        std::string text = header;
        for (std::size_t i = 0; i <= k_bundle_max_items; ++i)
            text += std::to_string(i) + "\t15-2051.00\t" + std::to_string(1000 + i) +
                    ".0\tDo a thing.\tCore\tData Scientists\tE1\tE1\tE1\tT1\n";
        write_text(labels, text);
        CHECK_FALSE(build_from_upstream(upstream.string(), UpstreamOptions{}, build, errors));
        CHECK_MESSAGE(contains(all(), "full_labelset.tsv:2:1: occupation 15-2051.00 has 2001 tasks, over the bundle's limit of 2000"), all());
    }
    SUBCASE("more occupations than the index may hold") {
        std::string text = header;
        for (std::size_t i = 0; i <= k_bundle_max_occupations; ++i) {
            char code[16];
            std::snprintf(code, sizeof code, "15-%04zu.%02zu", i / 100, i % 100);
            text += std::to_string(i) + "\t" + code + "\t" + std::to_string(1000 + i) +
                    ".0\tDo a thing.\tCore\tOccupation " + code + "\tE1\tE1\tE1\tT1\n";
        }
        write_text(labels, text);
        CHECK_FALSE(build_from_upstream(upstream.string(), UpstreamOptions{}, build, errors));
        CHECK_MESSAGE(contains(all(), "full_labelset.tsv: 10001 occupations, over the bundle's limit of 10000"), all());
    }
    SUBCASE("an upstream file over the size limit") {
        const std::string big(k_upstream_max_file_bytes + 1, '\n');
        write_text(upstream / "working-with-ai" / "soc_metrics.csv", big);
        CHECK_FALSE(build_from_upstream(upstream.string(), UpstreamOptions{}, build, errors));
        CHECK_MESSAGE(contains(all(), "soc_metrics.csv: larger than the 67108864-byte limit"), all());
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Regressions
//-----------------------------------------------------------------------------
// Inputs that once broke a reader's promise, each test named for the bug. Inputs found by the fuzz
// targets are also kept in fuzz/regressions/<target>/, which the fuzz preset's CTest tests replay.

TEST_CASE("a refused label value is described, not copied whole into the message") {
    // Bug: the reader put the offending value's full JSON text into the error, so one huge or deeply
    // nested value made a message as large as the file (and a recursive dump of the nesting).
    const std::string huge(100000, 'x');
    const std::string text = "{\"format\":\"exposure-occupation\",\"version\":1,\"code\":\"15-2051.00\",\"title\":\"T\","
                             "\"bls\":{\"code\":\"\",\"title\":\"\"},\"job_zone\":null,\"tasks\":[{\"id\":1,\"text\":\"t\","
                             "\"type\":\"" + huge + "\"}],\"skills\":[],\"activities\":[],\"work_context\":null,\"ms\":null}";
    OccupationDetail detail;
    std::string error;
    CHECK_FALSE(parse_detail(bytes_of(text), detail, error));
    CHECK(error == "detail: tasks[0].type: expected one of \"core\", \"supplemental\", \"unspecified\", got a string "
                   "of 100000 bytes");
    SUBCASE("an array is named by its kind") {
        std::string array = "[";
        for (int k = 0; k < 5000; ++k) array += "1,";
        array += "1]";
        const std::string with_array = "{\"format\":\"exposure-occupation\",\"version\":1,\"code\":\"15-2051.00\","
                                       "\"title\":\"T\",\"bls\":{\"code\":\"\",\"title\":\"\"},\"job_zone\":null,"
                                       "\"tasks\":[{\"id\":1,\"text\":\"t\",\"type\":" + array + "}],\"skills\":[],"
                                       "\"activities\":[],\"work_context\":null,\"ms\":null}";
        CHECK_FALSE(parse_detail(bytes_of(with_array), detail, error));
        CHECK(error == "detail: tasks[0].type: expected one of \"core\", \"supplemental\", \"unspecified\", got an array");
    }
}
