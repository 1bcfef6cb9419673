# The web build (included by src/app/CMakeLists.txt when EXPOSURE_WEB): the widget's WebAssembly
# module and the `site` target that assembles build/<preset>/site/ (shared-decisions: demo pages at
# the root, the self-contained widget folder in site/widget/ with the bundle copy in widget/data/).
#
#   exposure_widget   exposure-widget-core.mjs + exposure-widget-core.wasm (an ES-module factory; the
#                     font compiled in; the site joins the .mjs to exposure-widget.js)
#   site              site/ with every file's .gz and .br siblings
#
# No Emscripten GLFW (-sUSE_GLFW): src/platform/web/ talks to html5.h and WebGL2 directly.

set(EXPOSURE_WEB_DATA_DIR "${CMAKE_SOURCE_DIR}/data/bundle" CACHE PATH
    "Bundle folder the site copies into widget/data/ (built by scripts/setup.sh)")
set(EXPOSURE_WEB_FONT "" CACHE FILEPATH
    "Font the widget draws with (default: the build's Inter subset, else Debian's Inter Regular)")
if(EXPOSURE_WEB_FONT)
  set(_exposure_web_font "${EXPOSURE_WEB_FONT}")
elseif(TARGET exposure_font)
  # cmake/font.cmake (ui) subsets Inter to the glyphs the ui draws into this file (its
  # EXPOSURE_FONT_SUBSET, a variable of src/ui's scope).
  set(_exposure_web_font "${CMAKE_BINARY_DIR}/assets/inter-subset.ttf")
else()
  set(_exposure_web_font "/usr/share/fonts/opentype/inter/Inter-Regular.otf")
  if(NOT EXISTS "${_exposure_web_font}")
    message(FATAL_ERROR "The widget has no font: no Inter subset (fonttools) and no ${_exposure_web_font} "
                        "(fonts-inter). Run scripts/setup.sh, or configure with -DEXPOSURE_WEB_FONT=FILE.")
  endif()
endif()

# The widget draws with its own WebGL2 renderer (src/platform/web/webgl2_renderer.hpp), not Dear
# ImGui's OpenGL 3 backend: that library is not part of the web build.
set_target_properties(imgui_opengl3 PROPERTIES EXCLUDE_FROM_ALL TRUE)

