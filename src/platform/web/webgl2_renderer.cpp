// Exposure Explorer web platform: the WebGL2 renderer (see webgl2_renderer.hpp for why it exists).
#include "platform/web/webgl2_renderer.hpp"

#include "imgui.h"

#include <cstddef>
#include <cstdint>

namespace exposure::platform {

namespace {

// Fixed attribute locations (GLSL ES 3.00 layout qualifiers): no location queries after the link.
constexpr GLuint k_position = 0, k_uv = 1, k_color = 2;
// Constant per frame and not in the vertex buffer: the projection from ImGui's display rectangle to
// clip space, as scale (xy) and offset (zw). A vertex attribute with its array disabled holds one
// value for every vertex, set with glVertexAttrib4f, which needs no uniform location.
constexpr GLuint k_projection = 3;

constexpr const char* k_vertex_source = R"(#version 300 es
layout (location = 0) in vec2 position;
layout (location = 1) in vec2 uv;
layout (location = 2) in vec4 color;
layout (location = 3) in vec4 projection;
out vec2 frag_uv;
out vec4 frag_color;
void main() {
    frag_uv = uv;
    frag_color = color;
    gl_Position = vec4(position * projection.xy + projection.zw, 0.0, 1.0);
}
)";

// The atlas holds coverage in its red channel; ImGui's white pixel is full coverage, so solid shapes
// draw in their vertex colour.
constexpr const char* k_fragment_source = R"(#version 300 es
precision mediump float;
uniform sampler2D atlas;
in vec2 frag_uv;
in vec4 frag_color;
layout (location = 0) out vec4 out_color;
void main() {
    out_color = vec4(frag_color.rgb, frag_color.a * texture(atlas, frag_uv).r);
}
)";

GLuint compile(GLenum kind, const char* source) {
    const GLuint shader = glCreateShader(kind);
    glShaderSource(shader, 1, &source, nullptr);
    glCompileShader(shader); // its status is read in check(), with the program's
    return shader;
}

std::string shader_log(GLuint shader) {
    GLint size = 0;
    glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &size);
    std::string log(size > 0 ? size_t(size) : 0, '\0');
    if (size > 0) glGetShaderInfoLog(shader, size, nullptr, log.data());
    while (!log.empty() && (log.back() == '\0' || log.back() == '\n')) log.pop_back();
    return log;
}

} // namespace

void WebGl2Renderer::create() {
    vertex_shader_ = compile(GL_VERTEX_SHADER, k_vertex_source);
    fragment_shader_ = compile(GL_FRAGMENT_SHADER, k_fragment_source);
    program_ = glCreateProgram();
    glAttachShader(program_, vertex_shader_);
    glAttachShader(program_, fragment_shader_);
    glLinkProgram(program_);
    checked_ = false;
    problem_.clear();

    glGenVertexArrays(1, &vertex_array_);
    glGenBuffers(1, &vertex_buffer_);
    glGenBuffers(1, &index_buffer_);
    glBindVertexArray(vertex_array_);
    glBindBuffer(GL_ARRAY_BUFFER, vertex_buffer_);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, index_buffer_); // kept by the vertex array
    glEnableVertexAttribArray(k_position);
    glEnableVertexAttribArray(k_uv);
    glEnableVertexAttribArray(k_color);
    const auto stride = GLsizei(sizeof(ImDrawVert));
    glVertexAttribPointer(k_position, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(ImDrawVert, pos)));
    glVertexAttribPointer(k_uv, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(ImDrawVert, uv)));
    glVertexAttribPointer(k_color, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, reinterpret_cast<void*>(offsetof(ImDrawVert, col)));
    glBindVertexArray(0);
}

void WebGl2Renderer::destroy() {
    if (font_texture_) glDeleteTextures(1, &font_texture_);
    if (vertex_array_) glDeleteVertexArrays(1, &vertex_array_);
    if (vertex_buffer_) glDeleteBuffers(1, &vertex_buffer_);
    if (index_buffer_) glDeleteBuffers(1, &index_buffer_);
    if (program_) glDeleteProgram(program_);
    if (vertex_shader_) glDeleteShader(vertex_shader_);
    if (fragment_shader_) glDeleteShader(fragment_shader_);
    forget();
}

void WebGl2Renderer::forget() {
    program_ = vertex_shader_ = fragment_shader_ = 0;
    vertex_array_ = vertex_buffer_ = index_buffer_ = 0;
    font_texture_ = 0;
    checked_ = false;
    problem_.clear();
}

void WebGl2Renderer::use_program() {
    if (program_) glUseProgram(program_);
}

void WebGl2Renderer::upload_fonts(ImFontAtlas& atlas) {
    // The atlas ui::load_fonts built (its pixels, one channel). Not GetTexDataAsAlpha8: on an
    // atlas with no font that adds ImGui's built-in one, and links its font data (see fonts.cpp).
    if (!atlas.IsBuilt() || !atlas.TexPixelsAlpha8) return;
    const unsigned char* pixels = atlas.TexPixelsAlpha8;
    const int width = atlas.TexWidth, height = atlas.TexHeight;
    if (font_texture_) glDeleteTextures(1, &font_texture_);
    glGenTextures(1, &font_texture_);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, font_texture_);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1); // rows of any width
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
    atlas.SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(font_texture_)));
}

