// Exposure Explorer ui, panels: the headline tiles (automation, augmentation, demand, wage,
// employment, sector pressure, percentile, Microsoft's applicability beside ours).
#include "ui/format.hpp"
#include "ui/panels/panels.hpp"
#include "ui/widgets/draw_util.hpp"
#include "ui/widgets/stat_tile.hpp"

#include <cstdio>
#include <cmath>

namespace exposure::ui {

namespace {
std::string one_decimal(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}
} // namespace

void draw_headline_tiles(Frame& frame) {
    const Palette& p = frame.palette;
    const Fonts& f = frame.fonts;
    const OccupationSummary& o = *frame.summary;
    const OccupationScores* s = frame.scores;
    const int total = frame.app.index ? static_cast<int>(frame.app.index->occupations.size()) : 0;
    const std::string waiting = "\xE2\x80\xA6";
    std::vector<StatTileSpec> tiles;

    StatTileSpec automation{"AI can handle", s ? format_percent(s->automation) : waiting,
                            "of the work, by GPT-4's task-level estimate"};
    automation.accent = Colour::Automation;
    automation.tooltip = "Share of this occupation's tasks (weighted by importance) that GPT-4 judged AI could "
                         "carry out on its own, from its T0-T4 automation labels.";
    tiles.push_back(automation);

    StatTileSpec augmentation{"Augmentation potential", s ? std::string(to_string(s->augmentation_band)) : waiting,
                              s ? one_decimal(s->augmentation) + " / 100: exposed work AI helps with rather than takes over"
                                : ""};
    augmentation.tooltip = "Exposure that is not automation: tasks where AI speeds the work up while a person "
                           "still does it. High values suggest the role changes more than it disappears.";
    tiles.push_back(augmentation);

    const DemandTrend trend = demand_trend(o.projected_change_pct);
    StatTileSpec demand{"Demand trend", std::string(to_string(trend)),
                        o.projected_change_pct ? format_percent_change(o.projected_change_pct) + " jobs projected, 2020-30 (BLS)"
                                               : "no BLS projection for this occupation"};
    demand.missing = !o.projected_change_pct;
    demand.accent = trend == DemandTrend::Declining ? Colour::Negative
                    : (trend == DemandTrend::Growing || trend == DemandTrend::GrowingFast) ? Colour::Positive
                                                                                             : Colour::Text;
    tiles.push_back(demand);

    StatTileSpec wage{"Median wage", format_money(o.median_wage), "a year, US, BLS May 2021"};
    if (o.median_wage && o.wage_flag == WageFlag::TopCoded) {
        wage.value = "\xE2\x89\xA5 " + format_money(o.median_wage);
        wage.note = "at or above BLS's top code; the true median is higher";
    }
    if (o.bls_source == BlsSource::BroadGroup) wage.note += " (broader occupation group)";
    wage.missing = !o.median_wage;
    tiles.push_back(wage);

    StatTileSpec employment{"US employment", format_count(o.employment), "workers, BLS May 2021"};
    if (o.bls_source == BlsSource::BroadGroup) employment.note = "workers in the broader BLS group, May 2021";
    employment.missing = !o.employment;
    tiles.push_back(employment);

    double pressure = -1;
    if (frame.ranking && o.major_group >= 0 && o.major_group < static_cast<int>(frame.ranking->group_pressure.size()))
        pressure = frame.ranking->group_pressure[o.major_group];
    StatTileSpec sector{"Sector pressure", pressure >= 0 ? one_decimal(pressure) : "n/a",
                        frame.group ? "mean exposure across " + frame.group->title + ", weighted by jobs"
                                    : "no major group"};
    sector.missing = pressure < 0;
    sector.tooltip = "How exposed the occupation's whole major group is: the employment-weighted mean exposure "
                     "of its occupations under the current settings (0-100).";
    tiles.push_back(sector);

    const int pct = static_cast<int>(std::lround(frame.percentile));
    StatTileSpec percentile{"Percentile", ordinal(pct),
                            "more exposed than " + std::to_string(pct) + "% of " + std::to_string(total) + " occupations"};
    tiles.push_back(percentile);

    StatTileSpec ms{"Microsoft AI applicability", o.ms_applicability ? one_decimal(*o.ms_applicability * 100.0) + " / 100" : "n/a",
                    o.ms_applicability_pct
                        ? ordinal(static_cast<int>(std::lround(*o.ms_applicability_pct))) + " percentile there; " +
                              ordinal(pct) + " here"
                        : "not in Microsoft's Copilot study"};
    ms.missing = !o.ms_applicability;
    ms.tooltip = "A second, independent measure: how much of the occupation's work activities people already "
                 "do with Microsoft Copilot, and how well it goes (Tomlinson et al. 2025). Shown beside our "
                 "percentile for comparison.";
    tiles.push_back(ms);

    if (frame.app.view == View::Compact) {
        // Compact: the four figures a reader needs first.
        tiles = {tiles[0], tiles[1], tiles[6], tiles[3]};
    }
    stat_tiles("##headline", tiles, p, StatTileFonts{f.small, f.heading, f.small}, frame.narrow ? 130.0f : 150.0f,
               frame.app.view == View::Compact ? 2 : 4);
}

void draw_headline_cards(Frame& frame) {
    ImDrawListSplitter splitter;
    begin_card(splitter, k_card_padding);
    draw_headline_tiles(frame);
    end_card(splitter, frame.palette, k_card_padding);
}

} // namespace exposure::ui
