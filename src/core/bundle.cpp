// Exposure Explorer core: reading and writing the bundle (format in data/SCHEMA.md).
// Sections:
//   [SECTION] Names       label and enum spellings shared by reader and writer
//   [SECTION] Reader      exception-free checked access to parsed JSON, with field paths
//   [SECTION] Index       parse_index (JSON text -> IndexColumns -> index_from_columns) / serialize_index
//   [SECTION] Detail      parse_detail (JSON text -> Json -> detail_from_json) / serialize_detail
//   [SECTION] Detail tape parse_detail_tape (the page's JSON.parse as a tape -> Json -> detail_from_json)
//   [SECTION] Manifest    parse_manifest / serialize_manifest
//   [SECTION] Files       load_* and the atomic write_bundle
// Parsing uses nlohmann::json with allow_exceptions=false and checks every type before reading,
// so it works in a build with -fno-exceptions and never aborts on hostile input.
#include "bundle.hpp"

#include "sha256.hpp"
#include "utf8.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <set>
#include <unistd.h>

namespace exposure {

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;

// [SECTION] Names

namespace {

constexpr const char* k_rater_keys[k_rater_count] = {"human", "gpt4", "gpt4_alt"};
constexpr double k_inf = std::numeric_limits<double>::infinity();

const char* exposure_label_name(ExposureLabel label) {
    switch (label) {
    case ExposureLabel::E0: return "E0";
    case ExposureLabel::E1: return "E1";
    case ExposureLabel::E2: return "E2";
    default: return nullptr;
    }
}

const char* automation_label_name(AutomationLabel label) {
    switch (label) {
    case AutomationLabel::T0: return "T0";
    case AutomationLabel::T1: return "T1";
    case AutomationLabel::T2: return "T2";
    case AutomationLabel::T3: return "T3";
    case AutomationLabel::T4: return "T4";
    default: return nullptr;
    }
}

const char* task_type_name(TaskType type) {
    switch (type) {
    case TaskType::Core: return "core";
    case TaskType::Supplemental: return "supplemental";
    default: return "unspecified";
    }
}

const char* wage_flag_name(WageFlag flag) {
    switch (flag) {
    case WageFlag::None: return "none";
    case WageFlag::TopCoded: return "top_coded";
    default: return "unknown";
    }
}

const char* bls_source_name(BlsSource source) {
    switch (source) {
    case BlsSource::Detailed: return "detailed";
    case BlsSource::BroadGroup: return "broad_group";
    default: return "missing";
    }
}

OrderedJson optional_number(const std::optional<double>& value) {
    return value ? OrderedJson(*value) : OrderedJson(nullptr);
}

OrderedJson optional_label(const char* name) { return name ? OrderedJson(name) : OrderedJson(nullptr); }

std::string number_text(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.17g", value);
    return text;
}

// "expected one of "a", "b"" (+ " or null"): the start of the message for a name not in `names`.
std::string expected_choices(std::span<const char* const> names, bool allow_null) {
    std::string text = "expected one of ";
    for (std::size_t i = 0; i < names.size(); ++i) text += (i ? ", \"" : "\"") + std::string(names[i]) + "\"";
    return allow_null ? text + " or null" : text;
}

std::string dump(const OrderedJson& json) {
    // replace: never abort on a bad byte (the builder validates UTF-8, so none reach here).
    return json.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

// [SECTION] Reader

// Checked access to a parsed document. Every accessor returns false after writing
// "<source>: <path>: <problem>" into `error`; the caller just propagates false.
class Reader {
public:
    Reader(std::string& error, std::string_view source) : error_(error), source_(source) {}

    bool fail(const std::string& path, const std::string& what) {
        error_ = source_;
        error_ += ": ";
        if (!path.empty()) {
            error_ += path;
            error_ += ": ";
        }
        error_ += what;
        return false;
    }

    static std::string child(const std::string& path, const char* key) {
        return path.empty() ? std::string(key) : path + "." + key;
    }
    static std::string element(const std::string& path, std::size_t i) {
        return path + "[" + std::to_string(i) + "]";
    }

    // Parses a whole document of at most `max_bytes`, nested at most k_bundle_max_depth deep,
    // whose top level is an object.
    bool parse(std::span<const uint8_t> bytes, Json& out, std::size_t max_bytes) {
        return parse_text(bytes, out, max_bytes) && top_level(out);
    }

    // The text step alone: size, nesting and JSON syntax (nlohmann's lexer and parser).
    bool parse_text(std::span<const uint8_t> bytes, Json& out, std::size_t max_bytes) {
        if (bytes.size() > max_bytes)
            return fail("", "file is " + std::to_string(bytes.size()) + " bytes, over the " + std::to_string(max_bytes) +
                                "-byte limit");
        if (const std::size_t at = too_deep(bytes); at != std::size_t(-1))
            return fail("", "nested deeper than " + std::to_string(k_bundle_max_depth) + " levels (at byte " +
                                std::to_string(at + 1) + ")");
        out = Json::parse(bytes.begin(), bytes.end(), nullptr, /*allow_exceptions=*/false);
        if (out.is_discarded()) return fail("", "not valid JSON (or not valid UTF-8)");
        return true;
    }

    // A document's top level must be an object (a bundle file is never anything else).
    bool top_level(const Json& doc) {
        if (!doc.is_object()) return fail("", "expected a JSON object at the top level");
        return true;
    }

    // Offset of the bracket that opens level k_bundle_max_depth + 1, or -1. Checked before parsing
    // so that hostile nesting costs neither the parser's memory nor a recursive walk later.
    static std::size_t too_deep(std::span<const uint8_t> bytes) {
        int depth = 0;
        bool in_string = false, escaped = false;
        for (std::size_t i = 0; i < bytes.size(); ++i) {
            const uint8_t c = bytes[i];
            if (in_string) {
                if (escaped) escaped = false;
                else if (c == '\\') escaped = true;
                else if (c == '"') in_string = false;
            } else if (c == '"') {
                in_string = true;
            } else if (c == '[' || c == '{') {
                if (++depth > k_bundle_max_depth) return i;
            } else if ((c == ']' || c == '}') && depth > 0) {
                --depth;
            }
        }
        return std::size_t(-1);
    }

    // Fails when the array at `path` has more than `limit` elements.
    bool count(const Json& array, const std::string& path, std::size_t limit) {
        return count(array.size(), path, limit);
    }
    bool count(std::size_t size, const std::string& path, std::size_t limit) {
        if (size <= limit) return true;
        return fail(path, std::to_string(size) + " entries, over the limit of " + std::to_string(limit));
    }

    // Fails when a string (or object key) is longer than k_bundle_max_text bytes.
    bool text_length(std::string_view text, const std::string& path) {
        if (text.size() <= k_bundle_max_text) return true;
        return fail(path, "text of " + std::to_string(text.size()) + " bytes, over the " +
                              std::to_string(k_bundle_max_text) + "-byte limit");
    }

    // A short description of a value for messages (never the whole of a long or nested value).
    static std::string describe(const Json& value) {
        if (value.is_array()) return "an array";
        if (value.is_object()) return "an object";
        if (value.is_string() && value.get_ref<const std::string&>().size() > 64)
            return "a string of " + std::to_string(value.get_ref<const std::string&>().size()) + " bytes";
        return value.dump(-1, ' ', false, Json::error_handler_t::replace);
    }

    // The member `key` of object `obj`; missing is an error (every field is written, null or not).
    const Json* member(const Json& obj, const std::string& path, const char* key) {
        const auto it = obj.find(key);
        if (it == obj.end()) {
            fail(child(path, key), "missing");
            return nullptr;
        }
        return &*it;
    }

    bool object(const Json& obj, const std::string& path, const char* key, const Json*& out) {
        out = member(obj, path, key);
        if (!out) return false;
        if (!out->is_object()) return fail(child(path, key), "expected an object");
        return true;
    }

    bool object_or_null(const Json& obj, const std::string& path, const char* key, const Json*& out) {
        out = member(obj, path, key);
        if (!out) return false;
        if (out->is_null()) {
            out = nullptr;
            return true;
        }
        if (!out->is_object()) return fail(child(path, key), "expected an object or null");
        return true;
    }

    bool array(const Json& obj, const std::string& path, const char* key, const Json*& out) {
        out = member(obj, path, key);
        if (!out) return false;
        if (!out->is_array()) return fail(child(path, key), "expected an array");
        return true;
    }

    bool number_value(const Json& value, const std::string& path, double lo, double hi, double& out) {
        if (!value.is_number()) return fail(path, "expected a number");
        out = value.get<double>();
        if (!std::isfinite(out) || out < lo || out > hi)
            return fail(path, "expected a number in [" + number_text(lo) + ", " + number_text(hi) +
                                  "], got " + number_text(out));
        return true;
    }

    bool number(const Json& obj, const std::string& path, const char* key, double lo, double hi, double& out) {
        const Json* value = member(obj, path, key);
        return value && number_value(*value, child(path, key), lo, hi, out);
    }

    bool optional_number(const Json& obj, const std::string& path, const char* key, double lo, double hi,
                         std::optional<double>& out) {
        const Json* value = member(obj, path, key);
        if (!value) return false;
        out.reset();
        if (value->is_null()) return true;
        if (!value->is_number()) return fail(child(path, key), "expected a number or null");
        double v = 0;
        if (!number_value(*value, child(path, key), lo, hi, v)) return false;
        out = v;
        return true;
    }

    bool integer_value(const Json& value, const std::string& path, int64_t lo, int64_t hi, int64_t& out) {
        if (value.is_number_unsigned()) {
            const uint64_t u = value.get<uint64_t>();
            if (u > uint64_t(std::numeric_limits<int64_t>::max()))
                return fail(path, "integer out of range");
            out = int64_t(u);
        } else if (value.is_number_integer()) {
            out = value.get<int64_t>();
        } else {
            return fail(path, "expected an integer, got " + describe(value));
        }
        if (out < lo || out > hi)
            return fail(path, "expected an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) +
                                  "], got " + std::to_string(out));
        return true;
    }

    bool integer(const Json& obj, const std::string& path, const char* key, int64_t lo, int64_t hi, int64_t& out) {
        const Json* value = member(obj, path, key);
        return value && integer_value(*value, child(path, key), lo, hi, out);
    }

    bool string_value(const Json& value, const std::string& path, bool allow_empty, std::string& out) {
        if (!value.is_string()) return fail(path, "expected a string");
        if (!text_length(value.get_ref<const std::string&>(), path)) return false;
        out = value.get<std::string>();
        if (!allow_empty && out.empty()) return fail(path, "expected a non-empty string");
        return true;
    }

    bool string(const Json& obj, const std::string& path, const char* key, bool allow_empty, std::string& out) {
        const Json* value = member(obj, path, key);
        return value && string_value(*value, child(path, key), allow_empty, out);
    }

    bool code(const Json& obj, const std::string& path, const char* key, std::string& out) {
        if (!string(obj, path, key, false, out)) return false;
        if (!is_onet_code(out))
            return fail(child(path, key), "expected an O*NET-SOC code like \"15-2051.00\", got \"" + out + "\"");
        return true;
    }

    // A string that must be one of `names` (index = enum value); `allow_null` maps null to -1.
    bool choice(const Json& obj, const std::string& path, const char* key, std::span<const char* const> names,
                bool allow_null, int& out) {
        const Json* value = member(obj, path, key);
        return value && choice_value(*value, child(path, key), names, allow_null, out);
    }

    bool choice_value(const Json& value, const std::string& path, std::span<const char* const> names, bool allow_null,
                      int& out) {
        if (allow_null && value.is_null()) {
            out = -1;
            return true;
        }
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (value.is_string() && value.get_ref<const std::string&>() == names[i]) {
                out = int(i);
                return true;
            }
        }
        return fail(path, expected_choices(names, allow_null) + ", got " + describe(value));
    }

private:
    std::string& error_;
    std::string_view source_;
};

constexpr const char* k_exposure_names[] = {"E0", "E1", "E2"};
constexpr const char* k_automation_names[] = {"T0", "T1", "T2", "T3", "T4"};
constexpr const char* k_task_type_names[] = {"core", "supplemental", "unspecified"};
constexpr const char* k_wage_flag_names[] = {"none", "top_coded", "unknown"};
constexpr const char* k_bls_source_names[] = {"detailed", "broad_group", "missing"};


// `what` names the versioned thing in the message: "bundle" (detail, manifest) or "index".
bool check_version(Reader& reader, const Json& doc, const char* format, int expected = k_bundle_version,
                   const char* what = "bundle") {
    std::string found;
    if (!reader.string(doc, "", "format", false, found)) return false;
    if (found != format) return reader.fail("format", "expected \"" + std::string(format) + "\", got \"" + found + "\"");
    int64_t version = 0;
    if (!reader.integer(doc, "", "version", 0, std::numeric_limits<int>::max(), version)) return false;
    if (version != expected)
        return reader.fail("version", "this build reads " + std::string(what) + " version " + std::to_string(expected) +
                                          ", the file has version " + std::to_string(version) +
                                          " (rebuild the bundle with exposure build-data)");
    return true;
}

} // namespace

bool is_onet_code(std::string_view code) {
    if (code.size() != 10) return false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (i == 2) {
            if (c != '-') return false;
        } else if (i == 7) {
            if (c != '.') return false;
        } else if (c < '0' || c > '9') {
            return false;
        }
    }
    return true;
}

