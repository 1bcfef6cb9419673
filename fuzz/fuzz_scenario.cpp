// Fuzz target: scenario text (decode_scenario), as it arrives from a URL hash, an element attribute
// or the CLI. A decoded scenario is valid, encodes within the length limit and decodes back to
// itself; a rejected text gets a message and the default scenario.
#include "core/scenario.hpp"
#include "fuzz_common.hpp"

using namespace exposure;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const ScenarioParse parsed = decode_scenario(text);
    if (!parsed.ok()) {
        fuzz::require(parsed.scenario == Scenario{}, "a rejected text leaves the default scenario", parsed.error);
        fuzz::require(parsed.error.starts_with("scenario text"), "a rejection says it is about scenario text",
                      parsed.error);
        return 0;
    }
    fuzz::require(size <= k_scenario_max_text, "the decoder holds to its length limit");
    const std::string invalid = validate_scenario(parsed.scenario);
    fuzz::require(invalid.empty(), "a decoded scenario is valid", invalid);
    const std::string encoded = encode_scenario(parsed.scenario);
    fuzz::require(encoded.size() <= k_scenario_max_text, "an encoded scenario fits the length limit", encoded);
    const ScenarioParse again = decode_scenario(encoded);
    fuzz::require(again.ok(), "an encoded scenario decodes", again.error);
    fuzz::require(again.scenario == parsed.scenario, "a scenario survives encode and decode unchanged", encoded);
    return 0;
}
