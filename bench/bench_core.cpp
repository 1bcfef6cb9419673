// Benchmarks of the scoring core (issue 4 / 7), one source for both builds: natively against
// Debian's libbenchmark, and compiled to WebAssembly against the same Google Benchmark 1.7.1 built
// from Debian's source package (scripts/fetch_benchmark.sh), run under Node.
// Budgets (issue 7): one-occupation recompute <= 5 us; re-rank of all 923 <= 200 us natively and
// <= 1 ms in WebAssembly. parse_index (no budget of its own) is the largest single cost of the web
// widget's first view. A benchmark measures and reports; it asserts nothing.
//
// Usage: exposure_bench [--data=DIR] [Google Benchmark flags]   (DIR: a bundle, default data/bundle)
#include "core/bundle.hpp"
#include "core/scenario.hpp"
#include "core/scoring.hpp"

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#ifndef EXPOSURE_DEFAULT_DATA_DIR
#define EXPOSURE_DEFAULT_DATA_DIR "data/bundle"
#endif

namespace {

using namespace exposure;

// Everything the benchmarks read, loaded once in main and captured by reference.
struct BenchData {
    Index index;
    std::vector<uint8_t> index_bytes; // index.json as read, for parse_index
    std::string detail_file;            // the largest detail file by bytes, for parse_detail(_tape)
    std::vector<uint8_t> detail_bytes;  // its text
    std::vector<double> detail_ops;     // its tape (bundle.hpp), as the page writes it after JSON.parse
    std::string detail_text;
    OccupationDetail largest; // the occupation with the most tasks
    Scenario whatif;          // three changes on the largest occupation
    Scenario many_tasks;      // an override on every task of the largest occupation
};

// The three-change scenario of the issue: one rater off, lens gamma, one task's capability.
Scenario three_changes(const OccupationDetail& detail) {
    Scenario s;
    s.rater_weights[0] = 0.5;
    s.lens = Lens::Gamma;
    if (!detail.tasks.empty()) set_task_capability(s, detail.tasks.front().id, 80);
    return s;
}

void recompute(benchmark::State& state, const BenchData& data, const Scenario& scenario) {
    OccupationScores scores;
    score_occupation(data.largest, scenario, scores); // size the storage once
    for (auto _ : state) {
        score_occupation(data.largest, scenario, scores);
        benchmark::DoNotOptimize(scores.exposure);
        benchmark::ClobberMemory();
    }
    state.counters["tasks"] = double(data.largest.tasks.size());
}

void rerank(benchmark::State& state, const BenchData& data) {
    Ranking ranking;
    Scenario scenarios[2];
    scenarios[1].lens = Lens::Gamma;
    scenarios[1].rater_weights = {1, 0.5, 0.25};
    rank_all(data.index, scenarios[0], ranking); // prepare the employment weights once
    int flip = 0;
    for (auto _ : state) {
        // A changed global setting every time, as when a user drags the lens or a rater weight.
        rank_all(data.index, scenarios[flip], ranking);
        flip ^= 1;
        benchmark::DoNotOptimize(ranking.exposure.data());
        benchmark::ClobberMemory();
    }
    state.counters["occupations"] = double(data.index.occupations.size());
}

void encode(benchmark::State& state, const Scenario& scenario) {
    std::size_t length = 0;
    for (auto _ : state) {
        std::string text = encode_scenario(scenario);
        length = text.size();
        benchmark::DoNotOptimize(text.data());
    }
    state.counters["chars"] = double(length);
}

void decode(benchmark::State& state, const Scenario& scenario) {
    const std::string text = encode_scenario(scenario);
    for (auto _ : state) {
        ScenarioParse parsed = decode_scenario(text);
        benchmark::DoNotOptimize(parsed.scenario.tasks.data());
        if (!parsed.ok()) state.SkipWithError(parsed.error.c_str());
    }
    state.counters["chars"] = double(text.size());
}

// parse_index of the whole index.json (what the web widget does once before its first frame).
void parse(benchmark::State& state, const BenchData& data) {
    Index index;
    std::string error;
    for (auto _ : state) {
        if (!parse_index(data.index_bytes, index, error)) state.SkipWithError(error.c_str());
        benchmark::DoNotOptimize(index.occupations.data());
        benchmark::ClobberMemory();
    }
    state.counters["bytes"] = double(data.index_bytes.size());
    state.counters["occupations"] = double(index.occupations.size());
}

// The columns of an index, as the web widget hands them over from the page's JSON.parse (null as NaN).
IndexColumns columns_of(const Index& index) {
    const auto number = [](const std::optional<double>& v) { return v ? *v : std::nan(""); };
    IndexColumns c;
    for (const MajorGroup& g : index.groups) {
        c.group_code.push_back(g.code);
        c.group_title.push_back(g.title);
        c.group_employment.push_back(number(g.employment));
    }
    std::vector<double>* raters[k_rater_count] = {&c.human, &c.gpt4, &c.gpt4_alt};
    constexpr const char* k_wage_flags[] = {"none", "top_coded", "unknown"};
    constexpr const char* k_bls_sources[] = {"detailed", "broad_group", "missing"};
    for (const OccupationSummary& o : index.occupations) {
        c.code.push_back(o.code);
        c.title.push_back(o.title);
        c.group.push_back(o.major_group);
        c.task_count.push_back(o.task_count);
        c.task_weight.push_back(o.task_weight);
        for (int r = 0; r < k_rater_count; ++r)
            raters[r]->insert(raters[r]->end(), {double(o.rater_weights[r].e1), double(o.rater_weights[r].e2),
                                                 double(o.rater_weights[r].known)});
        c.automation.insert(c.automation.end(), {double(o.automation_quarters), double(o.automation_weight)});
        c.employment.push_back(number(o.employment));
        c.median_wage.push_back(number(o.median_wage));
        c.wage_flag.push_back(k_wage_flags[int(o.wage_flag)]);
        c.bls_source.push_back(k_bls_sources[int(o.bls_source)]);
        c.projected_change_pct.push_back(number(o.projected_change_pct));
        c.ms_applicability.push_back(number(o.ms_applicability));
        c.exposure.push_back(o.default_exposure);
    }
    return c;
}

// index_from_columns alone on the real index's columns: the web widget's part of reading the index
// once the page has parsed index.json itself. The copy it consumes is made outside the timing.
void from_columns(benchmark::State& state, const BenchData& data) {
    const IndexColumns columns = columns_of(data.index);
    Index index;
    std::string error;
    for (auto _ : state) {
        state.PauseTiming();
        IndexColumns copy = columns;
        state.ResumeTiming();
        if (!index_from_columns(std::move(copy), index, error)) state.SkipWithError(error.c_str());
        benchmark::DoNotOptimize(index.occupations.data());
        benchmark::ClobberMemory();
    }
    state.counters["occupations"] = double(index.occupations.size());
}

// parse_detail of the largest detail file: what the web widget did for its first view's detail.
void detail_from_text(benchmark::State& state, const BenchData& data) {
    OccupationDetail detail;
    std::string error;
    for (auto _ : state) {
        if (!parse_detail(data.detail_bytes, detail, error)) state.SkipWithError(error.c_str());
        benchmark::DoNotOptimize(detail.tasks.data());
        benchmark::ClobberMemory();
    }
    state.counters["bytes"] = double(data.detail_bytes.size());
}

// parse_detail_tape of the same file's tape: the web widget's part once the page has JSON.parsed it.
void detail_from_tape(benchmark::State& state, const BenchData& data) {
    OccupationDetail detail;
    std::string error;
    for (auto _ : state) {
        if (!parse_detail_tape(data.detail_ops, data.detail_text, detail, error)) state.SkipWithError(error.c_str());
        benchmark::DoNotOptimize(detail.tasks.data());
        benchmark::ClobberMemory();
    }
    state.counters["ops"] = double(data.detail_ops.size());
}

// Writes `value` as a tape, as the page does from its JSON.parse (every number a double).
void write_tape(const nlohmann::json& value, std::vector<double>& ops, std::string& text) {
    using Json = nlohmann::json;
    switch (value.type()) {
    case Json::value_t::null: ops.push_back(0); break;
    case Json::value_t::boolean: ops.push_back(value.get<bool>() ? 2 : 1); break;
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: ops.insert(ops.end(), {3, value.get<double>()}); break;
    case Json::value_t::string:
        ops.insert(ops.end(), {4, double(value.get_ref<const std::string&>().size())});
        text += value.get_ref<const std::string&>();
        break;
    case Json::value_t::array:
        ops.insert(ops.end(), {5, double(value.size())});
        for (const Json& item : value) write_tape(item, ops, text);
        break;
    default: // object
        ops.insert(ops.end(), {6, double(value.size())});
        for (auto it = value.begin(); it != value.end(); ++it) {
            ops.insert(ops.end(), {4, double(it.key().size())});
            text += it.key();
            write_tape(it.value(), ops, text);
        }
        break;
    }
}

// The largest detail file of the bundle by bytes, its text and its tape.
bool load_largest_detail(const std::string& dir, BenchData& data) {
    std::uintmax_t largest = 0;
    for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(dir) / k_occupations_dir))
        if (entry.is_regular_file() && entry.file_size() > largest) {
            largest = entry.file_size();
            data.detail_file = entry.path().string();
        }
    std::string error;
    if (data.detail_file.empty() || !read_file_bytes(data.detail_file, data.detail_bytes, error)) {
        std::fprintf(stderr, "exposure_bench: %s\n", data.detail_file.empty() ? "no detail files" : error.c_str());
        return false;
    }
    const nlohmann::json doc = nlohmann::json::parse(data.detail_bytes.begin(), data.detail_bytes.end(), nullptr, false);
    if (doc.is_discarded()) {
        std::fprintf(stderr, "exposure_bench: %s: not valid JSON\n", data.detail_file.c_str());
        return false;
    }
    write_tape(doc, data.detail_ops, data.detail_text);
    return true;
}