std::string detail_path(std::string_view code) {
    return std::string(k_occupations_dir) + "/" + std::string(code) + ".json";
}

// [SECTION] Index
// Format 2 is columnar (data/SCHEMA.md): one array per field, position i of every column belongs to
// occupations.code[i]. Shares are stored as the integer weights they are ratios of, and the
// Microsoft percentile is not stored at all: both are derived here, bit for bit as build-data had
// them. Reading is two steps. read_index_columns takes the JSON text to IndexColumns and checks
// only what the JSON itself shows (syntax, size and nesting, format and version, the shape, each
// element's JSON type); index_from_columns checks everything else and builds the Index. The web
// widget skips the first step: it hands over the columns of the page's own JSON.parse. Both steps
// walk column by column and build a field path only when something fails.

namespace {

// Largest task weight of one occupation: every task core (weight 2).
constexpr int64_t k_max_task_weight = 2 * int64_t(k_bundle_max_items);
constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();
constexpr std::string_view k_groups_prefix = "groups.";

// What an element of a column must be: its JSON type is checked by read_index_columns, the rest by
// index_from_columns.
enum class CellKind { Integer, Number, OptionalNumber, Text, Choice };

// One column of IndexColumns, named as index.json names it.
struct ColumnSpec {
    const char* name;  // "code" for occupations.code; "groups.code" for groups[i].code
    CellKind kind;
    std::size_t per;   // entries per code (per group for the groups' columns)
    std::vector<double> IndexColumns::*numbers;     // the column, when it holds numbers
    std::vector<std::string> IndexColumns::*strings; // the column, when it holds strings
    std::span<const char* const> choices;           // CellKind::Choice: the names, index = enum value
};

constexpr ColumnSpec number_column(const char* name, CellKind kind, std::size_t per,
                                   std::vector<double> IndexColumns::*numbers) {
    return {name, kind, per, numbers, nullptr, {}};
}

constexpr ColumnSpec string_column(const char* name, std::vector<std::string> IndexColumns::*strings,
                                   std::span<const char* const> choices = {}) {
    return {name, choices.empty() ? CellKind::Text : CellKind::Choice, 1, nullptr, strings, choices};
}

// Both tables in the order the fields are read and checked.
constexpr ColumnSpec k_group_columns[] = {
    string_column("groups.code", &IndexColumns::group_code),
    string_column("groups.title", &IndexColumns::group_title),
    number_column("groups.employment", CellKind::OptionalNumber, 1, &IndexColumns::group_employment),
};

constexpr ColumnSpec k_occupation_columns[] = {
    string_column("code", &IndexColumns::code),
    string_column("title", &IndexColumns::title),
    number_column("group", CellKind::Integer, 1, &IndexColumns::group),
    number_column("task_count", CellKind::Integer, 1, &IndexColumns::task_count),
    number_column("task_weight", CellKind::Integer, 1, &IndexColumns::task_weight),
    number_column("human", CellKind::Integer, 3, &IndexColumns::human), // k_rater_keys order
    number_column("gpt4", CellKind::Integer, 3, &IndexColumns::gpt4),
    number_column("gpt4_alt", CellKind::Integer, 3, &IndexColumns::gpt4_alt),
    number_column("automation", CellKind::Integer, 2, &IndexColumns::automation),
    number_column("employment", CellKind::OptionalNumber, 1, &IndexColumns::employment),
    number_column("median_wage", CellKind::OptionalNumber, 1, &IndexColumns::median_wage),
    string_column("wage_flag", &IndexColumns::wage_flag, k_wage_flag_names),
    string_column("bls_source", &IndexColumns::bls_source, k_bls_source_names),
    number_column("projected_change_pct", CellKind::OptionalNumber, 1, &IndexColumns::projected_change_pct),
    number_column("ms_applicability", CellKind::OptionalNumber, 1, &IndexColumns::ms_applicability),
    number_column("exposure", CellKind::Number, 1, &IndexColumns::exposure),
};

const ColumnSpec* find_column(std::string_view name) {
    for (const ColumnSpec& spec : k_group_columns)
        if (name == spec.name) return &spec;
    for (const ColumnSpec& spec : k_occupation_columns)
        if (name == spec.name) return &spec;
    return nullptr;
}

bool is_group_column(std::string_view column) { return column.starts_with(k_groups_prefix); }

// The field path of a column: "occupations.title", "groups.title".
std::string column_path(std::string_view column) {
    return is_group_column(column) ? std::string(column) : "occupations." + std::string(column);
}

// The field path of element i of a column: "occupations.title[3]", "groups[3].title".
std::string cell(std::string_view column, std::size_t i) {
    if (is_group_column(column))
        return Reader::child(Reader::element("groups", i), std::string(column.substr(k_groups_prefix.size())).c_str());
    return Reader::element(column_path(column), i);
}

// A double as JSON writes it ("1.5", "1e+300"); "inf" / "-inf", which JSON cannot write.
std::string json_number_text(double value) {
    return std::isfinite(value) ? Json(value).dump() : number_text(value);
}

// Fails at column[i] with "<a> <relation> <b> (occupation <code>)", e.g. "known 6 exceeds the
// task_weight 5 (occupation 15-2051.00)": the cross-column checks' one message shape, formatted in
// one place (their string concatenations inline cost the wasm build more than the checks).
bool fail_weights(Reader& reader, const char* column, std::size_t i, const char* a, int a_value, const char* relation,
                  int b_value, const std::string& code) {
    char text[160];
    std::snprintf(text, sizeof text, "%s %d %s %d (occupation %s)", a, a_value, relation, b_value, code.c_str());
    return reader.fail(cell(column, i), text);
}

// Step 1: the JSON text to columns.

// A cell whose JSON type does not fit its column, in the words the reader has always used.
bool fail_json_type(Reader& reader, const ColumnSpec& spec, std::size_t i, const Json& value) {
    std::string what;
    switch (spec.kind) {
    case CellKind::Integer: what = "expected an integer, got " + Reader::describe(value); break;
    case CellKind::Number: what = "expected a number"; break;
    case CellKind::OptionalNumber: what = "expected a number or null"; break;
    case CellKind::Text: what = "expected a string"; break;
    case CellKind::Choice: what = expected_choices(spec.choices, false) + ", got " + Reader::describe(value); break;
    }
    return reader.fail(cell(spec.name, i), what);
}

// Appends element i of a column: a number or null (NaN) to a number column, a string to a string column.
bool read_cell(Reader& reader, const ColumnSpec& spec, std::size_t i, const Json& value, IndexColumns& columns) {
    if (spec.numbers) {
        if (value.is_number()) (columns.*spec.numbers).push_back(value.get<double>());
        else if (value.is_null()) (columns.*spec.numbers).push_back(k_nan);
        else return fail_json_type(reader, spec, i, value);
    } else {
        if (!value.is_string()) return fail_json_type(reader, spec, i, value);
        (columns.*spec.strings).push_back(value.get_ref<const std::string&>());
    }
    return true;
}

bool read_index_columns(std::span<const uint8_t> bytes, IndexColumns& columns, std::string& error,
                        std::string_view source) {
    Reader reader(error, source);
    Json doc;
    if (!reader.parse(bytes, doc, k_bundle_max_index_bytes) ||
        !check_version(reader, doc, "exposure-index", k_index_version, "index"))
        return false;
    columns = IndexColumns{};

    // The group limit comes before the groups' members, so that a long list of broken groups is
    // refused for its length.
    const Json* groups = nullptr;
    if (!reader.array(doc, "", "groups", groups) || !reader.count(*groups, "groups", k_bundle_max_groups)) return false;
    for (std::size_t i = 0; i < groups->size(); ++i) {
        const std::string path = Reader::element("groups", i);
        const Json& item = (*groups)[i];
        if (!item.is_object()) return reader.fail(path, "expected an object");
        for (const ColumnSpec& spec : k_group_columns) {
            const Json* value = reader.member(item, path, spec.name + k_groups_prefix.size());
            if (!value || !read_cell(reader, spec, i, *value, columns)) return false;
        }
    }

    const Json* occupations = nullptr;
    if (!reader.object(doc, "", "occupations", occupations)) return false;
    for (const ColumnSpec& spec : k_occupation_columns) {
        const Json* column = nullptr;
        if (!reader.array(*occupations, "occupations", spec.name, column)) return false;
        if (spec.numbers) (columns.*spec.numbers).reserve(column->size());
        else (columns.*spec.strings).reserve(column->size());
        for (std::size_t i = 0; i < column->size(); ++i)
            if (!read_cell(reader, spec, i, (*column)[i], columns)) return false;
    }
    return true;
}

// Step 2: the checks of the columns. Each cell check is one comparison or two on the way that
// passes; the messages are built only on the way that fails.

// Fails when a column does not hold `per` entries for each of `count` codes (or groups).
bool column_length(Reader& reader, const ColumnSpec& spec, std::size_t size, std::size_t count) {
    if (size == spec.per * count) return true;
    static constexpr const char* k_per[] = {"", "one", "two", "three"};
    char text[96];
    std::snprintf(text, sizeof text, "%zu entries, expected %zu (%s per %s)", size, spec.per * count, k_per[spec.per],
                  is_group_column(spec.name) ? "group" : "code");
    return reader.fail(column_path(spec.name), text);
}

// A string of at most k_bundle_max_text bytes, not empty; moved into `out`.
bool text_cell(Reader& reader, std::string& value, const char* column, std::size_t i, std::string& out) {
    if (value.size() > k_bundle_max_text) return reader.text_length(value, cell(column, i));
    if (value.empty()) return reader.fail(cell(column, i), "expected a non-empty string");
    out = std::move(value);
    return true;
}

// One of `names`; `out` is its position.
bool choice_cell(Reader& reader, const std::string& value, const char* column, std::size_t i,
                 std::span<const char* const> names, int& out) {
    for (std::size_t k = 0; k < names.size(); ++k)
        if (value == names[k]) {
            out = int(k);
            return true;
        }
    return reader.fail(cell(column, i), expected_choices(names, false) + ", got " + Reader::describe(Json(value)));
}

// Why an integer cell failed (integer_cell's slow path, out of line so that the loops over a column
// hold only the comparisons). The messages print the value as the JSON text showed it ("1.5", "-3");
// NaN is a null.
[[gnu::noinline]] bool fail_integer_cell(Reader& reader, double value, const char* column, std::size_t i, int64_t lo,
                                         int64_t hi) {
    const std::string path = cell(column, i);
    if (std::isnan(value)) return reader.fail(path, "expected an integer, got null");
    if (!std::isfinite(value) || value != std::floor(value))
        return reader.fail(path, "expected an integer, got " + json_number_text(value));
    const std::string got = std::fabs(value) < 9223372036854775808.0 ? std::to_string(int64_t(value))
                                                                     : json_number_text(value);
    return reader.fail(path, "expected an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) +
                                 "], got " + got);
}

// An integer in [lo, hi] (a range well inside int's), held as a double: finite and whole.
inline bool integer_cell(Reader& reader, double value, const char* column, std::size_t i, int64_t lo, int64_t hi,
                         int& out) {
    if (value >= double(lo) && value <= double(hi) && value == std::floor(value)) {
        out = int(value);
        return true;
    }
    return fail_integer_cell(reader, value, column, i, lo, hi);
}

// Why a number cell failed (number_cell's slow path, out of line).
[[gnu::noinline]] bool fail_number_cell(Reader& reader, double value, const char* column, std::size_t i, double lo,
                                        double hi) {
    if (std::isnan(value)) return reader.fail(cell(column, i), "expected a number, got null");
    return reader.fail(cell(column, i), "expected a number in [" + number_text(lo) + ", " + number_text(hi) +
                                            "], got " + number_text(value));
}

// A finite number in [lo, hi]; NaN is a null, which this column does not allow.
inline bool number_cell(Reader& reader, double value, const char* column, std::size_t i, double lo, double hi,
                        double& out) {
    if (std::isfinite(value) && value >= lo && value <= hi) {
        out = value;
        return true;
    }
    return fail_number_cell(reader, value, column, i, lo, hi);
}

// As number_cell, with NaN (a null) as no value.
bool optional_number_cell(Reader& reader, double value, const char* column, std::size_t i, double lo, double hi,
                          std::optional<double>& out) {
    out.reset();
    if (std::isnan(value)) return true;
    double v = 0;
    if (!number_cell(reader, value, column, i, lo, hi, v)) return false;
    out = v;
    return true;
}

// A double that is a whole number is written as an integer ("105980", not "105980.0"): shorter,
// and read back without a decimal conversion. Same value either way.
OrderedJson index_number(double value) {
    if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 9007199254740992.0 &&
        !(value == 0 && std::signbit(value)))
        return OrderedJson(int64_t(value));
    return OrderedJson(value);
}

