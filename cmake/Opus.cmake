# Provides the target Opus::opus (with `#include <opus_custom.h>` working).
#
# Jamulus clients speak Opus *custom modes* with 64- and 128-sample frames. A system libopus can
# serve them only if it was built with custom modes and without the internal state validation
# ("hardening") that assumes the standard modes: Debian bookworm's 1.3.1 is built that way and
# aborts ("assertion failed: st->end <= 21") as soon as a 128-sample custom decoder decodes.
# So we test the system library at configure time by decoding a 128-sample frame, and when it
# fails (or there is none) build a static libopus from Debian's own source package, fetched by
# tools/fetch-opus.sh, with hardening off.

option(TUTTI_OPUS_FROM_SOURCE "Always build libopus from TUTTI_OPUS_SOURCE_DIR, never use the system one" OFF)
set(TUTTI_OPUS_SOURCE_DIR "${CMAKE_SOURCE_DIR}/third_party/opus"
    CACHE PATH "Unpacked opus source (Debian's source package, see tools/fetch-opus.sh)")

# Another build tree's libopus (its third_party/opus-install): the sanitizer builds in CI take
# the main build's instead of compiling their own. The codec is not instrumented either way.
set(TUTTI_OPUS_PREBUILT_DIR "" CACHE PATH
    "Install prefix of a libopus built by another Tutti build tree (lib/libopus.a, include/opus)")

include(${CMAKE_CURRENT_LIST_DIR}/OpusSystemCheck.cmake)

if(TUTTI_OPUS_PREBUILT_DIR)
  set(_opus_prebuilt "${TUTTI_OPUS_PREBUILT_DIR}/lib/${CMAKE_STATIC_LIBRARY_PREFIX}opus${CMAKE_STATIC_LIBRARY_SUFFIX}")
  if(NOT EXISTS "${_opus_prebuilt}" OR NOT EXISTS "${TUTTI_OPUS_PREBUILT_DIR}/include/opus/opus_custom.h")
    message(FATAL_ERROR "Opus: TUTTI_OPUS_PREBUILT_DIR=${TUTTI_OPUS_PREBUILT_DIR} holds no built "
                        "libopus (lib/libopus.a and include/opus/opus_custom.h); build that tree first")
  endif()
  add_library(Opus::opus STATIC IMPORTED GLOBAL)
  set_target_properties(Opus::opus PROPERTIES
    IMPORTED_LOCATION "${_opus_prebuilt}"
    INTERFACE_INCLUDE_DIRECTORIES "${TUTTI_OPUS_PREBUILT_DIR}/include/opus"
    INTERFACE_LINK_LIBRARIES m)
  message(STATUS "Opus: using the libopus built in ${TUTTI_OPUS_PREBUILT_DIR}")
  return()
endif()

if(NOT TUTTI_OPUS_FROM_SOURCE)
  tutti_check_system_opus(_tutti_system_opus_ok)
endif()

if(_tutti_system_opus_ok)
  add_library(Opus::opus ALIAS PkgConfig::TUTTI_SYSTEM_OPUS)
  message(STATUS "Opus: using the system libopus")
else()
  include(${CMAKE_CURRENT_LIST_DIR}/OpusFromSource.cmake)
  message(STATUS "Opus: building static libopus from ${TUTTI_OPUS_SOURCE_DIR}")
endif()
