#include "src/directory/local_address.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace tutti::directory {

LocalAddress detectLocalIpv4() {
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return {"127.0.0.1", std::strerror(errno)};
    }
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(22124);
    to.sin_addr.s_addr = htonl(0x01010101);  // 1.1.1.1: any public address picks the route
    LocalAddress out{"127.0.0.1", {}};
    sockaddr_in self{};
    socklen_t len = sizeof(self);
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&to), sizeof(to)) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&self), &len) != 0) {
        out.error = std::strerror(errno);
    } else {
        char buf[INET_ADDRSTRLEN] = {};
        inet_ntop(AF_INET, &self.sin_addr, buf, sizeof(buf));
        out.ip = buf;
    }
    ::close(fd);
    return out;
}

}  // namespace tutti::directory
