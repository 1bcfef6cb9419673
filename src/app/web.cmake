# The web build (included by src/app/CMakeLists.txt when EXPOSURE_WEB): the widget's WebAssembly
# module and the `site` target that assembles build/<preset>/site/ (shared-decisions: demo pages at
# the root, the self-contained widget folder in site/widget/ with the bundle copy in widget/data/).
#
#   exposure_widget   exposure-widget-core.mjs + exposure-widget-core.wasm (an ES-module factory)
#   site              site/ with every file's .gz and .br siblings
#
# No Emscripten GLFW (-sUSE_GLFW): src/platform/web/ talks to html5.h and WebGL2 directly.

set(EXPOSURE_WEB_DATA_DIR "${CMAKE_SOURCE_DIR}/data/bundle" CACHE PATH
    "Bundle folder the site copies into widget/data/ (built by scripts/setup.sh)")
set(EXPOSURE_WEB_FONT "" CACHE FILEPATH
    "Font the widget draws with (default: the build's Inter subset, else Debian's Inter Regular)")

# WebGL2 renderer: Dear ImGui's backend guesses ES2/WebGL1 on Emscripten; we want ES3/WebGL2 and
# GLSL "#version 300 es".
target_compile_definitions(imgui_opengl3 PUBLIC IMGUI_IMPL_OPENGL_ES3)

file(GLOB EXPOSURE_WEB_APP_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/web/*.cpp)
add_executable(exposure_widget ${EXPOSURE_WEB_APP_SOURCES})
set_target_properties(exposure_widget PROPERTIES OUTPUT_NAME exposure-widget-core SUFFIX ".mjs")
target_link_libraries(exposure_widget PRIVATE exposure_platform exposure_ui exposure_core)
set(EXPOSURE_WEB_OPT "-Os" CACHE STRING "Optimisation flag of the widget's link (-Os, -Oz, -O2)")
set(EXPOSURE_WEB_MALLOC "dlmalloc" CACHE STRING "Emscripten allocator of the widget (dlmalloc, emmalloc)")
target_compile_options(exposure_widget PRIVATE ${EXPOSURE_WEB_OPT})
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
  -sINITIAL_MEMORY=33554432
  -sEXPORTED_FUNCTIONS=_malloc,_free
  -sEXPORTED_RUNTIME_METHODS=specialHTMLTargets,UTF8ToString,stringToUTF8,lengthBytesUTF8
  -sINCOMING_MODULE_JS_API=locateFile,print,printErr,onAbort
  -sHTML5_SUPPORT_DEFERRING_USER_SENSITIVE_REQUESTS=0)

# --- The site -------------------------------------------------------------------------------------
if(EXPOSURE_WEB_FONT)
  set(_exposure_web_font "${EXPOSURE_WEB_FONT}")
else()
  # cmake/font.cmake (ui) subsets Inter to the glyphs the ui draws into this file; the script falls
  # back to Debian's full Inter when the subset has not been made.
  set(_exposure_web_font "${CMAKE_BINARY_DIR}/assets/inter-subset.ttf")
endif()

set(EXPOSURE_SITE_DIR "${CMAKE_BINARY_DIR}/site")
add_custom_target(site
  COMMAND ${CMAKE_COMMAND} -E env
          "SITE_DIR=${EXPOSURE_SITE_DIR}"
          "WEB_DIR=${CMAKE_SOURCE_DIR}/web"
          "CORE_JS=$<TARGET_FILE:exposure_widget>"
          "FONT=${_exposure_web_font}"
          "FALLBACK_FONT=/usr/share/fonts/opentype/inter/Inter-Regular.otf"
          "DATA_DIR=${EXPOSURE_WEB_DATA_DIR}"
          bash ${CMAKE_CURRENT_SOURCE_DIR}/web/assemble_site.sh
  DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/web/assemble_site.sh
  COMMENT "Assembling ${EXPOSURE_SITE_DIR} (pages, widget, data, .gz/.br)"
  VERBATIM)
add_dependencies(site exposure_widget)
# The font subset's target, if the ui's cmake/font.cmake defines one by the time this is read.
foreach(_font_target exposure_font font inter_subset)
  if(TARGET ${_font_target})
    add_dependencies(site ${_font_target})
  endif()
endforeach()

# Emscripten 3.1.6's libc++ has no std::bit_cast; the core uses it. The shim defines it only where
# the library lacks it.
target_compile_options(exposure_core PRIVATE "SHELL:-include ${CMAKE_CURRENT_SOURCE_DIR}/web/libcxx_compat.hpp")
