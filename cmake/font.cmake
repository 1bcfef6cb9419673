# The ui's font: Debian's Inter (fonts-inter) subset with pyftsubset (fonttools) to the glyphs the ui
# draws (assets/glyphs.txt), written to ${CMAKE_BINARY_DIR}/assets/inter-subset.ttf. Target: exposure_font.
# Hosts (native app, web site) read that file; without it they fall back to the full Inter file.
set(EXPOSURE_FONT_SOURCE "/usr/share/fonts/opentype/inter/Inter-Regular.otf" CACHE FILEPATH
    "Inter file the ui's font subset is cut from (Debian package fonts-inter)")
find_program(EXPOSURE_PYFTSUBSET pyftsubset)

set(EXPOSURE_FONT_SUBSET "${CMAKE_BINARY_DIR}/assets/inter-subset.ttf")
set(_exposure_glyphs "${CMAKE_SOURCE_DIR}/assets/glyphs.txt")

if(EXPOSURE_PYFTSUBSET AND EXISTS "${EXPOSURE_FONT_SOURCE}")
  # No layout features or hinting: Dear ImGui 1.86 uses neither, and they are most of the file.
  add_custom_command(
    OUTPUT "${EXPOSURE_FONT_SUBSET}"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${CMAKE_BINARY_DIR}/assets"
    COMMAND ${EXPOSURE_PYFTSUBSET} "${EXPOSURE_FONT_SOURCE}"
            "--unicodes-file=${_exposure_glyphs}"
            "--layout-features="
            "--no-hinting"
            "--desubroutinize"
            "--name-IDs=0,1,2,3,4,5,6,13,14"
            "--output-file=${EXPOSURE_FONT_SUBSET}.tmp"
    # Renamed only when complete: never a half-written font.
    COMMAND ${CMAKE_COMMAND} -E rename "${EXPOSURE_FONT_SUBSET}.tmp" "${EXPOSURE_FONT_SUBSET}"
    DEPENDS "${EXPOSURE_FONT_SOURCE}" "${_exposure_glyphs}"
    COMMENT "Subsetting Inter to the ui's glyphs -> ${EXPOSURE_FONT_SUBSET}"
    VERBATIM)
  add_custom_target(exposure_font ALL DEPENDS "${EXPOSURE_FONT_SUBSET}")
else()
  message(WARNING "pyftsubset (fonttools) or ${EXPOSURE_FONT_SOURCE} (fonts-inter) not found: "
                  "no font subset; hosts fall back to their own font.")
endif()
