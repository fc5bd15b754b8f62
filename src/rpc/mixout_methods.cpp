#include "src/rpc/mixout_methods.h"

#include "src/rpc/param_reading.h"
#include "src/rpc/rpc_json.h"

namespace tutti::rpc {

namespace {

MethodOutcome mixOutStatus(const control::OperatorApi& api) {
    const control::MixOutStatus s = api.mixOutStatus();
    // Counters as JSON integers: exact below 2^53, which no frame counter reaches.
    return MethodOutcome::ok(QJsonObject{
        {QStringLiteral("backend"), qstr(s.backend)},
        {QStringLiteral("configured"), s.configured},
        {QStringLiteral("device"), qstr(s.device)},
        {QStringLiteral("driftCorrections"), static_cast<qint64>(s.driftCorrections)},
        {QStringLiteral("error"), qstr(s.error)},
        {QStringLiteral("overruns"), static_cast<qint64>(s.overruns)},
        {QStringLiteral("running"), s.running},
        {QStringLiteral("underruns"), static_cast<qint64>(s.underruns)},
    });
}

}  // namespace

void addMixOutMethods(MethodTable& table, const control::OperatorApi& api) {
    const control::OperatorApi* a = &api;
    table.add("tutti/getMixOutStatus",
              [a](const QJsonObject&, Session&) { return mixOutStatus(*a); });
}

}  // namespace tutti::rpc
