# Builds a static libopus from TUTTI_OPUS_SOURCE_DIR into the build tree and defines Opus::opus.
#
# We drive upstream's autotools build, the one Debian uses, because opus 1.3.1's own CMake build
# hard-codes ENABLE_HARDENING, the very define that makes 128-sample custom decoding abort.
# The shipped `configure` is used as is (no autoreconf) and run out of tree, so the source
# directory stays pristine and can be shared by several build trees.

if(NOT EXISTS "${TUTTI_OPUS_SOURCE_DIR}/configure" OR
   NOT EXISTS "${TUTTI_OPUS_SOURCE_DIR}/include/opus_custom.h")
  message(FATAL_ERROR
    "Opus: libopus must be built from source (the system one cannot decode 128-sample "
    "custom-mode frames, or TUTTI_OPUS_FROM_SOURCE is ON), but no opus source was found in "
    "TUTTI_OPUS_SOURCE_DIR=${TUTTI_OPUS_SOURCE_DIR}.\n"
    "Run tools/fetch-opus.sh (it fetches Debian's `opus` source package into third_party/opus) "
    "or point -DTUTTI_OPUS_SOURCE_DIR=<dir> at an unpacked opus source.")
endif()

find_program(TUTTI_MAKE_PROGRAM NAMES gmake make REQUIRED)
include(ProcessorCount)
ProcessorCount(_tutti_cores)
if(_tutti_cores EQUAL 0)
  set(_tutti_cores 1)
endif()
set(TUTTI_OPUS_BUILD_JOBS ${_tutti_cores} CACHE STRING "Parallel jobs for the libopus source build")

set(_opus_prefix "${CMAKE_BINARY_DIR}/third_party/opus-install")
set(_opus_library "${_opus_prefix}/lib/${CMAKE_STATIC_LIBRARY_PREFIX}opus${CMAKE_STATIC_LIBRARY_SUFFIX}")
set(_opus_include "${_opus_prefix}/include/opus")

# The codec runs on the real-time path, so it is optimised even in Debug builds of Tutti. -O3
# rather than Opus' usual -O2: 5 % fewer instructions per tick (callgrind, tick bench) and about
# 7 % less time per 128-sample decode + encode, with the same output (BENCHMARKS.md, issue 13).
set(_opus_cflags "-O3 -g")

# Cross builds (arm64/armhf packages): configure must be told the target, or it tries to run
# the cross-compiled test programs. The multiarch triplet is what Debian's toolchains are named by.
set(_opus_host "")
if(CMAKE_CROSSCOMPILING)
  if(NOT CMAKE_LIBRARY_ARCHITECTURE)
    message(FATAL_ERROR "Opus: cross build without CMAKE_LIBRARY_ARCHITECTURE (the target triplet)")
  endif()
  set(_opus_host "--host=${CMAKE_LIBRARY_ARCHITECTURE}")
endif()

include(ExternalProject)
ExternalProject_Add(tutti_opus_build
  SOURCE_DIR "${TUTTI_OPUS_SOURCE_DIR}"
  BINARY_DIR "${CMAKE_BINARY_DIR}/third_party/opus-build"
  INSTALL_DIR "${_opus_prefix}"
  DOWNLOAD_COMMAND ""
  UPDATE_COMMAND ""
  # --enable-custom-modes: the 64/128-sample CELT modes Jamulus uses.
  # --disable-hardening: drops ENABLE_HARDENING, whose state validation assumes standard modes
  #   (st->end <= 21) and aborts on 128-sample custom decoding; assertions stay off (default).
  # --enable-rtcd/--enable-intrinsics: SIMD kernels (SSE4.1, AVX, NEON) chosen at run time, so
  #   the library runs on any CPU of the architecture and still uses what the CPU has.
  # --with-pic: the static library may end up inside shared objects (plugins, sanitizer builds).
  # --disable-maintainer-mode: never try to regenerate the autotools files from timestamps.
  CONFIGURE_COMMAND
    "${TUTTI_OPUS_SOURCE_DIR}/configure"
      --prefix=<INSTALL_DIR> --libdir=<INSTALL_DIR>/lib ${_opus_host}
      --enable-static --disable-shared --with-pic
      --enable-custom-modes --disable-hardening --disable-assertions
      --enable-rtcd --enable-intrinsics
      --disable-doc --disable-extra-programs --disable-maintainer-mode
      "CC=${CMAKE_C_COMPILER}" "CFLAGS=${_opus_cflags}"
  BUILD_COMMAND "${TUTTI_MAKE_PROGRAM}" -j${TUTTI_OPUS_BUILD_JOBS}
  INSTALL_COMMAND "${TUTTI_MAKE_PROGRAM}" install
  BUILD_BYPRODUCTS "${_opus_library}"
  LOG_CONFIGURE ON
  LOG_BUILD ON
  LOG_INSTALL ON
  LOG_OUTPUT_ON_FAILURE ON)

# Imported targets must name existing include directories at generate time; make installs into it.
file(MAKE_DIRECTORY "${_opus_include}")

add_library(Opus::opus STATIC IMPORTED GLOBAL)
set_target_properties(Opus::opus PROPERTIES
  IMPORTED_LOCATION "${_opus_library}"
  INTERFACE_INCLUDE_DIRECTORIES "${_opus_include}"
  INTERFACE_LINK_LIBRARIES m)
add_dependencies(Opus::opus tutti_opus_build)