OrderedJson optional_index_number(const std::optional<double>& value) {
    return value ? index_number(*value) : OrderedJson(nullptr);
}

} // namespace

void derive_shares(OccupationSummary& summary) {
    const double total = double(summary.task_weight);
    for (int r = 0; r < k_rater_count; ++r) {
        const RaterWeights& w = summary.rater_weights[r];
        RaterShares& s = summary.shares[r];
        // compute_default_figures divides the same integer-valued sums, so these are its doubles.
        s.e1 = summary.task_weight > 0 ? double(w.e1) / total : 0.0;
        s.e2 = summary.task_weight > 0 ? double(w.e2) / total : 0.0;
        s.known = summary.task_weight > 0 ? double(w.known) / total : 0.0;
    }
    // quarters / 4 is exact, so this is the one rounding of (sum of weight x T/4) / weight.
    summary.automation_mean = summary.automation_weight > 0
                                  ? double(summary.automation_quarters) / (4.0 * double(summary.automation_weight))
                                  : 0.0;
}

void compute_ms_applicability_percentiles(std::vector<OccupationSummary>& occupations) {
    std::vector<double> sorted;
    for (const OccupationSummary& occ : occupations)
        if (occ.ms_applicability) sorted.push_back(*occ.ms_applicability);
    std::sort(sorted.begin(), sorted.end());
    for (OccupationSummary& occ : occupations) {
        occ.ms_applicability_pct.reset();
        if (!occ.ms_applicability) continue;
        const double score = *occ.ms_applicability;
        const auto below = std::lower_bound(sorted.begin(), sorted.end(), score) - sorted.begin();
        const auto upto = std::upper_bound(sorted.begin(), sorted.end(), score) - sorted.begin();
        occ.ms_applicability_pct = 100.0 * (double(below) + 0.5 * double(upto - below)) / double(sorted.size());
    }
}

