#include "protocol/payload_fields.h"

#include "protocol/limits.h"
#include "protocol/utf16_length.h"

namespace tutti::protocol {
namespace {

std::string enforceLimit(ByteReader& reader, std::string text, std::size_t maxUnits) {
    // n bytes never decode to more than n UTF-16 units, so short strings need no decoding.
    if (text.size() > maxUnits && utf16Length(text) > maxUnits) {
        reader.fail();
        return {};
    }
    return text;
}

}  // namespace

std::string readLimitedString16(ByteReader& reader, std::size_t maxUnits) {
    return enforceLimit(reader, reader.string16(), maxUnits);
}

std::string readLimitedString8(ByteReader& reader, std::size_t maxUnits) {
    return enforceLimit(reader, reader.string8(), maxUnits);
}

ClientListEntry readClientListEntry(ByteReader& reader) {
    ClientListEntry e;
    e.channel = reader.u8();
    e.country = reader.u16();
    e.instrument = reader.u32();
    e.skill = reader.u8();
    reader.u32();  // former IP address field
    e.name = readLimitedString16(reader, limits::kClientName);
    e.city = readLimitedString16(reader, limits::kClientCity);
    return e;
}

void writeClientListEntry(ByteWriter& writer, const ClientListEntry& entry) {
    writer.u8(entry.channel);
    writer.u16(entry.country);
    writer.u32(entry.instrument);
    writer.u8(entry.skill);
    writer.u32(0);
    writer.string16(entry.name);
    writer.string16(entry.city);
}

std::optional<std::vector<ClientListEntry>> readClientList(ByteReader& reader) {
    std::vector<ClientListEntry> entries;
    while (reader.remaining() > 0) {
        entries.push_back(readClientListEntry(reader));
    }
    if (!reader.atEnd()) {
        return std::nullopt;
    }
    return entries;
}

std::vector<std::uint8_t> encodeClientList(const std::vector<ClientListEntry>& entries) {
    std::vector<std::uint8_t> out;
    ByteWriter w(out);
    for (const auto& e : entries) {
        writeClientListEntry(w, e);
    }
    return out;
}

ServerInfo readServerInfo(ByteReader& reader) {
    ServerInfo s;
    s.port = reader.u16();
    s.country = reader.u16();
    s.maxClients = reader.u8();
    s.permanent = reader.u8();
    s.name = readLimitedString16(reader, limits::kServerName);
    s.internalAddress = readLimitedString16(reader, limits::kServerInternalAddress);
    s.city = readLimitedString16(reader, limits::kServerCity);
    return s;
}

void writeServerInfo(ByteWriter& writer, const ServerInfo& info) {
    writer.u16(info.port);
    writer.u16(info.country);
    writer.u8(info.maxClients);
    writer.u8(info.permanent);
    writer.string16(info.name);
    writer.string16(info.internalAddress);
    writer.string16(info.city);
}

}  // namespace tutti::protocol
