// Exposure Explorer tests: the card drawn headless from the real bundle (data/bundle) when setup has
// built it, with Inter from fonts-inter at 2x: a sample of occupations in every view, both themes,
// phone and desktop widths. Skipped (with a message) when the bundle is not there.
#include "unit-ui-harness.hpp"

#include "core/bundle.hpp"
#include "core/scoring.hpp"
#include "ui/app.hpp"
#include "ui/ui_state.hpp"
#include "ui/widgets/gauge_math.hpp"

#include <doctest/doctest.h>
#include <imgui_internal.h>

#include <cstdlib>
#include <filesystem>

using namespace exposure;

namespace {
const std::string k_bundle_dir = std::string(EXPOSURE_SOURCE_DIR) + "/data/bundle";
const char* k_inter = "/usr/share/fonts/opentype/inter/Inter-Regular.otf";

int vertices_outside_clip() {
    const ImDrawData* data = ImGui::GetDrawData();
    int outside = 0;
    for (int l = 0; l < data->CmdListsCount; ++l) {
        const ImDrawList* list = data->CmdLists[l];
        for (const ImDrawCmd& cmd : list->CmdBuffer)
            for (unsigned i = 0; i < cmd.ElemCount; ++i) {
                const ImDrawVert& v = list->VtxBuffer[list->IdxBuffer[cmd.IdxOffset + i] + cmd.VtxOffset];
                if (v.pos.x < cmd.ClipRect.x - 1.5f || v.pos.x > cmd.ClipRect.z + 1.5f || v.pos.y < cmd.ClipRect.y - 1.5f ||
                    v.pos.y > cmd.ClipRect.w + 1.5f)
                    ++outside;
            }
    }
    return outside;
}
} // namespace

TEST_CASE("load_fonts builds the card's fonts from Inter at the pixel ratio and refuses other bytes") {
    test::Headless h(800, 600);
    SUBCASE("bytes that are not a font are refused, leave nothing half built, and the built-in font stays usable") {
        const std::vector<uint8_t> junk(64, 'x');
        CHECK_FALSE(ui::load_fonts(junk, 1.0f));
        CHECK_FALSE(ui::load_fonts({}, 1.0f));
        ImFontAtlas* atlas = ImGui::GetIO().Fonts;
        CHECK(atlas->Fonts.Size == 0);
        CHECK_FALSE(atlas->IsBuilt());
        CHECK(atlas->TexPixelsAlpha8 == nullptr);
        ui::load_builtin_font(2.0f);
        REQUIRE(atlas->IsBuilt());
        CHECK(atlas->Fonts.Size == 1);
        CHECK(atlas->Fonts[0]->FontSize == doctest::Approx(26.0f)); // 13 px at 2x
        CHECK(ImGui::GetIO().FontGlobalScale == doctest::Approx(0.5f));
    }
    SUBCASE("a file that starts like a font but is not one is refused too") {
        std::vector<uint8_t> truncated{0x00, 0x01, 0x00, 0x00};
        truncated.resize(64, 0);
        CHECK_FALSE(ui::load_fonts(truncated, 1.0f));
        CHECK_FALSE(ImGui::GetIO().Fonts->IsBuilt());
    }
    SUBCASE("Inter at 2x") {
        std::vector<uint8_t> bytes;
        std::string error;
        if (!read_file_bytes(k_inter, bytes, error)) {
            MESSAGE("fonts-inter not installed: " << error);
            return;
        }
        REQUIRE(ui::load_fonts(bytes, 2.0f));
        ImFontAtlas* atlas = ImGui::GetIO().Fonts;
        REQUIRE(atlas->Fonts.Size == static_cast<int>(ui::FontRole::Count));
        CHECK(atlas->Fonts[0]->FontSize == doctest::Approx(30.0f)); // 15 px body at 2x
        CHECK(ImGui::GetIO().FontGlobalScale == doctest::Approx(0.5f));
        CHECK(atlas->Fonts[0]->FindGlyphNoFallback(0x00E9) != nullptr); // accented titles
        CHECK(atlas->Fonts[0]->FindGlyphNoFallback(0x2212) != nullptr); // the minus of deltas
    }
}

