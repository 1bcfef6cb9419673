// Tests for the bundle format (src/core/bundle.hpp): exact round trips of index, detail and
// manifest, rejection of malformed input with the field path in the message, and the atomic write.
#include "core/bundle.hpp"
#include "core/sha256.hpp"
#include "core/upstream.hpp"
#include "core/validate.hpp"
#include "unit-helpers.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

using namespace exposure;
using namespace exposure::test;

namespace {

Index sample_index() {
    Index index;
    index.version = k_index_version;
    index.groups.push_back({"11-0000", "Management Occupations", 8909910.0});
    index.groups.push_back({"15-0000", "Computer and Mathematical Occupations", std::nullopt});
    OccupationSummary a;
    a.code = "11-1011.00";
    a.title = "Chief Executives";
    a.major_group = 0;
    a.task_count = 3;
    a.task_weight = 5; // two core tasks, one supplemental
    a.rater_weights[0] = {1, 2, 5};
    a.rater_weights[1] = {3, 1, 4};
    a.rater_weights[2] = {0, 0, 0};
    a.automation_quarters = 7;
    a.automation_weight = 3;
    derive_shares(a);
    a.employment = 200480;
    a.median_wage = 208000.5;
    a.wage_flag = WageFlag::TopCoded;
    a.bls_source = BlsSource::Detailed;
    a.projected_change_pct = -7.5;
    a.ms_applicability = 0.155502898114603;
    a.default_exposure = 41.66666666666667;
    OccupationSummary b;
    b.code = "15-2051.00";
    b.title = "Data Scientists \xE2\x80\x94 \"quoted\"";
    b.major_group = 1;
    b.task_count = 0;
    b.wage_flag = WageFlag::Unknown;
    b.bls_source = BlsSource::Missing;
    b.projected_change_pct = -0.0; // written as a double so that the sign survives
    OccupationSummary c = a;
    c.code = "15-2051.01";
    c.ms_applicability = 0.155502898114603; // a tie with a
    c.default_exposure = 0;
    index.occupations = {a, b, c};
    compute_ms_applicability_percentiles(index.occupations);
    return index;
}

OccupationDetail sample_detail() {
    OccupationDetail detail;
    detail.code = "15-2051.00";
    detail.title = "Data Scientists";
    detail.bls_code = "15-2050";
    detail.bls_title = "Data Scientists";
    detail.job_zone = 5;
    Task t1;
    t1.id = 22271;
    t1.text = "Analyze data, with \"quotes\", commas and caf\xC3\xA9.";
    t1.type = TaskType::Core;
    t1.exposure = {ExposureLabel::E1, ExposureLabel::E2, ExposureLabel::E0};
    t1.automation = AutomationLabel::T3;
    t1.default_exposure = 75;
    t1.default_automation = 75;
    Task t2;
    t2.id = 22272;
    t2.text = "A task nobody labelled.";
    t2.type = TaskType::Unspecified;
    detail.tasks = {t1, t2};
    detail.skills = {{"Mathematics", 88, 71}, {"Programming", 75, std::nullopt}};
    Activity act;
    act.id = "4.A.2.a.4.I01";
    act.title = "Analyze data.";
    act.weight = 12.5;
    act.share_user = 0.01;
    act.applicability_ai = 0.3;
    detail.activities = {act};
    detail.work_context = WorkContext{0.5, 0.9, std::nullopt, 0.7};
    MsMeasures ms;
    ms.soc_code = "15-2051";
    ms.coverage_ai = 0.6;
    ms.applicability_ai = 0.35;
    detail.ms = ms;
    return detail;
}

// Parses `text` as JSON, applies `edit`, and returns the re-serialized text.
template <class Edit>
std::string edited(const std::string& text, Edit edit) {
    nlohmann::json doc = nlohmann::json::parse(text);
    edit(doc);
    return doc.dump();
}

std::string index_error(const std::string& text) {
    Index index;
    std::string error;
    CHECK_FALSE(parse_index(bytes_of(text), index, error));
    return error;
}

std::string detail_error(const std::string& text) {
    OccupationDetail detail;
    std::string error;
    CHECK_FALSE(parse_detail(bytes_of(text), detail, error, "occupations/15-2051.00.json"));
    return error;
}

} // namespace

