#pragma once

#include <netinet/in.h>
#include <sys/socket.h>

#include <array>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "protocol/framing.h"
#include "tools/loadgen/load_options.h"

namespace tutti::loadgen {

// The sockets of all simulated clients. In SourceMode::Addresses one socket speaks for every
// client, each from its own 127.0.0.0/8 address (source chosen per datagram with IP_PKTINFO,
// the client recognised on receipt by the destination address), so a whole tick of audio
// leaves in one sendmmsg() and many mixes arrive in one recvmmsg(): the cost per datagram is
// the kernel's, not ours. SourceMode::Ports keeps one connected socket per client, all on one
// address (needed for a server that is not on loopback).
//
// Nothing here allocates after construction.
class ClientTransport {
  public:
    // One datagram for `client`; `arrivalNs` is the kernel's receive time (CLOCK_REALTIME), or
    // the time of reading where the kernel gave none (counted in missingTimestamps()).
    using Handler =
        std::function<void(int client, std::span<const std::uint8_t>, std::int64_t arrivalNs)>;

    // Throws std::system_error when a socket cannot be set up.
    ClientTransport(const sockaddr_in& server, int clients, SourceMode mode);
    ~ClientTransport();
    ClientTransport(const ClientTransport&) = delete;
    ClientTransport& operator=(const ClientTransport&) = delete;

    // Copies a datagram from `client` into the send batch. The batch leaves on flush(), or
    // here when it is full.
    void queue(int client, std::span<const std::uint8_t> datagram);
    void flush();

    // Hands over everything waiting, batch by batch, without blocking.
    void drain(const Handler& handler);
    // Sleeps until a datagram may be waiting, at most timeoutMs.
    void waitReadable(int timeoutMs);

    SourceMode mode() const { return mode_; }
    std::uint64_t sendFailures() const { return sendFailures_; }
    std::uint64_t missingTimestamps() const { return missingTimestamps_; }
    // Datagrams from anyone but the server, or to an address that is not a client's.
    std::uint64_t strayDatagrams() const { return strayDatagrams_; }

  private:
    static constexpr int kTxBatch = 256;
    static constexpr std::size_t kTxSlotBytes = 1500;  // audio frames and most messages
    static constexpr int kRxBatch = 64;
    static constexpr std::size_t kRxBytes = protocol::kMaxDatagram + 1;
    using TxControl = std::array<char, CMSG_SPACE(sizeof(in_pktinfo))>;
    using RxControl =
        std::array<char, CMSG_SPACE(sizeof(timespec)) + CMSG_SPACE(sizeof(in_pktinfo))>;

    void openShared();
    void closeAll();
    void openPerClient();
    void sendShared();
    void sendPerClient();
    void receiveFrom(int fd, int knownClient, const Handler& handler);

    sockaddr_in server_{};
    int clients_;
    SourceMode mode_;
    int sharedFd_ = -1;
    std::vector<int> clientFds_;
    int epoll_ = -1;

    int txCount_ = 0;
    std::vector<std::uint8_t> txData_;
    std::array<int, kTxBatch> txClient_{};
    std::array<iovec, kTxBatch> txIov_{};
    std::array<mmsghdr, kTxBatch> txMsgs_{};
    alignas(cmsghdr) std::array<TxControl, kTxBatch> txControl_{};

    std::vector<std::uint8_t> rxData_;
    std::array<iovec, kRxBatch> rxIov_{};
    std::array<mmsghdr, kRxBatch> rxMsgs_{};
    std::array<sockaddr_in, kRxBatch> rxFrom_{};
    alignas(cmsghdr) std::array<RxControl, kRxBatch> rxControl_{};

    std::uint64_t sendFailures_ = 0;
    std::uint64_t missingTimestamps_ = 0;
    std::uint64_t strayDatagrams_ = 0;
};

}  // namespace tutti::loadgen
