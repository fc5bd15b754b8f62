// tutti-flood: hostile traffic against a server on 127.0.0.1, bounded in rate and time.
//   tutti-flood --port 22124 --mode addresses --seconds 3 --rate 20000 --sources 4096
// Prints one JSON line with what was sent and what came back.
#include <atomic>
#include <cstdlib>
#include <iostream>
#include <string>

#include "tools/flood/flood.h"

namespace {
void usage() {
    std::cout << "usage: tutti-flood --port N --mode MODE [--seconds S] [--rate R] [--sources N]\n"
                 "                   [--source-net N] [--size BYTES]\n"
                 "Floods 127.0.0.1:N with hostile traffic (loopback only), at most 60 s and\n"
                 "400000 datagrams/s, from at most 65536 sources 127.<source-net>.x.y.\n"
                 "MODE: chat, infos (one connected client repeating messages), ports (audio from\n"
                 "many ports of one address), addresses (audio from many addresses that never\n"
                 "answer), clients-list, server-list (spoofed connectionless requests), mutated\n"
                 "(random well-framed messages), oversize (datagrams of --size bytes).\n";
}
}  // namespace

int main(int argc, char** argv) {
    tutti::flood::FloodOptions o;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "-h" || arg == "--help") {
            usage();
            return 0;
        }
        if (i + 1 >= argc) {
            std::cerr << "tutti-flood: " << arg << " needs a value\n";
            return 1;
        }
        const std::string value = argv[++i];
        if (arg == "--port") {
            o.port = static_cast<uint16_t>(std::atoi(value.c_str()));
        } else if (arg == "--mode") {
            const auto mode = tutti::flood::parseMode(value);
            if (!mode) {
                std::cerr << "tutti-flood: unknown mode " << value << "\n";
                return 1;
            }
            o.mode = *mode;
        } else if (arg == "--seconds") {
            o.seconds = std::atof(value.c_str());
        } else if (arg == "--rate") {
            o.rate = std::atof(value.c_str());
        } else if (arg == "--sources") {
            o.sources = std::atoi(value.c_str());
        } else if (arg == "--source-net") {
            o.sourceNet = std::atoi(value.c_str());
        } else if (arg == "--size") {
            o.size = std::atoi(value.c_str());
        } else {
            std::cerr << "tutti-flood: unknown option " << arg << "\n";
            return 1;
        }
    }
    std::atomic<bool> stop{false};
    const tutti::flood::FloodResult r = tutti::flood::runFlood(o, stop);
    std::cout << r.json(o.mode) << "\n";
    return r.error.empty() ? 0 : 1;
}
