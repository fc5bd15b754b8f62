#include "src/directory/directory_driver.h"

#include <QHostAddress>
#include <QHostInfo>

namespace tutti::directory {

DirectoryDriver::DirectoryDriver(DirectoryConfig config, DirectoryService::SendFn send,
                                 DirectoryService::LogFn log)
    : service_(std::make_unique<DirectoryService>(
          std::move(config), std::move(send), std::move(log),
          [this](const std::string& host, uint16_t port, Registrar::ResolveDone done) {
              resolve(host, port, std::move(done));
          })) {}

DirectoryDriver::~DirectoryDriver() = default;

void DirectoryDriver::resolve(const std::string& host, uint16_t port, Registrar::ResolveDone done) {
    // `this` as context: a lookup still running when the driver goes away is never delivered.
    QHostInfo::lookupHost(QString::fromStdString(host), this,
                          [port, done = std::move(done)](const QHostInfo& info) {
                              for (const QHostAddress& a : info.addresses()) {
                                  bool isIpv4 = false;
                                  const quint32 ip = a.toIPv4Address(&isIpv4);
                                  if (isIpv4) {
                                      done(net::PeerAddress::fromIpv4(ip, port));
                                      return;
                                  }
                              }
                              done(std::nullopt);  // directory traffic is IPv4 only
                          });
}

}  // namespace tutti::directory
