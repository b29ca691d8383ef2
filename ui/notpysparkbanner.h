// NotPySparkBanner: the note beside the program when it uses what DStream Lab offers beyond
// PySpark (mapWithState, StateSpec): it runs here, but not under spark-submit.
#pragma once

#include "snapshotfwd.h"

#include <QLabel>
#include <QStringList>

namespace dsl::ui {

class SimulationController;
struct Theme;

/// Hidden unless the run's stderr holds "WARN DStreamLab: NAME is not part of PySpark" lines
/// (RunSnapshot::notPySpark); then one line naming them, with the WARN text as its tooltip.
class NotPySparkBanner : public QLabel {
    Q_OBJECT
public:
    explicit NotPySparkBanner(SimulationController *controller, QWidget *parent = nullptr);
    /// The names shown (empty while hidden).
    const QStringList &names() const { return m_names; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void onSnapshot(const RunSnapshotPtr &s);
    void applyTheme(const Theme &t);
    void retranslateUi();

    QStringList m_names;
};

} // namespace dsl::ui
