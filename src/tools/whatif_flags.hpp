// The `exposure` CLI: the what-if flags shared by `score` and `scenario encode`.
// They build a Scenario (plus which measure to report) from --scenario, --rater, --measure,
// --rater-weight, --task-weight, --task-capability, --growth-rate and --horizon.
#pragma once

#include "commands.hpp"
#include "core/scenario.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace exposure::cli {

// What `score` reports: the exposure under the scenario's lens, or GPT-4's automation.
enum class Measure { Exposure, Automation };

// A scenario as the flags describe it, with the names to print.
struct WhatIf {
    Scenario scenario;
    Measure measure = Measure::Exposure;
    std::string rater = "blend";  // "human", "gpt4", "gpt4_alt" (that rater alone) or "blend"
    bool measure_given = false;   // --measure was on the command line
};

// Exit statuses of the CLI.
inline constexpr int k_exit_ok = 0;
inline constexpr int k_exit_bad_input = 1;
inline constexpr int k_exit_usage = 2;

// Usage text of the what-if flags, for the commands' help.
extern const char* const k_whatif_usage;

// Takes the what-if flags out of `args` (both "--flag VALUE" and "--flag=VALUE"); everything else is
// appended to `rest` in order. The --scenario text is the base; the other flags change it in any
// order. Returns k_exit_ok, or k_exit_usage (unknown keyword, missing value, conflicting flags) or
// k_exit_bad_input (a value out of range or malformed, bad scenario text) with `error` set.
int parse_whatif_flags(Args args, WhatIf& out, std::vector<std::string_view>& rest, std::string& error);

// If `arg` is "--name" or "--name=...", sets `value` (from `=` or the next argument, advancing `i`)
// and returns true; `missing` is set when the value is absent.
bool take_flag(Args args, std::size_t& i, std::string_view name, std::string_view& value, bool& missing);

} // namespace exposure::cli
