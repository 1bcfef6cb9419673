// `exposure validate [--data DIR]`: checks a bundle completely (src/core/validate.hpp) and names the
// file and field of the first problem.
#include "cli_common.hpp"
#include "commands.hpp"

#include "core/validate.hpp"

#include <cstdio>

namespace exposure::cli {

int cmd_validate(Args args) {
    static constexpr FlagSpec k_flags[] = {{"data"}, {"help", false}};
    constexpr const char* k_usage = "usage: exposure validate [--data DIR]\n";
    ParsedArgs parsed;
    std::string error;
    if (!parse_flags(args, k_flags, parsed, error)) return usage_error("validate", error + "\n" + k_usage);
    if (parsed.has("help")) {
        std::fputs(k_usage, stdout);
        return 0;
    }
    if (!parsed.positionals.empty())
        return usage_error("validate", "unexpected argument '" + parsed.positionals[0] + "'\n" + k_usage);
    const std::string dir = parsed.value("data").value_or(default_data_dir());
    ValidationReport report;
    if (!validate_bundle(dir, report, error)) return data_error("validate", dir + ": " + error);
    std::printf("%s: valid bundle: %d occupations, %lld tasks, %d files (%lld bytes) match the manifest\n", dir.c_str(),
                report.occupations, static_cast<long long>(report.tasks), report.files,
                static_cast<long long>(report.bytes));
    return 0;
}

} // namespace exposure::cli
