// Exposure Explorer tests: a small software rasteriser for Dear ImGui draw data and a PNG writer,
// so headless tests can look at pixels (and write snapshots when EXPOSURE_UI_SNAPSHOTS names a folder).
#pragma once

#include <imgui.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace exposure::test {

// An RGBA8 image.
struct Image {
    int width = 0, height = 0;
    std::vector<uint8_t> rgba;
    // The pixel at (x, y) as {r, g, b, a}.
    std::array<uint8_t, 4> at(int x, int y) const;
};

// Renders the current context's draw data (after ImGui::Render) onto a background colour. The font
// atlas must be the context's (RGBA32, as GetTexDataAsRGBA32 gives it).
Image rasterise(const ImDrawData& data, ImU32 background);

// Writes the image as a PNG (stored deflate: large, but needs no zlib). False when it cannot.
bool write_png(const Image& image, const std::string& path);

} // namespace exposure::test
