# Build-time script: writes OUT, a C++ source holding the game's web files as raw string
# literals (they are small, well under what compilers accept in one literal).
# cmake -DOUT=pages.cpp -DHTML=play.html -DSCRIPT=play.js -DSTYLES=play.css -P embed_pages.cmake
set(text "// Generated from game/web by game/embed_pages.cmake; do not edit.\n")
string(APPEND text "#include \"pages.hpp\"\n\nnamespace rampart::game {\n")
foreach(pair "page_html=${HTML}" "page_script=${SCRIPT}" "page_styles=${STYLES}")
  string(REGEX REPLACE "=.*$" "" name "${pair}")
  string(REGEX REPLACE "^[a-z_]+=" "" file "${pair}")
  file(READ "${file}" content)
  string(FIND "${content}" ")RAMPART_PAGE\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${file} contains the raw string's delimiter")
  endif()
  string(APPEND text "std::string_view ${name}() {\n  return R\"RAMPART_PAGE(${content})RAMPART_PAGE\";\n}\n")
endforeach()
string(APPEND text "}  // namespace rampart::game\n")
file(WRITE "${OUT}.new" "${text}")
file(RENAME "${OUT}.new" "${OUT}")
