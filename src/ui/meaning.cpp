// Exposure Explorer ui: "What this means" templates (see meaning.hpp).
#include "ui/meaning.hpp"

#include "ui/format.hpp"
#include "ui/widgets/bar_math.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace exposure::ui {

namespace {
std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", std::round(v));
    return buf;
}

std::string lower_first(std::string s) {
    if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z' && (s.size() < 2 || !(s[1] >= 'A' && s[1] <= 'Z')))
        s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
}
} // namespace

std::string quote_task(const std::string& text, std::size_t max_chars) {
    std::string t = text;
    while (!t.empty() && (t.back() == '.' || t.back() == ' ')) t.pop_back();
    if (t.size() <= max_chars) return t;
    // Cut at the last space before the limit, never inside a UTF-8 sequence.
    std::size_t cut = t.rfind(' ', max_chars);
    if (cut == std::string::npos || cut < max_chars / 2) {
        cut = max_chars;
        while (cut > 0 && (static_cast<unsigned char>(t[cut]) & 0xC0) == 0x80) --cut;
    }
    t.resize(cut);
    while (!t.empty() && (t.back() == ',' || t.back() == ' ' || t.back() == ';')) t.pop_back();
    return t + "\xE2\x80\xA6";
}

std::vector<std::string> meaning_paragraphs(const MeaningInput& in) {
    std::vector<std::string> out;
    if (!in.summary || !in.detail || !in.scores) return out;
    const OccupationScores& s = *in.scores;
    const std::string title = in.summary->title;
    const int pct = static_cast<int>(std::lround(in.percentile));

    // 1. The headline in words.
    {
        std::string band = lower_first(std::string(to_string(s.risk)));
        std::string p = title + " score " + number(s.exposure) + " out of 100 for AI exposure, in the " + band +
                        " band";
        if (in.occupation_count > 0)
            p += ": more exposed than " + std::to_string(pct) + "% of the " + std::to_string(in.occupation_count) +
                 " occupations scored.";
        else
            p += ".";
        if (s.exposure_high - s.exposure_low >= 15)
            p += " The raters and lenses do not fully agree, so read it as somewhere between " + number(s.exposure_low) +
                 " and " + number(s.exposure_high) + ".";
        out.push_back(p);
    }

    // 2. Most and least exposed tasks.
    const std::vector<int> order = task_display_order(s.tasks, TaskOrder::ByExposure);
    std::vector<int> scored;
    for (int i : order)
        if (s.tasks[i].exposure >= 0 && s.tasks[i].weight > 0) scored.push_back(i);
    if (!scored.empty()) {
        const TaskScore& top = s.tasks[scored.front()];
        const TaskScore& bottom = s.tasks[scored.back()];
        const std::string top_text = quote_task(in.detail->tasks[top.task_index].text, 90);
        const std::string bottom_text = quote_task(in.detail->tasks[bottom.task_index].text, 90);
        if (scored.size() >= 2 && top.exposure > bottom.exposure) {
            out.push_back("Most exposed: \xE2\x80\x9C" + top_text + "\xE2\x80\x9D (" + number(top.exposure) +
                          "). Least exposed: \xE2\x80\x9C" + bottom_text + "\xE2\x80\x9D (" + number(bottom.exposure) +
                          ").");
            if (bottom.exposure <= 25)
                out.push_back("The least exposed work is the part the raters judged a language model could not do "
                              "in half the time, even with extra software: it relies on physical presence, "
                              "judgement in the moment or dealing with people, which text tools do not supply.");
        } else {
            out.push_back("Every task scores about the same (" + number(top.exposure) +
                          "): the exposure is spread evenly across the work.");
        }
    }

    // 3. Automation against augmentation.
    if (s.automation >= 0) {
        std::string p = "GPT-4 judged that AI could handle about " + number(s.automation) + "% of this work on its own";
        if (s.exposure - s.automation >= 15)
            p += ", well below the exposure: much of the exposed work is AI helping a person (augmentation " +
                 lower_first(std::string(to_string(s.augmentation_band))) + ") rather than replacing them.";
        else if (s.automation - s.exposure >= 15)
            p += ", above the exposure score: where the tools apply, they could take on whole tasks.";
        else
            p += ", close to its exposure.";
        out.push_back(p);
    }

    // 4. Jobs outlook, kept apart from exposure.
    if (in.summary->projected_change_pct) {
        const double c = *in.summary->projected_change_pct;
        char amount[32];
        std::snprintf(amount, sizeof amount, "%.1f%%", std::fabs(c));
        std::string p = "Separately, the BLS projected " + std::string(c >= 0 ? "growth" : "a decline") + " of " +
                        amount + " in these jobs over 2020-30, before generative AI: exposure is not a forecast of job losses.";
        out.push_back(p);
    }
    return out;
}

} // namespace exposure::ui
