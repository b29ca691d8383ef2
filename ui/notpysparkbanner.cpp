// NotPySparkBanner: names from the snapshot, a warning strip above the code.
#include "notpysparkbanner.h"

#include "sessiontypes.h"
#include "simulationcontroller.h"
#include "theme.h"

#include <QEvent>

namespace dsl::ui {

NotPySparkBanner::NotPySparkBanner(SimulationController *controller, QWidget *parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("notPySparkBanner"));
    setWordWrap(true);
    setContentsMargins(8, 4, 8, 4);
    setAutoFillBackground(true);
    setTextFormat(Qt::PlainText);
    hide();
    connect(controller, &SimulationController::snapshotChanged, this, &NotPySparkBanner::onSnapshot);
    connect(controller, &SimulationController::themeChanged, this, &NotPySparkBanner::applyTheme);
    applyTheme(controller->theme());
}

void NotPySparkBanner::onSnapshot(const RunSnapshotPtr &s)
{
    QStringList names;
    // A new run (reset, another program) starts without the note until the program reaches it.
    if (s)
        for (const std::string &n : s->notPySpark()) names << QString::fromStdString(n);
    if (names == m_names) return;
    m_names = names;
    retranslateUi();
}

void NotPySparkBanner::retranslateUi()
{
    setVisible(!m_names.isEmpty());
    if (m_names.isEmpty()) return;
    setText(tr("⚠ Not PySpark: %1. DStream Lab offers it, but this program will not run under spark-submit.")
                .arg(m_names.join(QStringLiteral(", "))));
    setToolTip(tr("PySpark has no %1: Spark offers it in Scala and Java only (the WARN line in the log says "
                  "more). `dstreamlab run --strict` makes it an error.")
                   .arg(m_names.join(QStringLiteral(", "))));
}

void NotPySparkBanner::applyTheme(const Theme &t)
{
    setFont(t.font(0.95, true));
    QPalette p = palette();
    QColor bg = t.schedulingDelay;
    bg.setAlpha(t.isDark() ? 90 : 60);
    p.setColor(QPalette::Window, bg);
    p.setColor(QPalette::WindowText, t.text);
    setPalette(p);
}

void NotPySparkBanner::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QLabel::changeEvent(event);
}

} // namespace dsl::ui
