// Exposure Explorer core: scenario text (encode, decode, validate) and override editing.
//
// Scenario text, version 1 (grammar; only settings that differ from the default are written):
//   text   := "v1" ( "-" item )*
//   item   := ("h" | "g" | "a") number          rater weight: human, gpt4, gpt4_alt
//           | "l" ("a" | "b" | "g")             lens alpha, beta, gamma
//           | "r" number                        capability-growth rate (per year)
//           | "y" digit{4}                      timeline horizon year
//           | "t" digits ("w" number)? ("c" number)?   one task: weight, capability (at least one)
//   number := digits ( "." digit{1,3} )?       exactly k / 1000 for the integer k the digits spell
//           | "x" hexdigit{16}                  the IEEE-754 bits of any other double (lower case)
// Every double round-trips exactly: a value that k / 1000.0 reproduces bit for bit is written as a
// decimal, anything else as its bits. Items may come in any order, each at most once, tasks in
// ascending id order. Example: human weight 0, lens gamma, task 8823 capability 80 -> "v1-h0-lg-t8823c80".
//
// Index of this file:
// [SECTION] Validation
// [SECTION] Encoding
// [SECTION] Decoding
// [SECTION] Override editing
#include "scenario.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace exposure {

namespace {

constexpr double k_max_weight = k_scenario_max_weight;
constexpr double k_max_capability = k_scenario_max_capability;
constexpr double k_max_growth_rate = k_scenario_max_growth_rate;
constexpr int k_min_horizon = k_scenario_min_horizon;
constexpr int k_max_horizon = k_scenario_max_horizon;
constexpr int64_t k_max_task_id = 999'999'999'999; // 12 digits

// Shortest "%g" text that reads back as the same double (for messages).
std::string format_double(double v) {
    char buf[64];
    for (int precision = 6; precision <= 17; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*g", precision, v);
        if (std::strtod(buf, nullptr) == v) break;
    }
    return buf;
}

// Range check of one value; empty when fine.
std::string check_range(std::string_view what, double v, double lo, double hi) {
    if (!std::isfinite(v)) return std::string(what) + " is not a finite number";
    if (v < lo || v > hi)
        return std::string(what) + " " + format_double(v) + " is outside " + format_double(lo) + ".." + format_double(hi);
    return {};
}

const char* const k_rater_words[k_rater_count] = {"human", "gpt4", "gpt4_alt"};
constexpr char k_hex_digits[] = "0123456789abcdef";

// The IEEE-754 bits of a double and back (memcpy: Emscripten 3.1.6's libc++ has no std::bit_cast).
uint64_t bits_of(double v) {
    uint64_t bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    return bits;
}
double double_of(uint64_t bits) {
    double v = 0;
    std::memcpy(&v, &bits, sizeof v);
    return v;
}
constexpr char k_rater_keys[k_rater_count] = {'h', 'g', 'a'};
const char* const k_rater_weight_words[k_rater_count] = {"human rater weight", "gpt4 rater weight",
                                                         "gpt4_alt rater weight"};

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Validation
//-----------------------------------------------------------------------------

namespace {

// Everything except the encoded length (which needs the encoder).
std::string validate_values(const Scenario& s) {
    double total = 0;
    for (int r = 0; r < k_rater_count; ++r) {
        auto e = check_range(std::string(k_rater_words[r]) + " rater weight", s.rater_weights[r], 0, k_max_weight);
        if (!e.empty()) return e;
        total += s.rater_weights[r];
    }
    if (!(total > 0)) return "every rater weight is 0: at least one rater must count";
    if (int(s.lens) > 2) return "lens " + std::to_string(int(s.lens)) + " is not alpha, beta or gamma";
    if (auto e = check_range("growth rate", s.growth_rate, 0, k_max_growth_rate); !e.empty()) return e;
    if (s.horizon_year < k_min_horizon || s.horizon_year > k_max_horizon)
        return "horizon year " + std::to_string(s.horizon_year) + " is outside " + std::to_string(k_min_horizon) + ".." +
               std::to_string(k_max_horizon);
    if (s.tasks.size() > k_scenario_max_tasks)
        return std::to_string(s.tasks.size()) + " task overrides, more than the " +
               std::to_string(k_scenario_max_tasks) + " allowed";
    int64_t previous = 0;
    for (const TaskOverride& t : s.tasks) {
        const std::string name = "task " + std::to_string(t.task_id);
        if (t.task_id < 1 || t.task_id > k_max_task_id)
            return "task id " + std::to_string(t.task_id) + " is outside 1.." + std::to_string(k_max_task_id);
        if (t.task_id <= previous) return name + " is out of order or repeated (overrides are sorted by task id)";
        previous = t.task_id;
        if (t.weight == k_unchanged && t.capability == k_unchanged) return name + " has an override that changes nothing";
        if (t.weight != k_unchanged) {
            if (auto e = check_range(name + " weight", t.weight, 0, k_max_weight); !e.empty()) return e;
        }
        if (t.capability != k_unchanged) {
            if (auto e = check_range(name + " capability", t.capability, 0, k_max_capability); !e.empty()) return e;
        }
    }
    return {};
}

} // namespace

std::string validate_scenario(const Scenario& scenario) {
    if (auto e = validate_values(scenario); !e.empty()) return e;
    const std::size_t length = encode_scenario(scenario).size();
    if (length > k_scenario_max_text)
        return "scenario text would be " + std::to_string(length) + " characters, over the " +
               std::to_string(k_scenario_max_text) + " limit (too many overrides)";
    return {};
}

//-----------------------------------------------------------------------------
// [SECTION] Encoding
//-----------------------------------------------------------------------------

namespace {

void append_number(std::string& out, double v) {
    // The decimal form when k / 1000.0 gives back exactly these bits.
    if (std::isfinite(v) && v >= 0 && v < 1e12) {
        const long long k = std::llround(v * 1000.0);
        if (bits_of(double(k) / 1000.0) == bits_of(v)) {
            out += std::to_string(k / 1000);
            if (long long frac = k % 1000; frac != 0) {
                char digits[4] = {char('0' + frac / 100), char('0' + frac / 10 % 10), char('0' + frac % 10), 0};
                int len = 3;
                while (digits[len - 1] == '0') --len;
                out += '.';
                out.append(digits, std::size_t(len));
            }
            return;
        }
    }
    const uint64_t bits = bits_of(v);
    out += 'x';
    for (int shift = 60; shift >= 0; shift -= 4) out += k_hex_digits[(bits >> shift) & 0xf];
}

} // namespace

std::string encode_scenario(const Scenario& scenario) {
    const Scenario defaults;
    std::string out;
    out.reserve(64 + 24 * scenario.tasks.size()); // one allocation for typical overrides
    out += "v1";
    for (int r = 0; r < k_rater_count; ++r) {
        if (bits_of(scenario.rater_weights[r]) == bits_of(defaults.rater_weights[r]))
            continue;
        out += '-';
        out += k_rater_keys[r];
        append_number(out, scenario.rater_weights[r]);
    }
    if (scenario.lens != defaults.lens) {
        out += "-l";
        out += scenario.lens == Lens::Alpha ? 'a' : scenario.lens == Lens::Gamma ? 'g' : 'b';
    }
    if (bits_of(scenario.growth_rate) != bits_of(defaults.growth_rate)) {
        out += "-r";
        append_number(out, scenario.growth_rate);
    }
    if (scenario.horizon_year != defaults.horizon_year) {
        out += "-y";
        out += std::to_string(scenario.horizon_year);
    }
    for (const TaskOverride& t : scenario.tasks) {
        out += "-t";
        out += std::to_string(t.task_id);
        if (t.weight != k_unchanged) {
            out += 'w';
            append_number(out, t.weight);
        }
        if (t.capability != k_unchanged) {
            out += 'c';
            append_number(out, t.capability);
        }
    }
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] Decoding
//-----------------------------------------------------------------------------

namespace {

// What a value is, for messages; the text is only built when there is an error to report.
struct What {
    const char* text;
    int64_t task = -1; // when >= 0: "task <id> <text>"
    std::string str() const { return task >= 0 ? "task " + std::to_string(task) + " " + text : std::string(text); }
};

// A cursor over the text that records the first error with its 1-based character position.
class Reader {
public:
    explicit Reader(std::string_view text) : text_(text) {}

