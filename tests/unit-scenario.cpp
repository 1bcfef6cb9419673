// Unit tests of scenario text (src/core/scenario.*): exact round trips, compactness, rejection of
// malformed or out-of-range text with a position, and override editing.
#include <doctest/doctest.h>

#include "core/scenario.hpp"

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>

using namespace exposure;

namespace {

// Equality that also tells -0.0 from 0.0: the text must give back the very same bits.
bool same_bits(const Scenario& a, const Scenario& b) {
    if (!(a == b)) return false;
    const auto bits = [](double v) {
        uint64_t b = 0;
        std::memcpy(&b, &v, sizeof b);
        return b;
    };
    for (int r = 0; r < k_rater_count; ++r)
        if (bits(a.rater_weights[r]) != bits(b.rater_weights[r])) return false;
    if (bits(a.growth_rate) != bits(b.growth_rate)) return false;
    for (std::size_t i = 0; i < a.tasks.size(); ++i)
        if (bits(a.tasks[i].weight) != bits(b.tasks[i].weight) || bits(a.tasks[i].capability) != bits(b.tasks[i].capability))
            return false;
    return true;
}

// A random valid scenario: values on the 1/1000 grid, arbitrary doubles, and edge values.
Scenario random_scenario(std::mt19937_64& rng) {
    std::uniform_int_distribution<int> pick(0, 9);
    const auto value = [&](double hi) {
        switch (pick(rng)) {
        case 0: return 0.0;
        case 1: return hi;
        case 2: return std::uniform_int_distribution<int>(0, int(hi))(rng) * 1.0;
        case 3: return std::uniform_int_distribution<int>(0, int(hi * 1000))(rng) / 1000.0;
        case 4: return std::nextafter(hi, 0.0);
        case 5: return std::numeric_limits<double>::denorm_min();
        default: return std::uniform_real_distribution<double>(0, hi)(rng);
        }
    };
    Scenario s;
    do {
        for (double& w : s.rater_weights) w = pick(rng) < 4 ? value(k_scenario_max_weight) : 1.0;
    } while (!(s.rater_weights[0] + s.rater_weights[1] + s.rater_weights[2] > 0));
    s.lens = Lens(std::uniform_int_distribution<int>(0, 2)(rng));
    if (pick(rng) < 5) s.growth_rate = value(k_scenario_max_growth_rate);
    if (pick(rng) < 5) s.horizon_year = std::uniform_int_distribution<int>(k_scenario_min_horizon, k_scenario_max_horizon)(rng);
    const int tasks = std::uniform_int_distribution<int>(0, 40)(rng);
    int64_t id = 0;
    for (int i = 0; i < tasks; ++i) {
        id += std::uniform_int_distribution<int64_t>(1, 5000)(rng);
        const int kind = std::uniform_int_distribution<int>(0, 2)(rng);
        if (kind != 1) set_task_weight(s, id, value(k_scenario_max_weight));
        if (kind != 0) set_task_capability(s, id, value(k_scenario_max_capability));
    }
    return s;
}

} // namespace

TEST_CASE("the default scenario encodes to the version alone and back") {
    CHECK(encode_scenario(Scenario{}) == "v1");
    const ScenarioParse p = decode_scenario("v1");
    REQUIRE(p.ok());
    CHECK(p.scenario == Scenario{});
    CHECK(validate_scenario(Scenario{}).empty());
}

TEST_CASE("three changes encode in well under 100 characters") {
    Scenario s;
    s.rater_weights[0] = 0;
    s.lens = Lens::Gamma;
    set_task_capability(s, 8823, 80);
    const std::string text = encode_scenario(s);
    CHECK(text == "v1-h0-lg-t8823c80");
    CHECK(text.size() < 40);
    const ScenarioParse p = decode_scenario(text);
    REQUIRE_MESSAGE(p.ok(), p.error);
    CHECK(p.scenario == s);
}