TEST_CASE("an index survives serialize then parse unchanged") {
    const Index index = sample_index();
    Index parsed;
    std::string error;
    REQUIRE_MESSAGE(parse_index(bytes_of(serialize_index(index)), parsed, error), error);
    CHECK(parsed == index);
    CHECK(serialize_index(parsed) == serialize_index(index));
}

TEST_CASE("an occupation detail survives serialize then parse unchanged") {
    const OccupationDetail detail = sample_detail();
    OccupationDetail parsed;
    std::string error;
    REQUIRE_MESSAGE(parse_detail(bytes_of(serialize_detail(detail)), parsed, error), error);
    CHECK(parsed == detail);
    SUBCASE("a detail without optional parts round-trips too") {
        OccupationDetail bare = detail;
        bare.work_context.reset();
        bare.ms.reset();
        bare.job_zone.reset();
        bare.bls_code.clear();
        bare.bls_title.clear();
        REQUIRE_MESSAGE(parse_detail(bytes_of(serialize_detail(bare)), parsed, error), error);
        CHECK(parsed == bare);
    }
}

TEST_CASE("a manifest survives serialize then parse unchanged") {
    Manifest manifest;
    manifest.built_by = "exposure build-data test";
    manifest.upstream.push_back({"gpts-are-gpts", "full_labelset.tsv", "0471612f", sha256_hex(std::string("x"))});
    manifest.counts["occupations"] = 923;
    manifest.matches["projection"] = 850;
    manifest.files["index.json"] = sha256_hex(std::string("index"));
    Manifest parsed;
    std::string error;
    REQUIRE_MESSAGE(parse_manifest(bytes_of(serialize_manifest(manifest)), parsed, error), error);
    CHECK(parsed.built_by == manifest.built_by);
    REQUIRE(parsed.upstream.size() == 1);
    CHECK(parsed.upstream[0].sha256 == manifest.upstream[0].sha256);
    CHECK(parsed.counts == manifest.counts);
    CHECK(parsed.matches == manifest.matches);
    CHECK(parsed.files == manifest.files);
}

TEST_CASE("the reader derives shares, automation mean and the Microsoft percentile from the integers") {
    const Index index = sample_index();
    const OccupationSummary& a = index.occupations[0];
    CHECK(a.shares[0].e1 == 1.0 / 5.0);
    CHECK(a.shares[0].e2 == 2.0 / 5.0);
    CHECK(a.shares[1].known == 4.0 / 5.0);
    CHECK(a.shares[2].known == 0.0);
    CHECK(a.automation_mean == 7.0 / 12.0);
    CHECK(index.occupations[1].shares[0].known == 0.0);      // no tasks: shares 0, not NaN
    CHECK(index.occupations[1].automation_mean == 0.0);      // no automation labels: 0, as v1 had it
    CHECK_FALSE(index.occupations[1].ms_applicability_pct.has_value());
    CHECK(a.ms_applicability_pct == 50.0); // two tied scores: half of the ties, itself included
    const std::string text = serialize_index(index);
    CHECK(text.find("ms_applicability_pct") == std::string::npos);
    CHECK(text.find("\"task_weight\":[5,0,5]") != std::string::npos);
    CHECK(text.find("\"employment\":[200480,null,200480]") != std::string::npos);
}

