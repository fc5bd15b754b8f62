#include <array>
#include <utility>

#include "src/control/operator_api.h"

namespace tutti::control {

namespace {
// The newest Jamulus names (3.12.3+); 3.12.0-3.12.2 called the Asian directory "any_genre_3",
// which is still accepted on input.
constexpr std::array<std::pair<DirectoryType, const char*>, 9> kKeys{{
    {DirectoryType::None, "none"},
    {DirectoryType::AnyGenre1, "any_genre_1"},
    {DirectoryType::AnyGenre2, "any_genre_2"},
    {DirectoryType::AnyGenreAsia, "any_genre_asia"},
    {DirectoryType::GenreRock, "genre_rock"},
    {DirectoryType::GenreJazz, "genre_jazz"},
    {DirectoryType::GenreClassicalFolk, "genre_classical_folk"},
    {DirectoryType::GenreChoralBarbershop, "genre_choral_barbershop"},
    {DirectoryType::Custom, "custom"},
}};
}  // namespace

std::string directoryTypeKey(DirectoryType type) {
    for (const auto& [t, key] : kKeys) {
        if (t == type) {
            return key;
        }
    }
    return "none";
}

std::optional<DirectoryType> directoryTypeFromKey(const std::string& key) {
    for (const auto& [t, k] : kKeys) {
        if (key == k) {
            return t;
        }
    }
    if (key == "any_genre_3") {
        return DirectoryType::AnyGenreAsia;
    }
    return std::nullopt;
}

}  // namespace tutti::control
