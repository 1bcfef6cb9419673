// The `exposure` CLI's shared flag parsing: "--name VALUE", "--name=VALUE", bare switches and
// positional arguments, with errors that name the flag. Used by every cmd_*.cpp.
#pragma once

#include "commands.hpp"

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace exposure::cli {

// One flag a command accepts.
struct FlagSpec {
    std::string_view name;   // without the dashes, e.g. "data"
    bool takes_value = true; // false: a switch such as --all
    bool repeatable = false; // may be given more than once
};

// What parse_flags found.
struct ParsedArgs {
    std::map<std::string, std::vector<std::string>, std::less<>> values; // flag -> values in order
    std::vector<std::string> positionals;

    bool has(std::string_view flag) const { return values.find(flag) != values.end(); }
    // The (last) value of a flag, if given.
    std::optional<std::string> value(std::string_view flag) const;
    // All values of a repeatable flag (empty if not given).
    const std::vector<std::string>& all(std::string_view flag) const;
};

// Parses `args` against `specs`; false with a message for an unknown flag, a missing value or a
// repeated non-repeatable flag. "--" ends the flags.
bool parse_flags(Args args, std::span<const FlagSpec> specs, ParsedArgs& out, std::string& error);

// Prints "exposure <command>: <message>" to stderr and returns 2 (bad usage).
int usage_error(std::string_view command, std::string_view message);
// Prints "exposure <command>: <message>" to stderr and returns 1 (bad data or input).
int data_error(std::string_view command, std::string_view message);

} // namespace exposure::cli
