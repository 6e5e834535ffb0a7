# posprop_register_cells(TARGET NAME [soak]): the Catch2 binary TARGET writes, after each build,
# a CTest file with one add_test per (property, encoder) cell (catch_cells.cpp). CTest includes it
# through a wrapper, so that ctest still runs -- and reports NAME/NOT_BUILT as a failing test --
# when the binary was not built.
function(posprop_register_cells target name)
  set(cells_file ${CMAKE_CURRENT_BINARY_DIR}/${name}.cmake)
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND ${target} --posprop-ctest ${cells_file} $<TARGET_FILE:${target}> ${ARGN}
    VERBATIM)
  set(wrapper ${CMAKE_CURRENT_BINARY_DIR}/${name}_include.cmake)
  file(WRITE ${wrapper}
    "if(EXISTS \"${cells_file}\")\n"
    "  include(\"${cells_file}\")\n"
    "else()\n"
    "  add_test(${name}/NOT_BUILT ${name}/NOT_BUILT)\n"
    "  set_tests_properties(${name}/NOT_BUILT PROPERTIES LABELS \"gate\")\n"
    "endif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${wrapper})
endfunction()
