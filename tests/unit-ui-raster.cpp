// Exposure Explorer tests: software rasteriser and PNG writer (no TEST_CASE here; see unit-ui-raster.hpp).
#include "unit-ui-raster.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>

namespace exposure::test {

std::array<uint8_t, 4> Image::at(int x, int y) const {
    const std::size_t i = (static_cast<std::size_t>(y) * width + x) * 4;
    return {rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]};
}

namespace {
struct Texture {
    const unsigned char* pixels = nullptr;
    int width = 0, height = 0;
};

std::array<float, 4> sample(const Texture& t, float u, float v) {
    const int x = std::clamp(static_cast<int>(u * t.width), 0, t.width - 1);
    const int y = std::clamp(static_cast<int>(v * t.height), 0, t.height - 1);
    const unsigned char* p = t.pixels + (static_cast<std::size_t>(y) * t.width + x) * 4;
    return {p[0] / 255.f, p[1] / 255.f, p[2] / 255.f, p[3] / 255.f};
}

std::array<float, 4> unpack(ImU32 c) {
    return {(c & 0xFF) / 255.f, ((c >> 8) & 0xFF) / 255.f, ((c >> 16) & 0xFF) / 255.f, ((c >> 24) & 0xFF) / 255.f};
}

void triangle(Image& img, const Texture& tex, const ImDrawVert& a, const ImDrawVert& b, const ImDrawVert& c,
              const ImVec4& clip) {
    const float area = (b.pos.x - a.pos.x) * (c.pos.y - a.pos.y) - (b.pos.y - a.pos.y) * (c.pos.x - a.pos.x);
    if (std::fabs(area) < 1e-6f) return;
    const int x0 = std::max(static_cast<int>(std::floor(std::max(std::min({a.pos.x, b.pos.x, c.pos.x}), clip.x))), 0);
    const int y0 = std::max(static_cast<int>(std::floor(std::max(std::min({a.pos.y, b.pos.y, c.pos.y}), clip.y))), 0);
    const int x1 = std::min(static_cast<int>(std::ceil(std::min(std::max({a.pos.x, b.pos.x, c.pos.x}), clip.z))), img.width);
    const int y1 = std::min(static_cast<int>(std::ceil(std::min(std::max({a.pos.y, b.pos.y, c.pos.y}), clip.w))), img.height);
    const auto ca = unpack(a.col), cb = unpack(b.col), cc = unpack(c.col);
    for (int y = y0; y < y1; ++y) {
        for (int x = x0; x < x1; ++x) {
            const float px = x + 0.5f, py = y + 0.5f;
            const float w0 = ((b.pos.x - px) * (c.pos.y - py) - (b.pos.y - py) * (c.pos.x - px)) / area;
            const float w1 = ((c.pos.x - px) * (a.pos.y - py) - (c.pos.y - py) * (a.pos.x - px)) / area;
            const float w2 = 1.0f - w0 - w1;
            if (w0 < 0 || w1 < 0 || w2 < 0) continue;
            const float u = w0 * a.uv.x + w1 * b.uv.x + w2 * c.uv.x;
            const float v = w0 * a.uv.y + w1 * b.uv.y + w2 * c.uv.y;
            const auto t = sample(tex, u, v);
            std::array<float, 4> col{};
            for (int k = 0; k < 4; ++k) col[k] = (w0 * ca[k] + w1 * cb[k] + w2 * cc[k]) * t[k];
            uint8_t* d = &img.rgba[(static_cast<std::size_t>(y) * img.width + x) * 4];
            for (int k = 0; k < 3; ++k)
                d[k] = static_cast<uint8_t>(std::lround(col[k] * 255.f * col[3] + d[k] * (1.0f - col[3])));
            d[3] = 255;
        }
    }
}

uint32_t crc32(const uint8_t* data, std::size_t n, uint32_t crc = 0) {
    crc = ~crc;
    for (std::size_t i = 0; i < n; ++i) {
        crc ^= data[i];
        for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

void put32(std::vector<uint8_t>& out, uint32_t v) {
    for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<uint8_t>(v >> s));
}

void chunk(std::vector<uint8_t>& png, const char* type, const std::vector<uint8_t>& body) {
    put32(png, static_cast<uint32_t>(body.size()));
    std::vector<uint8_t> typed(type, type + 4);
    typed.insert(typed.end(), body.begin(), body.end());
    png.insert(png.end(), typed.begin(), typed.end());
    put32(png, crc32(typed.data(), typed.size()));
}
} // namespace

Image rasterise(const ImDrawData& data, ImU32 background) {
    Image img;
    img.width = static_cast<int>(data.DisplaySize.x);
    img.height = static_cast<int>(data.DisplaySize.y);
    img.rgba.resize(static_cast<std::size_t>(img.width) * img.height * 4);
    const auto bg = unpack(background);
    for (std::size_t i = 0; i < img.rgba.size(); i += 4)
        for (int k = 0; k < 4; ++k) img.rgba[i + k] = static_cast<uint8_t>(std::lround(bg[k] * 255.f));
    Texture tex;
    unsigned char* pixels = nullptr;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &tex.width, &tex.height);
    tex.pixels = pixels;
    for (int l = 0; l < data.CmdListsCount; ++l) {
        const ImDrawList* list = data.CmdLists[l];
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback) continue;
            for (unsigned i = 0; i + 2 < cmd.ElemCount; i += 3) {
                const ImDrawIdx* idx = &list->IdxBuffer[cmd.IdxOffset + i];
                triangle(img, tex, list->VtxBuffer[idx[0] + cmd.VtxOffset], list->VtxBuffer[idx[1] + cmd.VtxOffset],
                         list->VtxBuffer[idx[2] + cmd.VtxOffset], cmd.ClipRect);
            }
        }
    }
    return img;
}

