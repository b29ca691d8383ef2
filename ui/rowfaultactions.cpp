// The faults a row of the cluster offers (rowfaultactions.h).
#include "rowfaultactions.h"

#include "sessiontypes.h"

#include <QAction>
#include <QMenu>

#include <algorithm>

namespace dsl::ui {

QString RowFaultActions::unavailable(const RunSnapshot *s)
{
    if (!s || s->phase == RunPhase::NotStarted) return tr("Start the run first: faults hit a running cluster");
    if (s->phase == RunPhase::Finished || s->phase == RunPhase::Failed)
        return tr("The run has ended: reset it (Ctrl+R) to break a running cluster");
    if (s->phase == RunPhase::Replaying) return tr("Replaying the run: wait until it is back at its latest batch");
    if (s->cursor)
        return tr("Browsing the history: follow the latest batch again (Home) to break the running cluster");
    if (!s->hasContext) return tr("Start the run first: faults hit a running cluster");
    return {};
}

std::vector<RowFaultAction> RowFaultActions::forReceiver(const RunSnapshot *s, int streamId)
{
    RowFaultAction a;
    a.action = QStringLiteral("kill-receiver %1").arg(streamId);
    a.text = tr("Kill receiver %1").arg(streamId);
    a.what = tr("kill receiver %1").arg(streamId);
    a.whyNot = unavailable(s);
    if (a.whyNot.isEmpty()) {
        const auto r = std::find_if(s->receivers.begin(), s->receivers.end(), [&](const ReceiverInfo &x) { return x.streamId == streamId; });
        if (r == s->receivers.end()) a.whyNot = tr("Input stream %1 has no receiver").arg(streamId);
        else if (!r->active) a.whyNot = tr("Receiver %1 is not running now: it is being launched again").arg(streamId);
    }
    a.enabled = a.whyNot.isEmpty();
    return {a};
}

std::vector<RowFaultAction> RowFaultActions::forExecutor(const RunSnapshot *s, const QString &executorId)
{
    const QString why = unavailable(s);
    const bool local = executorId == QLatin1String("driver");
    // Local mode's one executor lives in the driver: slow-executor names it 0 (docs/faults.md).
    const QString target = local ? QStringLiteral("0") : executorId;
    const bool alive =
        s && std::find(s->executors.begin(), s->executors.end(), executorId.toStdString()) != s->executors.end();
    const auto aliveCount = s ? static_cast<int>(s->executors.size()) : 0;

    RowFaultAction kill;
    kill.action = QStringLiteral("kill-executor %1").arg(target);
    kill.text = local ? tr("Kill the driver's executor") : tr("Kill executor %1").arg(executorId);
    kill.what = tr("kill executor %1").arg(executorId);
    if (local)
        kill.whyNot = tr("In local mode the one executor runs inside the driver: choose a local-cluster master "
                         "(Faults > Cluster…) to kill executors");
    else if (!why.isEmpty()) kill.whyNot = why;
    else if (!alive) kill.whyNot = tr("Executor %1 is no longer alive: a new executor with the next id replaces it").arg(executorId);
    else if (aliveCount <= 1)
        kill.whyNot = tr("Executor %1 is the last one alive: DStream Lab keeps one, so that received blocks survive").arg(executorId);
    kill.enabled = kill.whyNot.isEmpty();

    RowFaultAction slow;
    slow.action = QStringLiteral("slow-executor %1 %2").arg(target).arg(kSlowFactor);
    slow.text = local ? tr("Make the driver's executor slow (×%1)").arg(kSlowFactor)
                      : tr("Make executor %1 slow (×%2)").arg(executorId).arg(kSlowFactor);
    slow.what = tr("slow down executor %1: its tasks take %2 times as long").arg(executorId).arg(kSlowFactor);
    if (!why.isEmpty()) slow.whyNot = why;
    else if (!alive) slow.whyNot = tr("Executor %1 is no longer alive: a new executor with the next id replaces it").arg(executorId);
    slow.enabled = slow.whyNot.isEmpty();
    return {kill, slow};
}

void RowFaultActions::addTo(QMenu *menu, const std::vector<RowFaultAction> &actions,
                            const std::function<void(const QString &, const QString &)> &inject)
{
    menu->setToolTipsVisible(true);
    for (const RowFaultAction &a : actions) {
        QAction *act = menu->addAction(a.text);
        act->setObjectName(a.action);
        act->setEnabled(a.enabled);
        act->setToolTip(a.enabled ? a.text : a.whyNot);
        act->setStatusTip(a.whyNot);
        QObject::connect(act, &QAction::triggered, menu, [inject, action = a.action, what = a.what] { inject(action, what); });
    }
}

} // namespace dsl::ui
