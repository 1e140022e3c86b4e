# Installing and packaging (README, "Install the package"): `cmake --install build --prefix P`
# puts the binary in P/bin, the scenario library, sweeps and calibration data in P/share/rampart (where the binary
# finds them, scenarios/library.cpp), the man page in P/share/man/man1 and the documentation in
# P/share/doc/rampart. `cpack --config build/CPackConfig.cmake` (scripts/package.sh) makes the .deb.

install(TARGETS rampart RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

file(GLOB RAMPART_LIBRARY_FILES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/scenarios/*.toml)
install(FILES ${RAMPART_LIBRARY_FILES} DESTINATION ${RAMPART_INSTALL_DATADIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/scenarios/sweeps DESTINATION ${RAMPART_INSTALL_DATADIR}
  FILES_MATCHING PATTERN "*.toml")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/scenarios/data DESTINATION ${RAMPART_INSTALL_DATADIR})

file(GLOB RAMPART_DOC_FILES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/docs/*.md)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${RAMPART_DOC_FILES} DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/seminar-kit DESTINATION ${CMAKE_INSTALL_DOCDIR}
  OPTIONAL)

# The man page, made from the program's own --help texts (scripts/man_page.sh), so it cannot
# drift from them. It runs the built binary, so only where the binary runs without sanitizers.
if(NOT RAMPART_SANITIZE AND NOT RAMPART_TSAN AND NOT RAMPART_FUZZ)
  add_custom_command(OUTPUT ${PROJECT_BINARY_DIR}/rampart.1.gz
    COMMAND ${CMAKE_COMMAND} -E env RAMPART_DATA_DIR=${PROJECT_SOURCE_DIR}/scenarios
      bash ${PROJECT_SOURCE_DIR}/scripts/man_page.sh $<TARGET_FILE:rampart>
      ${PROJECT_BINARY_DIR}/rampart.1.gz
    DEPENDS rampart ${PROJECT_SOURCE_DIR}/scripts/man_page.sh
    COMMENT "Writing the man page rampart.1 from the --help texts")
  add_custom_target(rampart_man ALL DEPENDS ${PROJECT_BINARY_DIR}/rampart.1.gz)
  install(FILES ${PROJECT_BINARY_DIR}/rampart.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endif()

# The Debian package: runtime libraries only, computed from the binary by dpkg-shlibdeps
# (HDF5, TBB, Boost.Program_options, OpenMPI, and whatever else it links), no build tools.
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "rampart")
set(CPACK_PACKAGE_VENDOR "Rampart maintainers")
set(CPACK_PACKAGE_CONTACT "Rampart maintainers <maintainers@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "agent-based Monte Carlo simulator of European defence burden-sharing")
set(CPACK_PACKAGE_DESCRIPTION
  "Rampart simulates the 32 NATO allies and the four EU members outside NATO deciding, year by
year, their defence spending, aid to Ukraine and commitment to collective defence, under
scenarios of US disengagement and Russian threat. Includes the scenario library, the
calibration data, the HTML report and the seminar kit (rampart seminar).")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "rampart")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
set(CPACK_STRIP_FILES ON)
include(CPack)
