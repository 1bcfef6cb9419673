// Exposure Explorer core: the bundle format (data/SCHEMA.md), read and written as JSON.
// A bundle is a folder: manifest.json, index.json (every occupation's summary) and
// occupations/<O*NET-SOC code>.json (one occupation's detail, loaded on demand).
// Parsing never throws and never trusts its input: every field's type and range is checked and a
// failure names the file and the field path. The byte-level functions are what the web build
// uses; the folder helpers are native conveniences over them.
#pragma once

#include "model.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace exposure {

// Version of the bundle format this code reads and writes (detail and manifest files).
inline constexpr int k_bundle_version = 1;
// Version of index.json this code reads and writes: 2 is columnar with integer task weights
// (data/SCHEMA.md); version 1 files are refused (setup always rebuilds the bundle).
inline constexpr int k_index_version = 2;

// File names inside a bundle folder.
inline constexpr const char* k_manifest_file = "manifest.json";
inline constexpr const char* k_index_file = "index.json";
inline constexpr const char* k_occupations_dir = "occupations";

// Limits the bundle reader enforces, each far above what the full data set needs (923
// occupations, at most 63 items in a list, text fields of at most a few hundred bytes, nesting 5
// levels deep). Input over a limit is rejected with a message that names the limit.
inline constexpr std::size_t k_bundle_max_index_bytes = 16u << 20;    // index.json (full set: ~0.5 MB)
inline constexpr std::size_t k_bundle_max_detail_bytes = 1u << 20;    // one detail file (full set: < 30 KB)
inline constexpr std::size_t k_bundle_max_manifest_bytes = 8u << 20;  // manifest.json (full set: ~0.1 MB)
inline constexpr int k_bundle_max_depth = 12;                         // JSON nesting of any bundle file
inline constexpr std::size_t k_bundle_max_occupations = 10000;        // occupations in the index
inline constexpr std::size_t k_bundle_max_groups = 100;               // major groups in the index
inline constexpr std::size_t k_bundle_max_items = 2000;               // tasks, skills or activities of one occupation
inline constexpr std::size_t k_bundle_max_text = 4096;                // bytes of any one string (or object key)
inline constexpr std::size_t k_bundle_max_manifest_entries = 100000;  // entries of any list or map of the manifest
// Largest file read_file_bytes reads unless told otherwise.
inline constexpr std::size_t k_max_file_bytes = 256u << 20;

// True for an O*NET-SOC code of the form "NN-NNNN.NN" (the only codes a bundle file is named by).
bool is_onet_code(std::string_view code);

// Relative path of an occupation's detail file: "occupations/<code>.json".
std::string detail_path(std::string_view code);

// Parses index.json bytes in two steps: the JSON text to IndexColumns (syntax, limits of size and
// nesting, format and version, each element's JSON type), then index_from_columns (every other
// check). On failure returns false and sets `error` to "<source>: <field path>: <what is wrong>";
// `index` is then unspecified.
bool parse_index(std::span<const uint8_t> bytes, Index& index, std::string& error,
                 std::string_view source = k_index_file);

// index.json's content as columns, each element's JSON type already checked (a number or null, a
// string): what parse_index reads out of the JSON text, and what the web widget hands over from the
// page's own JSON.parse, so a page parses the index once. A null number is NaN (JSON has no NaN).
struct IndexColumns {
    // groups[]: one entry per group
    std::vector<std::string> group_code, group_title;
    std::vector<double> group_employment;
    // occupations: one entry per code (three per code for human, gpt4, gpt4_alt; two for automation)
    std::vector<std::string> code, title, wage_flag, bls_source;
    std::vector<double> group, task_count, task_weight, human, gpt4, gpt4_alt, automation, employment,
        median_wage, projected_change_pct, ms_applicability, exposure;
};

// A column by the name index.json gives it: "code", "human", ... for occupations.<name>, and
// "groups.code", "groups.title", "groups.employment"; null when `name` is not a column of that kind.
std::vector<double>* index_number_column(IndexColumns& columns, std::string_view name);
std::vector<std::string>* index_string_column(IndexColumns& columns, std::string_view name);

// Checks the columns as parse_index does and builds `index` (version k_index_version, shares
// derived with derive_shares, the Microsoft percentile with compute_ms_applicability_percentiles).
// On failure returns false and sets `error` to "<source>: <field path>: <what is wrong>", with the
// same field paths and messages parse_index gives for the same content; `index` is then
// unspecified. Pass the columns with std::move: their strings move into the index.
bool index_from_columns(IndexColumns columns, Index& index, std::string& error,
                        std::string_view source = k_index_file);

// Parses one occupation's detail bytes; errors as parse_index, source defaults to "detail".
// Two steps: the JSON text (size, nesting, syntax) to a document, then every other check.
bool parse_detail(std::span<const uint8_t> bytes, OccupationDetail& detail, std::string& error,
                  std::string_view source = "detail");

