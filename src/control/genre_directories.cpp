#include "src/control/genre_directories.h"

namespace tutti::control {

std::string builtInDirectoryAddress(DirectoryType type) {
    switch (type) {
        case DirectoryType::AnyGenre1:
            return "anygenre1.jamulus.app:22124";
        case DirectoryType::AnyGenre2:
            return "anygenre2.jamulus.app:22224";
        case DirectoryType::AnyGenreAsia:
            return "asia.jamulus.app:22624";
        case DirectoryType::GenreRock:
            return "rock.jamulus.app:22424";
        case DirectoryType::GenreJazz:
            return "jazz.jamulus.app:22324";
        case DirectoryType::GenreClassicalFolk:
            return "classical.jamulus.app:22524";
        case DirectoryType::GenreChoralBarbershop:
            return "choral.jamulus.app:22724";
        case DirectoryType::None:
        case DirectoryType::Custom:
            break;
    }
    return {};
}

}  // namespace tutti::control