std::vector<double>* index_number_column(IndexColumns& columns, std::string_view name) {
    const ColumnSpec* spec = find_column(name);
    return spec && spec->numbers ? &(columns.*spec->numbers) : nullptr;
}

std::vector<std::string>* index_string_column(IndexColumns& columns, std::string_view name) {
    const ColumnSpec* spec = find_column(name);
    return spec && spec->strings ? &(columns.*spec->strings) : nullptr;
}

namespace {

// Runs `check(i)` for i in [0, n) until one fails. Each column's checks are a loop of their own, in a
// function of their own (one instance per lambda; never inlined). V8 counts the bytes of code each
// wasm function runs and recompiles a function with its optimising compiler once the count passes a
// budget (13,000,000 bytes of baseline code run, in Chromium 156). With every column's loop in index_from_columns, that one function
// passed it during the widget's first view and was recompiled there, 13.5 ms of CPU on the other of
// the machine's two cores, for a function that never runs again (issue 7). A loop over one column
// stays far below the budget.
template <class Check>
[[gnu::noinline]] bool for_each_row(std::size_t n, const Check& check) {
    for (std::size_t i = 0; i < n; ++i)
        if (!check(i)) return false;
    return true;
}

// The code column: O*NET-SOC codes, sorted and unique; moved into `occs`.
bool code_column(Reader& reader, std::vector<std::string>& codes, std::vector<OccupationSummary>& occs) {
    return for_each_row(occs.size(), [&](std::size_t i) {
        if (!text_cell(reader, codes[i], "code", i, occs[i].code)) return false;
        if (!is_onet_code(occs[i].code))
            return reader.fail(cell("code", i),
                               "expected an O*NET-SOC code like \"15-2051.00\", got \"" + occs[i].code + "\"");
        if (i > 0 && !(occs[i - 1].code < occs[i].code))
            return reader.fail(cell("code", i), "codes must be sorted and unique, \"" + occs[i].code + "\" follows \"" +
                                                    occs[i - 1].code + "\"");
        return true;
    });
}

// A rater's column: e1, e2, known per occupation, with e1 + e2 <= known <= task_weight.
bool rater_column(Reader& reader, const std::vector<double>& col, int r, std::vector<OccupationSummary>& occs) {
    const char* key = k_rater_keys[r];
    return for_each_row(occs.size(), [&](std::size_t i) {
        RaterWeights& w = occs[i].rater_weights[r];
        if (!integer_cell(reader, col[3 * i], key, 3 * i, 0, k_max_task_weight, w.e1) ||
            !integer_cell(reader, col[3 * i + 1], key, 3 * i + 1, 0, k_max_task_weight, w.e2) ||
            !integer_cell(reader, col[3 * i + 2], key, 3 * i + 2, 0, k_max_task_weight, w.known))
            return false;
        if (w.e1 + w.e2 > w.known)
            return fail_weights(reader, key, 3 * i + 2, "known", w.known, "is less than e1 + e2 =", w.e1 + w.e2,
                                occs[i].code);
        if (w.known > occs[i].task_weight)
            return fail_weights(reader, key, 3 * i + 2, "known", w.known, "exceeds the task_weight",
                                occs[i].task_weight, occs[i].code);
        return true;
    });
}

// The automation column: quarters, weight per occupation; then every derived share.
bool automation_column(Reader& reader, const std::vector<double>& col, std::vector<OccupationSummary>& occs) {
    return for_each_row(occs.size(), [&](std::size_t i) {
        OccupationSummary& occ = occs[i];
        if (!integer_cell(reader, col[2 * i], "automation", 2 * i, 0, 4 * k_max_task_weight,
                          occ.automation_quarters) ||
            !integer_cell(reader, col[2 * i + 1], "automation", 2 * i + 1, 0, k_max_task_weight,
                          occ.automation_weight))
            return false;
        if (occ.automation_weight > occ.task_weight)
            return fail_weights(reader, "automation", 2 * i + 1, "weight", occ.automation_weight,
                                "exceeds the task_weight", occ.task_weight, occ.code);
        if (occ.automation_quarters > 4 * occ.automation_weight)
            return fail_weights(reader, "automation", 2 * i, "quarters", occ.automation_quarters,
                                "exceed 4 x the weight", occ.automation_weight, occ.code);
        derive_shares(occ);
        return true;
    });
}

// The two flag columns, checked against the figures they qualify.
bool wage_flag_column(Reader& reader, const std::vector<std::string>& col, std::vector<OccupationSummary>& occs) {
    return for_each_row(occs.size(), [&](std::size_t i) {
        int flag = 0;
        if (!choice_cell(reader, col[i], "wage_flag", i, k_wage_flag_names, flag)) return false;
        occs[i].wage_flag = WageFlag(flag);
        if ((occs[i].wage_flag == WageFlag::Unknown) == occs[i].median_wage.has_value())
            return reader.fail(cell("wage_flag", i), occs[i].median_wage
                                                         ? "\"unknown\" but median_wage is a number"
                                                         : "median_wage is null, so the flag must be \"unknown\"");
        return true;
    });
}

bool bls_source_column(Reader& reader, const std::vector<std::string>& col, std::vector<OccupationSummary>& occs) {
    return for_each_row(occs.size(), [&](std::size_t i) {
        int bls = 0;
        if (!choice_cell(reader, col[i], "bls_source", i, k_bls_source_names, bls)) return false;
        occs[i].bls_source = BlsSource(bls);
        if (occs[i].bls_source == BlsSource::Missing && (occs[i].employment || occs[i].median_wage))
            return reader.fail(cell("bls_source", i), "\"missing\" but employment or wage is given");
        return true;
    });
}

} // namespace

