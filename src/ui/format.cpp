// Exposure Explorer ui: how figures are written on the card (see format.hpp).
#include "ui/format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace exposure::ui {

std::string_view rater_display_name(Rater rater) {
    switch (rater) {
    case Rater::Human: return "Human annotators";
    case Rater::Gpt4: return "GPT-4";
    case Rater::Gpt4Alt: return "GPT-4, alt. rubric";
    }
    return "";
}

std::string_view exposure_label_name(ExposureLabel label) {
    switch (label) {
    case ExposureLabel::E0: return "E0 not exposed";
    case ExposureLabel::E1: return "E1 directly exposed";
    case ExposureLabel::E2: return "E2 exposed with tools";
    case ExposureLabel::Unknown: return "no label";
    }
    return "no label";
}

std::string rater_breakdown(const Task& task, const TaskScore& score, const Scenario& scenario) {
    std::string out;
    char buf[160];
    for (int r = 0; r < k_rater_count; ++r) {
        const Rater rater = static_cast<Rater>(r);
        const ExposureLabel label = task.exposure[r];
        const double value = score.rater_exposure[r];
        if (label == ExposureLabel::Unknown || value < 0)
            std::snprintf(buf, sizeof buf, "%s: no label", rater_display_name(rater).data());
        else
            std::snprintf(buf, sizeof buf, "%s: %s = %.0f", rater_display_name(rater).data(),
                          exposure_label_name(label).data(), value);
        out += buf;
        if (scenario.rater_weights[r] <= 0) out += "  (not in the blend)";
        out += '\n';
    }
    if (score.exposure >= 0) {
        std::snprintf(buf, sizeof buf, "Blended exposure: %.0f / 100%s\n", score.exposure,
                      score.overridden && score.exposure != score.baseline_exposure ? " (what-if)" : "");
        out += buf;
    }
    if (score.disagreement > 0) {
        std::snprintf(buf, sizeof buf, "Raters %s: %.0f points apart\n",
                      score.disagreement >= 50 ? "disagree" : "differ", score.disagreement);
        out += buf;
    } else {
        out += "Raters agree\n";
    }
    if (task.automation != AutomationLabel::Unknown && score.automation >= 0) {
        std::snprintf(buf, sizeof buf, "GPT-4 automation label T%d: AI can handle %.0f%%",
                      static_cast<int>(task.automation), score.automation);
        out += buf;
    } else {
        out += "No automation label";
    }
    return out;
}

std::string format_money(std::optional<double> usd) {
    if (!usd) return "n/a";
    char buf[32];
    const double v = *usd;
    if (v >= 999500.0)
        std::snprintf(buf, sizeof buf, "$%.1fM", v / 1e6);
    else if (v >= 1000.0)
        std::snprintf(buf, sizeof buf, "$%.0fk", std::round(v / 1000.0));
    else
        std::snprintf(buf, sizeof buf, "$%.0f", v);
    return buf;
}

std::string format_count(std::optional<double> n) {
    if (!n) return "n/a";
    double v = std::max(0.0, *n);
    // Round to three significant figures: BLS counts are estimates.
    if (v >= 1000) {
        const double mag = std::pow(10.0, std::floor(std::log10(v)) - 2);
        v = std::round(v / mag) * mag;
    }
    const long long whole = std::llround(v);
    std::string digits = std::to_string(whole), out;
    const int len = static_cast<int>(digits.size());
    for (int i = 0; i < len; ++i) {
        out += digits[i];
        if ((len - 1 - i) % 3 == 0 && i != len - 1) out += ',';
    }
    return out;
}

std::string format_percent_change(std::optional<double> pct) {
    if (!pct) return "n/a";
    char buf[32];
    const double r = std::round(*pct * 10.0) / 10.0;
    std::snprintf(buf, sizeof buf, "%s%.1f%%", r > 0 ? "+" : (r < 0 ? "\xE2\x88\x92" : ""), std::fabs(r));
    return buf;
}

std::string ordinal(int n) {
    const int mod100 = n % 100, mod10 = n % 10;
    const char* suffix = "th";
    if (mod100 < 11 || mod100 > 13) {
        if (mod10 == 1) suffix = "st";
        else if (mod10 == 2) suffix = "nd";
        else if (mod10 == 3) suffix = "rd";
    }
    return std::to_string(n) + suffix;
}

std::string format_percent(double value) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f%%", std::round(value));
    return buf;
}

} // namespace exposure::ui
