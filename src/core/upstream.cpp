// Exposure Explorer core: build-data's reading and joining of the upstream files.
// Sections:
//   [SECTION] Sources        data/sources.json
//   [SECTION] Files          reading one upstream file (checksum, UTF-8, CSV) and its columns
//   [SECTION] Labels         task rows of full_labelset.tsv
//   [SECTION] BLS            OEWS rows, matched names, projections
//   [SECTION] O*NET          basic skills and work contexts, by title
//   [SECTION] Microsoft      applicability, occupation metrics, IWAs and their weights
//   [SECTION] Join           one occupation at a time, then the index
//   [SECTION] Defaults       default-scenario figures stored for plain JavaScript
// Every check that fails adds "file:line:column: message" to the error list and the build goes
// on reading, so one run reports every problem it can see (up to k_max_errors_per_file per file).
#include "upstream.hpp"

#include "csv_reader.hpp"
#include "sha256.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>

namespace exposure {

namespace {

constexpr const char* k_gpts = "gpts-are-gpts";
constexpr const char* k_msai = "working-with-ai";
constexpr std::size_t k_max_errors_per_file = 25;

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return out;
}

bool is_soc_code(std::string_view code) { // "NN-NNNN"
    if (code.size() != 7 || code[2] != '-') return false;
    for (std::size_t i = 0; i < code.size(); ++i)
        if (i != 2 && (code[i] < '0' || code[i] > '9')) return false;
    return true;
}

} // namespace

// [SECTION] Sources

