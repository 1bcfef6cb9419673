// Exposure Explorer core: SHA-256 (FIPS 180-4), for the bundle manifest's file checksums and the
// upstream files' pinned sums. Small and dependency-free so the web build can check files too.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace exposure {

// Incremental SHA-256: update() with any number of chunks, then hex() or digest() once.
class Sha256 {
public:
    Sha256();
    void update(std::span<const uint8_t> bytes);
    void update(std::string_view text);
    std::array<uint8_t, 32> digest(); // finishes the hash; the object is spent afterwards
    std::string hex();                // digest() as 64 lowercase hex digits

private:
    void compress(const uint8_t* block);
    std::array<uint32_t, 8> state_;
    std::array<uint8_t, 64> buffer_{};
    std::size_t buffered_ = 0;
    uint64_t length_ = 0; // bytes hashed so far
};

// SHA-256 of a byte string as 64 lowercase hex digits.
std::string sha256_hex(std::span<const uint8_t> bytes);
std::string sha256_hex(std::string_view text);

} // namespace exposure
