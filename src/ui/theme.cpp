// Exposure Explorer ui: the Dear ImGui style of the light and dark themes (colours from palette.hpp).
#include "ui/app.hpp"
#include "ui/widgets/draw_util.hpp"
#include "ui/widgets/palette.hpp"

#include <imgui.h>

namespace exposure::ui {

void apply_theme(bool dark, float /*pixel_ratio: coordinates are logical px; fonts carry the ratio*/) {
    const Palette p = make_palette(dark);
    ImGuiStyle& s = ImGui::GetStyle();
    s = ImGuiStyle();
    s.WindowPadding = ImVec2(16, 16);
    s.FramePadding = ImVec2(10, 6);
    s.ItemSpacing = ImVec2(8, 8);
    s.ItemInnerSpacing = ImVec2(6, 4);
    s.CellPadding = ImVec2(6, 4);
    s.ScrollbarSize = 10;
    s.GrabMinSize = 14;
    s.WindowRounding = 0;
    s.ChildRounding = 8;
    s.FrameRounding = 6;
    s.PopupRounding = 8;
    s.ScrollbarRounding = 6;
    s.GrabRounding = 7;
    s.TabRounding = 6;
    s.WindowBorderSize = 0;
    s.FrameBorderSize = 1;
    s.PopupBorderSize = 1;
    s.IndentSpacing = 16;
    s.AntiAliasedLines = true;
    s.AntiAliasedFill = true;

    ImVec4* c = s.Colors;
    const ImVec4 text = col4(p, Colour::Text), muted = col4(p, Colour::TextMuted);
    const ImVec4 accent = col4(p, Colour::Accent);
    c[ImGuiCol_Text] = text;
    c[ImGuiCol_TextDisabled] = muted;
    c[ImGuiCol_WindowBg] = col4(p, Colour::Background);
    c[ImGuiCol_ChildBg] = col4(p, Colour::Card);
    c[ImGuiCol_PopupBg] = col4(p, Colour::Card);
    c[ImGuiCol_Border] = col4(p, Colour::Border);
    c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_FrameBg] = col4(p, Colour::Card);
    c[ImGuiCol_FrameBgHovered] = col4(p, Colour::CardHover);
    c[ImGuiCol_FrameBgActive] = col4(p, Colour::CardHover);
    c[ImGuiCol_TitleBg] = col4(p, Colour::Card);
    c[ImGuiCol_TitleBgActive] = col4(p, Colour::Card);
    c[ImGuiCol_TitleBgCollapsed] = col4(p, Colour::Card);
    c[ImGuiCol_MenuBarBg] = col4(p, Colour::Card);
    c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_ScrollbarGrab] = col4(p, Colour::Border);
    c[ImGuiCol_ScrollbarGrabHovered] = muted;
    c[ImGuiCol_ScrollbarGrabActive] = muted;
    c[ImGuiCol_CheckMark] = accent;
    c[ImGuiCol_SliderGrab] = accent;
    c[ImGuiCol_SliderGrabActive] = accent;
    c[ImGuiCol_Button] = col4(p, Colour::Track);
    c[ImGuiCol_ButtonHovered] = col4(p, Colour::Border);
    c[ImGuiCol_ButtonActive] = col4(p, Colour::Border);
    c[ImGuiCol_Header] = col4(p, Colour::Track);
    c[ImGuiCol_HeaderHovered] = col4(p, Colour::CardHover);
    c[ImGuiCol_HeaderActive] = col4(p, Colour::Border);
    c[ImGuiCol_Separator] = col4(p, Colour::Border);
    c[ImGuiCol_SeparatorHovered] = accent;
    c[ImGuiCol_SeparatorActive] = accent;
    c[ImGuiCol_ResizeGrip] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_ResizeGripHovered] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_ResizeGripActive] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_Tab] = col4(p, Colour::Track);
    c[ImGuiCol_TabHovered] = col4(p, Colour::CardHover);
    c[ImGuiCol_TabActive] = col4(p, Colour::Card);
    c[ImGuiCol_TabUnfocused] = col4(p, Colour::Track);
    c[ImGuiCol_TabUnfocusedActive] = col4(p, Colour::Card);
    c[ImGuiCol_PlotLines] = accent;
    c[ImGuiCol_PlotLinesHovered] = accent;
    c[ImGuiCol_PlotHistogram] = accent;
    c[ImGuiCol_PlotHistogramHovered] = accent;
    c[ImGuiCol_TableHeaderBg] = col4(p, Colour::Track);
    c[ImGuiCol_TableBorderStrong] = col4(p, Colour::Border);
    c[ImGuiCol_TableBorderLight] = col4(p, Colour::Border);
    c[ImGuiCol_TableRowBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_TableRowBgAlt] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_TextSelectedBg] = col4(p, Colour::Accent, 0.3f);
    c[ImGuiCol_DragDropTarget] = accent;
    c[ImGuiCol_NavHighlight] = accent;
    c[ImGuiCol_NavWindowingHighlight] = accent;
    c[ImGuiCol_NavWindowingDimBg] = ImVec4(0, 0, 0, 0.3f);
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0, 0, 0, 0.3f);
}

} // namespace exposure::ui
