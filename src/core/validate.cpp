// Exposure Explorer core: the complete bundle check behind `exposure validate` (see validate.hpp).
#include "validate.hpp"

#include "bundle.hpp"
#include "sha256.hpp"
#include "upstream.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

namespace exposure {

namespace {

namespace fs = std::filesystem;

// Stored and recomputed figures must agree to the last bits of rounding.
constexpr double k_agreement = 1e-9;

bool close(double a, double b) { return std::fabs(a - b) <= k_agreement * std::max(1.0, std::fabs(b)); }

// Reads a bundle file and checks it against the manifest's SHA-256.
bool read_checked(const std::string& dir, const std::string& relative, const Manifest& manifest,
                  std::vector<uint8_t>& bytes, std::string& error, ValidationReport& report) {
    const auto listed = manifest.files.find(relative);
    if (listed == manifest.files.end()) {
        error = std::string(k_manifest_file) + ": files: no checksum for \"" + relative + "\"";
        return false;
    }
    if (!read_file_bytes((fs::path(dir) / relative).string(), bytes, error)) {
        error = relative + ": missing or unreadable";
        return false;
    }
    const std::string sum = sha256_hex(bytes);
    if (sum != listed->second) {
        error = relative + ": SHA-256 " + sum + " does not match the manifest's " + listed->second;
        return false;
    }
    ++report.files;
    report.bytes += int64_t(bytes.size());
    return true;
}

std::string field(const std::string& file, const std::string& path, const std::string& message) {
    return file + ": " + path + ": " + message;
}

// The index summary must say what its detail implies. Paths name index.json's columns (format 2):
// occupation i is element i of a column, 3i..3i+2 of a rater's, 2i..2i+1 of automation.
bool check_agreement(const OccupationSummary& stored, const OccupationDetail& detail, std::size_t i,
                     const std::string& detail_file, std::string& error) {
    const auto at = [](const char* column, std::size_t element) {
        return std::string("occupations.") + column + "[" + std::to_string(element) + "]";
    };
    if (detail.title != stored.title) {
        error = field(detail_file, "title", "\"" + detail.title + "\" but index.json has \"" + stored.title + "\"");
        return false;
    }
    OccupationDetail recomputed_detail = detail;
    OccupationSummary recomputed = stored;
    compute_default_figures(recomputed_detail, recomputed);
    if (recomputed.task_count != stored.task_count) {
        error = field(k_index_file, at("task_count", i),
                      std::to_string(stored.task_count) + " but " + detail_file + " has " +
                          std::to_string(recomputed.task_count) + " tasks");
        return false;
    }
    if (recomputed.task_weight != stored.task_weight) {
        error = field(k_index_file, at("task_weight", i),
                      std::to_string(stored.task_weight) + " but the tasks in " + detail_file + " weigh " +
                          std::to_string(recomputed.task_weight));
        return false;
    }
    constexpr const char* k_raters[k_rater_count] = {"human", "gpt4", "gpt4_alt"};
    for (int r = 0; r < k_rater_count; ++r) {
        // The integers first (exact), then the shares derived from them (within rounding).
        const RaterWeights& wa = stored.rater_weights[r];
        const RaterWeights& wb = recomputed.rater_weights[r];
        const int wrong = wa.e1 != wb.e1 ? 0 : wa.e2 != wb.e2 ? 1 : wa.known != wb.known ? 2 : -1;
        const RaterShares& a = stored.shares[r];
        const RaterShares& b = recomputed.shares[r];
        if (wrong >= 0 || !close(a.e1, b.e1) || !close(a.e2, b.e2) || !close(a.known, b.known)) {
            error = field(k_index_file, at(k_raters[r], 3 * i + std::size_t(std::max(wrong, 0))),
                          "does not match the labels in " + detail_file);
            return false;
        }
    }
    if (stored.automation_quarters != recomputed.automation_quarters ||
        stored.automation_weight != recomputed.automation_weight ||
        !close(stored.automation_mean, recomputed.automation_mean)) {
        const bool quarters = stored.automation_quarters != recomputed.automation_quarters;
        error = field(k_index_file, at("automation", 2 * i + (quarters ? 0 : 1)),
                      "does not match the labels in " + detail_file);
        return false;
    }
    if (!close(stored.default_exposure, recomputed.default_exposure)) {
        error = field(k_index_file, at("exposure", i), "does not match the labels in " + detail_file);
        return false;
    }
    for (std::size_t t = 0; t < detail.tasks.size(); ++t) {
        const Task& a = detail.tasks[t];
        const Task& b = recomputed_detail.tasks[t];
        const std::string task_at = "tasks[" + std::to_string(t) + "]";
        if ((a.default_exposure < 0) != (b.default_exposure < 0) ||
            (a.default_exposure >= 0 && !close(a.default_exposure, b.default_exposure))) {
            error = field(detail_file, task_at + ".exposure", "does not match the task's labels");
            return false;
        }
        if ((a.default_automation < 0) != (b.default_automation < 0) ||
            (a.default_automation >= 0 && !close(a.default_automation, b.default_automation))) {
            error = field(detail_file, task_at + ".automation_value", "does not match the task's automation label");
            return false;
        }
    }
    return true;
}

} // namespace

bool validate_bundle(const std::string& dir, ValidationReport& report, std::string& error) {
    report = ValidationReport{};
    if (!fs::is_directory(dir)) {
        error = "not a folder (build one with: exposure build-data --upstream data/upstream-cache --out " + dir + ")";
        return false;
    }
    std::vector<uint8_t> bytes;
    Manifest manifest;
    if (!read_file_bytes((fs::path(dir) / k_manifest_file).string(), bytes, error)) {
        error = std::string(k_manifest_file) + ": missing or unreadable";
        return false;
    }
    if (!parse_manifest(bytes, manifest, error)) return false;

    Index index;
    if (!read_checked(dir, k_index_file, manifest, bytes, error, report) || !parse_index(bytes, index, error))
        return false;
    if (index.occupations.empty()) {
        error = field(k_index_file, "occupations.code", "empty");
        return false;
    }

    std::set<std::string> expected_files{k_index_file};
    std::vector<int> group_members(index.groups.size(), 0);
    for (std::size_t i = 0; i < index.occupations.size(); ++i) {
        const OccupationSummary& summary = index.occupations[i];
        const std::string relative = detail_path(summary.code);
        expected_files.insert(relative);
        ++group_members[std::size_t(summary.major_group)];
        OccupationDetail detail;
        if (!read_checked(dir, relative, manifest, bytes, error, report) ||
            !parse_detail(bytes, detail, error, relative))
            return false;
        if (detail.code != summary.code) {
            error = field(relative, "code", "\"" + detail.code + "\" but the file is named for " + summary.code);
            return false;
        }
        if (!check_agreement(summary, detail, i, relative, error)) return false;
        report.tasks += int64_t(detail.tasks.size());
    }
    for (std::size_t g = 0; g < index.groups.size(); ++g)
        if (group_members[g] == 0) {
            error = field(k_index_file, "groups[" + std::to_string(g) + "]", "no occupation belongs to this group");
            return false;
        }

    // Nothing listed that is not part of the bundle, and nothing on disk that is not listed.
    for (const auto& [relative, sum] : manifest.files)
        if (!expected_files.count(relative)) {
            error = field(k_manifest_file, "files." + relative, "lists a file that is not part of the bundle");
            return false;
        }
    std::error_code ec;
    for (fs::directory_iterator it(fs::path(dir) / k_occupations_dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string relative = std::string(k_occupations_dir) + "/" + it->path().filename().string();
        if (!expected_files.count(relative)) {
            error = relative + ": not an occupation of index.json (stray file)";
            return false;
        }
    }

    const auto count_matches = [&](const char* key, int64_t actual) {
        const auto it = manifest.counts.find(key);
        if (it == manifest.counts.end()) {
            error = field(k_manifest_file, std::string("counts.") + key, "missing");
            return false;
        }
        if (it->second != actual) {
            error = field(k_manifest_file, std::string("counts.") + key,
                          std::to_string(it->second) + " but the bundle has " + std::to_string(actual));
            return false;
        }
        return true;
    };
    if (!count_matches("occupations", int64_t(index.occupations.size())) || !count_matches("tasks", report.tasks) ||
        !count_matches("groups", int64_t(index.groups.size())))
        return false;
    report.occupations = int(index.occupations.size());
    return true;
}

} // namespace exposure
