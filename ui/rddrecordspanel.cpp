// RddRecordsPanel: box details for the selected (batch, DStream).
#include "rddrecordspanel.h"

#include "batchselection.h"
#include "programtext.h"
#include "sessiontypes.h"
#include "simulationcontroller.h"
#include "theme.h"
#include "timelinerows.h"
#include "timetext.h"

#include <QEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>

namespace dsl::ui {

RddRecordsPanel::RddRecordsPanel(SimulationController *controller, QWidget *parent)
    : QWidget(parent), m_controller(controller), m_title(new QLabel(this)), m_records(new QPlainTextEdit(this)),
      m_lineageTitle(new QLabel(this)), m_lineage(new QPlainTextEdit(this))
{
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::PlainText);
    for (QPlainTextEdit *e : {m_records, m_lineage}) {
        e->setReadOnly(true);
        e->setLineWrapMode(QPlainTextEdit::NoWrap);
    }
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_title);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_records);
    auto *lin = new QWidget(split);
    auto *linLayout = new QVBoxLayout(lin);
    linLayout->setContentsMargins(0, 0, 0, 0);
    linLayout->addWidget(m_lineageTitle);
    linLayout->addWidget(m_lineage, 1);
    split->addWidget(lin);
    layout->addWidget(split, 1);
    auto fonts = [this](const Theme &t) {
        m_title->setFont(t.font(1.0, true));
        m_lineageTitle->setFont(t.font(0.9, true));
        m_records->setFont(t.monoFont(1.0));
        m_lineage->setFont(t.monoFont(0.9));
    };
    fonts(controller->theme());
    connect(controller, &SimulationController::themeChanged, this, fonts);
    connect(controller, &SimulationController::snapshotChanged, this, &RddRecordsPanel::refresh);
    connect(controller->selection(), &BatchSelection::changed, this, &RddRecordsPanel::refresh);
    // A record traces back to the typed lines (the Provenance tab): double-click, or its menu.
    m_records->viewport()->installEventFilter(this);
    m_records->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_records, &QPlainTextEdit::customContextMenuRequested, this, [this](const QPoint &at) {
        std::unique_ptr<QMenu> menu(m_records->createStandardContextMenu(at));
        const int line = m_records->cursorForPosition(at).blockNumber();
        if (line >= 0 && static_cast<std::size_t>(line) < m_shownKeys.size()) {
            menu->addSeparator();
            menu->addAction(tr("Where did this come from?"), this, [this, line] { requestTrace(line); });
        }
        menu->exec(m_records->viewport()->mapToGlobal(at));
    });
    refresh();
}

bool RddRecordsPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_records->viewport() && event->type() == QEvent::MouseButtonDblClick) {
        const auto *e = static_cast<QMouseEvent *>(event);
        if (requestTrace(m_records->cursorForPosition(e->position().toPoint()).blockNumber())) return true;
    }
    return QWidget::eventFilter(watched, event);
}

bool RddRecordsPanel::requestTrace(int line)
{
    if (line < 0 || static_cast<std::size_t>(line) >= m_shownKeys.size() || m_shownStream < 0) return false;
    emit traceRequested(m_shownStream, m_shownBatch, QString::fromStdString(m_shownKeys[static_cast<std::size_t>(line)]));
    return true;
}

void RddRecordsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) refresh();
    QWidget::changeEvent(event);
}

QString RddRecordsPanel::recordsText() const
{
    return m_records->toPlainText();
}

void RddRecordsPanel::refresh()
{
    m_lineageTitle->setText(tr("Lineage (toDebugString)"));
    const RunSnapshotPtr &s = m_controller->snapshot();
    const int streamId = m_controller->selection()->streamId();
    const auto batchTime = m_controller->effectiveBatch();
    const BatchSnapshot *b = s && batchTime ? s->batch(SimTime(*batchTime)) : nullptr;
    const StreamSnapshot *st = s && streamId >= 0 ? s->stream(streamId) : nullptr;
    const RddBoxSnapshot *box = nullptr;
    if (b && st)
        if (auto it = b->rdds.find(streamId); it != b->rdds.end()) box = &it->second;
    m_shownKeys.clear();
    m_shownStream = -1;
    if (!box) {
        m_title->setText(tr("Click an RDD box in the timeline to see its records and lineage."));
        m_records->clear();
        m_lineage->clear();
        return;
    }
    const RddBoxSnapshot &r = *box;
    // The name of the timeline row the box is in (unique: "pairs (2)", "count").
    QString name = ProgramText(m_controller->driver()->programSource()).variableName(*st);
    for (const TimelineRow &row : timelineRows(*s, ProgramText(m_controller->driver()->programSource())))
        if (std::find(row.members.begin(), row.members.end(), streamId) != row.members.end()) name = row.name;
    QString status;
    switch (r.status) {
    case RddBoxSnapshot::Status::Computed:
        status = r.count == 1 ? tr("1 record") : tr("%1 records").arg(r.count);
        break;
    case RddBoxSnapshot::Status::Partial:
        status = tr("%1 records in the %2 of %3 partitions a job computed: the others were never needed "
                    "(take() in pprint stops once it has its records)")
                     .arg(r.count)
                     .arg(r.computedPartitions)
                     .arg(r.numPartitions);
        break;
    case RddBoxSnapshot::Status::Pending:
        status = b->evaluated
                     ? tr("not computed: no job of this batch needed it (RDDs are lazy)")
                     : tr("not computed yet: RDDs are lazy, the batch's job computes it");
        break;
    case RddBoxSnapshot::Status::Unknown: status = tr("records no longer available"); break;
    case RddBoxSnapshot::Status::Failed: status = tr("failed: %1").arg(QString::fromStdString(r.error)); break;
    }
    const QString parts = r.numPartitions == 1 ? tr("1 partition") : tr("%1 partitions").arg(r.numPartitions);
    m_title->setText(tr("%1 · batch %2 · %3[%4] · %5 · %6")
                         .arg(name, clockText(*batchTime, s->batchInterval.ms() < 1000), QString::fromStdString(r.className))
                         .arg(r.rddId)
                         .arg(parts, status));
    QStringList lines;
    for (const auto &rec : r.records) lines << QString::fromStdString(rec);
    if (r.recordsTruncated) lines << tr("… %1 more").arg(r.count - static_cast<qint64>(r.records.size()));
    if (r.status == RddBoxSnapshot::Status::Partial)
        lines << tr("(%1 of %2 partitions not computed)").arg(r.numPartitions - r.computedPartitions).arg(r.numPartitions);
    m_records->setPlainText(lines.join(QLatin1Char('\n')));
    if (r.recordKeys.size() == r.records.size()) {
        m_shownKeys = r.recordKeys;
        m_shownStream = streamId;
        m_shownBatch = *batchTime;
    }
    m_lineage->setPlainText(QString::fromStdString(r.debugString));
}

} // namespace dsl::ui
