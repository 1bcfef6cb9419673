// `exposure show CODE [--data DIR] [--format json|text] [what-if flags]`: one occupation's full
// card. The JSON keys are stable and documented in data/SCHEMA.md ("show output"): numbers are
// JSON numbers, labels the upstream strings ("E1", "T3"), unknown figures null. `scores` and each
// task's `score` come from the scoring core under the scenario (the published default unless
// what-if flags are given).
#include "cli_common.hpp"
#include "commands.hpp"
#include "whatif_flags.hpp"

#include "core/bundle.hpp"
#include "core/scenario.hpp"
#include "core/scoring.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

namespace exposure::cli {

namespace {

using Json = nlohmann::ordered_json;

constexpr const char* k_show_usage =
    "usage: exposure show CODE [--data DIR] [--format json|text] [what-if flags]\n"
    "  CODE            O*NET-SOC code, e.g. 15-2051.00\n"
    "  --data DIR      bundle folder (default: $EXPOSURE_DATA, else the one setup built)\n"
    "  --format F      json (default) or text\n";

Json number_or_null(double value) { return value < 0 ? Json(nullptr) : Json(value); }
Json number_or_null(const std::optional<double>& value) { return value ? Json(*value) : Json(nullptr); }
Json label_or_null(ExposureLabel label) {
    switch (label) {
    case ExposureLabel::E0: return "E0";
    case ExposureLabel::E1: return "E1";
    case ExposureLabel::E2: return "E2";
    default: return nullptr;
    }
}
constexpr const char* k_automation_names[] = {"T0", "T1", "T2", "T3", "T4"};
constexpr const char* k_exposure_names[] = {"E0", "E1", "E2"};

Json label_or_null(AutomationLabel label) {
    if (label == AutomationLabel::Unknown) return nullptr;
    return k_automation_names[int(label)];
}
const char* type_name(TaskType type) {
    return type == TaskType::Core ? "core" : type == TaskType::Supplemental ? "supplemental" : "unspecified";
}
const char* wage_flag_name(WageFlag flag) {
    return flag == WageFlag::None ? "none" : flag == WageFlag::TopCoded ? "top_coded" : "unknown";
}
const char* bls_source_name(BlsSource source) {
    return source == BlsSource::Detailed ? "detailed" : source == BlsSource::BroadGroup ? "broad_group" : "missing";
}

Json rater_object(const std::array<double, k_rater_count>& values) {
    Json out = Json::object();
    for (int r = 0; r < k_rater_count; ++r) out[std::string(rater_name(Rater(r)))] = number_or_null(values[r]);
    return out;
}

// The card as JSON (the stable, documented form).
Json card_json(const Index& index, const OccupationSummary& occ, const OccupationDetail& detail,
               const Scenario& scenario, const OccupationScores& scores, const Ranking& ranking) {
    const MajorGroup& group = index.groups[std::size_t(occ.major_group)];
    Json card;
    card["code"] = occ.code;
    card["title"] = occ.title;
    card["major_group"] = {{"code", group.code}, {"title", group.title}};
    card["employment"] = number_or_null(occ.employment);
    card["median_wage"] = number_or_null(occ.median_wage);
    card["wage_flag"] = wage_flag_name(occ.wage_flag);
    card["bls"] = {{"source", bls_source_name(occ.bls_source)},
                   {"code", detail.bls_code.empty() ? Json(nullptr) : Json(detail.bls_code)},
                   {"title", detail.bls_title.empty() ? Json(nullptr) : Json(detail.bls_title)}};
    card["projected_change_pct"] = number_or_null(occ.projected_change_pct);
    card["job_zone"] = detail.job_zone ? Json(*detail.job_zone) : Json(nullptr);
    Json skills = Json::array();
    for (const Skill& s : detail.skills)
        skills.push_back({{"name", s.name}, {"importance", s.importance}, {"level", number_or_null(s.level)}});
    card["skills"] = std::move(skills);

    Json tasks = Json::array();
    for (std::size_t i = 0; i < detail.tasks.size(); ++i) {
        const Task& t = detail.tasks[i];
        const TaskScore& ts = scores.tasks[i];
        Json task;
        task["id"] = t.id;
        task["text"] = t.text;
        task["type"] = type_name(t.type);
        task["weight"] = ts.weight;
        task["ratings"] = {
            {"human", {{"exposure", label_or_null(t.exposure[0])}}},
            {"gpt4", {{"exposure", label_or_null(t.exposure[1])}, {"automation", label_or_null(t.automation)}}},
            {"gpt4_alt", {{"exposure", label_or_null(t.exposure[2])}}}};
        task["score"] = {{"exposure", number_or_null(ts.exposure)},
                         {"baseline_exposure", number_or_null(ts.baseline_exposure)},
                         {"automation", number_or_null(ts.automation)},
                         {"augmentation", number_or_null(ts.augmentation)},
                         {"raters", rater_object(ts.rater_exposure)},
                         {"disagreement", ts.disagreement},
                         {"overridden", ts.overridden}};
        tasks.push_back(std::move(task));
    }
    card["tasks"] = std::move(tasks);

    Json activities = Json::array();
    for (const Activity& a : detail.activities)
        activities.push_back({{"id", a.id},
                              {"title", a.title},
                              {"weight", a.weight},
                              {"share_user", number_or_null(a.share_user)},
                              {"share_ai", number_or_null(a.share_ai)},
                              {"completion_ai", number_or_null(a.completion_ai)},
                              {"impact_scope_ai", number_or_null(a.impact_scope_ai)},
                              {"applicability_ai", number_or_null(a.applicability_ai)}});
    card["activities"] = std::move(activities);

    Json measures;
    measures["ms_applicability"] = number_or_null(occ.ms_applicability);
    measures["ms_applicability_pct"] = number_or_null(occ.ms_applicability_pct);
    if (detail.ms) {
        const MsMeasures& m = *detail.ms;
        measures["ms"] = {{"soc_code", m.soc_code},
                          {"coverage_user", number_or_null(m.coverage_user)},
                          {"coverage_ai", number_or_null(m.coverage_ai)},
                          {"completion_user", number_or_null(m.completion_user)},
                          {"completion_ai", number_or_null(m.completion_ai)},
                          {"impact_scope_user", number_or_null(m.impact_scope_user)},
                          {"impact_scope_ai", number_or_null(m.impact_scope_ai)},
                          {"applicability_user", number_or_null(m.applicability_user)},
                          {"applicability_ai", number_or_null(m.applicability_ai)}};
    } else {
        measures["ms"] = nullptr;
    }
    if (detail.work_context) {
        const WorkContext& wc = *detail.work_context;
        measures["work_context"] = {{"degree_of_automation", number_or_null(wc.degree_of_automation)},
                                    {"importance_of_being_exact", number_or_null(wc.importance_of_being_exact)},
                                    {"importance_of_repeating_tasks", number_or_null(wc.importance_of_repeating_tasks)},
                                    {"structured_work", number_or_null(wc.structured_work)}};
    } else {
        measures["work_context"] = nullptr;
    }
    card["measures"] = std::move(measures);

    Json s;
    s["scenario"] = encode_scenario(scenario);
    s["exposure"] = scores.exposure;
    s["raters"] = rater_object(scores.rater_exposure);
    s["exposure_low"] = scores.exposure_low;
    s["exposure_high"] = scores.exposure_high;
    s["automation"] = scores.automation;
    s["augmentation"] = scores.augmentation;
    s["augmentation_band"] = std::string(to_string(scores.augmentation_band));
    s["risk"] = std::string(to_string(scores.risk));
    s["disagreement"] = scores.disagreement;
    s["percentile"] = percentile_of(ranking, scores.exposure);
    s["employment_share_below"] = employment_share_below(index, ranking, scores.exposure);
    s["demand_trend"] = std::string(to_string(demand_trend(occ.projected_change_pct)));
    s["timeline"] = {{"year_25", scores.timeline.year_25 ? Json(*scores.timeline.year_25) : Json(nullptr)},
                     {"year_50", scores.timeline.year_50 ? Json(*scores.timeline.year_50) : Json(nullptr)}};
    card["scores"] = std::move(s);
    return card;
}

std::string figure(const std::optional<double>& value, const char* format) {
    if (!value) return "unknown";
    char text[64];
    std::snprintf(text, sizeof text, format, *value);
    return text;
}

// The card as text, for people at a terminal.
void print_card_text(const Index& index, const OccupationSummary& occ, const OccupationDetail& detail,
                     const OccupationScores& scores, const Ranking& ranking) {
    const MajorGroup& group = index.groups[std::size_t(occ.major_group)];
    std::printf("%s  %s\n", occ.code.c_str(), occ.title.c_str());
    std::printf("Group       %s %s\n", group.code.c_str(), group.title.c_str());
    std::printf("Exposure    %.1f / 100 (range %.1f-%.1f), %s; percentile %.0f\n", scores.exposure,
                scores.exposure_low, scores.exposure_high, std::string(to_string(scores.risk)).c_str(),
                percentile_of(ranking, scores.exposure));
    std::printf("Raters      human %s, gpt4 %s, gpt4_alt %s\n",
                figure(scores.rater_exposure[0] < 0 ? std::nullopt : std::optional(scores.rater_exposure[0]), "%.1f").c_str(),
                figure(scores.rater_exposure[1] < 0 ? std::nullopt : std::optional(scores.rater_exposure[1]), "%.1f").c_str(),
                figure(scores.rater_exposure[2] < 0 ? std::nullopt : std::optional(scores.rater_exposure[2]), "%.1f").c_str());
    std::printf("Automation  %.1f / 100; augmentation %.1f (%s)\n", scores.automation, scores.augmentation,
                std::string(to_string(scores.augmentation_band)).c_str());
    const std::string source_note = occ.bls_source == BlsSource::BroadGroup ? " (broad group " + detail.bls_code + ")" : "";
    std::printf("Employment  %s%s\n", figure(occ.employment, "%.0f").c_str(), source_note.c_str());
    std::printf("Median wage %s%s\n", figure(occ.median_wage, "$%.0f").c_str(),
                occ.wage_flag == WageFlag::TopCoded ? " or more (top-coded)" : "");
    std::printf("Projection  %s (2020-2030)\n", figure(occ.projected_change_pct, "%+.1f%%").c_str());
    std::printf("Microsoft   %s (percentile %s)\n", figure(occ.ms_applicability, "%.3f").c_str(),
                figure(occ.ms_applicability_pct, "%.0f").c_str());
    if (!detail.skills.empty()) {
        std::printf("Top skills ");
        for (std::size_t i = 0; i < std::min<std::size_t>(3, detail.skills.size()); ++i)
            std::printf(" %s %.0f%s", detail.skills[i].name.c_str(), detail.skills[i].importance, i < 2 ? ";" : "");
        std::printf("\n");
    }
    std::printf("\nTasks (%zu)      type          human gpt4 alt  auto  exposure\n", detail.tasks.size());
    for (std::size_t i = 0; i < detail.tasks.size(); ++i) {
        const Task& t = detail.tasks[i];
        const TaskScore& ts = scores.tasks[i];
        const auto lab = [](ExposureLabel l) { return l == ExposureLabel::Unknown ? "-" : k_exposure_names[int(l)]; };
        std::printf("  %-12lld  %-12s  %-5s %-4s %-4s %-4s  %s\n", static_cast<long long>(t.id), type_name(t.type),
                    lab(t.exposure[0]), lab(t.exposure[1]), lab(t.exposure[2]),
                    t.automation == AutomationLabel::Unknown ? "-" : k_automation_names[int(t.automation)],
                    ts.exposure < 0 ? "unknown" : figure(ts.exposure, "%.0f").c_str());
        std::printf("      %s\n", t.text.c_str());
    }
    if (!detail.activities.empty()) {
        std::printf("\nWork activities (%zu, by O*NET weight)\n", detail.activities.size());
        for (const Activity& a : detail.activities)
            std::printf("  %7.2f  %s (applicability %s)\n", a.weight, a.title.c_str(),
                        figure(a.applicability_ai, "%.3f").c_str());
    }
}

} // namespace

int cmd_show(Args args) {
    WhatIf whatif;
    std::vector<std::string_view> rest;
    std::string error;
    if (const int status = parse_whatif_flags(args, whatif, rest, error); status != k_exit_ok)
        return status == k_exit_usage ? usage_error("show", error) : data_error("show", error);
    static constexpr FlagSpec k_flags[] = {{"data"}, {"format"}, {"help", false}};
    ParsedArgs parsed;
    if (!parse_flags(rest, k_flags, parsed, error)) return usage_error("show", error + "\n" + k_show_usage);
    if (parsed.has("help")) {
        std::fputs(k_show_usage, stdout);
        return 0;
    }
    if (parsed.positionals.size() != 1)
        return usage_error("show", std::string("expected one occupation code\n") + k_show_usage);
    const std::string code = parsed.positionals[0];
    const std::string format = parsed.value("format").value_or("json");
    if (format != "json" && format != "text") return usage_error("show", "--format must be json or text, not '" + format + "'");
    const std::string dir = parsed.value("data").value_or(default_data_dir());

    Index index;
    if (!load_index(dir, index, error)) return data_error("show", error);
    const auto it = std::lower_bound(index.occupations.begin(), index.occupations.end(), code,
                                     [](const OccupationSummary& o, const std::string& c) { return o.code < c; });
    if (it == index.occupations.end() || it->code != code)
        return data_error("show", "no occupation " + code + " in " + dir + " (codes look like 15-2051.00)");
    OccupationDetail detail;
    if (!load_detail(dir, code, detail, error)) return data_error("show", error);

    const OccupationScores scores = score_occupation(detail, whatif.scenario);
    Ranking ranking;
    rank_all(index, whatif.scenario, ranking);
    if (format == "json") {
        const std::string text = card_json(index, *it, detail, whatif.scenario, scores, ranking)
                                     .dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
        std::printf("%s\n", text.c_str());
    } else {
        print_card_text(index, *it, detail, scores, ranking);
    }
    return 0;
}

} // namespace exposure::cli
