# tutti_check_system_opus(<result-var>)
#
# Sets <result-var> to TRUE when a system libopus exists (pkg-config `opus`) and a program linked
# against it can encode and decode 128-sample custom-mode frames, mono and stereo, without
# aborting. On success the imported target PkgConfig::TUTTI_SYSTEM_OPUS exists.
#
# The outcome is cached per library, so the (harmless) abort is provoked only on the first
# configure of a build tree; the STATUS line is printed every time.

# Encodes a 1 kHz tone and decodes it with the same custom mode; exits 0 only if every call
# succeeds. With bookworm's libopus the decode call aborts the process, which try_run reports as
# a non-zero run result.
set(_tutti_opus_check_source [=[
#include <math.h>
#include <opus_custom.h>

static int round_trip(OpusCustomMode* mode, int channels, int coded_bytes) {
    int err = 0;
    OpusCustomEncoder* enc = opus_custom_encoder_create(mode, channels, &err);
    OpusCustomDecoder* dec = opus_custom_decoder_create(mode, channels, &err);
    if (!enc || !dec) return 0;
    opus_custom_encoder_ctl(enc, OPUS_SET_VBR(0));
    opus_custom_encoder_ctl(enc, OPUS_SET_BITRATE(48000 * 8 * coded_bytes / 128));
    opus_int16 pcm[2 * 128];
    unsigned char packet[256];
    int ok = 1;
    for (int frame = 0; frame < 8 && ok; ++frame) {
        for (int i = 0; i < 128; ++i)
            for (int c = 0; c < channels; ++c)
                pcm[i * channels + c] =
                    (opus_int16)(8000.0 * sin(2.0 * 3.14159265 * 1000.0 * (frame * 128 + i) / 48000.0));
        int n = opus_custom_encode(enc, pcm, 128, packet, coded_bytes);
        ok = n == coded_bytes && opus_custom_decode(dec, packet, n, pcm, 128) == 128;
    }
    opus_custom_encoder_destroy(enc);
    opus_custom_decoder_destroy(dec);
    return ok;
}

int main(void) {
    int err = 0;
    OpusCustomMode* mode = opus_custom_mode_create(48000, 128, &err);
    if (!mode) return 2;
    int ok = round_trip(mode, 1, 45) && round_trip(mode, 2, 71);
    opus_custom_mode_destroy(mode);
    return ok ? 0 : 1;
}
]=])

function(tutti_check_system_opus result_var)
  set(${result_var} FALSE PARENT_SCOPE)
  if(CMAKE_CROSSCOMPILING)
    message(STATUS "Opus: cross-compiling, cannot test the system libopus; building from source")
    return()
  endif()
  find_package(PkgConfig QUIET)
  if(PkgConfig_FOUND)
    pkg_check_modules(TUTTI_SYSTEM_OPUS QUIET IMPORTED_TARGET GLOBAL opus)
  endif()
  if(NOT TUTTI_SYSTEM_OPUS_FOUND)
    message(STATUS "Opus: no system libopus found (pkg-config opus)")
    return()
  endif()

  # Re-run only when the library changes: the check is cached as "<library>|<outcome>|<detail>".
  set(_key "${TUTTI_SYSTEM_OPUS_LINK_LIBRARIES};${TUTTI_SYSTEM_OPUS_VERSION}")
  if(NOT TUTTI_SYSTEM_OPUS_CHECK_KEY STREQUAL _key)
    try_run(_run_result _compiled
      SOURCE_FROM_VAR opus_custom_decode_128.c _tutti_opus_check_source
      CMAKE_FLAGS "-DINCLUDE_DIRECTORIES=${TUTTI_SYSTEM_OPUS_INCLUDE_DIRS}"
      LINK_LIBRARIES ${TUTTI_SYSTEM_OPUS_LINK_LIBRARIES} m
      COMPILE_OUTPUT_VARIABLE _compile_log
      RUN_OUTPUT_VARIABLE _run_log)
    # Keep the first line of what the program printed: the libopus abort message, if any.
    string(REGEX REPLACE "\n.*" "" _run_log "${_run_log}")
    if(NOT _compiled)
      set(_outcome "nobuild")
    elseif(_run_result STREQUAL "0")
      set(_outcome "works")
    else()
      set(_outcome "fails")
    endif()
    set(TUTTI_SYSTEM_OPUS_CHECK_KEY "${_key}" CACHE INTERNAL "")
    set(TUTTI_SYSTEM_OPUS_CHECK_OUTCOME "${_outcome}" CACHE INTERNAL "")
    set(TUTTI_SYSTEM_OPUS_CHECK_DETAIL "run result ${_run_result}: ${_run_log}" CACHE INTERNAL "")
  endif()

  set(_what "system libopus ${TUTTI_SYSTEM_OPUS_VERSION} decoding a 128-sample custom-mode frame")
  if(TUTTI_SYSTEM_OPUS_CHECK_OUTCOME STREQUAL "works")
    message(STATUS "Opus: ${_what}: works")
    set(${result_var} TRUE PARENT_SCOPE)
  elseif(TUTTI_SYSTEM_OPUS_CHECK_OUTCOME STREQUAL "nobuild")
    message(STATUS "Opus: ${_what}: test program did not build (no custom-mode API?)")
  else()
    message(STATUS "Opus: ${_what}: FAILS (${TUTTI_SYSTEM_OPUS_CHECK_DETAIL})")
  endif()
endfunction()
