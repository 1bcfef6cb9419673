// Exposure Explorer tests: the themes' colours (contrast, band colours and patterns).
#include "ui/widgets/palette.hpp"

#include <doctest/doctest.h>

using namespace exposure;
using namespace exposure::ui;

TEST_CASE("text stays readable on the card and page in both themes") {
    for (bool dark : {false, true}) {
        CAPTURE(dark);
        const Palette p = make_palette(dark);
        CHECK(contrast_ratio(p[Colour::Text], p[Colour::Card]) >= 7.0);
        CHECK(contrast_ratio(p[Colour::Text], p[Colour::Background]) >= 7.0);
        CHECK(contrast_ratio(p[Colour::TextMuted], p[Colour::Card]) >= 4.5);
        CHECK(contrast_ratio(p[Colour::Accent], p[Colour::Card]) >= 4.5);
        CHECK(contrast_ratio(p[Colour::Needle], p[Colour::Card]) >= 7.0);
    }
}

TEST_CASE("the risk bands differ by colour and by stripe pattern") {
    for (bool dark : {false, true}) {
        const Palette p = make_palette(dark);
        for (int a = 0; a < 4; ++a)
            for (int b = a + 1; b < 4; ++b) {
                CHECK_FALSE(p[band_colour(static_cast<RiskBand>(a))] == p[band_colour(static_cast<RiskBand>(b))]);
                CHECK(band_hatch_density(static_cast<RiskBand>(a)) < band_hatch_density(static_cast<RiskBand>(b)));
            }
    }
}

TEST_CASE("contrast and mixing follow their definitions") {
    const Rgba black{0, 0, 0, 255}, white{255, 255, 255, 255};
    CHECK(contrast_ratio(black, white) == doctest::Approx(21.0));
    CHECK(contrast_ratio(white, white) == doctest::Approx(1.0));
    CHECK(mix(black, white, 0.5f).r == 128);
    CHECK(mix(black, white, 2.0f) == white);
    CHECK(fade(white, 0.5f).a == 128);
    CHECK(pack(Rgba{1, 2, 3, 4}) == 0x04030201u);
}
