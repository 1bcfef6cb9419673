// Exposure Explorer web build: fills in what Emscripten 3.1.6's libc++ lacks from C++20, so the
// core compiles unchanged for the wasm target. Force-included by src/app/web.cmake; a no-op with a
// libc++ that has the feature.
#pragma once

#include <version>

#if !defined(__cpp_lib_bit_cast)
#include <type_traits>

namespace std {
// std::bit_cast (C++20 <bit>) over the compiler builtin that libc++ itself uses.
template <class To, class From>
    requires(sizeof(To) == sizeof(From) && is_trivially_copyable_v<To> && is_trivially_copyable_v<From>)
constexpr To bit_cast(const From& from) noexcept {
    return __builtin_bit_cast(To, from);
}
} // namespace std
#endif
