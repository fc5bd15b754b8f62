#pragma once

#include <string>

namespace tutti::directory {

struct LocalAddress {
    std::string ip;     // dotted IPv4
    std::string error;  // why detection failed (then ip is 127.0.0.1)
};

// The local IPv4 address that routes towards the Internet, found the way Jamulus does: by
// connecting a UDP socket (no datagram is sent) and asking which address the kernel chose.
LocalAddress detectLocalIpv4();

}  // namespace tutti::directory
