// Exposure Explorer fuzzing (internal to fuzz/): what every libFuzzer target shares.
// A target turns its bytes into one reader's input and checks the reader's promises: it returns
// an answer (never crashes or hangs), a failure carries a message, and whatever it accepts
// survives a write-and-read-back unchanged. A broken promise aborts, which libFuzzer reports as a
// crash with the input that caused it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>

namespace exposure::fuzz {

// Aborts with `what` (and the reader's message, if any) when `condition` is false.
inline void require(bool condition, const char* what, std::string_view detail = {}) {
    if (condition) return;
    std::fprintf(stderr, "fuzz: broken promise: %s%s%.*s\n", what, detail.empty() ? "" : ": ", int(detail.size()),
                 detail.data());
    std::abort();
}

// The fuzzer's bytes as the byte span the bundle parsers take.
inline std::span<const uint8_t> bytes_of(const std::string& text) {
    return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}

} // namespace exposure::fuzz
