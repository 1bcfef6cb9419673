// Fuzz target: build-data's upstream readers (src/core/upstream.hpp) end to end. A small, valid
// set of upstream files (tests/bad-inputs/upstream-base, invented) is copied into a scratch
// folder; the first byte picks one of its eleven files and the rest of the input replaces it.
// Every problem is reported as "<file>..." under the scratch folder; a build that succeeds yields
// an index and details that the bundle reader accepts and reads back unchanged.
#include "core/bundle.hpp"
#include "core/upstream.hpp"
#include "fuzz_common.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>

#include <unistd.h>

#ifndef EXPOSURE_UPSTREAM_BASE
#error "EXPOSURE_UPSTREAM_BASE must name the folder of valid upstream files"
#endif

using namespace exposure;
namespace fs = std::filesystem;

namespace {

constexpr const char* k_files[][2] = {
    {"gpts-are-gpts", "full_labelset.tsv"},
    {"gpts-are-gpts", "national_May2021_dl.csv"},
    {"gpts-are-gpts", "occupations_onet_bls_matched.csv"},
    {"gpts-are-gpts", "occupations_projections_processed.csv"},
    {"gpts-are-gpts", "occupations_onet_basic_skills.csv"},
    {"gpts-are-gpts", "occupations_onet_work_contexts.csv"},
    {"working-with-ai", "soc_ai_applicability_scores.csv"},
    {"working-with-ai", "soc_metrics.csv"},
    {"working-with-ai", "iwa_metrics.csv"},
    {"working-with-ai", "soc_to_iwas.csv"},
    {"working-with-ai", "soc_iwa_weights.csv"},
};
constexpr std::size_t k_file_count = std::size(k_files);

// The scratch folder of this process (memory-backed when /dev/shm exists).
fs::path scratch() {
    const fs::path root = fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
    return root / ("exposure-fuzz-upstream-" + std::to_string(::getpid()));
}

void write(const fs::path& path, const void* data, std::size_t size) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(static_cast<const char*>(data), std::streamsize(size));
    fuzz::require(bool(out), "the scratch file was written", path.string());
}

void restore(const fs::path& dir, std::size_t which) {
    const fs::path from = fs::path(EXPOSURE_UPSTREAM_BASE) / k_files[which][0] / k_files[which][1];
    std::ifstream in(from, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    fuzz::require(!text.empty(), "the baseline file exists", from.string());
    write(dir / k_files[which][0] / k_files[which][1], text.data(), text.size());
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    const fs::path dir = scratch();
    for (std::size_t i = 0; i < k_file_count; ++i) {
        fs::create_directories(dir / k_files[i][0]);
        restore(dir, i);
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const fs::path dir = scratch();
    const std::size_t which = data[0] % k_file_count;
    write(dir / k_files[which][0] / k_files[which][1], data + 1, size - 1);

    UpstreamBuild build;
    std::vector<std::string> errors;
    const bool ok = build_from_upstream(dir.string(), UpstreamOptions{}, build, errors);
    restore(dir, which);

    if (!ok) {
        fuzz::require(!errors.empty(), "a failed build says why");
        for (const std::string& e : errors)
            fuzz::require(e.starts_with(dir.string() + "/"), "every upstream problem names its file", e);
        return 0;
    }
    fuzz::require(errors.empty(), "a successful build has no errors");
    std::string error;
    Index index;
    fuzz::require(parse_index(fuzz::bytes_of(serialize_index(build.index)), index, error),
                  "the built index is one the bundle reader accepts", error);
    fuzz::require(index == build.index, "the built index reads back unchanged");
    for (const OccupationDetail& detail : build.details) {
        OccupationDetail again;
        fuzz::require(parse_detail(fuzz::bytes_of(serialize_detail(detail)), again, error),
                      "a built detail is one the bundle reader accepts", error);
        fuzz::require(again == detail, "a built detail reads back unchanged", detail.code);
    }
    return 0;
}
