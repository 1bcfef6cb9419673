// `exposure`: the command-line tool over the scoring core. This file only dispatches.
#include "commands.hpp"

#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#ifndef EXPOSURE_DEFAULT_DATA_DIR
#define EXPOSURE_DEFAULT_DATA_DIR "data/bundle"
#endif

namespace exposure::cli {

std::string default_data_dir() {
    if (const char* env = std::getenv("EXPOSURE_DATA"); env && *env) return env;
    return EXPOSURE_DEFAULT_DATA_DIR;
}

} // namespace exposure::cli

namespace {

constexpr const char* k_usage = R"(usage: exposure COMMAND [ARGS]

Commands:
  build-data --upstream DIR --out DIR   build the bundle from the upstream data sets
  validate [--data DIR]                 check a bundle completely
  show CODE [--data DIR] [--format json|text]
                                        one occupation's full card
  score [CODE... | --all] [--data DIR] [--rater R] [--measure M] [--rater-weight NAME=W,...]
        [--task-weight TASKID=W]... [--task-capability TASKID=V]... [--scenario TEXT]
        [--format csv|json]             exposure scores under a what-if scenario
  scenario encode [what-if flags]       print a scenario's text
  scenario decode TEXT                  print a scenario as JSON

Exit status: 0 success, 1 bad data or input, 2 bad usage.
)";

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string_view> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        std::fputs(k_usage, args.empty() ? stderr : stdout);
        return args.empty() ? 2 : 0;
    }
    const std::string_view command = args[0];
    const exposure::cli::Args rest(args.data() + 1, args.size() - 1);
    using namespace exposure::cli;
    if (command == "build-data") return cmd_build_data(rest);
    if (command == "validate") return cmd_validate(rest);
    if (command == "show") return cmd_show(rest);
    if (command == "score") return cmd_score(rest);
    if (command == "scenario") return cmd_scenario(rest);
    std::fprintf(stderr, "exposure: unknown command '%.*s'\n%s", int(command.size()), command.data(), k_usage);
    return 2;
}
