// `exposure scenario encode [what-if flags]` prints a scenario's text; `exposure scenario decode TEXT`
// prints the scenario as JSON (keys as in the Scenario struct; an unchanged task field is left out).
#include "commands.hpp"
#include "core/scenario.hpp"
#include "core/scoring.hpp"
#include "whatif_flags.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>
#include <vector>

namespace exposure::cli {

namespace {

constexpr const char* k_scenario_usage =
    "usage: exposure scenario encode [what-if flags]   print the scenario's text\n"
    "       exposure scenario decode TEXT              print the scenario as JSON\n";

nlohmann::ordered_json scenario_json(const Scenario& s) {
    nlohmann::ordered_json doc;
    doc["version"] = 1;
    auto& weights = doc["rater_weights"] = nlohmann::ordered_json::object();
    for (int r = 0; r < k_rater_count; ++r) weights[std::string(rater_name(Rater(r)))] = s.rater_weights[r];
    doc["lens"] = to_string(s.lens);
    doc["growth_rate"] = s.growth_rate;
    doc["horizon_year"] = s.horizon_year;
    auto& tasks = doc["tasks"] = nlohmann::ordered_json::array();
    for (const TaskOverride& t : s.tasks) {
        nlohmann::ordered_json o;
        o["task_id"] = t.task_id;
        if (t.weight != k_unchanged) o["weight"] = t.weight;
        if (t.capability != k_unchanged) o["capability"] = t.capability;
        tasks.push_back(std::move(o));
    }
    return doc;
}

int encode(Args args) {
    WhatIf whatif;
    std::vector<std::string_view> rest;
    std::string error;
    if (int status = parse_whatif_flags(args, whatif, rest, error)) {
        std::fprintf(stderr, "exposure scenario encode: %s\n", error.c_str());
        if (status == k_exit_usage) std::fprintf(stderr, "%s%s", k_scenario_usage, k_whatif_usage);
        return status;
    }
    if (!rest.empty()) {
        std::fprintf(stderr, "exposure scenario encode: unexpected argument '%.*s'\n%s%s", int(rest[0].size()),
                     rest[0].data(), k_scenario_usage, k_whatif_usage);
        return k_exit_usage;
    }
    if (whatif.measure == Measure::Automation) {
        std::fprintf(stderr, "exposure scenario encode: --measure automation chooses what `score` reports; a scenario "
                             "holds only the lens (alpha, beta or gamma)\n");
        return k_exit_usage;
    }
    std::printf("%s\n", encode_scenario(whatif.scenario).c_str());
    return k_exit_ok;
}

int decode(Args args) {
    if (args.size() != 1 || (args[0].size() > 1 && args[0].substr(0, 2) == "--")) {
        std::fprintf(stderr, "exposure scenario decode: expects exactly one scenario text\n%s", k_scenario_usage);
        return k_exit_usage;
    }
    const ScenarioParse parsed = decode_scenario(args[0]);
    if (!parsed.ok()) {
        std::fprintf(stderr, "exposure scenario decode: %s\n", parsed.error.c_str());
        return k_exit_bad_input;
    }
    std::printf("%s\n", scenario_json(parsed.scenario).dump(2).c_str());
    return k_exit_ok;
}

} // namespace

int cmd_scenario(Args args) {
    if (args.empty()) {
        std::fputs(k_scenario_usage, stderr);
        return k_exit_usage;
    }
    const Args rest(args.data() + 1, args.size() - 1);
    if (args[0] == "encode") return encode(rest);
    if (args[0] == "decode") return decode(rest);
    if (args[0] == "--help" || args[0] == "-h") {
        std::printf("%s%s", k_scenario_usage, k_whatif_usage);
        return k_exit_ok;
    }
    std::fprintf(stderr, "exposure scenario: unknown subcommand '%.*s'\n%s", int(args[0].size()), args[0].data(),
                 k_scenario_usage);
    return k_exit_usage;
}

} // namespace exposure::cli