TEST_CASE("a malformed index is rejected with the field path in the message") {
    const std::string good = serialize_index(sample_index());
    const auto error_of = [&good](auto edit) { return index_error(edited(good, edit)); };
    SUBCASE("bytes that are not JSON") {
        CHECK(index_error("{\"format\": ").find("index.json: not valid JSON") == 0);
    }
    SUBCASE("invalid UTF-8") { CHECK(index_error("{\"format\": \"\xFF\"}").find("not valid JSON") != std::string::npos); }
    SUBCASE("a top level that is not an object") { CHECK(index_error("[1, 2]").find("top level") != std::string::npos); }
    SUBCASE("another format version") {
        const std::string error = error_of([](auto& d) { d["version"] = 99; });
        CHECK(error.find("version") != std::string::npos);
        CHECK(error.find("99") != std::string::npos);
    }
    SUBCASE("a version 1 index, named with both versions") {
        const std::string error = error_of([](auto& d) { d["version"] = 1; });
        CHECK(error.find("index.json: version: this build reads index version 2, the file has version 1") == 0);
    }
    SUBCASE("occupations as the array of objects of version 1") {
        const std::string error = error_of([](auto& d) { d["occupations"] = nlohmann::json::array(); });
        CHECK(error == "index.json: occupations: expected an object");
    }
    SUBCASE("employment of the wrong type") {
        const std::string error = error_of([](auto& d) { d["occupations"]["employment"][1] = "12"; });
        CHECK(error == "index.json: occupations.employment[1]: expected a number or null");
    }
    SUBCASE("a missing column") {
        const std::string error = error_of([](auto& d) { d["occupations"].erase("title"); });
        CHECK(error == "index.json: occupations.title: missing");
    }
    SUBCASE("a column with one entry too few") {
        const std::string error = error_of([](auto& d) { d["occupations"]["title"].erase(2); });
        CHECK(error == "index.json: occupations.title: 2 entries, expected 3 (one per code)");
    }
    SUBCASE("a rater column with one entry too many") {
        const std::string error = error_of([](auto& d) { d["occupations"]["gpt4"].push_back(0); });
        CHECK(error == "index.json: occupations.gpt4: 10 entries, expected 9 (three per code)");
    }
    SUBCASE("an automation column with one pair missing") {
        const std::string error = error_of([](auto& d) {
            d["occupations"]["automation"].erase(5);
            d["occupations"]["automation"].erase(4);
        });
        CHECK(error == "index.json: occupations.automation: 4 entries, expected 6 (two per code)");
    }
    SUBCASE("a weight that is not an integer") {
        const std::string error = error_of([](auto& d) { d["occupations"]["gpt4"][1] = 1.5; });
        CHECK(error == "index.json: occupations.gpt4[1]: expected an integer, got 1.5");
    }
    SUBCASE("a negative weight") {
        const std::string error = error_of([](auto& d) { d["occupations"]["automation"][1] = -3; });
        CHECK(error == "index.json: occupations.automation[1]: expected an integer in [0, 4000], got -3");
    }
    SUBCASE("e1 + e2 above the known weight") {
        const std::string error = error_of([](auto& d) { d["occupations"]["human"][0] = 4; });
        CHECK(error == "index.json: occupations.human[2]: known 5 is less than e1 + e2 = 6 (occupation 11-1011.00)");
    }
    SUBCASE("a known weight above the task weight") {
        const std::string error = error_of([](auto& d) { d["occupations"]["gpt4_alt"][8] = 6; });
        CHECK(error == "index.json: occupations.gpt4_alt[8]: known 6 exceeds the task_weight 5 (occupation 15-2051.01)");
    }
    SUBCASE("an automation weight above the task weight") {
        const std::string error = error_of([](auto& d) { d["occupations"]["automation"][1] = 6; });
        CHECK(error == "index.json: occupations.automation[1]: weight 6 exceeds the task_weight 5 (occupation 11-1011.00)");
    }
    SUBCASE("automation quarters above four times their weight (a mean above T4)") {
        const std::string error = error_of([](auto& d) { d["occupations"]["automation"][0] = 13; });
        CHECK(error == "index.json: occupations.automation[0]: quarters 13 exceed 4 x the weight 3 (occupation 11-1011.00)");
    }
    SUBCASE("a group reference that does not resolve") {
        const std::string error = error_of([](auto& d) { d["occupations"]["group"][0] = 7; });
        CHECK(error == "index.json: occupations.group[0]: expected an integer in [0, 1], got 7");
    }
    SUBCASE("codes out of order") {
        const std::string error = error_of([](auto& d) { std::swap(d["occupations"]["code"][0], d["occupations"]["code"][1]); });
        CHECK(error.find("index.json: occupations.code[1]: codes must be sorted and unique") == 0);
    }
    SUBCASE("a malformed occupation code") {
        const std::string error = error_of([](auto& d) { d["occupations"]["code"][0] = "../../x"; });
        CHECK(error.find("index.json: occupations.code[0]: expected an O*NET-SOC code") == 0);
    }
    SUBCASE("an exposure out of range") {
        const std::string error = error_of([](auto& d) { d["occupations"]["exposure"][2] = 100.5; });
        CHECK(error == "index.json: occupations.exposure[2]: expected a number in [0, 100], got 100.5");
    }
    SUBCASE("an unknown wage flag") {
        const std::string error = error_of([](auto& d) { d["occupations"]["wage_flag"][0] = "#"; });
        CHECK(error.find("index.json: occupations.wage_flag[0]: expected one of") == 0);
    }
    SUBCASE("a wage flag that contradicts the wage") {
        const std::string error = error_of([](auto& d) { d["occupations"]["median_wage"][0] = nullptr; });
        CHECK(error == "index.json: occupations.wage_flag[0]: median_wage is null, so the flag must be \"unknown\"");
    }
}

