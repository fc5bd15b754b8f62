#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tutti::protocol::test {

// One datagram line of a golden capture (tests/data/captures/*.txt).
struct CapturedDatagram {
    std::string file;
    int line = 0;
    std::string from;  // endpoint names as the capture labels them, e.g. "alice", "server"
    std::string to;
    std::vector<std::uint8_t> bytes;
    std::string summary;  // the decoder's annotation, e.g. "AUDIO 46 bytes" or "ACKN(1) cnt=0 ..."
};

// Every datagram line of every capture file, in file and line order.
std::vector<CapturedDatagram> loadAllCaptures();

}  // namespace tutti::protocol::test
