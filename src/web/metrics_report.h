// /metrics: everything a Prometheus scrape shows, read through the command layer. Qt-free.
#pragma once

#include <string>

#include "src/control/operator_api.h"

namespace tutti::web {

struct MetricsContext {
    int maxClients = 0;
    std::string version;
};

std::string metricsText(const control::OperatorApi& api, const MetricsContext& context);

}  // namespace tutti::web