bool read_sources(const std::string& path, std::vector<PinnedFile>& files, std::string& error) {
    files.clear();
    std::vector<uint8_t> bytes;
    if (!read_file_bytes(path, bytes, error)) return false;
    const nlohmann::json doc = nlohmann::json::parse(bytes.begin(), bytes.end(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        error = path + ": not a JSON object";
        return false;
    }
    std::map<std::string, std::string> commits;
    const auto repos = doc.find("repositories");
    if (repos == doc.end() || !repos->is_array()) {
        error = path + ": repositories: expected an array";
        return false;
    }
    for (std::size_t i = 0; i < repos->size(); ++i) {
        const nlohmann::json& repo = (*repos)[i];
        const auto folder = repo.is_object() ? repo.find("folder") : repo.end();
        const auto commit = repo.is_object() ? repo.find("commit") : repo.end();
        if (!repo.is_object() || folder == repo.end() || !folder->is_string() || commit == repo.end() ||
            !commit->is_string()) {
            error = path + ": repositories[" + std::to_string(i) + "]: expected folder and commit strings";
            return false;
        }
        commits[folder->get<std::string>()] = commit->get<std::string>();
    }
    const auto list = doc.find("files");
    if (list == doc.end() || !list->is_array()) {
        error = path + ": files: expected an array";
        return false;
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
        const nlohmann::json& item = (*list)[i];
        PinnedFile file;
        for (auto [key, out] : {std::pair<const char*, std::string*>{"folder", &file.folder}, {"name", &file.name},
                                {"sha256", &file.sha256}, {"url", &file.url}}) {
            const auto it = item.is_object() ? item.find(key) : item.end();
            if (!item.is_object() || it == item.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) {
                error = path + ": files[" + std::to_string(i) + "]." + key + ": expected a non-empty string";
                return false;
            }
            *out = it->get<std::string>();
        }
        const auto commit = commits.find(file.folder);
        if (commit == commits.end()) {
            error = path + ": files[" + std::to_string(i) + "].folder: \"" + file.folder + "\" is not in repositories";
            return false;
        }
        file.commit = commit->second;
        files.push_back(std::move(file));
    }
    return true;
}

namespace {

// [SECTION] Files

// Collects errors, at most k_max_errors_per_file per file, and counts the rest.
class Problems {
public:
    explicit Problems(std::vector<std::string>& out) : out_(out) {}
    void add(const std::string& file, std::string message) {
        if (per_file_[file]++ < k_max_errors_per_file) out_.push_back(std::move(message));
    }
    bool any() const { return !per_file_.empty(); }
    void finish() {
        for (const auto& [file, count] : per_file_)
            if (count > k_max_errors_per_file)
                out_.push_back(file + ": " + std::to_string(count - k_max_errors_per_file) + " more problems not shown");
    }

private:
    std::vector<std::string>& out_;
    std::map<std::string, std::size_t> per_file_;
};

// One upstream file, read and parsed, with its required columns resolved.
struct Source {
    CsvTable table;
    bool ok = false;
    std::map<std::string, int, std::less<>> columns;

    int column(std::string_view name) const {
        const auto it = columns.find(name);
        return it == columns.end() ? -1 : it->second;
    }
};

class Reader {
public:
    Reader(const std::string& dir, const UpstreamOptions& options, Manifest& manifest, Problems& problems)
        : dir_(dir), options_(options), manifest_(manifest), problems_(problems) {}

    // Reads <dir>/<folder>/<name>: checksum (against the pins), UTF-8, CSV, required columns.
    Source read(const char* folder, const char* name, char delimiter, std::initializer_list<const char*> required) {
        Source source;
        const std::string path = (std::filesystem::path(dir_) / folder / name).string();
        source.table.file = path;
        std::vector<uint8_t> bytes;
        std::string error;
        if (!read_file_bytes(path, bytes, error, k_upstream_max_file_bytes)) {
            std::error_code ec;
            problems_.add(path, std::filesystem::exists(path, ec)
                                    ? error // too large or unreadable
                                    : path + ": missing upstream file (run scripts/fetch_upstream.sh)");
            return source;
        }
        const std::string sum = sha256_hex(bytes);
        Manifest::Upstream entry{folder, name, "", sum};
        if (options_.pinned) {
            const auto pin = std::find_if(options_.pinned->begin(), options_.pinned->end(), [&](const PinnedFile& p) {
                return p.folder == folder && p.name == name;
            });
            if (pin == options_.pinned->end()) {
                problems_.add(path, path + ": not listed in the sources manifest");
                return source;
            }
            if (pin->sha256 != sum) {
                problems_.add(path, path + ": SHA-256 mismatch: expected " + pin->sha256 + ", got " + sum);
                return source;
            }
            entry.commit = pin->commit;
        }
        manifest_.upstream.push_back(std::move(entry));
        const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
        if (!read_csv(text, delimiter, path, source.table, error)) {
            problems_.add(path, error);
            return source;
        }
        bool complete = true;
        for (const char* column : required) {
            const int index = source.table.find_column(column);
            if (index < 0) {
                problems_.add(path, path + ":1:1: missing column \"" + std::string(column) + "\"");
                complete = false;
            }
            source.columns[column] = index;
        }
        source.ok = complete;
        return source;
    }

    // Reports a problem with the file's header line.
    void fail_file(const Source& source, std::string_view message) {
        problems_.add(source.table.file, source.table.file + ":1:1: " + std::string(message));
    }

    // Reports a problem with one field of a row.
    void fail(const Source& source, const CsvRow& row, int column, std::string_view message) {
        problems_.add(source.table.file, field_error(source.table, row, column, message));
    }
    void fail(const Source& source, const CsvRow& row, std::string_view column, std::string_view message) {
        fail(source, row, source.column(column), message);
    }

    // A required number; `absent` lists the spellings that mean "no figure" (-> nullopt, true).
    bool number(const Source& source, const CsvRow& row, std::string_view column, bool thousands, double lo,
                double hi, std::initializer_list<std::string_view> absent, std::optional<double>& out) {
        return number(source, row, source.column(column), thousands, lo, hi, absent, out);
    }
    bool number(const Source& source, const CsvRow& row, int index, bool thousands, double lo, double hi,
                std::initializer_list<std::string_view> absent, std::optional<double>& out) {
        out.reset();
        const std::string& text = row.fields[index];
        for (const std::string_view a : absent)
            if (text == a) return true;
        const std::optional<double> value = parse_number(text, thousands);
        if (!value) {
            fail(source, row, index, "malformed number \"" + text + "\"");
            return false;
        }
        if (*value < lo || *value > hi) {
            char range[96];
            std::snprintf(range, sizeof range, "value %g out of range [%g, %g]", *value, lo, hi);
            fail(source, row, index, range);
            return false;
        }
        out = value;
        return true;
    }

private:
    const std::string& dir_;
    const UpstreamOptions& options_;
    Manifest& manifest_;
    Problems& problems_;
};

constexpr double k_inf = std::numeric_limits<double>::infinity();

// [SECTION] Labels

struct LabelledOccupation {
    std::string code;
    std::string title;
    int first_line = 0;
    std::vector<Task> tasks;
};

bool parse_exposure_label(std::string_view text, ExposureLabel& out) {
    if (text.empty()) out = ExposureLabel::Unknown;
    else if (text == "E0") out = ExposureLabel::E0;
    else if (text == "E1") out = ExposureLabel::E1;
    else if (text == "E2") out = ExposureLabel::E2;
    else return false;
    return true;
}

bool parse_automation_label(std::string_view text, AutomationLabel& out) {
    if (text.empty()) {
        out = AutomationLabel::Unknown;
        return true;
    }
    if (text.size() == 2 && text[0] == 'T' && text[1] >= '0' && text[1] <= '4') {
        out = AutomationLabel(text[1] - '0');
        return true;
    }
    return false;
}

std::vector<LabelledOccupation> read_labels(Reader& reader, const Source& source) {
    std::vector<LabelledOccupation> occupations;
    if (!source.ok) return occupations;
    std::map<std::string, std::size_t> by_code;
    std::unordered_map<int64_t, int> first_line_of_task;
    constexpr const char* k_rater_columns[k_rater_count] = {"human_exposure_agg", "gpt4_exposure",
                                                            "gpt4_exposure_alt_rubric"};
    for (const CsvRow& row : source.table.rows) {
        const std::string& code = row.fields[source.column("O*NET-SOC Code")];
        const std::string& title = row.fields[source.column("Title")];
        bool row_ok = true;
        if (!is_onet_code(code)) {
            reader.fail(source, row, "O*NET-SOC Code", "expected an O*NET-SOC code like 15-2051.00, got \"" + code + "\"");
            continue;
        }
        if (title.empty()) {
            reader.fail(source, row, "Title", "empty occupation title");
            row_ok = false;
        }
        Task task;
        const std::string& id_text = row.fields[source.column("Task ID")];
        const std::optional<double> id = parse_number(id_text);
        if (!id || *id < 1 || *id > 9.0e15 || *id != std::floor(*id)) {
            reader.fail(source, row, "Task ID", "malformed task ID \"" + id_text + "\" (expected a positive integer)");
            row_ok = false;
        } else {
            task.id = int64_t(*id);
            const auto [it, inserted] = first_line_of_task.emplace(task.id, row.line);
            if (!inserted) {
                reader.fail(source, row, "Task ID",
                            "duplicate task ID " + std::to_string(task.id) + " (first on line " + std::to_string(it->second) + ")");
                row_ok = false;
            }
        }
        task.text = row.fields[source.column("Task")];
        if (task.text.empty()) {
            reader.fail(source, row, "Task", "empty task statement");
            row_ok = false;
        }
        const std::string& type = row.fields[source.column("Task Type")];
        if (type == "Core") task.type = TaskType::Core;
        else if (type == "Supplemental") task.type = TaskType::Supplemental;
        else if (type.empty()) task.type = TaskType::Unspecified;
        else {
            reader.fail(source, row, "Task Type", "unknown task type \"" + type + "\" (expected Core, Supplemental or blank)");
            row_ok = false;
        }
        for (int r = 0; r < k_rater_count; ++r) {
            const std::string& label = row.fields[source.column(k_rater_columns[r])];
            if (!parse_exposure_label(label, task.exposure[r])) {
                reader.fail(source, row, k_rater_columns[r], "unknown exposure label \"" + label + "\" (expected E0, E1, E2 or blank)");
                row_ok = false;
            }
        }
        const std::string& automation = row.fields[source.column("gpt4_automation")];
        if (!parse_automation_label(automation, task.automation)) {
            reader.fail(source, row, "gpt4_automation", "unknown automation label \"" + automation + "\" (expected T0..T4 or blank)");
            row_ok = false;
        }
        auto [slot, fresh] = by_code.emplace(code, occupations.size());
        if (fresh) occupations.push_back({code, title, row.line, {}});
        LabelledOccupation& occ = occupations[slot->second];
        if (occ.title != title && !title.empty()) {
            reader.fail(source, row, "Title", "title \"" + title + "\" differs from \"" + occ.title + "\" on line " +
                                                  std::to_string(occ.first_line) + " for the same code");
            row_ok = false;
        }
        if (row_ok) occ.tasks.push_back(std::move(task));
    }
    std::sort(occupations.begin(), occupations.end(),
              [](const LabelledOccupation& a, const LabelledOccupation& b) { return a.code < b.code; });
    return occupations;
}

// [SECTION] BLS

struct OewsRow {
    std::string title;
    std::optional<double> employment;
    std::optional<double> median_wage;
    WageFlag wage_flag = WageFlag::Unknown;
};

struct Oews {
    std::map<std::string, OewsRow> major, broad, detailed;
};

Oews read_oews(Reader& reader, const Source& source) {
    Oews oews;
    if (!source.ok) return oews;
    for (const CsvRow& row : source.table.rows) {
        const std::string& code = row.fields[source.column("OCC_CODE")];
        const std::string& group = row.fields[source.column("O_GROUP")];
        std::map<std::string, OewsRow>* target = nullptr;
        if (group == "major") target = &oews.major;
        else if (group == "broad") target = &oews.broad;
        else if (group == "detailed") target = &oews.detailed;
        else if (group != "total" && group != "minor") {
            reader.fail(source, row, "O_GROUP", "unknown group \"" + group + "\" (expected total, major, minor, broad or detailed)");
            continue;
        }
        if (!is_soc_code(code)) {
            reader.fail(source, row, "OCC_CODE", "expected a SOC code like 15-2051, got \"" + code + "\"");
            continue;
        }
        OewsRow item;
        item.title = row.fields[source.column("OCC_TITLE")];
        if (item.title.empty()) {
            reader.fail(source, row, "OCC_TITLE", "empty occupation title");
            continue;
        }
        // '*' (and '**') mark figures BLS did not publish; '#' a wage above the top code.
        bool ok = reader.number(source, row, "TOT_EMP", true, 0, k_inf, {"*", "**"}, item.employment);
        const std::string& wage = row.fields[source.column("A_MEDIAN")];
        if (wage == "#") {
            item.median_wage = k_oews_top_coded_annual_wage;
            item.wage_flag = WageFlag::TopCoded;
        } else {
            ok = reader.number(source, row, "A_MEDIAN", true, 0, k_inf, {"*", "**"}, item.median_wage) && ok;
            item.wage_flag = item.median_wage ? WageFlag::None : WageFlag::Unknown;
        }
        if (!ok || !target) continue;
        if (!target->emplace(code, std::move(item)).second)
            reader.fail(source, row, "OCC_CODE", "duplicate " + group + " row for " + code);
    }
    return oews;
}

// O*NET title -> the BLS names it was matched to (matched-names file).
std::map<std::string, std::vector<std::string>> read_matched_names(Reader& reader, const Source& source) {
    std::map<std::string, std::vector<std::string>> names;
    if (!source.ok) return names;
    for (const CsvRow& row : source.table.rows) {
        const std::string& occupation = row.fields[source.column("occupation")];
        if (occupation.empty()) continue; // BLS rows that no O*NET title matched
        std::vector<std::string> candidates;
        for (const char* column : {"onet_bls_name", "OCC_TITLE"})
            if (const std::string& name = row.fields[source.column(column)]; !name.empty()) candidates.push_back(name);
        if (!names.emplace(occupation, std::move(candidates)).second)
            reader.fail(source, row, "occupation", "duplicate occupation \"" + occupation + "\"");
    }
    return names;
}

// Lower-cased BLS projection name -> % change. The file lists the hierarchy top-down, so a name
// that appears twice (a broad group and its one detailed occupation) takes the later, detailed row.
std::map<std::string, double> read_projections(Reader& reader, const Source& source, std::vector<std::string>& notes) {
    std::map<std::string, double> projections;
    if (!source.ok) return projections;
    int repeated = 0;
    for (const CsvRow& row : source.table.rows) {
        const std::string& name = row.fields[source.column("occupation")];
        std::optional<double> value;
        // A row without a figure is a note (the file ends with its source line).
        if (!reader.number(source, row, "pct_emp_change_2020_2030", false, -100, k_inf, {""}, value) || !value) continue;
        if (name.empty()) {
            reader.fail(source, row, "occupation", "empty occupation name");
            continue;
        }
        auto [it, inserted] = projections.emplace(lower(name), *value);
        if (!inserted) {
            ++repeated;
            it->second = *value;
        }
    }
    if (repeated > 0)
        notes.push_back(source.table.file + ": " + std::to_string(repeated) +
                        " names appear twice; the later (more detailed) row is used");
    return projections;
}

// [SECTION] O*NET

struct SkillsRow {
    std::optional<int> job_zone;
    std::vector<Skill> skills;
};

std::map<std::string, SkillsRow> read_skills(Reader& reader, const Source& source) {
    std::map<std::string, SkillsRow> by_title;
    if (!source.ok) return by_title;
    // Skills are the column pairs <Name>_Importance / <Name>_Level.
    struct Pair {
        std::string name;
        int importance = -1, level = -1; // column indices
    };
    std::vector<Pair> pairs;
    for (const std::string& column : source.table.header) {
        const std::string suffix = "_Importance";
        if (column.size() <= suffix.size() || column.compare(column.size() - suffix.size(), suffix.size(), suffix) != 0)
            continue;
        Pair pair;
        const std::string stem = column.substr(0, column.size() - suffix.size());
        pair.importance = source.table.find_column(column);
        pair.level = source.table.find_column(stem + "_Level");
        pair.name = stem;
        std::replace(pair.name.begin(), pair.name.end(), '_', ' ');
        if (pair.level < 0) {
            reader.fail_file(source, "column \"" + column + "\" has no \"" + stem + "_Level\" beside it");
            return by_title;
        }
        pairs.push_back(pair);
    }
    if (pairs.empty()) {
        reader.fail_file(source, "no <Skill>_Importance columns");
        return by_title;
    }
    if (pairs.size() > k_bundle_max_items) {
        reader.fail_file(source, std::to_string(pairs.size()) + " skills, over the bundle's limit of " +
                                     std::to_string(k_bundle_max_items) + " per occupation");
        return by_title;
    }
    for (const CsvRow& row : source.table.rows) {
        const std::string& title = row.fields[source.column("Occupation")];
        SkillsRow item;
        std::optional<double> zone;
        bool ok = reader.number(source, row, "Job Zone", false, 1, 5, {""}, zone);
        if (zone && *zone != std::floor(*zone)) {
            reader.fail(source, row, "Job Zone", "expected an integer job zone 1-5");
            ok = false;
        }
        if (zone) item.job_zone = int(*zone);
        for (const Pair& pair : pairs) {
            Skill skill;
            skill.name = pair.name;
            std::optional<double> importance;
            ok = reader.number(source, row, pair.importance, false, 0, 100, {}, importance) && ok;
            ok = reader.number(source, row, pair.level, false, 0, 100, {"Not relevant", "Not available"}, skill.level) && ok;
            skill.importance = importance.value_or(0);
            item.skills.push_back(std::move(skill));
        }
        if (!ok) continue;
        if (title.empty()) {
            reader.fail(source, row, "Occupation", "empty occupation title");
            continue;
        }
        std::stable_sort(item.skills.begin(), item.skills.end(),
                         [](const Skill& a, const Skill& b) { return a.importance > b.importance; });
        if (!by_title.emplace(title, std::move(item)).second)
            reader.fail(source, row, "Occupation", "duplicate occupation \"" + title + "\"");
    }
    return by_title;
}

std::map<std::string, WorkContext> read_work_contexts(Reader& reader, const Source& source) {
    std::map<std::string, WorkContext> by_title;
    if (!source.ok) return by_title;
    for (const CsvRow& row : source.table.rows) {
        WorkContext wc;
        bool ok = reader.number(source, row, "degree_of_automation_context", false, 0, 1, {""}, wc.degree_of_automation);
        ok = reader.number(source, row, "importance_of_being_exact_or_accurate_context", false, 0, 1, {""},
                           wc.importance_of_being_exact) && ok;
        ok = reader.number(source, row, "importance_of_repeating_same_tasks_context", false, 0, 1, {""},
                           wc.importance_of_repeating_tasks) && ok;
        ok = reader.number(source, row, "structured_versus_unstructured_work_context", false, 0, 1, {""},
                           wc.structured_work) && ok;
        const std::string& title = row.fields[source.column("occupation")];
        if (!ok) continue;
        if (!by_title.emplace(title, wc).second)
            reader.fail(source, row, "occupation", "duplicate occupation \"" + title + "\"");
    }
    return by_title;
}

// [SECTION] Microsoft

struct Microsoft {
    std::map<std::string, double> applicability;         // SOC code -> score
    std::map<std::string, MsMeasures> metrics;           // SOC code -> occupation metrics
    std::map<std::string, Activity> iwas;                // IWA id -> title and usage figures (weight 0)
    std::map<std::string, std::vector<std::string>> iwas_of; // SOC code -> IWA ids, file order
    std::map<std::string, std::map<std::string, double>> weights; // SOC code -> IWA id -> weight
};

bool soc_field(Reader& reader, const Source& source, const CsvRow& row, std::string& code) {
    code = row.fields[source.column("SOC Code")];
    if (is_soc_code(code)) return true;
    reader.fail(source, row, "SOC Code", "expected a SOC code like 15-2051, got \"" + code + "\"");
    return false;
}

void read_applicability(Reader& reader, const Source& source, Microsoft& ms) {
    if (!source.ok) return;
    for (const CsvRow& row : source.table.rows) {
        std::string code;
        std::optional<double> score;
        if (!soc_field(reader, source, row, code) ||
            !reader.number(source, row, "ai_applicability_score", false, 0, 1, {""}, score) || !score)
            continue;
        if (!ms.applicability.emplace(code, *score).second) reader.fail(source, row, "SOC Code", "duplicate SOC code " + code);
    }
}

void read_soc_metrics(Reader& reader, const Source& source, Microsoft& ms) {
    if (!source.ok) return;
    for (const CsvRow& row : source.table.rows) {
        MsMeasures m;
        if (!soc_field(reader, source, row, m.soc_code)) continue;
        bool ok = true;
        const std::pair<const char*, std::optional<double>*> fields[] = {
            {"coverage_user", &m.coverage_user},         {"coverage_ai", &m.coverage_ai},
            {"completion_user", &m.completion_user},     {"completion_ai", &m.completion_ai},
            {"impact_scope_user", &m.impact_scope_user}, {"impact_scope_ai", &m.impact_scope_ai},
            {"ai_applicability_score_user", &m.applicability_user},
            {"ai_applicability_score_ai", &m.applicability_ai}};
        for (const auto& [column, out] : fields) ok = reader.number(source, row, column, false, 0, 1, {""}, *out) && ok;
        if (!ok) continue;
        const std::string code = m.soc_code;
        if (!ms.metrics.emplace(code, std::move(m)).second) reader.fail(source, row, "SOC Code", "duplicate SOC code " + code);
    }
}

void read_iwa_metrics(Reader& reader, const Source& source, Microsoft& ms) {
    if (!source.ok) return;
    for (const CsvRow& row : source.table.rows) {
        Activity a;
        a.id = row.fields[source.column("IWA")];
        a.title = row.fields[source.column("title")];
        if (a.id.empty()) {
            reader.fail(source, row, "IWA", "empty IWA id");
            continue;
        }
        bool ok = reader.number(source, row, "share_user", false, 0, 1, {""}, a.share_user);
        ok = reader.number(source, row, "share_ai", false, 0, 1, {""}, a.share_ai) && ok;
        ok = reader.number(source, row, "completion_ai", false, 0, 1, {""}, a.completion_ai) && ok;
        ok = reader.number(source, row, "impact_scope_ai", false, 0, 1, {""}, a.impact_scope_ai) && ok;
        // The IWA's own applicability: completion x scope x coverage, as the paper defines it.
        ok = reader.number(source, row, "completion_x_scope_x_coverage_ai", false, 0, 1, {""}, a.applicability_ai) && ok;
        if (a.title.empty()) {
            reader.fail(source, row, "title", "empty IWA title");
            ok = false;
        }
        if (!ok) continue;
        const std::string id = a.id;
        if (!ms.iwas.emplace(id, std::move(a)).second) reader.fail(source, row, "IWA", "duplicate IWA " + id);
    }
}

void read_soc_to_iwas(Reader& reader, const Source& source, Microsoft& ms) {
    if (!source.ok) return;
    std::set<std::pair<std::string, std::string>> seen;
    for (const CsvRow& row : source.table.rows) {
        std::string code;
        if (!soc_field(reader, source, row, code)) continue;
        const std::string& iwa = row.fields[source.column("IWA")];
        if (!ms.iwas.empty() && !ms.iwas.count(iwa)) {
            reader.fail(source, row, "IWA", "IWA \"" + iwa + "\" is not in iwa_metrics.csv");
            continue;
        }
        if (!seen.emplace(code, iwa).second) {
            reader.fail(source, row, "IWA", "duplicate pair " + code + ", " + iwa);
            continue;
        }
        ms.iwas_of[code].push_back(iwa);
    }
}

void read_iwa_weights(Reader& reader, const Source& source, Microsoft& ms) {
    if (!source.ok) return;
    const std::vector<std::string>& header = source.table.header;
    const int soc_column = source.column("SOC Code");
    for (const CsvRow& row : source.table.rows) {
        std::string code;
        if (!soc_field(reader, source, row, code)) continue;
        std::map<std::string, double> weights;
        bool ok = true;
        for (std::size_t c = 0; c < header.size(); ++c) {
            if (int(c) == soc_column) continue;
            const std::optional<double> w = parse_number(row.fields[c]);
            if (!w || *w < 0) {
                reader.fail(source, row, int(c), "malformed weight \"" + row.fields[c] + "\" (expected a number >= 0)");
                ok = false;
                continue;
            }
            if (*w > 0) weights[header[c]] = *w;
        }
        if (ok && !ms.weights.emplace(code, std::move(weights)).second)
            reader.fail(source, row, "SOC Code", "duplicate SOC code " + code);
    }
}

} // namespace

// [SECTION] Defaults

void compute_default_figures(OccupationDetail& detail, OccupationSummary& summary) {
    // The published default: human and GPT-4 weighted equally, GPT-4 alt rubric 0; beta lens
    // (E1 = 1, E2 = 0.5); task weight core 2, other 1.
    constexpr double k_default_rater_weights[k_rater_count] = {1, 1, 0};
    constexpr double k_beta_e2 = 0.5;
    double scored_weight = 0, exposure_sum = 0;
    // The shares and the automation mean are ratios of integer weights (index format 2 stores the
    // integers): sum those here and let derive_shares divide, as parse_index does, so the two agree
    // by construction.
    summary.task_weight = 0;
    summary.rater_weights = {};
    summary.automation_quarters = 0;
    summary.automation_weight = 0;
    for (Task& task : detail.tasks) {
        const int weight = task.type == TaskType::Core ? 2 : 1;
        summary.task_weight += weight;
        double blend = 0, blend_weight = 0;
        for (int r = 0; r < k_rater_count; ++r) {
            const ExposureLabel label = task.exposure[r];
            if (label == ExposureLabel::Unknown) continue;
            RaterWeights& counts = summary.rater_weights[r];
            counts.known += weight;
            if (label == ExposureLabel::E1) counts.e1 += weight;
            if (label == ExposureLabel::E2) counts.e2 += weight;
            if (k_default_rater_weights[r] > 0) {
                const double value = label == ExposureLabel::E1 ? 1.0 : label == ExposureLabel::E2 ? k_beta_e2 : 0.0;
                blend += k_default_rater_weights[r] * value;
                blend_weight += k_default_rater_weights[r];
            }
        }
        task.default_exposure = blend_weight > 0 ? 100.0 * blend / blend_weight : -1.0;
        task.default_automation =
            task.automation == AutomationLabel::Unknown ? -1.0 : 25.0 * double(int(task.automation));
        if (task.default_exposure >= 0) {
            scored_weight += weight;
            exposure_sum += weight * task.default_exposure;
        }
        if (task.automation != AutomationLabel::Unknown) {
            summary.automation_weight += weight;
            summary.automation_quarters += weight * int(task.automation);
        }
    }
    derive_shares(summary);
    summary.task_count = int(detail.tasks.size());
    summary.default_exposure = scored_weight > 0 ? exposure_sum / scored_weight : 0.0;
}

// [SECTION] Join

bool build_from_upstream(const std::string& dir, const UpstreamOptions& options, UpstreamBuild& out,
                         std::vector<std::string>& errors) {
    out = UpstreamBuild{};
    errors.clear();
    Problems problems(errors);
    out.manifest.built_by = options.built_by;
    Reader reader(dir, options, out.manifest, problems);

    const Source labels_file = reader.read(k_gpts, "full_labelset.tsv", '\t',
        {"O*NET-SOC Code", "Task ID", "Task", "Task Type", "Title", "human_exposure_agg", "gpt4_exposure",
         "gpt4_exposure_alt_rubric", "gpt4_automation"});
    const Source oews_file = reader.read(k_gpts, "national_May2021_dl.csv", ',',
                                         {"OCC_CODE", "OCC_TITLE", "O_GROUP", "TOT_EMP", "A_MEDIAN"});
    const Source matched_file = reader.read(k_gpts, "occupations_onet_bls_matched.csv", ',',
                                            {"occupation", "onet_bls_name", "OCC_TITLE"});
    const Source projections_file =
        reader.read(k_gpts, "occupations_projections_processed.csv", ',', {"occupation", "pct_emp_change_2020_2030"});
    const Source skills_file = reader.read(k_gpts, "occupations_onet_basic_skills.csv", ',', {"Occupation", "Job Zone"});
    const Source contexts_file = reader.read(k_gpts, "occupations_onet_work_contexts.csv", ',',
        {"occupation", "degree_of_automation_context", "importance_of_being_exact_or_accurate_context",
         "importance_of_repeating_same_tasks_context", "structured_versus_unstructured_work_context"});
    const Source applicability_file =
        reader.read(k_msai, "soc_ai_applicability_scores.csv", ',', {"SOC Code", "ai_applicability_score"});
    const Source metrics_file = reader.read(k_msai, "soc_metrics.csv", ',',
        {"SOC Code", "coverage_user", "coverage_ai", "completion_user", "completion_ai", "impact_scope_user",
         "impact_scope_ai", "ai_applicability_score_user", "ai_applicability_score_ai"});
    const Source iwa_file = reader.read(k_msai, "iwa_metrics.csv", ',',
        {"IWA", "title", "share_user", "share_ai", "completion_ai", "impact_scope_ai", "completion_x_scope_x_coverage_ai"});
    const Source soc_iwas_file = reader.read(k_msai, "soc_to_iwas.csv", ',', {"SOC Code", "IWA"});
    const Source weights_file = reader.read(k_msai, "soc_iwa_weights.csv", ',', {"SOC Code"});

    std::vector<LabelledOccupation> labelled = read_labels(reader, labels_file);
    const Oews oews = read_oews(reader, oews_file);
    const auto matched = read_matched_names(reader, matched_file);
    const auto projections = read_projections(reader, projections_file, out.notes);
    const auto skills = read_skills(reader, skills_file);
    const auto contexts = read_work_contexts(reader, contexts_file);
    Microsoft ms;
    read_applicability(reader, applicability_file, ms);
    read_soc_metrics(reader, metrics_file, ms);
    read_iwa_metrics(reader, iwa_file, ms);
    read_soc_to_iwas(reader, soc_iwas_file, ms);
    read_iwa_weights(reader, weights_file, ms);

    if (labels_file.ok && labelled.empty())
        problems.add(labels_file.table.file, labels_file.table.file + ":2:1: no task rows");
    // What the bundle reader would refuse must not be written (bundle.hpp's limits).
    if (labelled.size() > k_bundle_max_occupations) {
        problems.add(labels_file.table.file, labels_file.table.file + ": " + std::to_string(labelled.size()) +
                                                 " occupations, over the bundle's limit of " +
                                                 std::to_string(k_bundle_max_occupations));
        labelled.clear();
    }
    for (const LabelledOccupation& occ : labelled)
        if (occ.tasks.size() > k_bundle_max_items)
            problems.add(labels_file.table.file, labels_file.table.file + ":" + std::to_string(occ.first_line) +
                                                     ":1: occupation " + occ.code + " has " +
                                                     std::to_string(occ.tasks.size()) +
                                                     " tasks, over the bundle's limit of " +
                                                     std::to_string(k_bundle_max_items));

    // Major groups in code order; only those that hold an occupation.
    std::map<std::string, int> group_index;
    for (const LabelledOccupation& occ : labelled) group_index[occ.code.substr(0, 2) + "-0000"] = 0;
    for (auto& [code, index] : group_index) {
        index = int(out.index.groups.size());
        MajorGroup group;
        group.code = code;
        const auto row = oews.major.find(code);
        if (row != oews.major.end()) {
            group.title = row->second.title;
            group.employment = row->second.employment;
        } else if (oews_file.ok) {
            problems.add(labels_file.table.file, labels_file.table.file + ": no OEWS major group row " + code +
                                                     " in " + oews_file.table.file);
        }
        out.index.groups.push_back(std::move(group));
    }

    MatchReport& m = out.matches;
    for (LabelledOccupation& occ : labelled) {
        OccupationSummary summary;
        OccupationDetail detail;
        summary.code = detail.code = occ.code;
        summary.title = detail.title = occ.title;
        summary.major_group = group_index[occ.code.substr(0, 2) + "-0000"];
        detail.tasks = std::move(occ.tasks);
        m.tasks += int(detail.tasks.size());
        const std::string soc = occ.code.substr(0, 7);

        // BLS employment and wage: the 6-digit SOC row, else its broad group's row (flagged).
        const OewsRow* bls = nullptr;
        if (const auto it = oews.detailed.find(soc); it != oews.detailed.end()) {
            bls = &it->second;
            summary.bls_source = BlsSource::Detailed;
            detail.bls_code = soc;
            ++m.bls_detailed;
        } else if (const auto broad = oews.broad.find(soc.substr(0, 6) + "0"); broad != oews.broad.end()) {
            bls = &broad->second;
            summary.bls_source = BlsSource::BroadGroup;
            detail.bls_code = broad->first;
            ++m.bls_broad_group;
        }
        if (bls) {
            detail.bls_title = bls->title;
            summary.employment = bls->employment;
            summary.median_wage = bls->median_wage;
            summary.wage_flag = bls->wage_flag;
            if (bls->employment && bls->median_wage) ++m.employment_and_wage;
        }

        // Projection by name: the BLS names matched to this title, then the title itself, then
        // the OEWS title of its 6-digit SOC code.
        std::vector<std::string> names;
        if (const auto it = matched.find(occ.title); it != matched.end()) names = it->second;
        names.push_back(occ.title);
        if (const auto it = oews.detailed.find(soc); it != oews.detailed.end()) names.push_back(it->second.title);
        for (const std::string& name : names)
            if (const auto it = projections.find(lower(name)); it != projections.end()) {
                summary.projected_change_pct = it->second;
                ++m.projection;
                break;
            }

        if (const auto it = skills.find(occ.title); it != skills.end()) {
            detail.skills = it->second.skills;
            detail.job_zone = it->second.job_zone;
            ++m.skills;
        }
        if (const auto it = contexts.find(occ.title); it != contexts.end()) {
            detail.work_context = it->second;
            ++m.work_context;
        }

        // Microsoft, by the 2018 SOC code = the first 7 characters of the O*NET-SOC code.
        if (const auto it = ms.applicability.find(soc); it != ms.applicability.end()) {
            summary.ms_applicability = it->second;
            ++m.ms_applicability;
        }
        if (const auto it = ms.metrics.find(soc); it != ms.metrics.end()) detail.ms = it->second;
        if (const auto it = ms.iwas_of.find(soc); it != ms.iwas_of.end()) {
            const auto weights = ms.weights.find(soc);
            for (const std::string& id : it->second) {
                const auto iwa = ms.iwas.find(id);
                if (iwa == ms.iwas.end()) continue; // reported while reading soc_to_iwas.csv
                Activity activity = iwa->second;
                activity.weight = 0;
                if (weights != ms.weights.end())
                    if (const auto w = weights->second.find(id); w != weights->second.end()) activity.weight = w->second;
                detail.activities.push_back(std::move(activity));
            }
            if (detail.activities.size() > k_bundle_max_items)
                problems.add(soc_iwas_file.table.file, soc_iwas_file.table.file + ": " + soc + " has " +
                                                           std::to_string(detail.activities.size()) +
                                                           " work activities, over the bundle's limit of " +
                                                           std::to_string(k_bundle_max_items));
            std::stable_sort(detail.activities.begin(), detail.activities.end(),
                             [](const Activity& a, const Activity& b) { return a.weight > b.weight; });
            if (!detail.activities.empty()) ++m.activities;
        }

        compute_default_figures(detail, summary);
        out.index.occupations.push_back(std::move(summary));
        out.details.push_back(std::move(detail));
    }

    // The same function parse_index uses, so the percentile read back is the one built here.
    compute_ms_applicability_percentiles(out.index.occupations);

    out.index.version = k_index_version;
    m.occupations = int(out.index.occupations.size());
    std::size_t activities = 0, skill_rows = 0;
    for (const OccupationDetail& d : out.details) {
        activities += d.activities.size();
        skill_rows += d.skills.size();
    }
    out.manifest.counts = {{"occupations", m.occupations},
                           {"tasks", m.tasks},
                           {"groups", int64_t(out.index.groups.size())},
                           {"skills", int64_t(skill_rows)},
                           {"activities", int64_t(activities)}};
    out.manifest.matches = {{"bls_detailed", m.bls_detailed},
                            {"bls_broad_group", m.bls_broad_group},
                            {"employment_and_wage", m.employment_and_wage},
                            {"projection", m.projection},
                            {"skills", m.skills},
                            {"work_context", m.work_context},
                            {"ms_applicability", m.ms_applicability},
                            {"activities", m.activities}};
    problems.finish();
    return errors.empty();
}

} // namespace exposure
