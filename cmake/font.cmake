# The ui's font: Debian's Inter (fonts-inter) subset with pyftsubset (fonttools) to the glyphs the ui
# draws (assets/glyphs.txt), then turned into TrueType quadratic outlines by cmake/font_to_glyf.py,
# written to ${CMAKE_BINARY_DIR}/assets/inter-subset.ttf. Target: exposure_font.
# Hosts (native app, web site) read that file; without it they fall back to the full Inter file.
set(EXPOSURE_FONT_SOURCE "/usr/share/fonts/opentype/inter/Inter-Regular.otf" CACHE FILEPATH
    "Inter file the ui's font subset is cut from (Debian package fonts-inter)")
find_program(EXPOSURE_PYFTSUBSET pyftsubset)
# The interpreter fonttools is installed for (Debian's python3-fonttools is not in a pyenv python).
set(EXPOSURE_FONT_PYTHON "" CACHE FILEPATH "Python 3 with fontTools (default: the first of /usr/bin/python3, python3 that has it)")
if(NOT EXPOSURE_FONT_PYTHON)
  find_program(_exposure_python_path python3)
  foreach(_candidate /usr/bin/python3 ${_exposure_python_path})
    if(EXISTS "${_candidate}")
      execute_process(COMMAND "${_candidate}" -c "import fontTools.pens.cu2quPen, fontTools.ttLib.scaleUpem"
                      RESULT_VARIABLE _exposure_has_fonttools OUTPUT_QUIET ERROR_QUIET)
      if(_exposure_has_fonttools EQUAL 0)
        set(EXPOSURE_FONT_PYTHON "${_candidate}" CACHE FILEPATH "Python 3 with fontTools" FORCE)
        break()
      endif()
    endif()
  endforeach()
endif()

set(EXPOSURE_FONT_SUBSET "${CMAKE_BINARY_DIR}/assets/inter-subset.ttf")
set(_exposure_font_cff "${CMAKE_BINARY_DIR}/assets/inter-subset-cff.otf")
set(_exposure_glyphs "${CMAKE_SOURCE_DIR}/assets/glyphs.txt")
set(_exposure_to_glyf "${CMAKE_SOURCE_DIR}/cmake/font_to_glyf.py")

if(EXPOSURE_PYFTSUBSET AND EXPOSURE_FONT_PYTHON AND EXISTS "${EXPOSURE_FONT_SOURCE}")
  # No layout features or hinting: Dear ImGui 1.86 uses neither, and they are most of the file.
  add_custom_command(
    OUTPUT "${_exposure_font_cff}"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${CMAKE_BINARY_DIR}/assets"
    COMMAND ${EXPOSURE_PYFTSUBSET} "${EXPOSURE_FONT_SOURCE}"
            "--unicodes-file=${_exposure_glyphs}"
            "--layout-features="
            "--no-hinting"
            "--desubroutinize"
            "--name-IDs=0,1,2,3,4,5,6,13,14"
            "--output-file=${_exposure_font_cff}.tmp"
    # Renamed only when complete: never a half-written font.
    COMMAND ${CMAKE_COMMAND} -E rename "${_exposure_font_cff}.tmp" "${_exposure_font_cff}"
    DEPENDS "${EXPOSURE_FONT_SOURCE}" "${_exposure_glyphs}"
    COMMENT "Subsetting Inter to the ui's glyphs -> ${_exposure_font_cff}"
    VERBATIM)
  # Quadratic outlines, only the tables stb_truetype reads, 1024 units per em (issue 7; measured on
  # the 227-glyph subset, gzip -9 / brotli): CFF 22,208 B raw, 12,045 / 10,514 B -> glyf 20,424 B raw,
  # 11,292 / 10,786 B; the atlas (perf: 755 glyphs, 1x) builds in 1.65 instead of 2.76 ms of CPU
  # natively. A curve strays at most 4 of Inter's 2816 units (0.13 px at the 88 px the display size
  # is rasterised at on a 2x screen) plus the rounding to 1024 units; screenshots at 1x and 2x show
  # no visible difference.
  add_custom_command(
    OUTPUT "${EXPOSURE_FONT_SUBSET}"
    COMMAND "${EXPOSURE_FONT_PYTHON}" "${_exposure_to_glyf}" "${_exposure_font_cff}" "${EXPOSURE_FONT_SUBSET}"
            --max-error 4 --units-per-em 1024
    DEPENDS "${_exposure_font_cff}" "${_exposure_to_glyf}"
    COMMENT "Converting the Inter subset to TrueType outlines -> ${EXPOSURE_FONT_SUBSET}"
    VERBATIM)
  add_custom_target(exposure_font ALL DEPENDS "${EXPOSURE_FONT_SUBSET}")
else()
  message(WARNING "pyftsubset and a python3 with fontTools (fonttools) or ${EXPOSURE_FONT_SOURCE} (fonts-inter) "
                  "not found: no font subset; hosts fall back to their own font.")
endif()