bool load(const std::string& dir, BenchData& data) {
    std::string error;
    if (!read_file_bytes(dir + "/" + k_index_file, data.index_bytes, error) || !load_index(dir, data.index, error)) {
        std::fprintf(stderr, "exposure_bench: %s\n(build the bundle first: scripts/setup.sh)\n", error.c_str());
        return false;
    }
    const OccupationSummary* largest = nullptr;
    for (const OccupationSummary& o : data.index.occupations)
        if (!largest || o.task_count > largest->task_count) largest = &o;
    if (!largest || !load_detail(dir, largest->code, data.largest, error)) {
        std::fprintf(stderr, "exposure_bench: %s\n", largest ? error.c_str() : "the bundle has no occupation");
        return false;
    }
    if (!load_largest_detail(dir, data)) return false;
    data.whatif = three_changes(data.largest);
    for (const Task& t : data.largest.tasks) {
        set_task_weight(data.many_tasks, t.id, 1.5);
        set_task_capability(data.many_tasks, t.id, 62.5);
    }
    return true;
}

} // namespace

int main(int argc, char** argv) {
    // Our own flag first; Google Benchmark's parser rejects what it does not know.
    std::string dir = EXPOSURE_DEFAULT_DATA_DIR;
    if (const char* env = std::getenv("EXPOSURE_DATA"); env && *env) dir = env;
    std::vector<char*> args;
    for (int i = 0; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg.substr(0, 7) == "--data=") dir = std::string(arg.substr(7));
        else args.push_back(argv[i]);
    }
    int count = int(args.size());
    benchmark::Initialize(&count, args.data());
    if (benchmark::ReportUnrecognizedArguments(count, args.data())) return 2;

    BenchData data;
    if (!load(dir, data)) return 1;
    std::printf("bundle: %s; largest occupation %s (%zu tasks); %zu occupations; largest detail file %s (%zu bytes)\n",
                dir.c_str(), data.largest.code.c_str(), data.largest.tasks.size(), data.index.occupations.size(),
                data.detail_file.c_str(), data.detail_bytes.size());

    const Scenario defaults;
    benchmark::RegisterBenchmark("recompute_occupation/default",
                                 [&](benchmark::State& st) { recompute(st, data, defaults); });
    benchmark::RegisterBenchmark("recompute_occupation/three_changes",
                                 [&](benchmark::State& st) { recompute(st, data, data.whatif); });
    benchmark::RegisterBenchmark("recompute_occupation/every_task_overridden",
                                 [&](benchmark::State& st) { recompute(st, data, data.many_tasks); });
    benchmark::RegisterBenchmark("rerank_all", [&](benchmark::State& st) { rerank(st, data); });
    benchmark::RegisterBenchmark("parse_index", [&](benchmark::State& st) { parse(st, data); });
    benchmark::RegisterBenchmark("index_from_columns", [&](benchmark::State& st) { from_columns(st, data); });
    benchmark::RegisterBenchmark("parse_detail", [&](benchmark::State& st) { detail_from_text(st, data); });
    benchmark::RegisterBenchmark("parse_detail_tape", [&](benchmark::State& st) { detail_from_tape(st, data); });
    benchmark::RegisterBenchmark("scenario_encode/three_changes", [&](benchmark::State& st) { encode(st, data.whatif); });
    benchmark::RegisterBenchmark("scenario_decode/three_changes", [&](benchmark::State& st) { decode(st, data.whatif); });
    benchmark::RegisterBenchmark("scenario_encode/every_task_overridden",
                                 [&](benchmark::State& st) { encode(st, data.many_tasks); });
    benchmark::RegisterBenchmark("scenario_decode/every_task_overridden",
                                 [&](benchmark::State& st) { decode(st, data.many_tasks); });
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
