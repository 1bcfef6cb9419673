// Exposure Explorer core: reading and writing the bundle (format in data/SCHEMA.md).
// Sections:
//   [SECTION] Names       label and enum spellings shared by reader and writer
//   [SECTION] Reader      exception-free checked access to parsed JSON, with field paths
//   [SECTION] Index       parse_index / serialize_index
//   [SECTION] Detail      parse_detail / serialize_detail
//   [SECTION] Manifest    parse_manifest / serialize_manifest
//   [SECTION] Files       load_* and the atomic write_bundle
// Parsing uses nlohmann::json with allow_exceptions=false and checks every type before reading,
// so it works in a build with -fno-exceptions and never aborts on hostile input.
#include "bundle.hpp"

#include "sha256.hpp"

#include <nlohmann/json.hpp>

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

    // Parses a whole document of at most `max_bytes`, nested at most k_bundle_max_depth deep.
    bool parse(std::span<const uint8_t> bytes, Json& out, std::size_t max_bytes) {
        if (bytes.size() > max_bytes)
            return fail("", "file is " + std::to_string(bytes.size()) + " bytes, over the " + std::to_string(max_bytes) +
                                "-byte limit");
        if (const std::size_t at = too_deep(bytes); at != std::size_t(-1))
            return fail("", "nested deeper than " + std::to_string(k_bundle_max_depth) + " levels (at byte " +
                                std::to_string(at + 1) + ")");
        out = Json::parse(bytes.begin(), bytes.end(), nullptr, /*allow_exceptions=*/false);
        if (out.is_discarded()) return fail("", "not valid JSON (or not valid UTF-8)");
        if (!out.is_object()) return fail("", "expected a JSON object at the top level");
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
        if (array.size() <= limit) return true;
        return fail(path, std::to_string(array.size()) + " entries, over the limit of " + std::to_string(limit));
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
            return fail(path, "expected an integer");
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
        if (!value) return false;
        if (allow_null && value->is_null()) {
            out = -1;
            return true;
        }
        std::string expected;
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (value->is_string() && value->get_ref<const std::string&>() == names[i]) {
                out = int(i);
                return true;
            }
            expected += (i ? ", \"" : "\"") + std::string(names[i]) + "\"";
        }
        return fail(child(path, key), "expected one of " + expected + (allow_null ? " or null" : "") +
                                          ", got " + describe(*value));
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

// Shares are fractions of a weight sum; allow for the last bits of rounding.
constexpr double k_share_slack = 1e-9;

