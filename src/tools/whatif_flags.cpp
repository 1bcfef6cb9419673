// The `exposure` CLI: parsing of the what-if flags shared by `score` and `scenario encode`.
#include "whatif_flags.hpp"

#include "core/scoring.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>

namespace exposure::cli {

const char* const k_whatif_usage =
    "What-if flags:\n"
    "  --scenario TEXT               start from this scenario text (e.g. v1-h0-lg-t8823c80)\n"
    "  --rater human|gpt4|gpt4_alt|blend\n"
    "                                score with one rater alone (blend: the rater weights)\n"
    "  --measure alpha|beta|gamma|automation\n"
    "                                lens for E2 labels (0, 0.5, 1), or GPT-4's automation\n"
    "  --rater-weight NAME=W,...     rater weights 0-100 (names human, gpt4, gpt4_alt)\n"
    "  --task-weight TASKID=W        a task's weight 0-100 (0 removes it); repeatable\n"
    "  --task-capability TASKID=V    a task's exposure 0-100 in place of the raters'; repeatable\n"
    "  --growth-rate R               timeline capability-growth rate per year, 0-5\n"
    "  --horizon YEAR                last year of the timeline, 2024-2100\n";

bool take_flag(Args args, std::size_t& i, std::string_view name, std::string_view& value, bool& missing) {
    const std::string_view arg = args[i];
    missing = false;
    if (arg == name) {
        if (i + 1 >= args.size()) {
            missing = true;
            return true;
        }
        value = args[++i];
        return true;
    }
    if (arg.size() > name.size() && arg.substr(0, name.size()) == name && arg[name.size()] == '=') {
        value = arg.substr(name.size() + 1);
        return true;
    }
    return false;
}

namespace {

std::optional<double> parse_double(std::string_view text) {
    double v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

std::optional<int64_t> parse_int(std::string_view text) {
    int64_t v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return v;
}

int rater_index(std::string_view name) {
    for (int r = 0; r < k_rater_count; ++r)
        if (name == rater_name(Rater(r))) return r;
    return -1;
}

// "TASKID=VALUE" of --task-weight / --task-capability.
int parse_task_value(std::string_view flag, std::string_view text, double max, int64_t& id, double& value,
                     std::string& error) {
    const std::size_t eq = text.find('=');
    if (eq == std::string_view::npos) {
        error = std::string(flag) + " expects TASKID=VALUE, got '" + std::string(text) + "'";
        return k_exit_usage;
    }
    const auto parsed_id = parse_int(text.substr(0, eq));
    if (!parsed_id || *parsed_id < 1) {
        error = std::string(flag) + ": '" + std::string(text.substr(0, eq)) + "' is not a task id (a positive integer)";
        return k_exit_bad_input;
    }
    const auto parsed = parse_double(text.substr(eq + 1));
    if (!parsed || *parsed < 0 || *parsed > max) {
        error = std::string(flag) + ": task " + std::to_string(*parsed_id) + ": '" + std::string(text.substr(eq + 1)) +
                "' is not a number from 0 to " + std::to_string(int(max));
        return k_exit_bad_input;
    }
    id = *parsed_id;
    value = *parsed;
    return k_exit_ok;
}

} // namespace

int parse_whatif_flags(Args args, WhatIf& out, std::vector<std::string_view>& rest, std::string& error) {
    std::optional<std::string_view> scenario_text, rater, measure, growth, horizon;
    std::vector<std::string_view> rater_weights, task_weights, task_capabilities;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view value;
        bool missing = false;
        const auto once = [&](std::optional<std::string_view>& slot, const char* name) {
            if (missing) {
                error = std::string(name) + " needs a value";
                return k_exit_usage;
            }
            if (slot) {
                error = std::string(name) + " is given twice";
                return k_exit_usage;
            }
            slot = value;
            return k_exit_ok;
        };
        const auto many = [&](std::vector<std::string_view>& list, const char* name) {
            if (missing) {
                error = std::string(name) + " needs a value";
                return k_exit_usage;
            }
            list.push_back(value);
            return k_exit_ok;
        };
        int status = -1;
        if (take_flag(args, i, "--scenario", value, missing)) status = once(scenario_text, "--scenario");
        else if (take_flag(args, i, "--rater", value, missing)) status = once(rater, "--rater");
        else if (take_flag(args, i, "--measure", value, missing)) status = once(measure, "--measure");
        else if (take_flag(args, i, "--growth-rate", value, missing)) status = once(growth, "--growth-rate");
        else if (take_flag(args, i, "--horizon", value, missing)) status = once(horizon, "--horizon");
        else if (take_flag(args, i, "--rater-weight", value, missing)) status = many(rater_weights, "--rater-weight");
        else if (take_flag(args, i, "--task-weight", value, missing)) status = many(task_weights, "--task-weight");
        else if (take_flag(args, i, "--task-capability", value, missing))
            status = many(task_capabilities, "--task-capability");
        else rest.push_back(args[i]);
        if (status > 0) return status;
    }