    bool at_end() const { return pos_ >= text_.size(); }
    char peek() const { return at_end() ? '\0' : text_[pos_]; }
    std::size_t pos() const { return pos_; }
    void advance() { ++pos_; }
    bool failed() const { return !error_.empty(); }
    const std::string& error() const { return error_; }

    // Records an error at a position (1-based in the message); always returns false.
    bool fail(std::size_t at, const std::string& what) {
        if (error_.empty()) error_ = "scenario text, character " + std::to_string(at + 1) + ": " + what;
        return false;
    }
    bool fail(const std::string& what) { return fail(pos_, what); }

    // How the character at the cursor reads in a message.
    std::string describe() const { return describe(pos_); }
    std::string describe(std::size_t at) const {
        if (at >= text_.size()) return "the end of the text";
        const unsigned char c = static_cast<unsigned char>(text_[at]);
        if (c >= 0x21 && c < 0x7f) return std::string("'") + char(c) + "'";
        char buf[16];
        std::snprintf(buf, sizeof buf, "byte 0x%02x", c);
        return buf;
    }

    // Unsigned decimal digits (at least one, at most max_digits); false with a message otherwise.
    bool digits(int max_digits, int64_t& value, const What& what) {
        const std::size_t start = pos_;
        value = 0;
        while (!at_end() && peek() >= '0' && peek() <= '9') {
            if (int(pos_ - start) == max_digits) return fail(start, what.str() + " has more than " +
                                                                        std::to_string(max_digits) + " digits");
            value = value * 10 + (peek() - '0');
            advance();
        }
        if (pos_ == start) return fail("expected " + what.str() + " (digits), found " + describe());
        return true;
    }

