#include "src/net/receive_batch.h"

#include <sys/socket.h>

#include <vector>

namespace tutti::net {

struct ReceiveBatch::Impl {
    std::size_t maxBytes;
    std::vector<uint8_t> bytes;
    std::vector<sockaddr_storage> names;
    std::vector<iovec> iov;
    std::vector<mmsghdr> msgs;
};

ReceiveBatch::ReceiveBatch(std::size_t capacity, std::size_t maxDatagramBytes) : impl_(new Impl) {
    impl_->maxBytes = maxDatagramBytes;
    impl_->bytes.resize(capacity * maxDatagramBytes);
    impl_->names.resize(capacity);
    impl_->iov.resize(capacity);
    impl_->msgs.resize(capacity);
}

ReceiveBatch::~ReceiveBatch() {
    delete impl_;
}

std::size_t ReceiveBatch::receive(const UdpSocket& socket, bool wait) {
    const std::size_t n = impl_->msgs.size();
    for (std::size_t i = 0; i < n; ++i) {
        impl_->iov[i] = iovec{impl_->bytes.data() + i * impl_->maxBytes, impl_->maxBytes};
        mmsghdr& m = impl_->msgs[i];
        m = mmsghdr{};
        m.msg_hdr.msg_name = &impl_->names[i];
        m.msg_hdr.msg_namelen = sizeof(sockaddr_storage);
        m.msg_hdr.msg_iov = &impl_->iov[i];
        m.msg_hdr.msg_iovlen = 1;
    }
    int got = ::recvmmsg(socket.fd(), impl_->msgs.data(), static_cast<unsigned>(n),
                         wait ? MSG_WAITFORONE : MSG_DONTWAIT, nullptr);
    return got > 0 ? static_cast<std::size_t>(got) : 0;
}

std::span<const uint8_t> ReceiveBatch::data(std::size_t i) const {
    return {impl_->bytes.data() + i * impl_->maxBytes, impl_->msgs[i].msg_len};
}

PeerAddress ReceiveBatch::from(std::size_t i) const {
    return PeerAddress::fromSockaddr(reinterpret_cast<const sockaddr*>(&impl_->names[i]),
                                     impl_->msgs[i].msg_hdr.msg_namelen);
}

bool ReceiveBatch::truncated(std::size_t i) const {
    return (impl_->msgs[i].msg_hdr.msg_flags & MSG_TRUNC) != 0;
}

}  // namespace tutti::net
