// Fuzz target: manifest.json (parse_manifest). Whatever parses must serialize and parse back to the
// same manifest; whatever fails must say why, naming the source.
#include "core/bundle.hpp"
#include "fuzz_common.hpp"

using namespace exposure;

namespace {

bool same(const Manifest& a, const Manifest& b) {
    if (a.version != b.version || a.built_by != b.built_by || a.counts != b.counts || a.matches != b.matches ||
        a.files != b.files || a.upstream.size() != b.upstream.size())
        return false;
    for (std::size_t i = 0; i < a.upstream.size(); ++i) {
        const auto& x = a.upstream[i];
        const auto& y = b.upstream[i];
        if (x.folder != y.folder || x.name != y.name || x.commit != y.commit || x.sha256 != y.sha256) return false;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    Manifest manifest;
    std::string error;
    if (!parse_manifest({data, size}, manifest, error, "manifest.json")) {
        fuzz::require(error.starts_with("manifest.json: "), "a rejected manifest names its file", error);
        return 0;
    }
    const std::string text = serialize_manifest(manifest);
    Manifest again;
    fuzz::require(parse_manifest(fuzz::bytes_of(text), again, error), "a serialized manifest parses", error);
    fuzz::require(same(again, manifest), "a manifest survives serialize and parse unchanged");
    return 0;
}
