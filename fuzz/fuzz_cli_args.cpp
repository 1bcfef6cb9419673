// Fuzz target: the CLI's argument parsing (src/tools: the what-if flags of `score` and `scenario
// encode`, and the generic flag parser every command uses). The input is split at NUL bytes into
// arguments. A scenario the what-if flags accept must be valid and survive encode and decode; a
// refusal must carry a message and one of the CLI's exit statuses.
#include "cli_common.hpp"
#include "core/scenario.hpp"
#include "fuzz_common.hpp"
#include "whatif_flags.hpp"

#include <string>
#include <string_view>
#include <vector>

using namespace exposure;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    std::vector<std::string_view> args;
    for (std::size_t start = 0; start <= text.size();) {
        const std::size_t end = std::min(text.find('\0', start), text.size());
        args.emplace_back(text.data() + start, end - start);
        start = end + 1;
    }
    const cli::Args span(args.data(), args.size());

    cli::WhatIf whatif;
    std::vector<std::string_view> rest;
    std::string error;
    const int status = cli::parse_whatif_flags(span, whatif, rest, error);
    if (status != cli::k_exit_ok) {
        fuzz::require(status == cli::k_exit_usage || status == cli::k_exit_bad_input, "a refusal is exit status 1 or 2");
        fuzz::require(!error.empty(), "a refusal says why");
    } else {
        const std::string invalid = validate_scenario(whatif.scenario);
        fuzz::require(invalid.empty(), "accepted flags give a valid scenario", invalid);
        const ScenarioParse again = decode_scenario(encode_scenario(whatif.scenario));
        fuzz::require(again.ok() && again.scenario == whatif.scenario, "the flags' scenario round-trips", again.error);
    }

    static constexpr cli::FlagSpec k_specs[] = {{"data"}, {"format"}, {"all", false}, {"task", true, true}};
    cli::ParsedArgs parsed;
    if (!cli::parse_flags(span, k_specs, parsed, error)) fuzz::require(!error.empty(), "a flag error says why");
    return 0;
}
