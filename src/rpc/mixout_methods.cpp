#include "src/rpc/mixout_methods.h"

#include "src/rpc/param_reading.h"
#include "src/rpc/rpc_json.h"

namespace tutti::rpc {

namespace {

// Counters as JSON integers: exact below 2^53, which no frame counter reaches.
QJsonValue counter(uint64_t value) {
    return static_cast<qint64>(value);
}

// The --mixoutinput counters, or null without an input.
QJsonValue inputObject(const control::MixOutStatus& s) {
    if (!s.input) {
        return QJsonValue::Null;
    }
    return QJsonObject{
        {QStringLiteral("driftCorrections"), counter(s.inputDriftCorrections)},
        {QStringLiteral("overruns"), counter(s.inputOverruns)},
        {QStringLiteral("underruns"), counter(s.inputUnderruns)},
    };
}

MethodOutcome mixOutStatus(const control::OperatorApi& api) {
    const control::MixOutStatus s = api.mixOutStatus();
    return MethodOutcome::ok(QJsonObject{
        {QStringLiteral("backend"), qstr(s.backend)},
        {QStringLiteral("configured"), s.configured},
        {QStringLiteral("device"), qstr(s.device)},
        {QStringLiteral("driftCorrections"), counter(s.driftCorrections)},
        {QStringLiteral("error"), qstr(s.error)},
        {QStringLiteral("input"), inputObject(s)},
        {QStringLiteral("overruns"), counter(s.overruns)},
        {QStringLiteral("running"), s.running},
        {QStringLiteral("underruns"), counter(s.underruns)},
    });
}

}  // namespace

void addMixOutMethods(MethodTable& table, const control::OperatorApi& api) {
    const control::OperatorApi* a = &api;
    table.add("tutti/getMixOutStatus",
              [a](const QJsonObject&, Session&) { return mixOutStatus(*a); });
}

}  // namespace tutti::rpc