bool index_from_columns(IndexColumns columns, Index& index, std::string& error, std::string_view source) {
    Reader reader(error, source);
    index = Index{};
    index.version = k_index_version;

    const std::size_t group_count = columns.group_code.size();
    if (!reader.count(group_count, "groups", k_bundle_max_groups)) return false;
    for (const ColumnSpec& spec : k_group_columns) {
        const std::size_t size = spec.numbers ? (columns.*spec.numbers).size() : (columns.*spec.strings).size();
        if (!column_length(reader, spec, size, group_count)) return false;
    }
    index.groups.resize(group_count);
    const bool groups_ok = for_each_row(group_count, [&](std::size_t i) {
        MajorGroup& group = index.groups[i];
        return text_cell(reader, columns.group_code[i], "groups.code", i, group.code) &&
               text_cell(reader, columns.group_title[i], "groups.title", i, group.title) &&
               optional_number_cell(reader, columns.group_employment[i], "groups.employment", i, 0, k_inf,
                                    group.employment);
    });
    if (!groups_ok) return false;

    const std::size_t n = columns.code.size();
    if (!reader.count(n, "occupations.code", k_bundle_max_occupations)) return false;
    index.occupations.resize(n);
    std::vector<OccupationSummary>& occs = index.occupations;
    if (!code_column(reader, columns.code, occs)) return false;
    // Every column's length before any of its cells, so that the loops below index them safely.
    for (const ColumnSpec& spec : k_occupation_columns) {
        const std::size_t size = spec.numbers ? (columns.*spec.numbers).size() : (columns.*spec.strings).size();
        if (!column_length(reader, spec, size, n)) return false;
    }

    const auto integers = [&](const std::vector<double>& col, const char* name, int64_t hi, int OccupationSummary::*field) {
        return for_each_row(n, [&](std::size_t i) { return integer_cell(reader, col[i], name, i, 0, hi, occs[i].*field); });
    };
    const auto optional_numbers = [&](const std::vector<double>& col, const char* name, double lo, double hi,
                                      std::optional<double> OccupationSummary::*field) {
        return for_each_row(n, [&](std::size_t i) {
            return optional_number_cell(reader, col[i], name, i, lo, hi, occs[i].*field);
        });
    };
    const bool ok =
        for_each_row(n, [&](std::size_t i) { return text_cell(reader, columns.title[i], "title", i, occs[i].title); }) &&
        integers(columns.group, "group", int64_t(group_count) - 1, &OccupationSummary::major_group) &&
        integers(columns.task_count, "task_count", int64_t(k_bundle_max_items), &OccupationSummary::task_count) &&
        integers(columns.task_weight, "task_weight", k_max_task_weight, &OccupationSummary::task_weight) &&
        rater_column(reader, columns.human, 0, occs) && rater_column(reader, columns.gpt4, 1, occs) &&
        rater_column(reader, columns.gpt4_alt, 2, occs) && automation_column(reader, columns.automation, occs) &&
        optional_numbers(columns.employment, "employment", 0, k_inf, &OccupationSummary::employment) &&
        optional_numbers(columns.median_wage, "median_wage", 0, k_inf, &OccupationSummary::median_wage) &&
        wage_flag_column(reader, columns.wage_flag, occs) && bls_source_column(reader, columns.bls_source, occs) &&
        optional_numbers(columns.projected_change_pct, "projected_change_pct", -100, k_inf,
                         &OccupationSummary::projected_change_pct) &&
        optional_numbers(columns.ms_applicability, "ms_applicability", 0, 1, &OccupationSummary::ms_applicability) &&
        for_each_row(n, [&](std::size_t i) {
            return number_cell(reader, columns.exposure[i], "exposure", i, 0, 100, occs[i].default_exposure);
        });
    if (!ok) return false;

    compute_ms_applicability_percentiles(occs);
    return true;
}

bool parse_index(std::span<const uint8_t> bytes, Index& index, std::string& error, std::string_view source) {
    IndexColumns columns;
    return read_index_columns(bytes, columns, error, source) &&
           index_from_columns(std::move(columns), index, error, source);
}

std::string serialize_index(const Index& index) {
    OrderedJson doc;
    doc["format"] = "exposure-index";
    doc["version"] = k_index_version;
    OrderedJson groups = OrderedJson::array();
    for (const MajorGroup& group : index.groups)
        groups.push_back(
            {{"code", group.code}, {"title", group.title}, {"employment", optional_index_number(group.employment)}});
    doc["groups"] = std::move(groups);

    const auto each = [&index](auto&& value_of) {
        OrderedJson out = OrderedJson::array();
        for (const OccupationSummary& occ : index.occupations) value_of(out, occ);
        return out;
    };
    OrderedJson columns;
    columns["code"] = each([](OrderedJson& out, const OccupationSummary& o) { out.push_back(o.code); });
    columns["title"] = each([](OrderedJson& out, const OccupationSummary& o) { out.push_back(o.title); });
    columns["group"] = each([](OrderedJson& out, const OccupationSummary& o) { out.push_back(o.major_group); });
    columns["task_count"] = each([](OrderedJson& out, const OccupationSummary& o) { out.push_back(o.task_count); });
    columns["task_weight"] = each([](OrderedJson& out, const OccupationSummary& o) { out.push_back(o.task_weight); });
    for (int r = 0; r < k_rater_count; ++r)
        columns[k_rater_keys[r]] = each([r](OrderedJson& out, const OccupationSummary& o) {
            out.push_back(o.rater_weights[r].e1);
            out.push_back(o.rater_weights[r].e2);
            out.push_back(o.rater_weights[r].known);
        });
    columns["automation"] = each([](OrderedJson& out, const OccupationSummary& o) {
        out.push_back(o.automation_quarters);
        out.push_back(o.automation_weight);
    });
    columns["employment"] =
        each([](OrderedJson& out, const OccupationSummary& o) { out.push_back(optional_index_number(o.employment)); });
    columns["median_wage"] =
        each([](OrderedJson& out, const OccupationSummary& o) { out.push_back(optional_index_number(o.median_wage)); });
    columns["wage_flag"] =
        each([](OrderedJson& out, const OccupationSummary& o) { out.push_back(wage_flag_name(o.wage_flag)); });
    columns["bls_source"] =
        each([](OrderedJson& out, const OccupationSummary& o) { out.push_back(bls_source_name(o.bls_source)); });
    columns["projected_change_pct"] = each([](OrderedJson& out, const OccupationSummary& o) {
        out.push_back(optional_index_number(o.projected_change_pct));
    });
    columns["ms_applicability"] = each(
        [](OrderedJson& out, const OccupationSummary& o) { out.push_back(optional_index_number(o.ms_applicability)); });
    columns["exposure"] =
        each([](OrderedJson& out, const OccupationSummary& o) { out.push_back(index_number(o.default_exposure)); });
    doc["occupations"] = std::move(columns);
    return dump(doc);
}

// [SECTION] Detail

// A detail is read in two steps: a JSON document (from the file's text by nlohmann's parser, or
// from the tape of the page's own JSON.parse), then detail_from_json, every other check. The tape
// step shares nothing with the text step, so a build that reads details only from tapes links no
// JSON text parser.