TEST_CASE("a sample of real occupations draws in every view with nothing clipped") {
    if (!std::filesystem::exists(k_bundle_dir + "/index.json")) {
        MESSAGE("no bundle at " << k_bundle_dir << ": run scripts/setup.sh to draw real occupations");
        return;
    }
    Index index;
    std::string error;
    REQUIRE_MESSAGE(load_index(k_bundle_dir, index, error), error);
    std::map<std::string, OccupationDetail, std::less<>> details;
    std::vector<std::string> codes;
    // Every 61st by default; EXPOSURE_UI_ALL_OCCUPATIONS=1 draws all of them (slower).
    const char* all = std::getenv("EXPOSURE_UI_ALL_OCCUPATIONS");
    const std::size_t step = all && std::string(all) == "1" ? 1 : 61;
    for (std::size_t i = 0; i < index.occupations.size(); i += step) codes.push_back(index.occupations[i].code);
    for (const std::string& code : codes) {
        OccupationDetail d;
        REQUIRE_MESSAGE(load_detail(k_bundle_dir, code, d, error), error);
        details.emplace(code, std::move(d));
    }
    test::Headless h(1024, 768);
    std::vector<uint8_t> font;
    if (read_file_bytes(k_inter, font, error)) ui::load_fonts(font, 1.0f);
    for (const std::string& code : codes) {
        for (float width : {360.0f, 1920.0f}) {
            for (ui::View view : {ui::View::Compact, ui::View::Full}) {
                CAPTURE(code);
                CAPTURE(width);
                ui::AppState state;
                state.index = &index;
                state.details = &details;
                state.occupation = code;
                state.view = view;
                state.theme = width < 1000 ? ui::Theme::Dark : ui::Theme::Light;
                double t = 0;
                h.io().MousePos = ImVec2(-1000, -1000);
                h.resize(width, 800);
                for (int i = 0; i < 3; ++i) h.frame(state, t += 1.0 / 60);
                h.resize(width, state.content_height + 2);
                for (int i = 0; i < 20; ++i) h.frame(state, t += 1.0 / 60);
                CHECK(state.error.empty());
                CHECK(vertices_outside_clip() == 0);
                const OccupationScores scores = score_occupation(details.at(code), state.scenario);
                CHECK(state.ui->record.needle_angle == doctest::Approx(ui::gauge_angle(scores.exposure)));
            }
        }
    }
}

TEST_CASE("the layout is the same at 1x and 2x: fonts are rasterised at the ratio, sizes stay logical") {
    std::vector<uint8_t> font;
    std::string error;
    if (!read_file_bytes(k_inter, font, error)) {
        MESSAGE("fonts-inter not installed: " << error);
        return;
    }
    test::UiTestData data = test::make_ui_test_data();
    float heights[2] = {0, 0};
    for (int r = 0; r < 2; ++r) {
        const float ratio = r == 0 ? 1.0f : 2.0f;
        test::Headless h(1024, 768);
        REQUIRE(ui::load_fonts(font, ratio));
        h.input.pixel_ratio = ratio;
        ui::AppState state;
        state.index = &data.index;
        state.details = &data.details;
        state.occupation = "15-2051.00";
        state.view = ui::View::Full;
        double t = 0;
        h.io().MousePos = ImVec2(-1000, -1000);
        for (int i = 0; i < 5; ++i) h.frame(state, t += 1.0 / 60);
        h.resize(1024, state.content_height + 2);
        for (int i = 0; i < 5; ++i) h.frame(state, t += 1.0 / 60);
        heights[r] = state.content_height;
        CHECK(vertices_outside_clip() == 0);
    }
    CHECK(heights[0] > 500.0f);
    CHECK(heights[1] == doctest::Approx(heights[0]).epsilon(0.02));
}
