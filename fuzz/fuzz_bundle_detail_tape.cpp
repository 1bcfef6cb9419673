// Fuzz target: an occupation's detail handed over as a tape (parse_detail_tape, bundle.hpp), what
// the web widget reads instead of the file's text. Whatever reads must serialize and parse back,
// through the text reader, to the same detail; whatever fails must say why, naming the source.
//
// The input encodes the tape compactly, so that mutations mostly stay tapes: ops, a 0xFE byte,
// then the text (all the remaining bytes). An op byte below 0xF0 is that number; 0xF0 is followed
// by a little-endian uint16 and 0xFF by the 8 bytes of a double (any double: fractions, NaN,
// huge counts); 0xF1-0xFD are those numbers. make_tape_seeds.py writes the seeds in this form.
#include "core/bundle.hpp"
#include "fuzz_common.hpp"

#include <cstring>
#include <vector>

using namespace exposure;

namespace {

void decode(const uint8_t* data, std::size_t size, std::vector<double>& ops, std::string_view& text) {
    std::size_t i = 0;
    while (i < size && data[i] != 0xFE) {
        const uint8_t b = data[i++];
        if (b == 0xF0) {
            if (size - i < 2) break;
            ops.push_back(double(data[i] | (data[i + 1] << 8)));
            i += 2;
        } else if (b == 0xFF) {
            if (size - i < 8) break;
            double v = 0;
            std::memcpy(&v, data + i, 8);
            ops.push_back(v);
            i += 8;
        } else {
            ops.push_back(double(b));
        }
    }
    if (i < size && data[i] == 0xFE) ++i;
    text = std::string_view(reinterpret_cast<const char*>(data) + i, size - i);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    std::vector<double> ops;
    std::string_view text;
    decode(data, size, ops, text);
    OccupationDetail detail;
    std::string error;
    if (!parse_detail_tape(ops, text, detail, error, "occupations/x.json")) {
        fuzz::require(error.starts_with("occupations/x.json: "), "a rejected tape names its file", error);
        return 0;
    }
    const std::string serialized = serialize_detail(detail);
    OccupationDetail again;
    fuzz::require(parse_detail(fuzz::bytes_of(serialized), again, error), "a detail read from a tape parses as text",
                  error);
    fuzz::require(again == detail, "a detail read from a tape survives serialize and parse unchanged");
    return 0;
}
