// The Qt side of the directory code: looks directory names up without blocking (QHostInfo runs
// the lookup on a Qt worker thread and delivers the answer to the control thread's event loop)
// and owns the Qt-free DirectoryService that ServerCore consults.
#pragma once

#include <QObject>
#include <memory>

#include "src/directory/directory_service.h"

namespace tutti::directory {

class DirectoryDriver : public QObject {
  public:
    DirectoryDriver(DirectoryConfig config, DirectoryService::SendFn send,
                    DirectoryService::LogFn log);
    ~DirectoryDriver() override;

    DirectoryService& service() { return *service_; }

  private:
    void resolve(const std::string& host, uint16_t port, Registrar::ResolveDone done);

    std::unique_ptr<DirectoryService> service_;
};

}  // namespace tutti::directory
