// The server's port as two sockets steered apart by the kernel (issue 13): which datagrams
// reach which socket, over IPv4 and IPv6, and that the port still refuses a second server.
// Real UDP sockets on 127.0.0.1 and ::1.
#include "src/net/steered_sockets.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <vector>

#include "protocol/framing.h"

namespace tutti::net {
namespace {

using Bytes = std::vector<uint8_t>;

// What steering must tell apart: real messages, and non-messages that look a little like one.
struct Sample {
    const char* what;
    Bytes bytes;
    unsigned socket;  // 0: protocol, 1: audio
};

std::vector<Sample> samples() {
    Bytes audio(71);
    for (std::size_t i = 0; i < audio.size(); ++i) {
        audio[i] = static_cast<uint8_t>(0x91 + 7 * i);
    }
    Bytes zeroTagAudio = audio;  // audio that happens to start with two zero bytes
    zeroTagAudio[0] = 0;
    zeroTagAudio[1] = 0;
    Bytes longLength = protocol::encodeFrame(1001, 3, Bytes{1, 2, 3, 4});
    longLength.push_back(0);  // one byte more than its length field says
    return {
        {"ping message", protocol::encodeFrame(1001, 3, Bytes{1, 2, 3, 4}), 0},
        {"empty message", protocol::encodeFrame(1, 0, Bytes{}), 0},
        {"large message", protocol::encodeFrame(1014, 0, Bytes(700, 'a')), 0},
        {"audio", audio, 1},
        {"audio starting 00 00", zeroTagAudio, 1},
        {"message with a wrong length", longLength, 1},
        {"3 bytes starting 00 00", Bytes{0, 0, 5}, 0},  // too short to check: as before
        {"3 bytes", Bytes{9, 0, 5}, 1},
    };
}

bool ipv6Loopback() {
    const int fd = socket(AF_INET6, SOCK_DGRAM, 0);
    if (fd < 0) {
        return false;
    }
    sockaddr_in6 a{};
    a.sin6_family = AF_INET6;
    a.sin6_addr = in6addr_loopback;
    const bool ok = bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)) == 0;
    close(fd);
    return ok;
}

// Sends every sample from a socket of `family` to the loopback address and reads which of the
// two server sockets each arrived on (bounded waits: loopback delivers at once).
void expectSteered(int family, const UdpSocket& protocolSocket, const UdpSocket& audioSocket) {
    const int client = socket(family, SOCK_DGRAM, 0);
    ASSERT_GE(client, 0);
    sockaddr_storage to{};
    socklen_t toLen = 0;
    if (family == AF_INET6) {
        auto* a = reinterpret_cast<sockaddr_in6*>(&to);
        a->sin6_family = AF_INET6;
        a->sin6_addr = in6addr_loopback;
        a->sin6_port = htons(protocolSocket.localPort());
        toLen = sizeof(*a);
    } else {
        auto* a = reinterpret_cast<sockaddr_in*>(&to);
        a->sin_family = AF_INET;
        a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a->sin_port = htons(protocolSocket.localPort());
        toLen = sizeof(*a);
    }
    const int fds[2] = {protocolSocket.fd(), audioSocket.fd()};
    for (const Sample& s : samples()) {
        ASSERT_EQ(steeringIndexFor(s.bytes.data(), s.bytes.size()), s.socket) << s.what;
        ASSERT_EQ(sendto(client, s.bytes.data(), s.bytes.size(), 0,
                         reinterpret_cast<sockaddr*>(&to), toLen),
                  static_cast<ssize_t>(s.bytes.size()));
        pollfd p[2] = {{fds[0], POLLIN, 0}, {fds[1], POLLIN, 0}};
        ASSERT_EQ(poll(p, 2, 2000), 1) << s.what << ": on exactly one socket";
        const unsigned got = p[0].revents != 0 ? 0 : 1;
        EXPECT_EQ(got, s.socket) << s.what;
        uint8_t buffer[2048];
        EXPECT_EQ(recv(fds[got], buffer, sizeof(buffer), MSG_DONTWAIT),
                  static_cast<ssize_t>(s.bytes.size()));
    }
    close(client);
}

SocketConfig loopbackOnly() {
    SocketConfig config;
    config.port = 0;
    config.ipv6 = false;
    config.bindIpv4 = "127.0.0.1";
    return config;
}

TEST(SteeredSockets, MessagesReachTheProtocolSocketAndEverythingElseTheAudioSocket) {
    const SocketConfig config = loopbackOnly();
    UdpSocket protocolSocket;
    UdpSocket audioSocket;
    const SteeredSockets opened = openSteeredSockets(config, protocolSocket, audioSocket);
    ASSERT_EQ(opened.error, "");
    ASSERT_EQ(opened.notSteered, "");
    EXPECT_EQ(audioSocket.localPort(), protocolSocket.localPort());
    expectSteered(AF_INET, protocolSocket, audioSocket);
}

TEST(SteeredSockets, ADualStackPortSteersIpv4AndIpv6Alike) {
    if (!ipv6Loopback()) {
        GTEST_SKIP() << "no IPv6 loopback on this machine";
    }
    SocketConfig config;
    config.port = 0;  // dual stack: IPv6 socket, all interfaces
    UdpSocket protocolSocket;
    UdpSocket audioSocket;
    const SteeredSockets opened = openSteeredSockets(config, protocolSocket, audioSocket);
    ASSERT_EQ(opened.error, "");
    ASSERT_EQ(opened.notSteered, "");
    ASSERT_EQ(protocolSocket.family(), AF_INET6);
    expectSteered(AF_INET6, protocolSocket, audioSocket);
    expectSteered(AF_INET, protocolSocket, audioSocket);
}

TEST(SteeredSockets, APortInUseIsRefusedAsWithOneSocket) {
    SocketConfig config = loopbackOnly();
    UdpSocket protocolSocket;
    UdpSocket audioSocket;
    ASSERT_EQ(openSteeredSockets(config, protocolSocket, audioSocket).error, "");
    // A second server on the same port (sharing would let it join the group and get nothing).
    config.port = protocolSocket.localPort();
    UdpSocket secondProtocol;
    UdpSocket secondAudio;
    const SteeredSockets second = openSteeredSockets(config, secondProtocol, secondAudio);
    EXPECT_NE(second.error.find("Address already in use"), std::string::npos) << second.error;
    EXPECT_LT(secondProtocol.fd(), 0);
    EXPECT_LT(secondAudio.fd(), 0);
    // And a server that holds the port alone keeps a steered one out just the same.
    UdpSocket plain;
    config.port = 0;
    ASSERT_EQ(plain.open(config), "");
    config.port = plain.localPort();
    UdpSocket thirdProtocol;
    UdpSocket thirdAudio;
    EXPECT_NE(openSteeredSockets(config, thirdProtocol, thirdAudio).error, "");
}

TEST(SteeredSockets, AnInheritedSocketIsUsedAloneAndSaysWhy) {
    const int inherited = socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(bind(inherited, reinterpret_cast<sockaddr*>(&a), sizeof(a)), 0);
    SocketConfig config;
    config.inheritedFd = inherited;
    UdpSocket protocolSocket;
    UdpSocket audioSocket;
    const SteeredSockets opened = openSteeredSockets(config, protocolSocket, audioSocket);
    EXPECT_EQ(opened.error, "");
    EXPECT_NE(opened.notSteered, "");
    EXPECT_EQ(protocolSocket.fd(), inherited);
    EXPECT_LT(audioSocket.fd(), 0);
}

}  // namespace
}  // namespace tutti::net
