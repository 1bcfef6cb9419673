// Exposure Explorer core: building the bundle from the upstream data sets (native build step).
// Reads the GPTs-are-GPTs and Working-with-AI files laid out as data/sources.json lists them
// (<dir>/gpts-are-gpts/<file>, <dir>/working-with-ai/<file>), joins them per O*NET occupation as
// data/SCHEMA.md describes, and reports every upstream problem as "file:line:column: message".
#pragma once

#include "bundle.hpp"
#include "model.hpp"

#include <string>
#include <vector>

namespace exposure {

// One file of data/sources.json: where it lives in the cache and what it must hash to.
struct PinnedFile {
    std::string folder;
    std::string name;
    std::string sha256;
    std::string url;
    std::string commit; // the pinned commit of its repository
};

// Reads data/sources.json; false with "file: field: problem" on a malformed manifest.
bool read_sources(const std::string& path, std::vector<PinnedFile>& files, std::string& error);

// How build_from_upstream runs.
struct UpstreamOptions {
    // When set, every file read must be listed here with the same SHA-256 (else an error naming
    // the file and both sums); its commit goes into the manifest.
    const std::vector<PinnedFile>* pinned = nullptr;
    std::string built_by = "exposure build-data";
};

// Match counts (occupations) of one build, against the floors.
struct MatchReport {
    int occupations = 0;
    int tasks = 0;
    int bls_detailed = 0;         // employment/wage from the 6-digit SOC row
    int bls_broad_group = 0;      // from the broad group's row (flagged)
    int employment_and_wage = 0;  // both employment and median wage known (top-coded counts)
    int projection = 0;
    int skills = 0;
    int work_context = 0;
    int ms_applicability = 0;
    int activities = 0;           // occupations with at least one work activity
};

// The floors for the full data set: employment+wage, projection, skills, Microsoft.
inline constexpr int k_floor_employment_and_wage = 900;
inline constexpr int k_floor_projection = 800;
inline constexpr int k_floor_skills = 870;
inline constexpr int k_floor_ms_applicability = 890;

// Largest upstream file build-data reads (the largest real one is under 4 MB).
inline constexpr std::size_t k_upstream_max_file_bytes = 64u << 20;

// BLS OEWS May 2021 top code: '#' marks a wage at or above $100.00/hour = $208,000/year.
inline constexpr double k_oews_top_coded_annual_wage = 208000;

// Everything one build produces; write_bundle() turns it into files.
struct UpstreamBuild {
    Index index;
    std::vector<OccupationDetail> details; // index order
    Manifest manifest;                     // files{} is filled by write_bundle
    MatchReport matches;
    std::vector<std::string> notes;        // harmless upstream quirks worth printing
};

// Reads and joins the upstream files under `dir`. Returns false when any upstream problem was
// found; `errors` then holds one "file:line:column: message" per problem (capped per file).
bool build_from_upstream(const std::string& dir, const UpstreamOptions& options, UpstreamBuild& out,
                         std::vector<std::string>& errors);

// Default-scenario figures the bundle stores for readers without the scoring core: each task's
// blended exposure/automation and each summary's shares, automation mean and headline exposure.
void compute_default_figures(OccupationDetail& detail, OccupationSummary& summary);

} // namespace exposure
