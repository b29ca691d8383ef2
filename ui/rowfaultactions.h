// RowFaultActions: the faults a right-click on a part of the cluster offers (a receiver row of the
// stream timeline, an executor lane of the task timeline, a row of the cluster dialog), with
// whether they can be injected now and why not: plain values from a RunSnapshot, tested without
// a widget; the views turn them into a menu and emit the action (docs/faults.md).
#pragma once

#include "snapshotfwd.h"

#include <QCoreApplication>
#include <QString>

#include <functional>
#include <vector>

class QMenu;

namespace dsl::ui {

/// One fault a row offers.
struct RowFaultAction {
    QString action;  ///< the faults file's action: "kill-receiver 0", "slow-executor 1 4"
    QString text;    ///< the menu entry: "Kill receiver 0"
    QString what;    ///< the status strip's words once injected: "kill receiver 0"
    bool enabled = false;
    QString whyNot;  ///< the tooltip of a disabled entry (empty when enabled)
    bool operator==(const RowFaultAction &) const = default;
};

class RowFaultActions {
    Q_DECLARE_TR_FUNCTIONS(RowFaultActions)

public:
    /// How much slower slow-executor makes an executor from the views (tasks take 4x as long).
    static constexpr int kSlowFactor = 4;

    /// Why no fault can be injected into the run now (empty: it can): not started, browsing the
    /// history, replaying, ended.
    static QString unavailable(const RunSnapshot *s);
    /// "Kill receiver N" for the receiver of input stream N.
    static std::vector<RowFaultAction> forReceiver(const RunSnapshot *s, int streamId);
    /// "Kill executor N" and "Make executor N slow (×4)" for an executor ("driver" in local mode,
    /// whose one executor is slowed as executor 0 and cannot be killed; "0", "1", ... on a
    /// local-cluster master). An executor no longer alive, or the last one alive, is not killed.
    static std::vector<RowFaultAction> forExecutor(const RunSnapshot *s, const QString &executorId);

    /// Adds the actions to a menu (tooltips shown, a disabled entry's tooltip says why); a
    /// triggered entry calls `inject(action, what)`.
    static void addTo(QMenu *menu, const std::vector<RowFaultAction> &actions,
                      const std::function<void(const QString &action, const QString &what)> &inject);
};

} // namespace dsl::ui
