// Fuzz target: an occupation's detail file (parse_detail). Whatever parses must serialize and parse
// back to the same detail; whatever fails must say why, naming the source.
#include "core/bundle.hpp"
#include "fuzz_common.hpp"

using namespace exposure;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    OccupationDetail detail;
    std::string error;
    if (!parse_detail({data, size}, detail, error, "occupations/x.json")) {
        fuzz::require(error.starts_with("occupations/x.json: "), "a rejected detail names its file", error);
        return 0;
    }
    const std::string text = serialize_detail(detail);
    OccupationDetail again;
    fuzz::require(parse_detail(fuzz::bytes_of(text), again, error), "a serialized detail parses", error);
    fuzz::require(again == detail, "a detail survives serialize and parse unchanged");
    return 0;
}
