// Exposure Explorer tests: the card rendered to pixels by the test rasteriser. Checks what a reader
// would see (the needle's pixels at the score's angle, the theme's page colour), and when the
// environment variable EXPOSURE_UI_SNAPSHOTS names a folder, writes PNGs of every view, width,
// theme and state there to look at.
#include "unit-ui-harness.hpp"
#include "unit-ui-raster.hpp"

#include "core/bundle.hpp"
#include "core/scoring.hpp"
#include "ui/app.hpp"
#include "ui/ui_state.hpp"
#include "ui/widgets/gauge_math.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <functional>

using namespace exposure;

namespace {
const char* k_inter = "/usr/share/fonts/opentype/inter/Inter-Regular.otf";

int distance(std::array<uint8_t, 4> a, ui::Rgba b) {
    return std::abs(a[0] - b.r) + std::abs(a[1] - b.g) + std::abs(a[2] - b.b);
}

void load_inter() {
    std::vector<uint8_t> font;
    std::string error;
    if (read_file_bytes(k_inter, font, error)) ui::load_fonts(font, 1.0f);
}

// Settles the card at a width (tall enough for all content) and rasterises the last frame.
test::Image render(test::Headless& h, ui::AppState& state, float width, const std::function<void()>& before_last = {}) {
    double t = 0;
    h.io().MousePos = ImVec2(-1000, -1000);
    h.resize(width, 800);
    for (int i = 0; i < 3; ++i) h.frame(state, t += 1.0 / 60);
    h.resize(width, std::min(state.content_height + 2.0f, 6000.0f));
    for (int i = 0; i < 20; ++i) h.frame(state, t += 1.0 / 60);
    if (before_last) {
        before_last();
        for (int i = 0; i < 3; ++i) h.frame(state, t += 1.0 / 60);
    }
    const bool dark = state.theme == ui::Theme::Dark;
    return test::rasterise(*ImGui::GetDrawData(), ui::pack(ui::make_palette(dark)[ui::Colour::Background]));
}
} // namespace

TEST_CASE("the rendered needle lies at the score's angle and the page takes the theme's colour") {
    test::UiTestData data = test::make_ui_test_data();
    for (ui::Theme theme : {ui::Theme::Light, ui::Theme::Dark}) {
        CAPTURE(static_cast<int>(theme));
        test::Headless h(1024, 768);
        load_inter();
        ui::AppState state;
        state.index = &data.index;
        state.details = &data.details;
        state.occupation = "15-2051.00";
        state.view = ui::View::Card;
        state.theme = theme;
        const test::Image img = render(h, state, 1024);
        const ui::Palette palette = ui::make_palette(theme == ui::Theme::Dark);
        CHECK(distance(img.at(4, img.height - 4), palette[ui::Colour::Background]) < 6);
        const auto& r = state.ui->record;
        const double score = score_occupation(data.details.at("15-2051.00"), state.scenario).exposure;
        auto pixel_at = [&](double value, double along) {
            const ui::Point p = ui::gauge_point(ui::Point{r.gauge_x, r.gauge_y}, r.gauge_radius * along, value);
            return img.at(static_cast<int>(p.x), static_cast<int>(p.y));
        };
        // On the needle, half-way out: the needle's colour. Well off it: not.
        CHECK(distance(pixel_at(score, 0.45), palette[ui::Colour::Needle]) < 40);
        CHECK(distance(pixel_at(score + 25, 0.45), palette[ui::Colour::Needle]) > 120);
    }
}

TEST_CASE("snapshots of every view, width, theme and state are written when asked") {
    const char* dir = std::getenv("EXPOSURE_UI_SNAPSHOTS");
    if (!dir || !*dir) {
        MESSAGE("set EXPOSURE_UI_SNAPSHOTS=<folder> to write PNG snapshots of the card");
        return;
    }
    test::UiTestData data = test::make_ui_test_data();
    const std::string bundle = std::string(EXPOSURE_SOURCE_DIR) + "/data/bundle";
    Index real_index;
    std::map<std::string, OccupationDetail, std::less<>> real_details;
    std::string error;
    const bool real = load_index(bundle, real_index, error);
    const std::string code = real ? "15-2051.00" : "15-2051.00";
    if (real) {
        for (const char* c : {"15-2051.00", "47-2181.00", "29-1141.00"}) {
            OccupationDetail d;
            if (load_detail(bundle, c, d, error)) real_details.emplace(c, std::move(d));
        }
    }
    const Index& index = real ? real_index : data.index;
    const auto& details = real ? real_details : data.details;
    struct Shot {
        std::string name;
        ui::View view;
        float width;
        std::function<void(ui::AppState&)> setup;
    };
    std::vector<Shot> shots;
    for (float width : {360.0f, 720.0f, 1024.0f, 1920.0f})
        for (ui::View view : {ui::View::Compact, ui::View::Card, ui::View::Full})
            shots.push_back({std::string(view == ui::View::Compact ? "compact" : view == ui::View::Card ? "card" : "full") +
                                 "-" + std::to_string(static_cast<int>(width)),
                             view, width, {}});
    shots.push_back({"whatif-1024", ui::View::Full, 1024, [](ui::AppState& s) {
                         s.scenario.lens = Lens::Gamma;
                         s.scenario.rater_weights = {1, 0, 1};
                         s.ui->whatif_tasks_open = true;
                         s.ui->activities_open = true;
                     }});
    shots.push_back({"picker-360", ui::View::Full, 360, [](ui::AppState& s) { s.ui->picker.query = "nurse"; }});
    shots.push_back({"browse-1024", ui::View::Full, 1024, [](ui::AppState& s) { s.ui->picker.browse_group = -2; }});
    shots.push_back({"group-360", ui::View::Full, 360, [](ui::AppState& s) { s.ui->picker.browse_group = 8; }});
    shots.push_back({"empty-1024", ui::View::Card, 1024, [](ui::AppState& s) { s.occupation.clear(); }});
    shots.push_back({"gallery-1024", ui::View::Full, 1024, [](ui::AppState& s) { s.ui->show_gallery = true; }});
    shots.push_back({"gallery-360", ui::View::Full, 360, [](ui::AppState& s) { s.ui->show_gallery = true; }});
    shots.push_back({"roofers-1024", ui::View::Full, 1024, [](ui::AppState& s) { s.occupation = "47-2181.00"; }});
    shots.push_back({"error-1024", ui::View::Card, 1024, [](ui::AppState& s) { s.error = "Could not load occupations/99-9999.99.json: not found."; }});
    for (const Shot& shot : shots) {
        for (ui::Theme theme : {ui::Theme::Light, ui::Theme::Dark}) {
            test::Headless h(shot.width, 800);
            load_inter();
            ui::AppState state;
            state.index = &index;
            state.details = &details;
            state.occupation = code;
            state.view = shot.view;
            state.theme = theme;
            if (shot.setup) shot.setup(state);
            const test::Image img = render(h, state, shot.width);
            const std::string path = std::string(dir) + "/" + shot.name + (theme == ui::Theme::Dark ? "-dark" : "-light") + ".png";
            CHECK(test::write_png(img, path));
        }
    }
}