    // A number as the grammar defines it.
    bool number(double& value, const What& what) {
        if (peek() == 'x') {
            advance();
            uint64_t bits = 0;
            for (int i = 0; i < 16; ++i) {
                const char c = peek();
                int d = -1;
                if (c >= '0' && c <= '9') d = c - '0';
                else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
                if (d < 0) return fail("expected 16 lower-case hex digits for " + what.str() + ", found " + describe());
                bits = bits << 4 | uint64_t(d);
                advance();
            }
            value = double_of(bits);
            return true;
        }
        int64_t whole = 0;
        if (!digits(9, whole, what)) return false;
        int64_t k = whole * 1000;
        if (peek() == '.') {
            advance();
            const std::size_t start = pos_;
            int64_t scale = 100;
            while (!at_end() && peek() >= '0' && peek() <= '9') {
                if (scale == 0) return fail(start, what.str() + " has more than 3 decimals");
                k += scale * (peek() - '0');
                scale /= 10;
                advance();
            }
            if (pos_ == start) return fail("expected decimals after '.' in " + what.str() + ", found " + describe());
        }
        value = double(k) / 1000.0;
        return true;
    }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
    std::string error_;
};

// Range check of a decoded value, reported at the position where it started.
bool check_at(Reader& in, std::size_t at, const What& what, double v, double lo, double hi) {
    if (std::isfinite(v) && v >= lo && v <= hi) return true;
    return in.fail(at, check_range(what.str(), v, lo, hi));
}

bool parse_items(Reader& in, Scenario& s) {
    bool seen_rater[k_rater_count] = {false, false, false};
    bool seen_lens = false, seen_rate = false, seen_year = false;
    while (!in.at_end()) {
        if (in.peek() != '-') return in.fail("expected '-' before the next setting, found " + in.describe());
        in.advance();
        const std::size_t item_at = in.pos();
        const char key = in.peek();
        if (in.at_end()) return in.fail("expected a setting after '-', found the end of the text");
        in.advance();
        const auto once = [&](bool& seen, const char* what) {
            if (seen) return in.fail(item_at, std::string(what) + " is given twice");
            seen = true;
            return true;
        };
        const int rater = key == 'h' ? 0 : key == 'g' ? 1 : key == 'a' ? 2 : -1;
        if (rater >= 0) {
            const What what{k_rater_weight_words[rater]};
            if (!once(seen_rater[rater], what.text)) return false;
            const std::size_t at = in.pos();
            if (!in.number(s.rater_weights[std::size_t(rater)], what)) return false;
            if (!check_at(in, at, what, s.rater_weights[std::size_t(rater)], 0, k_max_weight)) return false;
        } else if (key == 'l') {
            if (!once(seen_lens, "the lens")) return false;
            const char c = in.peek();
            if (c == 'a') s.lens = Lens::Alpha;
            else if (c == 'b') s.lens = Lens::Beta;
            else if (c == 'g') s.lens = Lens::Gamma;
            else return in.fail("expected lens a, b or g, found " + in.describe());
            in.advance();
        } else if (key == 'r') {
            if (!once(seen_rate, "the growth rate")) return false;
            const std::size_t at = in.pos();
            if (!in.number(s.growth_rate, What{"growth rate"})) return false;
            if (!check_at(in, at, What{"growth rate"}, s.growth_rate, 0, k_max_growth_rate)) return false;
        } else if (key == 'y') {
            if (!once(seen_year, "the horizon year")) return false;
            const std::size_t at = in.pos();
            int64_t year = 0;
            if (!in.digits(4, year, What{"horizon year"})) return false;
            if (in.pos() - at != 4) return in.fail(at, "horizon year must have 4 digits");
            if (year < k_min_horizon || year > k_max_horizon)
                return in.fail(at, "horizon year " + std::to_string(year) + " is outside " + std::to_string(k_min_horizon) +
                                       ".." + std::to_string(k_max_horizon));
            s.horizon_year = int(year);
        } else if (key == 't') {
            if (s.tasks.size() == k_scenario_max_tasks)
                return in.fail(item_at, "more than " + std::to_string(k_scenario_max_tasks) + " task overrides");
            const std::size_t at = in.pos();
            TaskOverride t;
            if (!in.digits(12, t.task_id, What{"task id"})) return false;
            if (t.task_id < 1) return in.fail(at, "task id 0 is not a task");
            if (!s.tasks.empty() && t.task_id <= s.tasks.back().task_id)
                return in.fail(at, "task " + std::to_string(t.task_id) + " comes after task " +
                                       std::to_string(s.tasks.back().task_id) + " (tasks go in ascending id order, once each)");
            const What weight{"weight", t.task_id}, capability{"capability", t.task_id};
            if (in.peek() == 'w') {
                in.advance();
                const std::size_t vat = in.pos();
                if (!in.number(t.weight, weight)) return false;
                if (!check_at(in, vat, weight, t.weight, 0, k_max_weight)) return false;
            }
            if (in.peek() == 'c') {
                in.advance();
                const std::size_t vat = in.pos();
                if (!in.number(t.capability, capability)) return false;
                if (!check_at(in, vat, capability, t.capability, 0, k_max_capability)) return false;
            }
            if (t.weight == k_unchanged && t.capability == k_unchanged)
                return in.fail("expected 'w' (weight) or 'c' (capability) after task " + std::to_string(t.task_id) +
                               ", found " + in.describe());
            s.tasks.push_back(t);
        } else {
            return in.fail(item_at, "unknown setting " + in.describe(item_at) + " (expected h, g, a, l, r, y or t)");
        }
    }
    return true;
}

} // namespace

ScenarioParse decode_scenario(std::string_view text) {
    ScenarioParse result;
    if (text.size() > k_scenario_max_text) {
        result.error = "scenario text is " + std::to_string(text.size()) + " characters, over the " +
                       std::to_string(k_scenario_max_text) + " limit";
        return result;
    }
    if (text.empty()) {
        result.error = "scenario text is empty (the default scenario is \"v1\")";
        return result;
    }
    Reader in(text);
    if (in.peek() != 'v') {
        in.fail("scenario text must start with a version such as \"v1\", found " + in.describe());
    } else {
        in.advance();
        int64_t version = 0;
        const std::size_t at = in.pos();
        if (in.digits(4, version, What{"version number"}) && version != 1)
            in.fail(at, "scenario version " + std::to_string(version) + " is not supported (this build reads v1)");
    }
    if (!in.failed()) parse_items(in, result.scenario);
    if (in.failed()) {
        result.error = in.error();
        result.scenario = Scenario{};
        return result;
    }
    // Whole-scenario rules (e.g. at least one rater weight above 0).
    if (auto e = validate_values(result.scenario); !e.empty()) {
        result.error = "scenario text: " + e;
        result.scenario = Scenario{};
    }
    return result;
}

//-----------------------------------------------------------------------------
// [SECTION] Override editing
//-----------------------------------------------------------------------------

namespace {

// Sets one field of a task's override, inserting or erasing the entry as needed.
void set_field(Scenario& scenario, int64_t task_id, double value, double TaskOverride::*field) {
    auto& tasks = scenario.tasks;
    auto it = std::lower_bound(tasks.begin(), tasks.end(), task_id,
                               [](const TaskOverride& o, int64_t id) { return o.task_id < id; });
    const bool found = it != tasks.end() && it->task_id == task_id;
    if (value < 0) {
        if (!found) return;
        (*it).*field = k_unchanged;
        if (it->weight == k_unchanged && it->capability == k_unchanged) tasks.erase(it);
        return;
    }
    if (!found) {
        TaskOverride t;
        t.task_id = task_id;
        it = tasks.insert(it, t);
    }
    (*it).*field = value;
}

} // namespace

void set_task_weight(Scenario& scenario, int64_t task_id, double weight) {
    set_field(scenario, task_id, weight, &TaskOverride::weight);
}

void set_task_capability(Scenario& scenario, int64_t task_id, double value) {
    set_field(scenario, task_id, value, &TaskOverride::capability);
}

} // namespace exposure
