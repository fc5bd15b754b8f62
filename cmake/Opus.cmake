# Placeholder: system libopus through pkg-config (replaced by the source build of Debian's opus).
find_package(PkgConfig REQUIRED)
pkg_check_modules(OPUS REQUIRED IMPORTED_TARGET libopus)
add_library(Opus::opus ALIAS PkgConfig::OPUS)