namespace {

// The document step: every check after the JSON syntax, and the building of `detail`.
bool detail_from_json(Reader& reader, const Json& doc, OccupationDetail& detail) {
    if (!reader.top_level(doc) || !check_version(reader, doc, "exposure-occupation")) return false;
    detail = OccupationDetail{};
    if (!reader.code(doc, "", "code", detail.code) || !reader.string(doc, "", "title", false, detail.title))
        return false;

    const Json* bls = nullptr;
    if (!reader.object(doc, "", "bls", bls) || !reader.string(*bls, "bls", "code", true, detail.bls_code) ||
        !reader.string(*bls, "bls", "title", true, detail.bls_title))
        return false;
    std::optional<double> job_zone;
    if (!reader.optional_number(doc, "", "job_zone", 1, 5, job_zone)) return false;
    if (job_zone) {
        if (*job_zone != std::floor(*job_zone)) return reader.fail("job_zone", "expected an integer 1-5 or null");
        detail.job_zone = int(*job_zone);
    }

    const Json* tasks = nullptr;
    if (!reader.array(doc, "", "tasks", tasks) || !reader.count(*tasks, "tasks", k_bundle_max_items)) return false;
    detail.tasks.reserve(tasks->size());
    std::set<int64_t> seen_ids;
    for (std::size_t i = 0; i < tasks->size(); ++i) {
        const std::string path = Reader::element("tasks", i);
        const Json& item = (*tasks)[i];
        if (!item.is_object()) return reader.fail(path, "expected an object");
        Task task;
        int type = 0, automation = 0;
        std::array<int, k_rater_count> labels{};
        if (!reader.integer(item, path, "id", 1, std::numeric_limits<int64_t>::max(), task.id) ||
            !reader.string(item, path, "text", false, task.text) ||
            !reader.choice(item, path, "type", k_task_type_names, false, type))
            return false;
        if (!seen_ids.insert(task.id).second)
            return reader.fail(Reader::child(path, "id"), "duplicate task ID " + std::to_string(task.id));
        for (int r = 0; r < k_rater_count; ++r)
            if (!reader.choice(item, path, k_rater_keys[r], k_exposure_names, true, labels[r])) return false;
        if (!reader.choice(item, path, "automation", k_automation_names, true, automation)) return false;
        std::optional<double> exposure, automation_value;
        if (!reader.optional_number(item, path, "exposure", 0, 100, exposure) ||
            !reader.optional_number(item, path, "automation_value", 0, 100, automation_value))
            return false;
        task.type = TaskType(type);
        for (int r = 0; r < k_rater_count; ++r) task.exposure[r] = ExposureLabel(labels[r]);
        task.automation = AutomationLabel(automation);
        task.default_exposure = exposure.value_or(-1);
        task.default_automation = automation_value.value_or(-1);
        if (automation_value.has_value() != (task.automation != AutomationLabel::Unknown))
            return reader.fail(Reader::child(path, "automation_value"),
                               "must be null exactly when automation is null");
        detail.tasks.push_back(std::move(task));
    }

    const Json* skills = nullptr;
    if (!reader.array(doc, "", "skills", skills) || !reader.count(*skills, "skills", k_bundle_max_items)) return false;
    for (std::size_t i = 0; i < skills->size(); ++i) {
        const std::string path = Reader::element("skills", i);
        const Json& item = (*skills)[i];
        if (!item.is_object()) return reader.fail(path, "expected an object");
        Skill skill;
        if (!reader.string(item, path, "name", false, skill.name) ||
            !reader.number(item, path, "importance", 0, 100, skill.importance) ||
            !reader.optional_number(item, path, "level", 0, 100, skill.level))
            return false;
        detail.skills.push_back(std::move(skill));
    }

    const Json* activities = nullptr;
    if (!reader.array(doc, "", "activities", activities) ||
        !reader.count(*activities, "activities", k_bundle_max_items))
        return false;
    for (std::size_t i = 0; i < activities->size(); ++i) {
        const std::string path = Reader::element("activities", i);
        const Json& item = (*activities)[i];
        if (!item.is_object()) return reader.fail(path, "expected an object");
        Activity activity;
        if (!reader.string(item, path, "id", false, activity.id) ||
            !reader.string(item, path, "title", false, activity.title) ||
            !reader.number(item, path, "weight", 0, k_inf, activity.weight) ||
            !reader.optional_number(item, path, "share_user", 0, 1, activity.share_user) ||
            !reader.optional_number(item, path, "share_ai", 0, 1, activity.share_ai) ||
            !reader.optional_number(item, path, "completion_ai", 0, 1, activity.completion_ai) ||
            !reader.optional_number(item, path, "impact_scope_ai", 0, 1, activity.impact_scope_ai) ||
            !reader.optional_number(item, path, "applicability_ai", 0, 1, activity.applicability_ai))
            return false;
        detail.activities.push_back(std::move(activity));
    }

    const Json* context = nullptr;
    if (!reader.object_or_null(doc, "", "work_context", context)) return false;
    if (context) {
        WorkContext wc;
        if (!reader.optional_number(*context, "work_context", "degree_of_automation", 0, 1, wc.degree_of_automation) ||
            !reader.optional_number(*context, "work_context", "importance_of_being_exact", 0, 1,
                                    wc.importance_of_being_exact) ||
            !reader.optional_number(*context, "work_context", "importance_of_repeating_tasks", 0, 1,
                                    wc.importance_of_repeating_tasks) ||
            !reader.optional_number(*context, "work_context", "structured_work", 0, 1, wc.structured_work))
            return false;
        detail.work_context = wc;
    }

    const Json* ms = nullptr;
    if (!reader.object_or_null(doc, "", "ms", ms)) return false;
    if (ms) {
        MsMeasures m;
        if (!reader.string(*ms, "ms", "soc_code", false, m.soc_code) ||
            !reader.optional_number(*ms, "ms", "coverage_user", 0, 1, m.coverage_user) ||
            !reader.optional_number(*ms, "ms", "coverage_ai", 0, 1, m.coverage_ai) ||
            !reader.optional_number(*ms, "ms", "completion_user", 0, 1, m.completion_user) ||
            !reader.optional_number(*ms, "ms", "completion_ai", 0, 1, m.completion_ai) ||
            !reader.optional_number(*ms, "ms", "impact_scope_user", 0, 1, m.impact_scope_user) ||
            !reader.optional_number(*ms, "ms", "impact_scope_ai", 0, 1, m.impact_scope_ai) ||
            !reader.optional_number(*ms, "ms", "applicability_user", 0, 1, m.applicability_user) ||
            !reader.optional_number(*ms, "ms", "applicability_ai", 0, 1, m.applicability_ai))
            return false;
        detail.ms = m;
    }
    return true;
}

} // namespace

bool parse_detail(std::span<const uint8_t> bytes, OccupationDetail& detail, std::string& error,
                  std::string_view source) {
    Reader reader(error, source);
    Json doc;
    return reader.parse_text(bytes, doc, k_bundle_max_detail_bytes) && detail_from_json(reader, doc, detail);
}

// [SECTION] Detail tape

namespace {

// Reads a tape (bundle.hpp) into a Json document, exactly one value with nothing left over.
// Recursive: the depth is checked before each step down, so at most k_bundle_max_depth frames.
// Every count is checked against what remains of the tape before anything is allocated for it.
class TapeReader {
public:
    TapeReader(std::span<const double> ops, std::string_view text, std::string& error, std::string_view source)
        : ops_(ops), text_(text), error_(error), source_(source) {}

    bool document(Json& out) {
        // A file within the size limit never gives more: its text holds every string's bytes
        // (escapes only ever shrink), and each value or key costs at least one byte of JSON for
        // at most two ops.
        if (text_.size() > k_bundle_max_detail_bytes)
            return fail(0, "text of " + std::to_string(text_.size()) + " bytes, over the " +
                               std::to_string(k_bundle_max_detail_bytes) + "-byte limit");
        if (ops_.size() > 2 * k_bundle_max_detail_bytes)
            return fail(0, std::to_string(ops_.size()) + " ops, over the limit of " +
                               std::to_string(2 * k_bundle_max_detail_bytes));
        if (!value(out, 0)) return false;
        if (op_ < ops_.size())
            return fail(op_, std::to_string(ops_.size() - op_) + " ops left over after the value");
        if (text_at_ < text_.size())
            return fail(op_, std::to_string(text_.size() - text_at_) + " bytes of text left over after the value");
        return true;
    }

private:
    enum Op { Null = 0, False = 1, True = 2, Number = 3, String = 4, Array = 5, Object = 6 };

    bool fail(std::size_t op, const std::string& what) {
        error_ = source_;
        error_ += ": tape: op " + std::to_string(op) + ": " + what;
        return false;
    }

    // The op at the read position, an integer in [Null, Object] = [0, 6].
    bool next_op(int& op) {
        if (op_ >= ops_.size()) return fail(op_, "the tape ends where a value should begin");
        const double v = ops_[op_];
        if (!(v >= 0 && v <= 6) || v != std::floor(v)) return fail(op_, "unknown op " + number_text(v));
        op = int(v);
        ++op_;
        return true;
    }

    // The count after an op at `at` (a length, a number of values or members): a whole number
    // of at most `limit`, what the rest of the tape can hold; `what` names it for the messages.
    bool next_count(std::size_t at, std::size_t limit, const char* what, std::size_t& out) {
        if (op_ >= ops_.size()) return fail(at, std::string("the tape ends before the count of the ") + what);
        const double v = ops_[op_];
        if (!(v >= 0) || v != std::floor(v))
            return fail(at, std::string("the count of the ") + what + " is " + number_text(v) +
                                ", not a whole number >= 0");
        if (v > double(limit)) {
            const std::string n = number_text(v);
            if (std::string_view(what) == "string")
                return fail(at, "string of " + n + " bytes runs past the text (" + std::to_string(limit) + " left)");
            const bool array = std::string_view(what) == "array";
            return fail(at, std::string(what) + " of " + n + (array ? " values" : " members") +
                                " runs past the end of the tape (" + std::to_string(ops_.size() - op_ - 1) +
                                (array ? " ops left)" : " ops left, at least 3 a member)"));
        }
        out = std::size_t(v);
        ++op_;
        return true;
    }

