// Measures the bundle in three encodings nlohmann-json can read: JSON (as written), CBOR and
// MessagePack. Writes the binary copies beside each other in OUT (for size and gzip/brotli checks by
// scripts/measure_formats.sh) and prints nlohmann parse times (median of REPEAT runs) per encoding.
// Not part of the build; compiled by scripts/measure_formats.sh. The figures go into data/SCHEMA.md.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

void write_bytes(const fs::path& path, const std::vector<uint8_t>& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

template <class Parse>
double median_ms(int repeat, Parse parse) {
    std::vector<double> times;
    for (int i = 0; i < repeat; ++i) {
        const auto start = std::chrono::steady_clock::now();
        parse();
        times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: measure_formats BUNDLE OUT [REPEAT] [CODE]\n");
        return 2;
    }
    const fs::path bundle = argv[1], out = argv[2];
    const int repeat = argc > 3 ? std::atoi(argv[3]) : 21;
    const std::string typical = argc > 4 ? argv[4] : "15-2051.00";
    fs::create_directories(out);

    struct Set {
        const char* name;
        std::vector<std::string> json;
    };
    std::vector<Set> sets{{"index", {read_text(bundle / "index.json")}},
                          {"typical", {read_text(bundle / "occupations" / (typical + ".json"))}},
                          {"all-details", {}}};
    for (const auto& entry : fs::directory_iterator(bundle / "occupations")) sets[2].json.push_back(read_text(entry.path()));

    std::printf("%-12s %8s %12s %12s %12s\n", "set", "files", "json ms", "cbor ms", "msgpack ms");
    for (const Set& set : sets) {
        std::vector<std::vector<uint8_t>> cbor, msgpack;
        std::size_t index = 0;
        for (const std::string& text : set.json) {
            const nlohmann::json doc = nlohmann::json::parse(text);
            cbor.push_back(nlohmann::json::to_cbor(doc));
            msgpack.push_back(nlohmann::json::to_msgpack(doc));
            const std::string stem = std::string(set.name) + "-" + std::to_string(index++);
            write_bytes(out / (stem + ".json"), std::vector<uint8_t>(text.begin(), text.end()));
            write_bytes(out / (stem + ".cbor"), cbor.back());
            write_bytes(out / (stem + ".msgpack"), msgpack.back());
        }
        const double json_ms = median_ms(repeat, [&] {
            for (const std::string& text : set.json) (void)nlohmann::json::parse(text).size();
        });
        const double cbor_ms = median_ms(repeat, [&] {
            for (const auto& bytes : cbor) (void)nlohmann::json::from_cbor(bytes).size();
        });
        const double msgpack_ms = median_ms(repeat, [&] {
            for (const auto& bytes : msgpack) (void)nlohmann::json::from_msgpack(bytes).size();
        });
        std::printf("%-12s %8zu %12.3f %12.3f %12.3f\n", set.name, set.json.size(), json_ms, cbor_ms, msgpack_ms);
    }
    return 0;
}
