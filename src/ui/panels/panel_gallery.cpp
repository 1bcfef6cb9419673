// Exposure Explorer ui, panels: the widget gallery - every custom widget in every state, with
// made-up inputs labelled as such. A visual test (headless tests draw it too), reached from the
// methodology note's "Widget gallery" link.
#include "ui/format.hpp"
#include "ui/panels/panels.hpp"
#include "ui/widgets/draw_util.hpp"
#include "ui/widgets/gauge.hpp"
#include "ui/widgets/list_row.hpp"
#include "ui/widgets/meter.hpp"
#include "ui/widgets/stat_tile.hpp"
#include "ui/widgets/strip.hpp"
#include "ui/widgets/task_bar.hpp"

#include <cmath>
#include <cstdio>

namespace exposure::ui {

namespace {
void section(Frame& frame, const char* title) {
    ImGui::Dummy(ImVec2(0, 4));
    text_line(frame.fonts.body, col(frame.palette, Colour::Text), title);
}
} // namespace

void draw_gallery(Frame& frame) {
    const Palette& p = frame.palette;
    const Fonts& f = frame.fonts;
    ImDrawListSplitter splitter;
    begin_card(splitter, k_card_padding);
    text_line(f.heading, col(p, Colour::Text), "Widget gallery");
    text_wrapped(f.small, col(p, Colour::TextMuted), "Each custom widget in each state, with made-up inputs.");

    section(frame, "Gauge: one needle per risk band, uncertainty, ghost baseline, loading");
    const double needles[] = {12, 38, 61, 85};
    const float avail = ImGui::CalcItemWidth();
    const int per_row = avail > 700 ? 4 : (avail > 340 ? 2 : 1);
    const float gauge_w = (avail - 8.0f * (per_row - 1)) / per_row;
    for (int i = 0; i < 6; ++i) {
        GaugeSpec spec;
        spec.width = gauge_w;
        spec.max_width = gauge_w;
        spec.band_labels = gauge_w >= 220;
        spec.centred = false;
        if (i < 4) {
            spec.needle = needles[i];
        } else if (i == 4) {
            spec.needle = 47;
            spec.low = 35;
            spec.high = 58;
            spec.ghost = 41;
        } else {
            spec.loading = true;
        }
        if (i % per_row != 0) ImGui::SameLine(0, 8);
        ImGui::BeginGroup();
        char id[16];
        std::snprintf(id, sizeof id, "##g%d", i);
        gauge(id, spec, p, f.small);
        std::string caption = i < 4 ? std::string(to_string(risk_band(needles[i]))) + " (" + format_score(needles[i]) + ")"
                                    : (i == 4 ? "range 35-58, baseline 41 (" + format_delta(47 - 41) + ")" : "loading");
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + gauge_w);
        text_wrapped(f.small, col(p, Colour::TextMuted), caption);
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();
    }

    section(frame, "Band chips");
    for (int b = 0; b < 4; ++b) {
        const RiskBand band = static_cast<RiskBand>(b);
        if (b > 0) ImGui::SameLine(0, 8);
        if (ImGui::GetContentRegionAvail().x < chip_size("Very high", true, f.body).x + k_card_padding) ImGui::NewLine();
        char id[16];
        std::snprintf(id, sizeof id, "##chip%d", b);
        chip(id, to_string(band), pack(mix(p[band_colour(band)], p[Colour::Card], 0.72f)), col(p, Colour::Text),
             col(p, band_colour(band)), band_hatch_density(band), f.body);
    }

    section(frame, "Task bars: core, supplemental, disagreement, what-if, removed, unknown, long text");
    const TaskBarSpec bars[] = {
        {"A core task the raters agree on.", true, 50, 100, -1, false, false, false},
        {"A supplemental task nobody finds exposed.", false, 0, 0, -1, false, false, false},
        {"A task the raters disagree about.", true, 25, 50, -1, true, false, false},
        {"A task whose capability was overridden in the what-if.", true, 75, 80, 50, false, true, false},
        {"A task weighted 0 in the what-if.", false, 25, 50, -1, false, true, true},
        {"A task without automation label.", false, -1, 50, -1, false, false, false},
        {"A long task statement that has to wrap over several lines at every width the card supports, from a "
         "phone held upright to a wide desktop window, without any of its words being cut off at the edge.",
         true, 100, 100, -1, false, false, false},
    };
    for (int i = 0; i < 7; ++i) {
        ImGui::PushID(i);
        task_bar("##bar", bars[i], p, f.body, f.small);
        ImGui::PopID();
    }

    section(frame, "Strip: a spread of values with one marked and a baseline");
    std::vector<double> values;
    for (int i = 0; i < 400; ++i) values.push_back(50.0 + 30.0 * std::sin(i * 0.37) * std::cos(i * 0.11));
    StripSpec sspec;
    sspec.values = &values;
    sspec.marked = 64;
    sspec.ghost = 52;
    sspec.marker_label = "64.0 (marked)";
    strip("##strip", sspec, p, f.small);

    section(frame, "Meters: filled, empty, unknown, long name");
    const MeterSpec meters[] = {{"Reading Comprehension", "80 / 100", 0.8, Colour::Accent},
                                {"Nothing", "0 / 100", 0.0, Colour::Accent},
                                {"Unknown value", "no data", -1.0, Colour::Automation},
                                {"A long activity title that wraps onto a second line when the column is narrow",
                                 "AI applicability 42", 0.42, Colour::Automation}};
    for (int i = 0; i < 4; ++i) {
        ImGui::PushID(i);
        meter("##meter", meters[i], p, f.body, f.small);
        ImGui::PopID();
    }

    section(frame, "Stat tiles: value, missing value, long note");
    std::vector<StatTileSpec> tiles = {{"Median wage", "$148k", "a year"},
                                       {"US employment", "n/a", "no BLS figure", Colour::Text, "", true},
                                       {"Sector pressure", "41.2", "a note long enough to wrap onto more lines than the others"}};
    stat_tiles("##tiles", tiles, p, StatTileFonts{f.small, f.heading, f.small});

    section(frame, "List rows: plain, keyboard cursor, current");
    const ListRowSpec rows[] = {{"Data Scientists", "15-2051.00", false, false},
                                {"Roofers", "47-2181.00", true, false},
                                {"Poets, Lyricists and Creative Writers", "27-3043.05", false, true}};
    for (int i = 0; i < 3; ++i) {
        ImGui::PushID(i);
        list_row("##row", rows[i], p, f.body, f.small);
        ImGui::PopID();
    }
    end_card(splitter, p, k_card_padding);
}

} // namespace exposure::ui