bool write_png(const Image& img, const std::string& path) {
    std::vector<uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    std::vector<uint8_t> header;
    put32(header, static_cast<uint32_t>(img.width));
    put32(header, static_cast<uint32_t>(img.height));
    header.insert(header.end(), {8, 6, 0, 0, 0}); // 8-bit RGBA
    chunk(png, "IHDR", header);
    // Raw scanlines (filter 0) in stored deflate blocks inside a zlib stream.
    std::vector<uint8_t> raw;
    const std::size_t row = static_cast<std::size_t>(img.width) * 4;
    for (int y = 0; y < img.height; ++y) {
        raw.push_back(0);
        raw.insert(raw.end(), img.rgba.begin() + y * row, img.rgba.begin() + (y + 1) * row);
    }
    std::vector<uint8_t> z = {0x78, 0x01};
    uint32_t s1 = 1, s2 = 0;
    for (uint8_t b : raw) {
        s1 = (s1 + b) % 65521;
        s2 = (s2 + s1) % 65521;
    }
    for (std::size_t pos = 0; pos < raw.size() || pos == 0; pos += 65535) {
        const std::size_t n = std::min<std::size_t>(65535, raw.size() - pos);
        const bool last = pos + n >= raw.size();
        z.push_back(last ? 1 : 0);
        z.push_back(static_cast<uint8_t>(n & 0xFF));
        z.push_back(static_cast<uint8_t>(n >> 8));
        z.push_back(static_cast<uint8_t>(~n & 0xFF));
        z.push_back(static_cast<uint8_t>((~n >> 8) & 0xFF));
        z.insert(z.end(), raw.begin() + pos, raw.begin() + pos + n);
        if (last) break;
    }
    put32(z, (s2 << 16) | s1);
    chunk(png, "IDAT", z);
    chunk(png, "IEND", {});
    std::ofstream out(path + ".tmp", std::ios::binary);
    out.write(reinterpret_cast<const char*>(png.data()), static_cast<std::streamsize>(png.size()));
    out.close();
    if (!out) return false;
    return std::rename((path + ".tmp").c_str(), path.c_str()) == 0;
}

} // namespace exposure::test