    // The bytes of a string op at `at` (its count still to read), valid UTF-8 as the text parser
    // requires.
    bool string_bytes(std::size_t at, std::string& out) {
        std::size_t n = 0;
        if (!next_count(at, text_.size() - text_at_, "string", n)) return false;
        const std::string_view bytes = text_.substr(text_at_, n);
        if (const std::size_t bad = find_invalid_utf8(bytes); bad != std::string_view::npos)
            return fail(at, "string of " + std::to_string(n) + " bytes at text byte " + std::to_string(text_at_) +
                                " is not valid UTF-8 (at its byte " + std::to_string(bad) + ")");
        text_at_ += n;
        out.assign(bytes);
        return true;
    }

    // A number as nlohmann's parser types the same JSON text: whole numbers in [-2^53, 2^53] are
    // integers (unsigned from 0 up), the rest floats. JSON.parse has already turned "5.0" into 5,
    // so a tape gives the integer 5 where the text parser gives the float 5.0 (and -0 gives 0):
    // the same decision the index's columns made, and the same value.
    static void number(double v, Json& out) {
        constexpr double k_exact = 9007199254740992.0; // 2^53
        if (v == std::floor(v) && v >= 0 && v <= k_exact) out = uint64_t(v);
        else if (v == std::floor(v) && v < 0 && v >= -k_exact) out = int64_t(v);
        else out = v;
    }

    bool value(Json& out, int depth) {
        const std::size_t at = op_;
        int op = 0;
        if (!next_op(op)) return false;
        switch (op) {
        case Null: out = nullptr; return true;
        case False: out = false; return true;
        case True: out = true; return true;
        case Number: {
            if (op_ >= ops_.size()) return fail(at, "the tape ends before the number");
            const double v = ops_[op_++];
            if (!std::isfinite(v)) return fail(at, "number " + number_text(v) + " (JSON has no NaN or infinity)");
            number(v, out);
            return true;
        }
        case String: {
            out = Json::string_t();
            return string_bytes(at, out.get_ref<Json::string_t&>());
        }
        default: break; // Array or Object
        }
        if (depth + 1 > k_bundle_max_depth)
            return fail(at, "nested deeper than " + std::to_string(k_bundle_max_depth) + " levels");
        const std::size_t left = ops_.size() - std::min(ops_.size(), op_ + 1); // after the count
        if (op == Array) {
            std::size_t n = 0;
            if (!next_count(at, left, "array", n)) return false; // a value takes at least one op
            out = Json::array();
            Json::array_t& array = out.get_ref<Json::array_t&>();
            // Reserved only up to what the document step accepts in any list: nested counts each
            // bounded by the rest of the tape could otherwise reserve many times its size.
            array.reserve(std::min(n, k_bundle_max_items + 1));
            for (std::size_t i = 0; i < n; ++i)
                if (!value(array.emplace_back(), depth + 1)) return false;
            return true;
        }
        std::size_t n = 0;
        if (!next_count(at, left / 3, "object", n)) return false; // a member takes at least three ops
        out = Json::object();
        Json::object_t& object = out.get_ref<Json::object_t&>();
        std::string key;
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t key_at = op_;
            int key_op = 0;
            if (!next_op(key_op)) return false;
            if (key_op != String) return fail(key_at, "expected a key (op 4), got op " + std::to_string(key_op));
            if (!string_bytes(key_at, key)) return false;
            Json& slot = object[key]; // a repeated key: the last value wins, as in both parsers
            slot = nullptr;
            if (!value(slot, depth + 1)) return false;
        }
        return true;
    }

    std::span<const double> ops_;
    std::string_view text_;
    std::string& error_;
    std::string_view source_;
    std::size_t op_ = 0;      // next op to read
    std::size_t text_at_ = 0; // next byte of text to read
};

} // namespace

bool parse_detail_tape(std::span<const double> ops, std::string_view text, OccupationDetail& detail,
                       std::string& error, std::string_view source) {
    Json doc;
    if (!TapeReader(ops, text, error, source).document(doc)) return false;
    Reader reader(error, source);
    return detail_from_json(reader, doc, detail);
}

std::string serialize_detail(const OccupationDetail& detail) {
    OrderedJson doc;
    doc["format"] = "exposure-occupation";
    doc["version"] = k_bundle_version;
    doc["code"] = detail.code;
    doc["title"] = detail.title;
    doc["bls"] = {{"code", detail.bls_code}, {"title", detail.bls_title}};
    doc["job_zone"] = detail.job_zone ? OrderedJson(*detail.job_zone) : OrderedJson(nullptr);
    OrderedJson tasks = OrderedJson::array();
    for (const Task& task : detail.tasks) {
        OrderedJson item;
        item["id"] = task.id;
        item["text"] = task.text;
        item["type"] = task_type_name(task.type);
        for (int r = 0; r < k_rater_count; ++r) item[k_rater_keys[r]] = optional_label(exposure_label_name(task.exposure[r]));
        item["automation"] = optional_label(automation_label_name(task.automation));
        item["exposure"] = task.default_exposure >= 0 ? OrderedJson(task.default_exposure) : OrderedJson(nullptr);
        item["automation_value"] =
            task.default_automation >= 0 ? OrderedJson(task.default_automation) : OrderedJson(nullptr);
        tasks.push_back(std::move(item));
    }
    doc["tasks"] = std::move(tasks);
    OrderedJson skills = OrderedJson::array();
    for (const Skill& skill : detail.skills)
        skills.push_back({{"name", skill.name}, {"importance", skill.importance}, {"level", optional_number(skill.level)}});
    doc["skills"] = std::move(skills);
    OrderedJson activities = OrderedJson::array();
    for (const Activity& a : detail.activities) {
        OrderedJson item;
        item["id"] = a.id;
        item["title"] = a.title;
        item["weight"] = a.weight;
        item["share_user"] = optional_number(a.share_user);
        item["share_ai"] = optional_number(a.share_ai);
        item["completion_ai"] = optional_number(a.completion_ai);
        item["impact_scope_ai"] = optional_number(a.impact_scope_ai);
        item["applicability_ai"] = optional_number(a.applicability_ai);
        activities.push_back(std::move(item));
    }
    doc["activities"] = std::move(activities);
    if (detail.work_context) {
        const WorkContext& wc = *detail.work_context;
        OrderedJson context;
        context["degree_of_automation"] = optional_number(wc.degree_of_automation);
        context["importance_of_being_exact"] = optional_number(wc.importance_of_being_exact);
        context["importance_of_repeating_tasks"] = optional_number(wc.importance_of_repeating_tasks);
        context["structured_work"] = optional_number(wc.structured_work);
        doc["work_context"] = std::move(context);
    } else {
        doc["work_context"] = nullptr;
    }
    if (detail.ms) {
        const MsMeasures& m = *detail.ms;
        OrderedJson ms;
        ms["soc_code"] = m.soc_code;
        ms["coverage_user"] = optional_number(m.coverage_user);
        ms["coverage_ai"] = optional_number(m.coverage_ai);
        ms["completion_user"] = optional_number(m.completion_user);
        ms["completion_ai"] = optional_number(m.completion_ai);
        ms["impact_scope_user"] = optional_number(m.impact_scope_user);
        ms["impact_scope_ai"] = optional_number(m.impact_scope_ai);
        ms["applicability_user"] = optional_number(m.applicability_user);
        ms["applicability_ai"] = optional_number(m.applicability_ai);
        doc["ms"] = std::move(ms);
    } else {
        doc["ms"] = nullptr;
    }
    return dump(doc);
}

// [SECTION] Manifest