bool check_version(Reader& reader, const Json& doc, const char* format) {
    std::string found;
    if (!reader.string(doc, "", "format", false, found)) return false;
    if (found != format) return reader.fail("format", "expected \"" + std::string(format) + "\", got \"" + found + "\"");
    int64_t version = 0;
    if (!reader.integer(doc, "", "version", 0, std::numeric_limits<int>::max(), version)) return false;
    if (version != k_bundle_version)
        return reader.fail("version", "this build reads bundle version " + std::to_string(k_bundle_version) +
                                          ", the file has version " + std::to_string(version));
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

bool parse_index(std::span<const uint8_t> bytes, Index& index, std::string& error, std::string_view source) {
    Reader reader(error, source);
    Json doc;
    if (!reader.parse(bytes, doc, k_bundle_max_index_bytes) || !check_version(reader, doc, "exposure-index")) return false;
    index = Index{};
    index.version = k_bundle_version;

    const Json* groups = nullptr;
    if (!reader.array(doc, "", "groups", groups) || !reader.count(*groups, "groups", k_bundle_max_groups)) return false;
    for (std::size_t i = 0; i < groups->size(); ++i) {
        const std::string path = Reader::element("groups", i);
        const Json& item = (*groups)[i];
        if (!item.is_object()) return reader.fail(path, "expected an object");
        MajorGroup group;
        if (!reader.string(item, path, "code", false, group.code) ||
            !reader.string(item, path, "title", false, group.title) ||
            !reader.optional_number(item, path, "employment", 0, k_inf, group.employment))
            return false;
        index.groups.push_back(std::move(group));
    }

    const Json* occupations = nullptr;
    if (!reader.array(doc, "", "occupations", occupations) ||
        !reader.count(*occupations, "occupations", k_bundle_max_occupations))
        return false;
    index.occupations.reserve(occupations->size());
    for (std::size_t i = 0; i < occupations->size(); ++i) {
        const std::string path = Reader::element("occupations", i);
        const Json& item = (*occupations)[i];
        if (!item.is_object()) return reader.fail(path, "expected an object");
        OccupationSummary occ;
        int64_t group = 0, task_count = 0;
        int wage_flag = 0, bls_source = 0;
        if (!reader.code(item, path, "code", occ.code) || !reader.string(item, path, "title", false, occ.title) ||
            !reader.integer(item, path, "group", 0, int64_t(index.groups.size()) - 1, group) ||
            !reader.integer(item, path, "task_count", 0, int64_t(k_bundle_max_items), task_count))
            return false;
        occ.major_group = int(group);
        occ.task_count = int(task_count);
        if (!index.occupations.empty() && !(index.occupations.back().code < occ.code))
            return reader.fail(Reader::child(path, "code"),
                               "codes must be sorted and unique, \"" + occ.code + "\" follows \"" +
                                   index.occupations.back().code + "\"");

        const Json* shares = nullptr;
        if (!reader.object(item, path, "shares", shares)) return false;
        const std::string shares_path = Reader::child(path, "shares");
        for (int r = 0; r < k_rater_count; ++r) {
            const Json* triple = nullptr;
            if (!reader.array(*shares, shares_path, k_rater_keys[r], triple)) return false;
            const std::string triple_path = Reader::child(shares_path, k_rater_keys[r]);
            if (triple->size() != 3) return reader.fail(triple_path, "expected [e1, e2, known]");
            RaterShares& s = occ.shares[r];
            if (!reader.number_value((*triple)[0], Reader::element(triple_path, 0), 0, 1, s.e1) ||
                !reader.number_value((*triple)[1], Reader::element(triple_path, 1), 0, 1, s.e2) ||
                !reader.number_value((*triple)[2], Reader::element(triple_path, 2), 0, 1, s.known))
                return false;
            if (s.e1 + s.e2 > s.known + k_share_slack)
                return reader.fail(triple_path, "e1 + e2 exceeds the known share");
        }
        if (!reader.number(item, path, "automation_mean", 0, 1, occ.automation_mean) ||
            !reader.optional_number(item, path, "employment", 0, k_inf, occ.employment) ||
            !reader.optional_number(item, path, "median_wage", 0, k_inf, occ.median_wage) ||
            !reader.choice(item, path, "wage_flag", k_wage_flag_names, false, wage_flag) ||
            !reader.choice(item, path, "bls_source", k_bls_source_names, false, bls_source) ||
            !reader.optional_number(item, path, "projected_change_pct", -100, k_inf, occ.projected_change_pct) ||
            !reader.optional_number(item, path, "ms_applicability", 0, 1, occ.ms_applicability) ||
            !reader.optional_number(item, path, "ms_applicability_pct", 0, 100, occ.ms_applicability_pct) ||
            !reader.number(item, path, "exposure", 0, 100, occ.default_exposure))
            return false;
        occ.wage_flag = WageFlag(wage_flag);
        occ.bls_source = BlsSource(bls_source);
        if ((occ.wage_flag == WageFlag::Unknown) == occ.median_wage.has_value())
            return reader.fail(Reader::child(path, "wage_flag"),
                               occ.median_wage ? "\"unknown\" but median_wage is a number"
                                               : "median_wage is null, so the flag must be \"unknown\"");
        if (occ.bls_source == BlsSource::Missing && (occ.employment || occ.median_wage))
            return reader.fail(Reader::child(path, "bls_source"), "\"missing\" but employment or wage is given");
        if (occ.ms_applicability.has_value() != occ.ms_applicability_pct.has_value())
            return reader.fail(Reader::child(path, "ms_applicability_pct"),
                               "must be null exactly when ms_applicability is null");
        index.occupations.push_back(std::move(occ));
    }
    return true;
}

std::string serialize_index(const Index& index) {
    OrderedJson doc;
    doc["format"] = "exposure-index";
    doc["version"] = k_bundle_version;
    OrderedJson groups = OrderedJson::array();
    for (const MajorGroup& group : index.groups)
        groups.push_back({{"code", group.code}, {"title", group.title}, {"employment", optional_number(group.employment)}});
    doc["groups"] = std::move(groups);
    OrderedJson occupations = OrderedJson::array();
    for (const OccupationSummary& occ : index.occupations) {
        OrderedJson shares = OrderedJson::object();
        for (int r = 0; r < k_rater_count; ++r)
            shares[k_rater_keys[r]] = {occ.shares[r].e1, occ.shares[r].e2, occ.shares[r].known};
        OrderedJson item;
        item["code"] = occ.code;
        item["title"] = occ.title;
        item["group"] = occ.major_group;
        item["task_count"] = occ.task_count;
        item["shares"] = std::move(shares);
        item["automation_mean"] = occ.automation_mean;
        item["employment"] = optional_number(occ.employment);
        item["median_wage"] = optional_number(occ.median_wage);
        item["wage_flag"] = wage_flag_name(occ.wage_flag);
        item["bls_source"] = bls_source_name(occ.bls_source);
        item["projected_change_pct"] = optional_number(occ.projected_change_pct);
        item["ms_applicability"] = optional_number(occ.ms_applicability);
        item["ms_applicability_pct"] = optional_number(occ.ms_applicability_pct);
        item["exposure"] = occ.default_exposure;
        occupations.push_back(std::move(item));
    }
    doc["occupations"] = std::move(occupations);
    return dump(doc);
}

// [SECTION] Detail

bool parse_detail(std::span<const uint8_t> bytes, OccupationDetail& detail, std::string& error,
                  std::string_view source) {
    Reader reader(error, source);
    Json doc;
    if (!reader.parse(bytes, doc, k_bundle_max_detail_bytes) || !check_version(reader, doc, "exposure-occupation"))
        return false;
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