void WebGl2Renderer::set_state(const ImDrawData& data, int framebuffer_width, int framebuffer_height) {
    glViewport(0, 0, framebuffer_width, framebuffer_height);
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    // Colour over the card; the (opaque) canvas's alpha stays 1.
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    glEnable(GL_SCISSOR_TEST);
    glUseProgram(program_);
    glActiveTexture(GL_TEXTURE0);
    glBindVertexArray(vertex_array_);
    glBindBuffer(GL_ARRAY_BUFFER, vertex_buffer_);
    // ImGui's display rectangle [left, right] x [top, bottom] onto clip space [-1, 1] x [1, -1].
    const float left = data.DisplayPos.x, right = data.DisplayPos.x + data.DisplaySize.x;
    const float top = data.DisplayPos.y, bottom = data.DisplayPos.y + data.DisplaySize.y;
    glVertexAttrib4f(k_projection, 2.0f / (right - left), 2.0f / (top - bottom), (right + left) / (left - right),
                     (top + bottom) / (bottom - top));
}

void WebGl2Renderer::render(const ImDrawData& data, int framebuffer_width, int framebuffer_height) {
    if (framebuffer_width <= 0 || framebuffer_height <= 0 || data.DisplaySize.x <= 0 || data.DisplaySize.y <= 0) return;
    if (!program_) return;
    set_state(data, framebuffer_width, framebuffer_height);
    const ImVec2 clip_offset = data.DisplayPos;
    const ImVec2 clip_scale = data.FramebufferScale;
    constexpr GLenum index_type = sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT;
    for (int list_index = 0; list_index < data.CmdListsCount; ++list_index) {
        const ImDrawList& list = *data.CmdLists[list_index];
        glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(list.VtxBuffer.Size * sizeof(ImDrawVert)), list.VtxBuffer.Data,
                     GL_STREAM_DRAW);
        glBufferData(GL_ELEMENT_ARRAY_BUFFER, GLsizeiptr(list.IdxBuffer.Size * sizeof(ImDrawIdx)), list.IdxBuffer.Data,
                     GL_STREAM_DRAW);
        for (const ImDrawCmd& command : list.CmdBuffer) {
            if (command.UserCallback) {
                if (command.UserCallback == ImDrawCallback_ResetRenderState) {
                    set_state(data, framebuffer_width, framebuffer_height);
                } else {
                    command.UserCallback(&list, &command);
                }
                continue;
            }
            // The clip rectangle in framebuffer px; GL's scissor counts rows from the bottom.
            const float min_x = (command.ClipRect.x - clip_offset.x) * clip_scale.x;
            const float min_y = (command.ClipRect.y - clip_offset.y) * clip_scale.y;
            const float max_x = (command.ClipRect.z - clip_offset.x) * clip_scale.x;
            const float max_y = (command.ClipRect.w - clip_offset.y) * clip_scale.y;
            if (max_x <= min_x || max_y <= min_y) continue;
            glScissor(GLint(min_x), GLint(float(framebuffer_height) - max_y), GLsizei(max_x - min_x),
                      GLsizei(max_y - min_y));
            glBindTexture(GL_TEXTURE_2D, GLuint(reinterpret_cast<intptr_t>(command.GetTexID())));
            // No base vertex in WebGL2: ImGui's 16-bit indices keep each list's VtxOffset at 0
            // (ImGuiBackendFlags_RendererHasVtxOffset is not set).
            glDrawElements(GL_TRIANGLES, GLsizei(command.ElemCount), index_type,
                           reinterpret_cast<void*>(intptr_t(command.IdxOffset * sizeof(ImDrawIdx))));
        }
    }
    glDisable(GL_SCISSOR_TEST); // the next frame's clear covers the whole canvas
    glBindVertexArray(0);
}

const std::string& WebGl2Renderer::check() {
    if (checked_ || !program_) return problem_;
    checked_ = true;
    GLint linked = GL_FALSE;
    glGetProgramiv(program_, GL_LINK_STATUS, &linked);
    if (linked == GL_TRUE) return problem_;
    GLint size = 0;
    glGetProgramiv(program_, GL_INFO_LOG_LENGTH, &size);
    std::string log(size > 0 ? size_t(size) : 0, '\0');
    if (size > 0) glGetProgramInfoLog(program_, size, nullptr, log.data());
    while (!log.empty() && (log.back() == '\0' || log.back() == '\n')) log.pop_back();
    problem_ = "the WebGL2 program did not link: " + (log.empty() ? std::string("no log") : log);
    for (GLuint shader : {vertex_shader_, fragment_shader_}) {
        const std::string shader_problem = shader_log(shader);
        if (!shader_problem.empty()) problem_ += "; " + shader_problem;
    }
    return problem_;
}

} // namespace exposure::platform