TEST_CASE("every index build-data makes from the fixtures survives serialize then parse unchanged") {
    UpstreamBuild build;
    std::vector<std::string> errors;
    REQUIRE(build_from_upstream(std::string(EXPOSURE_FIXTURES_DIR) + "/upstream-mini", {}, build, errors));
    const std::string text = serialize_index(build.index);
    Index parsed;
    std::string error;
    REQUIRE_MESSAGE(parse_index(bytes_of(text), parsed, error), error);
    CHECK(parsed == build.index); // shares, automation mean and percentile bit-identical
    CHECK(serialize_index(parsed) == text);
}

TEST_CASE("the real bundle's index survives parse then serialize byte for byte") {
    const std::string dir = std::string(EXPOSURE_SOURCE_DIR) + "/data/bundle";
    if (!std::filesystem::exists(dir + "/index.json")) {
        MESSAGE("skipped: no bundle at " << dir << " (run scripts/setup.sh)");
        return;
    }
    std::vector<uint8_t> bytes;
    std::string error;
    REQUIRE_MESSAGE(read_file_bytes(dir + "/index.json", bytes, error), error);
    Index index;
    REQUIRE_MESSAGE(parse_index(bytes, index, error), error);
    CHECK(index.occupations.size() > 900);
    const std::string text = serialize_index(index);
    CHECK(text == std::string(bytes.begin(), bytes.end()));
    Index again;
    REQUIRE_MESSAGE(parse_index(bytes_of(text), again, error), error);
    CHECK(again == index);
    // Every summary agrees with its integers: the derived doubles are the ones derive_shares gives.
    for (const OccupationSummary& occ : index.occupations) {
        OccupationSummary derived = occ;
        derive_shares(derived);
        CHECK(derived == occ);
    }
}

TEST_CASE("a malformed occupation detail is rejected with the field path in the message") {
    const std::string good = serialize_detail(sample_detail());
    SUBCASE("an unknown exposure label") {
        const std::string error = detail_error(edited(good, [](auto& d) { d["tasks"][0]["gpt4"] = "E3"; }));
        CHECK(error.find("occupations/15-2051.00.json: tasks[0].gpt4: expected one of \"E0\", \"E1\", \"E2\" or null, got \"E3\"") == 0);
    }
    SUBCASE("an unknown automation label") {
        const std::string error = detail_error(edited(good, [](auto& d) { d["tasks"][0]["automation"] = "T9"; }));
        CHECK(error.find("tasks[0].automation") != std::string::npos);
    }
    SUBCASE("a duplicate task ID") {
        const std::string error = detail_error(edited(good, [](auto& d) { d["tasks"][1]["id"] = 22271; }));
        CHECK(error.find("tasks[1].id: duplicate task ID 22271") != std::string::npos);
    }
    SUBCASE("a task ID that is not an integer") {
        const std::string error = detail_error(edited(good, [](auto& d) { d["tasks"][0]["id"] = 1.5; }));
        CHECK(error.find("tasks[0].id: expected an integer") != std::string::npos);
    }
    SUBCASE("a skill importance above 100") {
        const std::string error = detail_error(edited(good, [](auto& d) { d["skills"][1]["importance"] = 101; }));
        CHECK(error.find("skills[1].importance: expected a number in [0, 100], got 101") != std::string::npos);
    }
    SUBCASE("an activity that is not an object") {
        const std::string error = detail_error(edited(good, [](auto& d) { d["activities"][0] = 3; }));
        CHECK(error.find("activities[0]: expected an object") != std::string::npos);
    }
    SUBCASE("a Microsoft block of the wrong type") {
        const std::string error = detail_error(edited(good, [](auto& d) { d["ms"] = "n/a"; }));
        CHECK(error.find("ms: expected an object or null") != std::string::npos);
    }
    SUBCASE("an automation value without its label") {
        const std::string error = detail_error(edited(good, [](auto& d) { d["tasks"][0]["automation"] = nullptr; }));
        CHECK(error.find("tasks[0].automation_value") != std::string::npos);
    }
}

