#include "src/net/steered_sockets.h"

#include <linux/filter.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

namespace tutti::net {

namespace {

constexpr uint32_t kProtocolSocket = 0;  // the group's first member: bound first
constexpr uint32_t kAudioSocket = 1;

// A protocol message is a 7-byte header (tag 0, id, counter, little-endian payload length),
// the payload and a 2-byte CRC (PROTOCOL.md 3). Comparing the length field with the datagram's
// length as well as the tag means audio that happens to start with two zero bytes still goes
// to the audio socket. A load past the end (datagrams under 7 bytes) ends the program with 0,
// the protocol socket, whose reader treats them as it always did.
constexpr sock_filter kSteering[] = {
    BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 0),          // 0: A = tag
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 10),  // 1: not zero: audio (12)
    BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 6),          // 2: A = length field, high byte
    BPF_STMT(BPF_ALU | BPF_LSH | BPF_K, 8),         // 3
    BPF_STMT(BPF_MISC | BPF_TAX, 0),                // 4: X = A
    BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 5),          // 5: A = length field, low byte
    BPF_STMT(BPF_ALU | BPF_OR | BPF_X, 0),          // 6: A = payload length
    BPF_STMT(BPF_ALU | BPF_ADD | BPF_K, 9),         // 7: + header and CRC
    BPF_STMT(BPF_MISC | BPF_TAX, 0),                // 8: X = length of such a message
    BPF_STMT(BPF_LD | BPF_W | BPF_LEN, 0),          // 9: A = datagram length (UDP payload)
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_X, 0, 0, 1),   // 10
    BPF_STMT(BPF_RET | BPF_K, kProtocolSocket),     // 11
    BPF_STMT(BPF_RET | BPF_K, kAudioSocket),        // 12
};

std::string attachSteering(int fd) {
    sock_fprog program{static_cast<unsigned short>(sizeof(kSteering) / sizeof(kSteering[0])),
                       const_cast<sock_filter*>(kSteering)};
    if (setsockopt(fd, SOL_SOCKET, SO_ATTACH_REUSEPORT_CBPF, &program, sizeof(program)) != 0) {
        return std::string("the kernel refused the steering program: ") + std::strerror(errno);
    }
    return {};
}

}  // namespace

unsigned steeringIndexFor(const uint8_t* payload, std::size_t size) {
    // A load past the end aborts the kernel's program with 0.
    if (size < 2) {
        return kProtocolSocket;
    }
    if (payload[0] != 0 || payload[1] != 0) {
        return kAudioSocket;
    }
    if (size < 7) {
        return kProtocolSocket;
    }
    const std::size_t length = (static_cast<std::size_t>(payload[6]) << 8) | payload[5];
    return length + 9 == size ? kProtocolSocket : kAudioSocket;
}

SteeredSockets openSteeredSockets(const SocketConfig& config, UdpSocket& protocol,
                                  UdpSocket& audio) {
    SteeredSockets result;
    audio.close();
    if (config.inheritedFd >= 0) {
        result.error = protocol.open(config);
        result.notSteered = "systemd passed one socket";
        return result;
    }
    // SO_REUSEPORT would let a second server started on the same port join our group and
    // receive nothing, silently. A plain bind first fails as it always did when the port is
    // taken (by anyone); the port is ours from the next bind on.
    if (config.port != 0) {
        UdpSocket probe;
        if (std::string err = probe.open(config); !err.empty()) {
            result.error = err;
            return result;
        }
    }
    SocketConfig shared = config;
    shared.reusePort = true;
    if (std::string err = protocol.open(shared); !err.empty()) {
        // A kernel without SO_REUSEPORT: one socket, as before.
        result.error = protocol.open(config);
        result.notSteered = err;
        return result;
    }
    shared.port = protocol.localPort();
    std::string err = audio.open(shared);
    if (err.empty()) {
        err = attachSteering(audio.fd());
    }
    if (!err.empty() || audio.family() != protocol.family()) {
        audio.close();
        result.notSteered = err.empty() ? "the two sockets differ in address family" : err;
    }
    return result;
}

}  // namespace tutti::net