namespace {

bool is_sha256_hex(std::string_view text) {
    if (text.size() != 64) return false;
    for (const char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

bool parse_count_map(Reader& reader, const Json& doc, const char* key, std::map<std::string, int64_t>& out) {
    const Json* object = nullptr;
    if (!reader.object(doc, "", key, object) || !reader.count(*object, key, k_bundle_max_manifest_entries)) return false;
    for (auto it = object->begin(); it != object->end(); ++it) {
        if (!reader.text_length(it.key(), std::string(key) + " key")) return false;
        int64_t value = 0;
        if (!reader.integer_value(it.value(), std::string(key) + "." + it.key(), 0,
                                  std::numeric_limits<int64_t>::max(), value))
            return false;
        out[it.key()] = value;
    }
    return true;
}

} // namespace

bool parse_manifest(std::span<const uint8_t> bytes, Manifest& manifest, std::string& error, std::string_view source) {
    Reader reader(error, source);
    Json doc;
    if (!reader.parse(bytes, doc, k_bundle_max_manifest_bytes) || !check_version(reader, doc, "exposure-manifest"))
        return false;
    manifest = Manifest{};
    if (!reader.string(doc, "", "built_by", false, manifest.built_by)) return false;
    const Json* upstream = nullptr;
    if (!reader.array(doc, "", "upstream", upstream) ||
        !reader.count(*upstream, "upstream", k_bundle_max_manifest_entries))
        return false;
    for (std::size_t i = 0; i < upstream->size(); ++i) {
        const std::string path = Reader::element("upstream", i);
        const Json& item = (*upstream)[i];
        if (!item.is_object()) return reader.fail(path, "expected an object");
        Manifest::Upstream u;
        if (!reader.string(item, path, "folder", false, u.folder) || !reader.string(item, path, "name", false, u.name) ||
            !reader.string(item, path, "commit", true, u.commit) || !reader.string(item, path, "sha256", false, u.sha256))
            return false;
        if (!is_sha256_hex(u.sha256)) return reader.fail(Reader::child(path, "sha256"), "expected 64 lowercase hex digits");
        manifest.upstream.push_back(std::move(u));
    }
    if (!parse_count_map(reader, doc, "counts", manifest.counts) ||
        !parse_count_map(reader, doc, "matches", manifest.matches))
        return false;
    const Json* files = nullptr;
    if (!reader.object(doc, "", "files", files) || !reader.count(*files, "files", k_bundle_max_manifest_entries))
        return false;
    for (auto it = files->begin(); it != files->end(); ++it) {
        if (!reader.text_length(it.key(), "files key")) return false;
        const std::string path = "files." + it.key();
        std::string sum;
        if (!reader.string_value(it.value(), path, false, sum)) return false;
        if (!is_sha256_hex(sum)) return reader.fail(path, "expected 64 lowercase hex digits");
        manifest.files[it.key()] = sum;
    }
    return true;
}

std::string serialize_manifest(const Manifest& manifest) {
    OrderedJson doc;
    doc["format"] = "exposure-manifest";
    doc["version"] = k_bundle_version;
    doc["built_by"] = manifest.built_by;
    OrderedJson upstream = OrderedJson::array();
    for (const Manifest::Upstream& u : manifest.upstream)
        upstream.push_back({{"folder", u.folder}, {"name", u.name}, {"commit", u.commit}, {"sha256", u.sha256}});
    doc["upstream"] = std::move(upstream);
    doc["counts"] = OrderedJson::object();
    for (const auto& [key, value] : manifest.counts) doc["counts"][key] = value;
    doc["matches"] = OrderedJson::object();
    for (const auto& [key, value] : manifest.matches) doc["matches"][key] = value;
    doc["files"] = OrderedJson::object();
    for (const auto& [key, value] : manifest.files) doc["files"][key] = value;
    // The manifest is read by people too: indent it.
    return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

// [SECTION] Files

namespace fs = std::filesystem;

bool read_file_bytes(const std::string& path, std::vector<uint8_t>& bytes, std::string& error, std::size_t max_bytes) {
    bytes.clear();
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file) {
        error = path + ": cannot open (missing or unreadable)";
        return false;
    }
    uint8_t chunk[1 << 16];
    std::size_t got = 0;
    while ((got = std::fread(chunk, 1, sizeof chunk, file)) > 0) {
        bytes.insert(bytes.end(), chunk, chunk + got);
        if (bytes.size() > max_bytes) { // also ends reading an endless file such as /dev/zero
            std::fclose(file);
            bytes.clear();
            error = path + ": larger than the " + std::to_string(max_bytes) + "-byte limit";
            return false;
        }
    }
    const bool failed = std::ferror(file) != 0;
    std::fclose(file);
    if (failed) {
        error = path + ": read error";
        return false;
    }
    return true;
}

bool load_index(const std::string& dir, Index& index, std::string& error) {
    const std::string path = (fs::path(dir) / k_index_file).string();
    std::vector<uint8_t> bytes;
    return read_file_bytes(path, bytes, error, k_bundle_max_index_bytes) && parse_index(bytes, index, error, path);
}

bool load_detail(const std::string& dir, std::string_view code, OccupationDetail& detail, std::string& error) {
    if (!is_onet_code(code)) {
        error = "\"" + std::string(code) + "\" is not an O*NET-SOC code (expected e.g. 15-2051.00)";
        return false;
    }
    const std::string path = (fs::path(dir) / detail_path(code)).string();
    std::vector<uint8_t> bytes;
    if (!read_file_bytes(path, bytes, error, k_bundle_max_detail_bytes) || !parse_detail(bytes, detail, error, path))
        return false;
    if (detail.code != code) {
        error = path + ": code: expected \"" + std::string(code) + "\", got \"" + detail.code + "\"";
        return false;
    }
    return true;
}

bool load_manifest(const std::string& dir, Manifest& manifest, std::string& error) {
    const std::string path = (fs::path(dir) / k_manifest_file).string();
    std::vector<uint8_t> bytes;
    return read_file_bytes(path, bytes, error, k_bundle_max_manifest_bytes) && parse_manifest(bytes, manifest, error, path);
}

namespace {

bool write_text_file(const fs::path& path, const std::string& text, std::string& error) {
    std::FILE* file = std::fopen(path.string().c_str(), "wb");
    if (!file) {
        error = path.string() + ": cannot create";
        return false;
    }
    const bool wrote = std::fwrite(text.data(), 1, text.size(), file) == text.size();
    const bool closed = std::fclose(file) == 0;
    if (!wrote || !closed) {
        error = path.string() + ": write failed (disk full?)";
        return false;
    }
    return true;
}

} // namespace

bool write_bundle(const std::string& out_dir, const Index& index, const std::vector<OccupationDetail>& details,
                  Manifest manifest, std::string& error) {
    std::error_code ec;
    fs::path out = fs::path(out_dir);
    if (out.has_filename() == false) out = out.parent_path(); // "data/bundle/" -> "data/bundle"
    const std::string suffix = std::to_string(::getpid());
    const fs::path temp = out.string() + ".tmp-" + suffix;
    const fs::path old = out.string() + ".old-" + suffix;
    if (!out.parent_path().empty()) fs::create_directories(out.parent_path(), ec);
    fs::remove_all(temp, ec);
    if (!fs::create_directories(temp / k_occupations_dir, ec)) {
        error = temp.string() + ": cannot create folder: " + ec.message();
        return false;
    }
    auto abandon = [&] {
        std::error_code ignored;
        fs::remove_all(temp, ignored);
        return false;
    };

    manifest.version = k_bundle_version;
    manifest.files.clear();
    const std::string index_text = serialize_index(index);
    if (!write_text_file(temp / k_index_file, index_text, error)) return abandon();
    manifest.files[k_index_file] = sha256_hex(index_text);
    for (const OccupationDetail& detail : details) {
        if (!is_onet_code(detail.code)) {
            error = "occupation detail has an invalid code \"" + detail.code + "\"";
            return abandon();
        }
        const std::string relative = detail_path(detail.code);
        const std::string text = serialize_detail(detail);
        if (!write_text_file(temp / relative, text, error)) return abandon();
        manifest.files[relative] = sha256_hex(text);
    }
    if (!write_text_file(temp / k_manifest_file, serialize_manifest(manifest), error)) return abandon();

    // Swap in: move the old bundle aside, move the new one in, then delete the old one.
    const bool had_old = fs::exists(out, ec);
    if (had_old && !fs::is_empty(out, ec) && !fs::exists(out / k_manifest_file, ec)) {
        // Never delete a folder that is not a bundle (a mistyped --out).
        error = out.string() + ": exists and is not a bundle (no " + k_manifest_file + "); not replacing it";
        return abandon();
    }
    if (had_old) {
        fs::rename(out, old, ec);
        if (ec) {
            error = out.string() + ": cannot move the previous bundle aside: " + ec.message();
            return abandon();
        }
    }
    fs::rename(temp, out, ec);
    if (ec) {
        error = out.string() + ": cannot move the new bundle into place: " + ec.message();
        std::error_code ignored;
        if (had_old) fs::rename(old, out, ignored);
        return abandon();
    }
    if (had_old) fs::remove_all(old, ec);
    return true;
}

} // namespace exposure
