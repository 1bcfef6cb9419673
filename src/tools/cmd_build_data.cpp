// `exposure build-data --upstream DIR --out DIR`: reads the upstream data sets, joins them per
// occupation, prints the match rates and writes the bundle atomically (see src/core/upstream.hpp,
// src/core/bundle.hpp and data/SCHEMA.md).
#include "cli_common.hpp"
#include "commands.hpp"

#include "core/bundle.hpp"
#include "core/upstream.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>

#ifndef EXPOSURE_DEFAULT_DATA_DIR
#define EXPOSURE_DEFAULT_DATA_DIR "data/bundle"
#endif

namespace exposure::cli {

namespace {

constexpr const char* k_build_usage =
    "usage: exposure build-data --upstream DIR --out DIR [--sources FILE] [--no-pins] [--no-floors]\n"
    "  --upstream DIR   folder with gpts-are-gpts/ and working-with-ai/ (e.g. data/upstream-cache)\n"
    "  --out DIR        bundle folder to write (replaced atomically, e.g. data/bundle)\n"
    "  --sources FILE   pinned checksums and commits (default: data/sources.json of this checkout)\n"
    "  --no-pins        do not check the files against the pinned SHA-256 sums (test fixtures)\n"
    "  --no-floors      do not require the match-rate floors of the full data set (test fixtures)\n";

// data/sources.json beside the default bundle folder (both live in the checkout's data/).
std::string default_sources_path() {
    return (std::filesystem::path(EXPOSURE_DEFAULT_DATA_DIR).parent_path() / "sources.json").string();
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// One match-rate line; returns false when a floor applies and is not met.
bool print_rate(const char* what, int count, int total, int floor) {
    const double pct = total > 0 ? 100.0 * count / total : 0.0;
    if (floor > 0)
        std::printf("  %-22s %4d / %d (%5.1f%%)  floor %d%s\n", what, count, total, pct, floor,
                    count >= floor ? "" : "  BELOW FLOOR");
    else
        std::printf("  %-22s %4d / %d (%5.1f%%)\n", what, count, total, pct);
    return floor <= 0 || count >= floor;
}

} // namespace

int cmd_build_data(Args args) {
    static constexpr FlagSpec k_flags[] = {
        {"upstream"}, {"out"}, {"sources"}, {"no-pins", false}, {"no-floors", false}, {"help", false}};
    ParsedArgs parsed;
    std::string error;
    if (!parse_flags(args, k_flags, parsed, error)) return usage_error("build-data", error + "\n" + k_build_usage);
    if (parsed.has("help")) {
        std::fputs(k_build_usage, stdout);
        return 0;
    }
    if (!parsed.positionals.empty())
        return usage_error("build-data", "unexpected argument '" + parsed.positionals[0] + "'\n" + k_build_usage);
    const auto upstream = parsed.value("upstream");
    const auto out = parsed.value("out");
    if (!upstream || !out) return usage_error("build-data", std::string("--upstream and --out are required\n") + k_build_usage);

    // Fail before any work when --out could never be written (write_bundle checks it again).
    {
        namespace fs = std::filesystem;
        std::error_code ec;
        const fs::path target(*out);
        if (fs::exists(target, ec) && !(fs::is_directory(target, ec) && (fs::is_empty(target, ec) ||
                                                                        fs::exists(target / k_manifest_file, ec))))
            return data_error("build-data", *out + ": exists and is not a bundle (no " + std::string(k_manifest_file) +
                                                "); not replacing it");
    }

    const auto start = std::chrono::steady_clock::now();
    std::vector<PinnedFile> pins;
    UpstreamOptions options;
    options.built_by = "exposure build-data (bundle format " + std::to_string(k_bundle_version) + ", index format " +
                       std::to_string(k_index_version) + ")";
    if (!parsed.has("no-pins")) {
        const std::string sources = parsed.value("sources").value_or(default_sources_path());
        if (!read_sources(sources, pins, error)) return data_error("build-data", error);
        options.pinned = &pins;
    }

    UpstreamBuild build;
    std::vector<std::string> errors;
    if (!build_from_upstream(*upstream, options, build, errors)) {
        for (const std::string& e : errors) std::fprintf(stderr, "%s\n", e.c_str());
        std::fprintf(stderr, "exposure build-data: %zu upstream problem%s; no bundle written\n", errors.size(),
                     errors.size() == 1 ? "" : "s");
        return 1;
    }
    const double read_seconds = seconds_since(start);
    for (const std::string& note : build.notes) std::printf("note: %s\n", note.c_str());

    const MatchReport& m = build.matches;
    const bool floors = !parsed.has("no-floors");
    std::printf("build-data: %d occupations, %d tasks, %zu major groups from %s (%s) in %.2f s\n", m.occupations,
                m.tasks, build.index.groups.size(), upstream->c_str(),
                options.pinned ? "SHA-256 pinned" : "checksums not pinned", read_seconds);
    std::printf("match rates (occupations):\n");
    bool ok = print_rate("employment and wage", m.employment_and_wage, m.occupations,
                         floors ? k_floor_employment_and_wage : 0);
    print_rate("  BLS detailed row", m.bls_detailed, m.occupations, 0);
    print_rate("  BLS broad group", m.bls_broad_group, m.occupations, 0);
    ok = print_rate("projection", m.projection, m.occupations, floors ? k_floor_projection : 0) && ok;
    ok = print_rate("skills", m.skills, m.occupations, floors ? k_floor_skills : 0) && ok;
    print_rate("work context", m.work_context, m.occupations, 0);
    ok = print_rate("Microsoft score", m.ms_applicability, m.occupations, floors ? k_floor_ms_applicability : 0) && ok;
    print_rate("work activities", m.activities, m.occupations, 0);
    if (!ok) return data_error("build-data", "match rates below the floors; no bundle written");

    if (!write_bundle(*out, build.index, build.details, build.manifest, error)) return data_error("build-data", error);
    std::printf("build-data: wrote %s (%zu occupation files) in %.2f s total\n", out->c_str(), build.details.size(),
                seconds_since(start));
    return 0;
}

} // namespace exposure::cli
