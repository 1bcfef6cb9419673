// Exposure Explorer ui, widgets: the headline tiles' layout and drawing.
#include "ui/widgets/stat_tile.hpp"

#include "ui/widgets/bar_math.hpp"
#include "ui/widgets/draw_util.hpp"
#include "ui/widgets/text_layout.hpp"

#include <algorithm>

namespace exposure::ui {

namespace {
constexpr float k_tile_padding = 12.0f;
constexpr float k_tile_gap = 8.0f;

MeasureText measurer(ImFont* font) {
    return [font](std::string_view t) {
        return static_cast<double>(font->CalcTextSizeA(font_px(font), 1e9f, 0, t.data(), t.data() + t.size()).x);
    };
}

struct TileLines {
    std::vector<LineSpan> caption, value, note;
};
} // namespace

int stat_tiles(const char* label, const std::vector<StatTileSpec>& tiles, const Palette& p, const StatTileFonts& f,
               float min_tile_width, int max_columns) {
    if (tiles.empty()) return -1;
    const float width = std::max(60.0f, ImGui::CalcItemWidth());
    const GridLayout grid = grid_layout(static_cast<int>(tiles.size()), width, min_tile_width, k_tile_gap, max_columns);
    const float inner = std::max(10.0f, grid.tile_width - 2 * k_tile_padding);
    std::vector<TileLines> lines(tiles.size());
    for (std::size_t i = 0; i < tiles.size(); ++i) {
        lines[i].caption = wrap_lines(tiles[i].caption, inner, measurer(f.caption));
        lines[i].value = wrap_lines(tiles[i].value, inner, measurer(f.value));
        lines[i].note = tiles[i].note.empty() ? std::vector<LineSpan>{} : wrap_lines(tiles[i].note, inner, measurer(f.note));
    }
    auto tile_height = [&](std::size_t i) {
        return 2 * k_tile_padding + lines[i].caption.size() * font_px(f.caption) * 1.2f + 2.0f +
               lines[i].value.size() * font_px(f.value) * 1.15f + 2.0f + lines[i].note.size() * font_px(f.note) * 1.25f;
    };
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    int hovered = -1;
    float y = origin.y;
    ImGui::PushID(label);
    for (std::size_t row_start = 0; row_start < tiles.size(); row_start += grid.columns) {
        const std::size_t row_end = std::min(tiles.size(), row_start + grid.columns);
        float row_h = 0;
        for (std::size_t i = row_start; i < row_end; ++i) row_h = std::max(row_h, static_cast<float>(tile_height(i)));
        for (std::size_t i = row_start; i < row_end; ++i) {
            const float x = origin.x + (i - row_start) * (grid.tile_width + k_tile_gap);
            const ImVec2 a(x, y), b(x + grid.tile_width, y + row_h);
            ImGui::SetCursorScreenPos(a);
            ImGui::PushID(static_cast<int>(i));
            ImGui::InvisibleButton("##tile", ImVec2(grid.tile_width, row_h));
            const bool h = ImGui::IsItemHovered();
            ImGui::PopID();
            if (h) hovered = static_cast<int>(i);
            draw->AddRectFilled(a, b, col(p, h ? Colour::CardHover : Colour::Background, p.dark ? 0.9f : 0.7f), 8.0f);
            float ty = y + k_tile_padding;
            const StatTileSpec& t = tiles[i];
            auto put = [&](const std::string& text, const std::vector<LineSpan>& ls, ImFont* font, ImU32 c, float lh) {
                for (const LineSpan& l : ls) {
                    draw->AddText(font, font_px(font), ImVec2(x + k_tile_padding, ty), c, text.data() + l.begin,
                                  text.data() + l.end);
                    ty += font_px(font) * lh;
                }
            };
            put(t.caption, lines[i].caption, f.caption, col(p, Colour::TextMuted), 1.2f);
            ty += 2.0f;
            put(t.value, lines[i].value, f.value, col(p, t.missing ? Colour::TextMuted : t.accent), 1.15f);
            ty += 2.0f;
            put(t.note, lines[i].note, f.note, col(p, Colour::TextMuted), 1.25f);
        }
        y += row_h + k_tile_gap;
    }
    ImGui::PopID();
    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(ImVec2(width, y - origin.y - k_tile_gap));
    if (hovered >= 0 && !tiles[hovered].tooltip.empty()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24);
        ImGui::TextUnformatted(tiles[hovered].tooltip.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
    return hovered;
}

} // namespace exposure::ui
