// Exposure Explorer web platform: Dear ImGui's draw data onto a canvas's WebGL2 context.
//
// Why not Dear ImGui's OpenGL 3 backend (the native window keeps it): that backend saves and
// restores the GL state around every frame (glGetIntegerv, glIsEnabled) and checks each shader as it
// compiles. In a browser each such query is a round trip to the GPU process that waits for every
// command before it, so the first frame's first query waited for its shaders to compile and its font
// texture to upload: 5-6 ms of the page's main thread in the first view (issue 7, CPU profiles in
// Chromium). This canvas's context is the widget's alone, so there is no state to save, and nothing
// here asks the GPU process anything while a frame is drawn:
//   - the attributes have fixed locations and the projection is a constant vertex attribute, so the
//     program needs no uniform location (a query that waits for the link);
//   - the sampler uses texture unit 0, its default;
//   - the link is checked once, at the next frame (check()), when the GPU process is long done.
// The font atlas is uploaded as one red channel (GL_R8), a quarter of the RGBA texture's bytes and no
// conversion to RGBA on the main thread; the shader reads it as coverage.
//
// Every call expects this renderer's WebGL2 context to be current.
#pragma once

#include <GLES3/gl3.h>

#include <string>

struct ImDrawData;
struct ImFontAtlas;

namespace exposure::platform {

class WebGl2Renderer {
public:
    // Compiles and links the program and makes the buffers; no GPU round trip.
    void create();
    // Deletes every GL object this renderer made (its context alive and current).
    void destroy();
    // The context died with its objects: drops their names without deleting anything.
    void forget();

    // Makes the program current. Its first use waits for the link (WebGL asks the GPU process for its
    // status) and for every command queued before it: called before a frame queues its texture upload
    // and clear, it waits for the link alone, which has long finished when the first frame starts
    // (issue 7, CPU profiles of the first view: 3.4 -> 0.7 ms).
    void use_program();

    // Uploads `atlas` (built) as this context's font texture and names it the atlas's TexID. Called
    // again after the atlas is rebuilt (a new pixel ratio); the old texture is deleted.
    void upload_fonts(ImFontAtlas& atlas);
    bool has_fonts() const { return font_texture_ != 0; }
    GLuint font_texture() const { return font_texture_; }

    // Draws `data` into the default framebuffer of `framebuffer_width` x `framebuffer_height` device px.
    void render(const ImDrawData& data, int framebuffer_width, int framebuffer_height);

    // After at least one frame: "" when the program linked, else what the compiler said. Asked once
    // per program (the first call waits for the link; later calls answer from memory). The platform
    // asks at the frame after the first, and stops drawing on a refusal (Host::cannot_draw).
    const std::string& check();

private:
    void set_state(const ImDrawData& data, int framebuffer_width, int framebuffer_height);

    GLuint program_ = 0, vertex_shader_ = 0, fragment_shader_ = 0;
    GLuint vertex_array_ = 0, vertex_buffer_ = 0, index_buffer_ = 0;
    GLuint font_texture_ = 0;
    bool checked_ = false;
    std::string problem_;
};

} // namespace exposure::platform
