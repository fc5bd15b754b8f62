#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocol/byte_io.h"

// Field layouts shared by several messages (client lists, server descriptions, strings with
// limits).
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

// A u16-counted string; fails the reader if it is longer than maxUnits UTF-16 code units.
std::string readLimitedString16(ByteReader& reader, std::size_t maxUnits);
std::string readLimitedString8(ByteReader& reader, std::size_t maxUnits);

ClientListEntry readClientListEntry(ByteReader& reader);
void writeClientListEntry(ByteWriter& writer, const ClientListEntry& entry);

// Entries until the payload ends; nullopt if any entry is short or invalid.
std::optional<std::vector<ClientListEntry>> readClientList(ByteReader& reader);
std::vector<std::uint8_t> encodeClientList(const std::vector<ClientListEntry>& entries);

// Port, country, max clients, permanent, name, internal address, city.
ServerInfo readServerInfo(ByteReader& reader);
void writeServerInfo(ByteWriter& writer, const ServerInfo& info);

}  // namespace tutti::protocol
