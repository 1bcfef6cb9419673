// `exposure score`: scores occupations of a bundle under a what-if scenario, as CSV or JSON.
// The score column is the exposure under the scenario (or GPT-4's automation with
// --measure automation), 0-100 with 12 decimals so an outside check can compare to 1e-9.
#include "commands.hpp"
#include "core/bundle.hpp"
#include "core/scoring.hpp"
#include "whatif_flags.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

namespace exposure::cli {

namespace {

constexpr const char* k_score_usage =
    "usage: exposure score [CODE... | --all] [--data DIR] [what-if flags] [--format csv|json]\n";

std::string fixed(double v, int decimals = 12);

// One occupation's output row.
struct Row {
    const OccupationSummary* summary = nullptr;
    OccupationScores scores;
    double score = 0;
    double percentile = 0;
    double employment_below = 0;
    std::optional<double> group_pressure; // of the occupation's major group
};

std::string optional_fixed(std::optional<double> v) { return v ? fixed(*v) : std::string(); }

nlohmann::ordered_json optional_json(std::optional<double> v) {
    return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
}

std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

// RFC 4180 quoting where a field needs it.
std::string csv_field(std::string_view text) {
    if (text.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(text);
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string measure_name(const WhatIf& w) {
    return w.measure == Measure::Automation ? "automation" : std::string(to_string(w.scenario.lens));
}

void write_csv(const std::vector<Row>& rows, const WhatIf& w) {
    std::string out =
        "code,title,score,measure,rater,exposure,exposure_low,exposure_high,automation,augmentation,"
        "augmentation_band,risk_band,disagreement,percentile,employment_share_below,year_automation_25,"
        "year_automation_50,tasks,demand_trend,group_pressure,ms_applicability_percentile\n";
    const std::string measure = measure_name(w);
    for (const Row& r : rows) {
        const OccupationScores& s = r.scores;
        const bool scored = s.scored_weight > 0;
        out += csv_field(r.summary->code) + ',' + csv_field(r.summary->title) + ',';
        out += (scored || w.measure == Measure::Automation ? fixed(r.score) : std::string()) + ',';
        out += measure + ',' + w.rater + ',';
        out += (scored ? fixed(s.exposure) : "") + ',' + (scored ? fixed(s.exposure_low) : "") + ',' +
               (scored ? fixed(s.exposure_high) : "") + ',';
        out += fixed(s.automation) + ',' + fixed(s.augmentation) + ',';
        out += std::string(to_string(s.augmentation_band)) + ',' + std::string(to_string(s.risk)) + ',';
        out += fixed(s.disagreement) + ',' + fixed(r.percentile) + ',' + fixed(r.employment_below) + ',';
        out += (s.timeline.year_25 ? std::to_string(*s.timeline.year_25) : "") + ',';
        out += (s.timeline.year_50 ? std::to_string(*s.timeline.year_50) : "") + ',';
        out += std::to_string(s.tasks.size()) + ',';
        out += std::string(to_string(demand_trend(r.summary->projected_change_pct))) + ',';
        out += optional_fixed(r.group_pressure) + ',' + optional_fixed(r.summary->ms_applicability_pct) + '\n';
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
}

void write_json(const std::vector<Row>& rows, const WhatIf& w) {
    nlohmann::ordered_json doc;
    doc["scenario"] = encode_scenario(w.scenario);
    doc["measure"] = measure_name(w);
    doc["rater"] = w.rater;
    auto& list = doc["occupations"] = nlohmann::ordered_json::array();
    for (const Row& r : rows) {
        const OccupationScores& s = r.scores;
        const bool scored = s.scored_weight > 0;
        nlohmann::ordered_json o;
        o["code"] = r.summary->code;
        o["title"] = r.summary->title;
        o["score"] = scored || w.measure == Measure::Automation ? nlohmann::ordered_json(r.score) : nullptr;
        o["exposure"] = scored ? nlohmann::ordered_json(s.exposure) : nullptr;
        o["exposure_low"] = s.exposure_low;
        o["exposure_high"] = s.exposure_high;
        auto& raters = o["rater_exposure"] = nlohmann::ordered_json::object();
        for (int k = 0; k < k_rater_count; ++k)
            raters[std::string(rater_name(Rater(k)))] =
                s.rater_exposure[k] < 0 ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s.rater_exposure[k]);
        o["automation"] = s.automation;
        o["augmentation"] = s.augmentation;
        o["augmentation_band"] = to_string(s.augmentation_band);
        o["risk_band"] = to_string(s.risk);
        o["disagreement"] = s.disagreement;
        o["percentile"] = r.percentile;
        o["employment_share_below"] = r.employment_below;
        o["demand_trend"] = to_string(demand_trend(r.summary->projected_change_pct));
        o["projected_change_pct"] = optional_json(r.summary->projected_change_pct);
        o["group_pressure"] = optional_json(r.group_pressure);
        o["ms_applicability_percentile"] = optional_json(r.summary->ms_applicability_pct);
        o["timeline"] = {{"year_automation_25", s.timeline.year_25 ? nlohmann::ordered_json(*s.timeline.year_25) : nullptr},
                         {"year_automation_50", s.timeline.year_50 ? nlohmann::ordered_json(*s.timeline.year_50) : nullptr},
                         {"first_year", k_timeline_base_year},
                         {"automation_by_year", s.timeline.automation_by_year}};
        o["tasks"] = s.tasks.size();
        list.push_back(std::move(o));
    }
    const std::string text = doc.dump(2) + "\n";
    std::fwrite(text.data(), 1, text.size(), stdout);
}

} // namespace

int cmd_score(Args args) {
    WhatIf whatif;
    std::vector<std::string_view> rest;
    std::string error;
    if (int status = parse_whatif_flags(args, whatif, rest, error)) {
        std::fprintf(stderr, "exposure score: %s\n", error.c_str());
        if (status == k_exit_usage) std::fprintf(stderr, "%s%s", k_score_usage, k_whatif_usage);
        return status;
    }
    std::string data_dir = default_data_dir();
    std::string format = "csv";
    bool all = false;
    std::vector<std::string_view> codes;
    const Args remaining(rest.data(), rest.size());
    for (std::size_t i = 0; i < remaining.size(); ++i) {
        std::string_view value;
        bool missing = false;
        const std::string_view arg = remaining[i];
        if (arg == "--help" || arg == "-h") {
            std::printf("%s%s", k_score_usage, k_whatif_usage);
            return k_exit_ok;
        }
        if (take_flag(remaining, i, "--data", value, missing) || take_flag(remaining, i, "--format", value, missing)) {
            if (missing) {
                std::fprintf(stderr, "exposure score: %.*s needs a value\n%s", int(arg.size()), arg.data(), k_score_usage);
                return k_exit_usage;
            }
            if (arg.substr(0, 6) == "--data") data_dir = std::string(value);
            else format = std::string(value);
        } else if (arg == "--all") {
            all = true;
        } else if (arg.substr(0, 1) == "-") {
            std::fprintf(stderr, "exposure score: unknown option '%.*s'\n%s%s", int(arg.size()), arg.data(), k_score_usage,
                         k_whatif_usage);
            return k_exit_usage;
        } else {
            codes.push_back(arg);
        }
    }
    if (format != "csv" && format != "json") {
        std::fprintf(stderr, "exposure score: --format must be csv or json, not '%s'\n", format.c_str());
        return k_exit_usage;
    }
    if (all == !codes.empty()) {
        std::fprintf(stderr, "exposure score: give occupation codes or --all (one of the two)\n%s", k_score_usage);
        return k_exit_usage;
    }

    Index index;
    if (!load_index(data_dir, index, error)) {
        std::fprintf(stderr, "exposure score: %s\n", error.c_str());
        return k_exit_bad_input;
    }
    std::vector<const OccupationSummary*> chosen;
    if (all) {
        for (const OccupationSummary& o : index.occupations) chosen.push_back(&o);
    } else {
        for (const std::string_view code : codes) {
            const OccupationSummary* found = nullptr;
            for (const OccupationSummary& o : index.occupations)
                if (o.code == code) found = &o;
            if (!found) {
                std::fprintf(stderr, "exposure score: no occupation '%.*s' in %s (codes look like 15-2051.00)\n",
                             int(code.size()), code.data(), data_dir.c_str());
                return k_exit_bad_input;
            }
            chosen.push_back(found);
        }
    }

    Ranking ranking;
    rank_all(index, whatif.scenario, ranking);
    std::vector<Row> rows(chosen.size());
    OccupationDetail detail;
    std::vector<bool> override_used(whatif.scenario.tasks.size(), false);
    for (std::size_t i = 0; i < chosen.size(); ++i) {
        if (!load_detail(data_dir, chosen[i]->code, detail, error)) {
            std::fprintf(stderr, "exposure score: %s\n", error.c_str());
            return k_exit_bad_input;
        }
        for (const Task& t : detail.tasks)
            for (std::size_t k = 0; k < whatif.scenario.tasks.size(); ++k)
                if (whatif.scenario.tasks[k].task_id == t.id) override_used[k] = true;
        Row& row = rows[i];
        row.summary = chosen[i];
        score_occupation(detail, whatif.scenario, row.scores);
        row.score = whatif.measure == Measure::Automation ? row.scores.automation : row.scores.exposure;
        row.percentile = percentile_of(ranking, row.scores.exposure);
        row.employment_below = employment_share_below(index, ranking, row.scores.exposure);
        if (const int g = row.summary->major_group; g >= 0 && std::size_t(g) < ranking.group_pressure.size())
            row.group_pressure = ranking.group_pressure[std::size_t(g)];
    }
    // A task override that matches none of the scored occupations is most likely a typo: say so.
    for (std::size_t k = 0; k < override_used.size(); ++k)
        if (!override_used[k])
            std::fprintf(stderr, "exposure score: note: task %lld is not a task of the scored occupations\n",
                         static_cast<long long>(whatif.scenario.tasks[k].task_id));
    if (format == "csv") write_csv(rows, whatif);
    else write_json(rows, whatif);
    if (std::fflush(stdout) != 0) {
        std::fprintf(stderr, "exposure score: could not write the output\n");
        return k_exit_bad_input;
    }
    return k_exit_ok;
}

} // namespace exposure::cli
