#pragma once

#include <cstdint>
#include <string>

#include "protocol/limits.h"

// Field groups shared by several messages: a client list entry and a server description.
namespace tutti::protocol {

// One channel in CONN_CLIENTS_LIST / CLM_CONN_CLIENTS_LIST (PROTOCOL.md 6.2). The four bytes
// that once held the client's IP address are always written as zero and ignored when read.
struct ClientListEntry {
    std::uint8_t channel = 0;
    std::uint16_t country = 0;
    std::uint32_t instrument = 0;
    std::uint8_t skill = 0;
    std::string name;
    std::string city;
    bool operator==(const ClientListEntry&) const = default;
};

// The server description of a registration (PROTOCOL.md 7.2), common to 1004 and 1017.
struct ServerInfo {
    std::uint16_t port = 0;  // the server's own ("internal") port
    std::uint16_t country = 0;
    std::uint8_t maxClients = 0;
    std::uint8_t permanent = 0;  // boolean, kept as sent
    std::string name;
    std::string internalAddress;  // dotted IPv4 text, may be empty
    std::string city;
    bool operator==(const ServerInfo&) const = default;
};

// Layouts for FieldWriter / FieldReader (field_io.h).
inline constexpr auto kClientListEntryFields = [](auto& io, auto& e) {
    io.u8(e.channel);
    io.u16(e.country);
    io.u32(e.instrument);
    io.u8(e.skill);
    io.unusedU32();  // the client's IP address, once
    io.string16(e.name, limits::kClientName);
    io.string16(e.city, limits::kClientCity);
};

// Also the tail of a server list entry (ServerListEntry), whose fields have the same names.
inline constexpr auto kServerInfoFields = [](auto& io, auto& s) {
    io.u16(s.port);
    io.u16(s.country);
    io.u8(s.maxClients);
    io.u8(s.permanent);
    io.string16(s.name, limits::kServerName);
    io.string16(s.internalAddress, limits::kServerInternalAddress);
    io.string16(s.city, limits::kServerCity);
};

}  // namespace tutti::protocol
