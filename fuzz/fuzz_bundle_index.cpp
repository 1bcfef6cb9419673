// Fuzz target: index.json (parse_index). Whatever parses must serialize and parse back to the same
// index; whatever fails must say why, naming the source.
#include "core/bundle.hpp"
#include "fuzz_common.hpp"

using namespace exposure;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    Index index;
    std::string error;
    if (!parse_index({data, size}, index, error, "index.json")) {
        fuzz::require(error.starts_with("index.json: "), "a rejected index names its file", error);
        return 0;
    }
    fuzz::require(error.empty(), "an accepted index leaves the error empty", error);
    const std::string text = serialize_index(index);
    Index again;
    fuzz::require(parse_index(fuzz::bytes_of(text), again, error), "a serialized index parses", error);
    fuzz::require(again == index, "an index survives serialize and parse unchanged");
    return 0;
}
