# cmake/embed_file.cmake's font check, the web build's only guard against a widget font it cannot
# draw with (the widget has no fallback font):
#   cmake -DWORK=<empty folder> -DEMBED=<cmake/embed_file.cmake> -P tests/embed_font_check.cmake
# A file that is not a TrueType/OpenType font is refused, naming it, and no source is written; a file
# that starts like an OpenType font is embedded.
foreach(var WORK EMBED)
  if(NOT ${var})
    message(FATAL_ERROR "embed_font_check.cmake: ${var} is not set")
  endif()
endforeach()
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")

file(WRITE "${WORK}/notes.ttf" "<html>not a font</html>\n")
execute_process(
  COMMAND ${CMAKE_COMMAND} -DINPUT=${WORK}/notes.ttf -DOUTPUT=${WORK}/notes.cpp -DSYMBOL=k_font -DEXPECT_FONT=ON
          -P ${EMBED}
  RESULT_VARIABLE result ERROR_VARIABLE error)
if(result EQUAL 0)
  message(FATAL_ERROR "a file that is not a font was embedded")
endif()
string(REGEX REPLACE "[ \t\n]+" " " error "${error}") # CMake folds long messages
if(NOT error MATCHES "notes.ttf is not a TrueType or OpenType font")
  message(FATAL_ERROR "the refusal does not name the file and what is wrong: ${error}")
endif()
if(EXISTS "${WORK}/notes.cpp" OR EXISTS "${WORK}/notes.cpp.tmp")
  message(FATAL_ERROR "a refused font still wrote a source")
endif()

file(WRITE "${WORK}/font.otf" "OTTO and the rest of a font")
execute_process(
  COMMAND ${CMAKE_COMMAND} -DINPUT=${WORK}/font.otf -DOUTPUT=${WORK}/font.cpp -DSYMBOL=k_font -DEXPECT_FONT=ON
          -P ${EMBED}
  RESULT_VARIABLE result ERROR_VARIABLE error)
if(NOT result EQUAL 0 OR NOT EXISTS "${WORK}/font.cpp")
  message(FATAL_ERROR "a file that starts like an OpenType font was refused: ${error}")
endif()
file(READ "${WORK}/font.cpp" source)
if(NOT source MATCHES "k_font_size = 27;")
  message(FATAL_ERROR "the embedded font's size is wrong: ${source}")
endif()
