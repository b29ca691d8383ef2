// A --master value built and read back (masterspec.h).
#include "masterspec.h"

#include <QRegularExpression>

namespace dsl::ui {

QString MasterSpec::toString() const
{
    if (mode == Mode::Local) return QStringLiteral("local[%1]").arg(cores);
    return QStringLiteral("local-cluster[%1,%2,%3]").arg(executors).arg(coresPerExecutor).arg(memoryMb);
}

std::optional<MasterSpec> MasterSpec::parse(const QString &master)
{
    // SparkContext.createTaskScheduler's regexes (engine/sparkcontext.cpp).
    static const QRegularExpression local(QStringLiteral(R"(^local(?:\[([0-9]+)(?:\s*,\s*[0-9]+)?\])?$)"));
    static const QRegularExpression cluster(QStringLiteral(R"(^local-cluster\[\s*([0-9]+)\s*,\s*([0-9]+)\s*,\s*([0-9]+)\s*\]$)"));
    MasterSpec m;
    bool ok = true;
    if (const auto l = local.match(master); l.hasMatch()) {
        m.mode = Mode::Local;
        m.cores = l.captured(1).isEmpty() ? 1 : l.captured(1).toInt(&ok);
        if (!ok || m.cores <= 0) return std::nullopt;
        return m;
    }
    if (const auto c = cluster.match(master); c.hasMatch()) {
        m.mode = Mode::LocalCluster;
        bool ok1 = true, ok2 = true, ok3 = true;
        m.executors = c.captured(1).toInt(&ok1);
        m.coresPerExecutor = c.captured(2).toInt(&ok2);
        m.memoryMb = c.captured(3).toInt(&ok3);
        if (!ok1 || !ok2 || !ok3 || m.executors <= 0 || m.coresPerExecutor <= 0) return std::nullopt;
        return m;
    }
    return std::nullopt;
}

} // namespace dsl::ui
