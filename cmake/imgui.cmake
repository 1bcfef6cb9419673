# Dear ImGui from one source tree for both builds: by default the tree scripts/fetch_imgui.sh
# unpacked from Debian's source package; set IMGUI_DIR to use any other checkout.
set(IMGUI_DIR "${CMAKE_SOURCE_DIR}/.cache/imgui-1.86" CACHE PATH "Dear ImGui source tree (imgui.cpp, backends/)")
if(NOT EXISTS "${IMGUI_DIR}/imgui.cpp")
  message(FATAL_ERROR "Dear ImGui sources not found in IMGUI_DIR='${IMGUI_DIR}'. "
                      "Run scripts/fetch_imgui.sh or pass -DIMGUI_DIR=/path/to/imgui.")
endif()

add_library(imgui STATIC
  ${IMGUI_DIR}/imgui.cpp
  ${IMGUI_DIR}/imgui_draw.cpp
  ${IMGUI_DIR}/imgui_widgets.cpp
  ${IMGUI_DIR}/imgui_tables.cpp
  ${IMGUI_DIR}/misc/cpp/imgui_stdlib.cpp)
# SYSTEM: warnings in ImGui's own code are not ours to fix.
target_include_directories(imgui SYSTEM PUBLIC ${IMGUI_DIR} ${IMGUI_DIR}/misc/cpp)
# No demo window, no obsolete API, no metrics/debug tools, no file or TTY functions (both hosts set
# io.IniFilename and io.LogFilename to nullptr: no ini or log file is ever read or written). Measured
# on the widget's wasm (issue 7, gzip -9): metrics window 203,449 -> 202,794 B, file functions
# -> 201,522 B (and the loader loses its file-descriptor glue: 12,195 -> 12,073 B).
target_compile_definitions(imgui PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS IMGUI_DISABLE_DEMO_WINDOWS
                                         IMGUI_DISABLE_METRICS_WINDOW IMGUI_DISABLE_FILE_FUNCTIONS)
target_compile_options(imgui PRIVATE -w)

# The OpenGL 3 / WebGL2 renderer backend, used by both the native window and the web canvas.
add_library(imgui_opengl3 STATIC ${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
target_include_directories(imgui_opengl3 SYSTEM PUBLIC ${IMGUI_DIR}/backends)
target_link_libraries(imgui_opengl3 PUBLIC imgui)
target_compile_options(imgui_opengl3 PRIVATE -w)
if(NOT EMSCRIPTEN)
  find_package(OpenGL REQUIRED)
  target_link_libraries(imgui_opengl3 PUBLIC OpenGL::GL ${CMAKE_DL_LIBS})
endif()