    Scenario& s = out.scenario;
    if (scenario_text) {
        const ScenarioParse parsed = decode_scenario(*scenario_text);
        if (!parsed.ok()) {
            error = "--scenario: " + parsed.error;
            return k_exit_bad_input;
        }
        s = parsed.scenario;
    }
    if (measure) {
        out.measure_given = true;
        if (*measure == "alpha") s.lens = Lens::Alpha;
        else if (*measure == "beta") s.lens = Lens::Beta;
        else if (*measure == "gamma") s.lens = Lens::Gamma;
        else if (*measure == "automation") out.measure = Measure::Automation;
        else {
            error = "--measure must be alpha, beta, gamma or automation, not '" + std::string(*measure) + "'";
            return k_exit_usage;
        }
    }
    for (const std::string_view list : rater_weights) {
        std::size_t start = 0;
        while (start <= list.size()) {
            const std::size_t comma = std::min(list.find(',', start), list.size());
            const std::string_view item = list.substr(start, comma - start);
            start = comma + 1;
            const std::size_t eq = item.find('=');
            const int r = eq == std::string_view::npos ? -1 : rater_index(item.substr(0, eq));
            if (r < 0) {
                error = "--rater-weight expects NAME=W with NAME human, gpt4 or gpt4_alt, got '" + std::string(item) + "'";
                return k_exit_usage;
            }
            const auto w = parse_double(item.substr(eq + 1));
            if (!w || *w < 0 || *w > k_scenario_max_weight) {
                error = "--rater-weight: " + std::string(item.substr(0, eq)) + ": '" + std::string(item.substr(eq + 1)) +
                        "' is not a number from 0 to 100";
                return k_exit_bad_input;
            }
            s.rater_weights[std::size_t(r)] = *w;
        }
    }
    if (rater) {
        if (!rater_weights.empty()) {
            error = "--rater and --rater-weight contradict each other: --rater scores with one rater alone";
            return k_exit_usage;
        }
        if (*rater != "blend") {
            const int r = rater_index(*rater);
            if (r < 0) {
                error = "--rater must be human, gpt4, gpt4_alt or blend, not '" + std::string(*rater) + "'";
                return k_exit_usage;
            }
            s.rater_weights = {0, 0, 0};
            s.rater_weights[std::size_t(r)] = 1;
            out.rater = std::string(*rater);
        }
    }
    for (const std::string_view text : task_weights) {
        int64_t id = 0;
        double w = 0;
        if (int status = parse_task_value("--task-weight", text, k_scenario_max_weight, id, w, error)) return status;
        set_task_weight(s, id, w);
    }
    for (const std::string_view text : task_capabilities) {
        int64_t id = 0;
        double v = 0;
        if (int status = parse_task_value("--task-capability", text, k_scenario_max_capability, id, v, error))
            return status;
        set_task_capability(s, id, v);
    }
    if (growth) {
        const auto r = parse_double(*growth);
        if (!r) {
            error = "--growth-rate: '" + std::string(*growth) + "' is not a number";
            return k_exit_bad_input;
        }
        s.growth_rate = *r;
    }
    if (horizon) {
        const auto y = parse_int(*horizon);
        if (!y || *y < k_scenario_min_horizon || *y > k_scenario_max_horizon) {
            error = "--horizon: '" + std::string(*horizon) + "' is not a year from " +
                    std::to_string(k_scenario_min_horizon) + " to " + std::to_string(k_scenario_max_horizon);
            return k_exit_bad_input;
        }
        s.horizon_year = int(*y);
    }
    if (std::string e = validate_scenario(s); !e.empty()) {
        error = "the scenario is not valid: " + e;
        return k_exit_bad_input;
    }
    return k_exit_ok;
}

} // namespace exposure::cli
