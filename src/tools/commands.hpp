// The `exposure` CLI's subcommands. Each takes the arguments after its name and returns the exit
// status: 0 success, 1 bad data or input (message on stderr), 2 bad usage.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace exposure::cli {

using Args = std::span<const std::string_view>;

int cmd_build_data(Args args); // exposure build-data --upstream DIR --out DIR
int cmd_validate(Args args);   // exposure validate [--data DIR]
int cmd_show(Args args);       // exposure show CODE [--data DIR] [--format json|text]
int cmd_score(Args args);      // exposure score [CODE... | --all] [what-if flags] [--format csv|json]
int cmd_scenario(Args args);   // exposure scenario encode [flags] | decode TEXT

// The bundle folder to read: --data if given, else $EXPOSURE_DATA, else the one setup built.
std::string default_data_dir();

} // namespace exposure::cli
