# The `web` preset's toolchain file: forwards to Emscripten's own, so the preset works whether or not
# emsdk.env was sourced. Order: $EXPOSURE_EMSCRIPTEN_TOOLCHAIN (emsdk.env sets it), an emsdk checkout
# named by $EMSDK, else Debian's `emscripten` package.
if(DEFINED ENV{EXPOSURE_EMSCRIPTEN_TOOLCHAIN} AND NOT "$ENV{EXPOSURE_EMSCRIPTEN_TOOLCHAIN}" STREQUAL "")
  set(_exposure_em_toolchain "$ENV{EXPOSURE_EMSCRIPTEN_TOOLCHAIN}")
elseif(DEFINED ENV{EMSDK} AND NOT "$ENV{EMSDK}" STREQUAL "")
  set(_exposure_em_toolchain "$ENV{EMSDK}/upstream/emscripten/cmake/Modules/Platform/Emscripten.cmake")
else()
  set(_exposure_em_toolchain "/usr/share/emscripten/cmake/Modules/Platform/Emscripten.cmake")
endif()
if(NOT EXISTS "${_exposure_em_toolchain}")
  message(FATAL_ERROR "Emscripten's CMake toolchain file not found at '${_exposure_em_toolchain}'. "
                      "Install Debian's emscripten (scripts/setup.sh) or `source emsdk.env` with EMSDK set.")
endif()
include("${_exposure_em_toolchain}")
