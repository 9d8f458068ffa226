# cmake/device_deps.cmake — the header-only dependencies and GoogleTest from FACTORLAB_DEPS_DIR, a
# folder where scripts/fetch-device-deps.sh unpacked Debian 12's packages (dpkg -x: usr/include/...,
# usr/src/googletest). It defines the target names the system's packages give, so the modules link
# the same names either way. For machines without our -dev packages: the GPU machine (docs/gpu.md).
set(deps_include ${FACTORLAB_DEPS_DIR}/usr/include)
foreach(header toml++/toml.h CLI/CLI.hpp nlohmann/json.hpp stb/stb_image_write.h)
  if(NOT EXISTS ${deps_include}/${header})
    message(FATAL_ERROR "FACTORLAB_DEPS_DIR = ${FACTORLAB_DEPS_DIR} has no usr/include/${header}: "
                        "run scripts/fetch-device-deps.sh ${FACTORLAB_DEPS_DIR} first")
  endif()
endforeach()

# toml++ header-only (Debian builds it as a shared library, which does not travel).
add_library(tomlplusplus::tomlplusplus INTERFACE IMPORTED)
target_include_directories(tomlplusplus::tomlplusplus SYSTEM INTERFACE ${deps_include})
target_compile_definitions(tomlplusplus::tomlplusplus INTERFACE TOML_HEADER_ONLY=1)
add_library(CLI11::CLI11 INTERFACE IMPORTED)
target_include_directories(CLI11::CLI11 SYSTEM INTERFACE ${deps_include})
add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
target_include_directories(nlohmann_json::nlohmann_json SYSTEM INTERFACE ${deps_include})
add_library(factorlab_stb INTERFACE)
target_include_directories(factorlab_stb SYSTEM INTERFACE ${deps_include})

# GoogleTest from Debian's googletest sources (it defines GTest::gtest and GTest::gtest_main).
if(FACTORLAB_BUILD_TESTS)
  set(gtest_src ${FACTORLAB_DEPS_DIR}/usr/src/googletest/googletest)
  if(NOT EXISTS ${gtest_src}/CMakeLists.txt)
    message(FATAL_ERROR "FACTORLAB_DEPS_DIR = ${FACTORLAB_DEPS_DIR} has no usr/src/googletest: "
                        "run scripts/fetch-device-deps.sh ${FACTORLAB_DEPS_DIR} first")
  endif()
  set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
  set(gtest_force_shared_crt OFF CACHE BOOL "" FORCE)
  add_subdirectory(${gtest_src} ${CMAKE_BINARY_DIR}/googletest EXCLUDE_FROM_ALL)
endif()