// The tape: a JSON value as the page's own JSON.parse gives it, handed over without JSON text.
// A JSON value in prefix order as a sequence of doubles `ops`, plus one UTF-8 text `text` holding
// every string and object key one after another:
//   0 null, 1 false, 2 true
//   3, v   a number v (a double as JSON.parse gives it)
//   4, n   a string: the next n bytes of `text`
//   5, n   an array of n values, which follow
//   6, n   an object of n members, which follow, each a key (n bytes of text given as 4, n, i.e.
//          the key is written as a string op) followed by its value
// The whole tape is exactly one value; every op and count must be a whole number in range, every
// string must stay within `text`, and all of `ops` and `text` must be consumed (anything left over
// is an error). Strings must be valid UTF-8; containers nest at most k_bundle_max_depth deep; the
// text may hold at most k_bundle_max_detail_bytes and `ops` twice that (no file within the size
// limit gives more). A number that is a whole double in [0, 2^53] reads as an unsigned JSON
// integer, a whole one in [-2^53, 0) as a signed one, anything else as a float: what nlohmann's
// parser gives for the same text, except that JSON.parse has already made "5.0" the number 5, which
// then reads as the integer 5 (as the index's columns do, commit b5f8571). NaN and infinities are
// refused (JSON.parse never gives them).

// Reads one occupation's detail from the tape of the page's own JSON.parse of its file (the format
// above), with every check parse_detail makes and the same messages and field paths;
// source names the file in errors ("occupations/15-2051.00.json"). An error in the tape itself
// reads "<source>: tape: op <i>: <what>", i the 0-based position in `ops`.
bool parse_detail_tape(std::span<const double> ops, std::string_view text, OccupationDetail& detail,
                       std::string& error, std::string_view source = "detail");

// Compact JSON text of an index / a detail; parse_*(serialize_*(x)) == x exactly. The index is
// written from the integer weights of each summary, so for it this holds when the shares and
// automation_mean agree with them (as compute_default_figures and parse_index leave them).
std::string serialize_index(const Index& index);

// Sets a summary's shares and automation_mean from its integer weights (see OccupationSummary).
void derive_shares(OccupationSummary& summary);

// Sets every summary's ms_applicability_pct: the percentile of its Microsoft applicability among
// the summaries that have one (share strictly below plus half of the ties, itself included);
// null where ms_applicability is null. build-data and parse_index both use this one function.
void compute_ms_applicability_percentiles(std::vector<OccupationSummary>& occupations);
std::string serialize_detail(const OccupationDetail& detail);

// The bundle's manifest: what it was built from and the checksum of every other file.
struct Manifest {
    int version = k_bundle_version;
    std::string built_by;                         // e.g. "exposure build-data 0.1.0"
    struct Upstream {
        std::string folder;  // "gpts-are-gpts" or "working-with-ai"
        std::string name;    // file name
        std::string commit;  // pinned upstream commit; empty when the build did not check pins
        std::string sha256;  // of the upstream file as read
    };
    std::vector<Upstream> upstream;
    std::map<std::string, int64_t> counts;        // e.g. "occupations" -> 923, "tasks" -> 19265
    std::map<std::string, int64_t> matches;       // occupations matched per source, e.g. "projection"
    std::map<std::string, std::string> files;     // bundle-relative path -> SHA-256 (hex)
};

// Parses / writes manifest.json; same error conventions as parse_index.
bool parse_manifest(std::span<const uint8_t> bytes, Manifest& manifest, std::string& error,
                    std::string_view source = k_manifest_file);
std::string serialize_manifest(const Manifest& manifest);

// Native helpers: read `dir`/index.json, `dir`/occupations/<code>.json, `dir`/manifest.json.
// Errors are prefixed with the file's path.
bool load_index(const std::string& dir, Index& index, std::string& error);
bool load_detail(const std::string& dir, std::string_view code, OccupationDetail& detail,
                 std::string& error);
bool load_manifest(const std::string& dir, Manifest& manifest, std::string& error);

// Reads a whole file into `bytes`; false with a message naming the path when it cannot or when
// the file is larger than `max_bytes`.
bool read_file_bytes(const std::string& path, std::vector<uint8_t>& bytes, std::string& error,
                     std::size_t max_bytes = k_max_file_bytes);

// Writes a complete bundle (index, every detail, manifest with the checksums filled in) into a
// temporary sibling of `out_dir` and renames it into place only when everything was written, so
// `out_dir` is either the old bundle or the new one, never a half-built one.
bool write_bundle(const std::string& out_dir, const Index& index,
                  const std::vector<OccupationDetail>& details, Manifest manifest, std::string& error);

} // namespace exposure