TEST_CASE("scenario text uses only URL-safe characters and a documented number form") {
    Scenario s;
    s.rater_weights = {0.5, 2.25, 0.125};
    s.growth_rate = 0.1; // not k/1000 bit for bit? it is: 100 / 1000.0 == 0.1
    s.horizon_year = 2040;
    s.lens = Lens::Alpha;
    set_task_weight(s, 19, 0);
    set_task_capability(s, 20, 1.0 / 3.0); // no short decimal: written as its bits
    const std::string text = encode_scenario(s);
    CHECK(text == "v1-h0.5-g2.25-a0.125-la-r0.1-y2040-t19w0-t20cx3fd5555555555555");
    for (const char c : text) {
        const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                          c == '.' || c == '_' || c == '~';
        CHECK(safe);
    }
    const ScenarioParse p = decode_scenario(text);
    REQUIRE_MESSAGE(p.ok(), p.error);
    CHECK(same_bits(p.scenario, s));
}

TEST_CASE("random valid scenarios round-trip exactly") {
    std::mt19937_64 rng(20230317);
    for (int i = 0; i < 2000; ++i) {
        const Scenario s = random_scenario(rng);
        REQUIRE_MESSAGE(validate_scenario(s).empty(), validate_scenario(s));
        const std::string text = encode_scenario(s);
        CAPTURE(text);
        CHECK(text.size() <= k_scenario_max_text);
        const ScenarioParse p = decode_scenario(text);
        REQUIRE_MESSAGE(p.ok(), p.error);
        CHECK(same_bits(p.scenario, s));
        CHECK(encode_scenario(p.scenario) == text);
    }
}

TEST_CASE("negative zero keeps its sign through the text") {
    Scenario s;
    s.rater_weights[2] = -0.0;
    const std::string text = encode_scenario(s);
    CHECK(text == "v1-ax8000000000000000");
    const ScenarioParse p = decode_scenario(text);
    REQUIRE(p.ok());
    CHECK(std::signbit(p.scenario.rater_weights[2]));
}

