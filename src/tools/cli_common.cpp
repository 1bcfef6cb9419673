// The `exposure` CLI's shared flag parsing (see cli_common.hpp).
#include "cli_common.hpp"

#include <cstdio>

namespace exposure::cli {

std::optional<std::string> ParsedArgs::value(std::string_view flag) const {
    const auto it = values.find(flag);
    if (it == values.end() || it->second.empty()) return std::nullopt;
    return it->second.back();
}

const std::vector<std::string>& ParsedArgs::all(std::string_view flag) const {
    static const std::vector<std::string> k_none; // immutable empty result, not state
    const auto it = values.find(flag);
    return it == values.end() ? k_none : it->second;
}

bool parse_flags(Args args, std::span<const FlagSpec> specs, ParsedArgs& out, std::string& error) {
    out = ParsedArgs{};
    bool flags_done = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view arg = args[i];
        if (flags_done || arg.size() < 3 || arg.substr(0, 2) != "--") {
            if (!flags_done && arg == "--") {
                flags_done = true;
                continue;
            }
            out.positionals.emplace_back(arg);
            continue;
        }
        std::string_view name = arg.substr(2);
        std::optional<std::string_view> inline_value;
        if (const auto eq = name.find('='); eq != std::string_view::npos) {
            inline_value = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        const FlagSpec* spec = nullptr;
        for (const FlagSpec& s : specs)
            if (s.name == name) spec = &s;
        if (!spec) {
            error = "unknown option --" + std::string(name);
            return false;
        }
        std::string value;
        if (spec->takes_value) {
            if (inline_value) {
                value = std::string(*inline_value);
            } else if (i + 1 < args.size()) {
                value = std::string(args[++i]);
            } else {
                error = "--" + std::string(name) + " needs a value";
                return false;
            }
        } else if (inline_value) {
            error = "--" + std::string(name) + " takes no value";
            return false;
        }
        auto& slot = out.values[std::string(name)];
        if (!slot.empty() && !spec->repeatable) {
            error = "--" + std::string(name) + " given more than once";
            return false;
        }
        slot.push_back(std::move(value));
    }
    return true;
}

int usage_error(std::string_view command, std::string_view message) {
    std::fprintf(stderr, "exposure %.*s: %.*s\n", int(command.size()), command.data(), int(message.size()), message.data());
    return 2;
}

int data_error(std::string_view command, std::string_view message) {
    std::fprintf(stderr, "exposure %.*s: %.*s\n", int(command.size()), command.data(), int(message.size()), message.data());
    return 1;
}

} // namespace exposure::cli