file(GLOB EXPOSURE_WEB_APP_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/web/*.cpp)
add_executable(exposure_widget ${EXPOSURE_WEB_APP_SOURCES})
set_target_properties(exposure_widget PROPERTIES OUTPUT_NAME exposure-widget-core SUFFIX ".mjs")
# The font is compiled into the wasm (exposure::web::k_font, src/app/web/widget_main.cpp) instead of
# being a file of its own: one request fewer in the first view, and one fewer response for the
# page's main thread to read and copy into the wasm heap. An extra 11 kB request cost the first
# view 3-9 ms (module script to `load`, 15 loads each, three times; issue 7) on this 2-CPU machine,
# where the browser and the local server share the CPU with the page. The bytes are the same.
set(_exposure_font_cpp "${CMAKE_CURRENT_BINARY_DIR}/generated/widget_font.cpp")
add_custom_command(
  OUTPUT "${_exposure_font_cpp}"
  COMMAND ${CMAKE_COMMAND} -E make_directory "${CMAKE_CURRENT_BINARY_DIR}/generated"
  COMMAND ${CMAKE_COMMAND} "-DINPUT=${_exposure_web_font}" "-DOUTPUT=${_exposure_font_cpp}" -DSYMBOL=k_font
          -DNAMESPACE=exposure::web -DEXPECT_FONT=ON -P "${CMAKE_SOURCE_DIR}/cmake/embed_file.cmake"
  DEPENDS "${_exposure_web_font}" "${CMAKE_SOURCE_DIR}/cmake/embed_file.cmake"
  COMMENT "Embedding the widget's font ${_exposure_web_font}"
  VERBATIM)
target_sources(exposure_widget PRIVATE "${_exposure_font_cpp}")
if(TARGET exposure_font AND NOT EXPOSURE_WEB_FONT)
  add_dependencies(exposure_widget exposure_font)
endif()
target_link_libraries(exposure_widget PRIVATE exposure_platform exposure_ui exposure_core)
# Measured on this code (wasm raw / gzip -9): -Os + dlmalloc 454,363 / 220,660 B; -Oz + dlmalloc
# 442,987 / 213,829 B; -Oz + emmalloc 433,613 / 210,371 B. The ui allocates little per frame, so
# emmalloc's slower allocation does not show.
set(EXPOSURE_WEB_OPT "-Oz" CACHE STRING "Optimisation flag of the widget's code and link (-Os, -Oz, -O2)")
set(EXPOSURE_WEB_MALLOC "emmalloc" CACHE STRING "Emscripten allocator of the widget (dlmalloc, emmalloc)")
# 16 MiB: with the index and the ten largest occupations open the memory never grew past it
# (scripts/bench.sh, issue 7); 32 MiB reserved twice what the widget uses.
set(EXPOSURE_WEB_INITIAL_MEMORY "16777216" CACHE STRING
    "Bytes of wasm memory the widget starts with (it grows when needed; scripts/bench.sh measures it)")
foreach(_web_target exposure_widget exposure_platform exposure_ui exposure_core imgui)
  target_compile_options(${_web_target} PRIVATE ${EXPOSURE_WEB_OPT})
endforeach()
target_link_options(exposure_widget PRIVATE
  ${EXPOSURE_WEB_OPT}
  -sMALLOC=${EXPOSURE_WEB_MALLOC}
  -sMODULARIZE=1
  -sEXPORT_ES6=1
  -sEXPORT_NAME=createExposureModule
  -sENVIRONMENT=web
  -sDYNAMIC_EXECUTION=0
  -sFILESYSTEM=0
  -sMIN_WEBGL_VERSION=2
  -sMAX_WEBGL_VERSION=2
  -sALLOW_MEMORY_GROWTH=1
  -sINITIAL_MEMORY=${EXPOSURE_WEB_INITIAL_MEMORY}
  -sEXPORTED_FUNCTIONS=_malloc,_free
  -sEXPORTED_RUNTIME_METHODS=specialHTMLTargets,UTF8ToString,stringToUTF8,lengthBytesUTF8
  -sINCOMING_MODULE_JS_API=locateFile,print,printErr,onAbort,instantiateWasm
  -sHTML5_SUPPORT_DEFERRING_USER_SENSITIVE_REQUESTS=0
  # The loader's WebGL and text code (issue 7, measured on the .mjs, gzip -9): no extensions
  # enabled behind the ui's back (it uses none; context creation skips the getExtension round),
  # no GL error tracking or temporary-buffer pools (WebGL1 paths), no extensions list in the
  # prefixed format (nothing asks for it): 12,885 -> 12,341 B. Every browser with WebGL2 has
  # TextDecoder: 12,341 -> 12,195 B.
  -sGL_SUPPORT_AUTOMATIC_ENABLE_EXTENSIONS=0
  -sGL_TRACK_ERRORS=0
  -sGL_POOL_TEMP_BUFFERS=0
  -sGL_EXTENSIONS_IN_PREFIXED_FORMAT=0
  # No GLES-style rewrite of the GL_VERSION string: Dear ImGui's backend asks GL_MAJOR_VERSION (3 on
  # WebGL2) and reads the string only when that is 0 (12,073 -> 11,920 B).
  -sGL_EMULATE_GLES_VERSION_STRING_FORMAT=0
  -sTEXTDECODER=2
  # wasm-opt runs its -Oz pipeline until the module stops shrinking: wasm 203,841 -> 203,449 B gzip -9.
  # Then functions of up to 6 instructions are inlined everywhere (-Oz alone inlines up to 2): V8
  # compiles each function on its first call, ~40 us each in the first view, and the first view
  # called 921 of them, now 708; the wasm 173,554 -> 172,400 B zopfli; `load` 182.8 -> 174.1 ms
  # (31 alternating loads each, issue 7). At 12 it called 577 but the wasm grew to 177.9 kB.
  # A function with one caller is inlined into it only when it has at most 20 instructions (wasm-opt
  # inlines every such function by default). Inlined whole, the font atlas's rasteriser made one
  # 12.9 kB function and the frame another of 21 kB: V8 runs a long call in its baseline code to the
  # end, and recompiled both with TurboFan on a background thread while the first view still ran
  # (34 + 42 ms of this 2-CPU machine's CPU; the atlas's is never called again). Kept apart, the hot
  # loops are small functions that tier up within the call's loops of glyphs and widgets: V8's
  # TurboFan work in the first view and the 300 ms after `load` 104 -> 19 ms, the first frame 31-32
  # -> 21.5 ms, the module script to `load` 117-123 -> 96-101 ms (marks, 15 loads each, twice), the
  # wasm 1.9 kB smaller (gzip -9).
  # At 50: 22-23 ms; at 6: 23.6-24.5 ms.
  -sBINARYEN_EXTRA_PASSES=--converge,--always-inline-max-function-size=6,--one-caller-inline-max-function-size=20,--inlining-optimizing)

# Size and speed of the wasm (issue 7; scripts/bench.sh measures each, figures in its report): no C++
# exceptions (nothing here throws or catches; B's parser calls nlohmann-json with
# allow_exceptions=false, and a throw already aborted under Emscripten's default settings) and
# link-time optimisation across the core, the ui, the platform layer and Dear ImGui.
option(EXPOSURE_WEB_LTO "Link-time optimisation of the widget's wasm" ON)
option(EXPOSURE_WEB_NO_EXCEPTIONS "Compile the widget's code with -fno-exceptions" ON)
set(_exposure_web_code_flags)
if(EXPOSURE_WEB_NO_EXCEPTIONS)
  # No RTTI either: nothing uses typeid or dynamic_cast; the std::function type names and typeinfo
  # go (wasm 201,522 -> 200,851 B gzip -9).
  list(APPEND _exposure_web_code_flags -fno-exceptions -fno-rtti)
endif()
if(EXPOSURE_WEB_LTO)
  list(APPEND _exposure_web_code_flags -flto)
  target_link_options(exposure_widget PRIVATE -flto)
endif()
# WebAssembly features every browser with WebGL2 has (Safari 15, Chrome 75, Firefox 79, Edge 79):
# memory.copy/fill instead of libc loops, saturating float-to-int instead of guarded conversions,
# sign-extension ops (wasm 200,851 -> 199,878 B gzip -9). -sWASM_BIGINT was measured too and
# made the module bigger (200,641 B).
set(_exposure_web_features -mbulk-memory -mnontrapping-fptoint -msign-ext)
list(APPEND _exposure_web_code_flags ${_exposure_web_features})
target_link_options(exposure_widget PRIVATE ${_exposure_web_features}
  -sMIN_SAFARI_VERSION=150000 -sMIN_CHROME_VERSION=75 -sMIN_FIREFOX_VERSION=79 -sMIN_EDGE_VERSION=79)
foreach(_target exposure_core exposure_ui exposure_platform imgui exposure_widget)
  target_compile_options(${_target} PRIVATE ${_exposure_web_code_flags})
endforeach()

# --- The site -------------------------------------------------------------------------------------
set(EXPOSURE_SITE_DIR "${CMAKE_BINARY_DIR}/site")
# A stamped command rather than an always-run target: the script re-checks 923 data files and their
# compressed siblings, which took 13 s on a no-change setup run; now nothing runs unless an input moved.
file(GLOB _exposure_site_pages CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/web/*)
set(_exposure_site_stamp "${CMAKE_CURRENT_BINARY_DIR}/site.stamp")
add_custom_command(
  OUTPUT "${_exposure_site_stamp}"
  COMMAND ${CMAKE_COMMAND} -E env
          "SITE_DIR=${EXPOSURE_SITE_DIR}"
          "WEB_DIR=${CMAKE_SOURCE_DIR}/web"
          "CORE_JS=$<TARGET_FILE:exposure_widget>"
          "DATA_DIR=${EXPOSURE_WEB_DATA_DIR}"
          bash ${CMAKE_CURRENT_SOURCE_DIR}/web/assemble_site.sh
  COMMAND ${CMAKE_COMMAND} -E touch "${_exposure_site_stamp}"
  # exposure_widget as a target: re-run whenever the module is relinked. The bundle's manifest
  # changes whenever build-data rewrites the bundle.
  DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/web/assemble_site.sh ${_exposure_site_pages} exposure_widget
          "${EXPOSURE_WEB_DATA_DIR}/manifest.json"
  COMMENT "Assembling ${EXPOSURE_SITE_DIR} (pages, widget, data, .gz/.br)"
  VERBATIM)
add_custom_target(site DEPENDS "${_exposure_site_stamp}")

# Emscripten 3.1.6's libc++ has no std::bit_cast; the core uses it. The shim defines it only where
# the library lacks it.
target_compile_options(exposure_core PRIVATE "SHELL:-include ${CMAKE_CURRENT_SOURCE_DIR}/web/libcxx_compat.hpp")