TEST_CASE("malformed or out-of-range text is rejected with its position and reason") {
    struct Case {
        const char* text;
        const char* message_part;
    };
    const Case cases[] = {
        {"", "empty"},
        {"x1", "character 1: scenario text must start with a version"},
        {"v2", "character 2: scenario version 2 is not supported"},
        {"v", "character 2: expected version number"},
        {"v1-", "character 4: expected a setting after '-'"},
        {"v1-q5", "character 4: unknown setting 'q'"},
        {"v1h1", "character 3: expected '-'"},
        {"v1-h", "character 5: expected human rater weight (digits)"},
        {"v1-h101", "character 5: human rater weight 101 is outside 0..100"},
        {"v1-h1-h2", "character 7: human rater weight is given twice"},
        {"v1-h0-g0", "every rater weight is 0"},
        {"v1-h0.1234", "more than 3 decimals"},
        {"v1-h1.", "expected decimals after '.'"},
        {"v1-lz", "character 5: expected lens a, b or g, found 'z'"},
        {"v1-r6", "growth rate 6 is outside 0..5"},
        {"v1-y2023", "character 5: horizon year 2023 is outside 2024..2100"},
        {"v1-y203", "horizon year must have 4 digits"},
        {"v1-y20300", "horizon year has more than 4 digits"},
        {"v1-t5", "expected 'w' (weight) or 'c' (capability) after task 5"},
        {"v1-t0w1", "task id 0 is not a task"},
        {"v1-t9w1-t5w1", "character 10: task 5 comes after task 9"},
        {"v1-t9w1-t9c1", "task 9 comes after task 9"},
        {"v1-t9c100.001", "task 9 capability 100.001 is outside 0..100"},
        {"v1-t9cx7ff8000000000000", "task 9 capability is not a finite number"},
        {"v1-t9cxABCD", "lower-case hex"},
        {"v1-h1\xff", "byte 0xff"},
        {"v1-t1234567890123w1", "task id has more than 12 digits"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        const ScenarioParse p = decode_scenario(c.text);
        CHECK_FALSE(p.ok());
        CHECK_MESSAGE(p.error.find(c.message_part) != std::string::npos, p.error);
        CHECK(p.scenario == Scenario{});
    }
    SUBCASE("text over the length limit") {
        const ScenarioParse p = decode_scenario(std::string(k_scenario_max_text + 1, 'v'));
        CHECK(p.error.find("over the 4096 limit") != std::string::npos);
    }
    SUBCASE("more task overrides than allowed") {
        std::string text = "v1";
        for (std::size_t i = 1; i <= k_scenario_max_tasks + 1; ++i) text += "-t" + std::to_string(i) + "w1";
        const ScenarioParse p = decode_scenario(text);
        CHECK(p.error.find("more than 256 task overrides") != std::string::npos);
    }
}

TEST_CASE("mutated and truncated texts never crash and either decode or explain") {
    std::mt19937_64 rng(7);
    const std::string alphabet = "v1-hgalrytwcx.0123456789abcdefz_~\xff";
    for (int i = 0; i < 3000; ++i) {
        std::string text = encode_scenario(random_scenario(rng));
        const int kind = int(rng() % 4);
        if (kind == 0) {
            text.resize(rng() % (text.size() + 1));
        } else if (kind == 1 && !text.empty()) {
            text[rng() % text.size()] = alphabet[rng() % alphabet.size()];
        } else if (kind == 2) {
            text.insert(text.begin() + std::ptrdiff_t(rng() % (text.size() + 1)), alphabet[rng() % alphabet.size()]);
        } else if (!text.empty()) {
            text.erase(text.begin() + std::ptrdiff_t(rng() % text.size()));
        }
        CAPTURE(text);
        const ScenarioParse p = decode_scenario(text);
        if (p.ok()) {
            CHECK(validate_scenario(p.scenario).empty());
            // whatever decodes re-encodes to text that decodes to the same scenario
            const ScenarioParse again = decode_scenario(encode_scenario(p.scenario));
            REQUIRE(again.ok());
            CHECK(same_bits(again.scenario, p.scenario));
        } else {
            CHECK(p.error.rfind("scenario text", 0) == 0);
        }
    }
}

TEST_CASE("validation names what is out of range") {
    Scenario s;
    SUBCASE("negative rater weight") {
        s.rater_weights[1] = -1;
        CHECK(validate_scenario(s).find("gpt4 rater weight") != std::string::npos);
    }
    SUBCASE("not a number") {
        s.growth_rate = std::numeric_limits<double>::quiet_NaN();
        CHECK(validate_scenario(s).find("growth rate is not a finite number") != std::string::npos);
    }
    SUBCASE("unsorted tasks") {
        s.tasks = {{5, 1, -1}, {3, 1, -1}};
        CHECK(validate_scenario(s).find("out of order") != std::string::npos);
    }
    SUBCASE("an override that changes nothing") {
        s.tasks = {{5, -1, -1}};
        CHECK(validate_scenario(s).find("changes nothing") != std::string::npos);
    }
    SUBCASE("a negative weight other than the unchanged marker") {
        s.tasks = {{5, -0.5, -1}};
        CHECK(validate_scenario(s).find("task 5 weight") != std::string::npos);
    }
    SUBCASE("overrides whose text would be too long") {
        for (int64_t id = 100'000'000'000; id < 100'000'000'000 + 200; ++id) {
            set_task_weight(s, id, 1.0 / 3.0);
            set_task_capability(s, id, 2.0 / 3.0);
        }
        CHECK(validate_scenario(s).find("over the 4096 limit") != std::string::npos);
    }
}

TEST_CASE("editing overrides keeps them sorted and drops empty entries") {
    Scenario s;
    set_task_weight(s, 30, 2);
    set_task_capability(s, 10, 50);
    set_task_weight(s, 20, 0);
    REQUIRE(s.tasks.size() == 3);
    CHECK(s.tasks[0].task_id == 10);
    CHECK(s.tasks[1].task_id == 20);
    CHECK(s.tasks[2].task_id == 30);
    SUBCASE("setting both fields keeps one entry") {
        set_task_capability(s, 30, 10);
        CHECK(s.tasks.size() == 3);
        CHECK(s.tasks[2].weight == 2);
        CHECK(s.tasks[2].capability == 10);
    }
    SUBCASE("clearing the only field removes the entry") {
        set_task_capability(s, 10, -1);
        CHECK(s.tasks.size() == 2);
        CHECK(s.tasks[0].task_id == 20);
    }
    SUBCASE("clearing one of two fields keeps the other") {
        set_task_capability(s, 30, 10);
        set_task_weight(s, 30, -1);
        REQUIRE(s.tasks.size() == 3);
        CHECK(s.tasks[2].weight == k_unchanged);
        CHECK(s.tasks[2].capability == 10);
    }
    SUBCASE("clearing a task that has no override changes nothing") {
        set_task_weight(s, 99, -1);
        CHECK(s.tasks.size() == 3);
    }
}