TEST_CASE("only well-formed O*NET-SOC codes name detail files") {
    CHECK(is_onet_code("15-2051.00"));
    CHECK(is_onet_code("11-1011.03"));
    CHECK_FALSE(is_onet_code("15-2051"));
    CHECK_FALSE(is_onet_code("15-2051.0a"));
    CHECK_FALSE(is_onet_code("../15-2051"));
    CHECK_FALSE(is_onet_code("152051.00 "));
    CHECK(detail_path("15-2051.00") == "occupations/15-2051.00.json");
}

TEST_CASE("sha256 matches the FIPS 180-4 examples") {
    CHECK(sha256_hex(std::string_view("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex(std::string_view("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex(std::string_view("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    SUBCASE("hashing in chunks gives the same sum as hashing at once") {
        std::string text(1000, 'a');
        Sha256 hash;
        for (std::size_t i = 0; i < text.size(); i += 7) hash.update(std::string_view(text).substr(i, 7));
        CHECK(hash.hex() == sha256_hex(text));
    }
}

TEST_CASE("write_bundle writes a complete bundle that load_* reads back") {
    namespace fs = std::filesystem;
    const fs::path root = fs::temp_directory_path() / ("exposure-bundle-test-" + std::to_string(::getpid()));
    fs::remove_all(root);
    const std::string out = (root / "bundle").string();
    Index index = sample_index();
    index.occupations.pop_back(); // one occupation, one detail
    OccupationDetail detail = sample_detail();
    detail.code = index.occupations[0].code;
    Manifest manifest;
    manifest.built_by = "test";
    std::string error;
    REQUIRE_MESSAGE(write_bundle(out, index, {detail}, manifest, error), error);

    Index loaded_index;
    OccupationDetail loaded_detail;
    Manifest loaded_manifest;
    REQUIRE_MESSAGE(load_index(out, loaded_index, error), error);
    REQUIRE_MESSAGE(load_detail(out, detail.code, loaded_detail, error), error);
    REQUIRE_MESSAGE(load_manifest(out, loaded_manifest, error), error);
    CHECK(loaded_index == index);
    CHECK(loaded_detail == detail);
    CHECK(loaded_manifest.files.size() == 2);
    std::vector<uint8_t> bytes;
    REQUIRE(read_file_bytes((fs::path(out) / k_index_file).string(), bytes, error));
    CHECK(loaded_manifest.files["index.json"] == sha256_hex(bytes));

    SUBCASE("rewriting replaces the bundle and leaves no temporary folder") {
        index.occupations[0].title = "Chief Executives (rebuilt)";
        REQUIRE_MESSAGE(write_bundle(out, index, {detail}, manifest, error), error);
        REQUIRE(load_index(out, loaded_index, error));
        CHECK(loaded_index.occupations[0].title == "Chief Executives (rebuilt)");
        int entries = 0;
        for ([[maybe_unused]] const auto& entry : fs::directory_iterator(root)) ++entries;
        CHECK(entries == 1);
    }
    SUBCASE("a folder that is not a bundle is never replaced") {
        const fs::path other = root / "not-a-bundle";
        fs::create_directories(other);
        { std::FILE* f = std::fopen((other / "precious.txt").string().c_str(), "w"); std::fclose(f); }
        CHECK_FALSE(write_bundle(other.string(), index, {detail}, manifest, error));
        CHECK(error.find("not a bundle") != std::string::npos);
        CHECK(fs::exists(other / "precious.txt"));
    }
    SUBCASE("a missing detail file is an error naming its path") {
        CHECK_FALSE(load_detail(out, "99-9999.00", loaded_detail, error));
        CHECK(error.find("occupations/99-9999.00.json") != std::string::npos);
    }
    SUBCASE("a code that is not an O*NET-SOC code is refused before touching the disk") {
        CHECK_FALSE(load_detail(out, "../index", loaded_detail, error));
        CHECK(error.find("not an O*NET-SOC code") != std::string::npos);
    }
    fs::remove_all(root);
}

// ---------------------------------------------------------------------------------------------
// validate_bundle on the fixture bundle and on broken copies of it

namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& path) {
    std::vector<uint8_t> bytes;
    std::string error;
    REQUIRE_MESSAGE(read_file_bytes(path.string(), bytes, error), error);
    return std::string(bytes.begin(), bytes.end());
}

void spit(const fs::path& path, const std::string& text) {
    std::FILE* file = std::fopen(path.string().c_str(), "wb");
    REQUIRE(file);
    std::fwrite(text.data(), 1, text.size(), file);
    std::fclose(file);
}

// A freshly built fixture bundle in a temp folder, removed at the end of the test.
struct ScratchBundle {
    fs::path dir;
    explicit ScratchBundle(const char* name) {
        dir = fs::temp_directory_path() / ("exposure-validate-" + std::string(name) + "-" + std::to_string(::getpid()));
        fs::remove_all(dir);
        UpstreamBuild build;
        std::vector<std::string> errors;
        REQUIRE(build_from_upstream(std::string(EXPOSURE_FIXTURES_DIR) + "/upstream-mini", {}, build, errors));
        std::string error;
        REQUIRE_MESSAGE(write_bundle(dir.string(), build.index, build.details, build.manifest, error), error);
    }
    ~ScratchBundle() { fs::remove_all(dir); }

    // Rewrites a bundle file through a JSON edit, then (optionally) re-signs it in the manifest, so
    // that only the content check can catch the change.
    template <class Edit>
    void edit_json(const std::string& relative, Edit edit, bool resign) {
        nlohmann::json doc = nlohmann::json::parse(slurp(dir / relative));
        edit(doc);
        const std::string text = doc.dump();
        spit(dir / relative, text);
        if (resign) {
            Manifest manifest;
            std::string error;
            REQUIRE(load_manifest(dir.string(), manifest, error));
            manifest.files[relative] = sha256_hex(text);
            spit(dir / k_manifest_file, serialize_manifest(manifest));
        }
    }

    std::string error() const {
        ValidationReport report;
        std::string error;
        CHECK_FALSE(validate_bundle(dir.string(), report, error));
        return error;
    }
};

} // namespace

TEST_CASE("validate accepts the bundle built from the fixtures") {
    ScratchBundle bundle("ok");
    ValidationReport report;
    std::string error;
    REQUIRE_MESSAGE(validate_bundle(bundle.dir.string(), report, error), error);
    CHECK(report.occupations == 5);
    CHECK(report.tasks == 12);
    CHECK(report.files == 6);
}

TEST_CASE("validate names the file and field of the first problem of a broken bundle") {
    ScratchBundle bundle("broken");
    const std::string actors = "occupations/27-2011.00.json";
    SUBCASE("a file changed after the build fails its checksum") {
        bundle.edit_json(actors, [](auto& d) { d["title"] = "Actresses"; }, false);
        const std::string error = bundle.error();
        CHECK(error.find(actors + ": SHA-256 ") == 0);
        CHECK(error.find("does not match the manifest") != std::string::npos);
    }
    SUBCASE("a missing detail file") {
        fs::remove(bundle.dir / actors);
        CHECK(bundle.error() == actors + ": missing or unreadable");
    }
    SUBCASE("a stray file in occupations/") {
        spit(bundle.dir / "occupations/99-9999.00.json", "{}");
        CHECK(bundle.error() == "occupations/99-9999.00.json: not an occupation of index.json (stray file)");
    }
    SUBCASE("a missing manifest") {
        fs::remove(bundle.dir / k_manifest_file);
        CHECK(bundle.error() == "manifest.json: missing or unreadable");
    }
    SUBCASE("a manifest that is not JSON") {
        spit(bundle.dir / k_manifest_file, "{\"format\": ");
        CHECK(bundle.error().find("manifest.json: not valid JSON") == 0);
    }
    SUBCASE("a detail field of the wrong kind, even when re-signed") {
        bundle.edit_json(actors, [](auto& d) { d["tasks"][1]["human"] = "E9"; }, true);
        CHECK(bundle.error().find(actors + ": tasks[1].human: expected one of") == 0);
    }
    SUBCASE("an index that disagrees with the detail's labels") {
        bundle.edit_json("index.json", [](auto& d) { d["occupations"]["human"][9] = 1; }, true);
        CHECK(bundle.error() == "index.json: occupations.human[9]: does not match the labels in " + actors);
    }
    SUBCASE("an index task weight that disagrees with the detail's task types") {
        bundle.edit_json("index.json", [](auto& d) { d["occupations"]["task_weight"][3] = 6; }, true);
        CHECK(bundle.error() == "index.json: occupations.task_weight[3]: 6 but the tasks in " + actors + " weigh 5");
    }
    SUBCASE("automation weights that disagree with the detail's labels") {
        bundle.edit_json("index.json", [](auto& d) { d["occupations"]["automation"][6] = 4; }, true);
        CHECK(bundle.error() == "index.json: occupations.automation[6]: does not match the labels in " + actors);
    }
    SUBCASE("a stored task exposure that disagrees with its labels") {
        bundle.edit_json(actors, [](auto& d) { d["tasks"][0]["exposure"] = 99.0; }, true);
        CHECK(bundle.error() == actors + ": tasks[0].exposure: does not match the task's labels");
    }
    SUBCASE("a task count that disagrees with the detail") {
        bundle.edit_json("index.json", [](auto& d) { d["occupations"]["task_count"][3] = 4; }, true);
        CHECK(bundle.error().find("index.json: occupations.task_count[3]: 4 but") == 0);
    }
    SUBCASE("a detail whose code is not the one its file is named for") {
        bundle.edit_json(actors, [](auto& d) { d["code"] = "27-2011.01"; }, true);
        CHECK(bundle.error() == actors + ": code: \"27-2011.01\" but the file is named for 27-2011.00");
    }
    SUBCASE("a manifest count that disagrees with the files") {
        bundle.edit_json("manifest.json", [](auto& d) { d["counts"]["tasks"] = 13; }, false);
        CHECK(bundle.error() == "manifest.json: counts.tasks: 13 but the bundle has 12");
    }
    SUBCASE("a manifest that lists a file outside the bundle") {
        bundle.edit_json("manifest.json", [](auto& d) { d["files"]["extra.json"] = std::string(64, 'a'); }, false);
        CHECK(bundle.error() == "manifest.json: files.extra.json: lists a file that is not part of the bundle");
    }
    SUBCASE("a group without occupations") {
        bundle.edit_json("index.json", [](auto& d) { d["groups"].push_back({{"code", "99-0000"}, {"title", "Nobody"}, {"employment", nullptr}}); }, true);
        CHECK(bundle.error() == "index.json: groups[4]: no occupation belongs to this group");
    }
    SUBCASE("a folder that is not a bundle") {
        ValidationReport report;
        std::string error;
        CHECK_FALSE(validate_bundle((bundle.dir / "nowhere").string(), report, error));
        CHECK(error.find("not a folder") == 0);
    }
}
