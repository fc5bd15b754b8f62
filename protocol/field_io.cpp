#include "protocol/field_io.h"

#include "protocol/utf16_length.h"

namespace tutti::protocol {

std::string FieldReader::limited(std::string text, std::size_t maxUnits) {
    // n bytes never decode to more than n UTF-16 units, so short strings need no decoding.
    if (text.size() > maxUnits && utf16Length(text) > maxUnits) {
        r_.fail();
        return {};
    }
    return text;
}

}  // namespace tutti::protocol
