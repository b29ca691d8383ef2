// One batch as Spark's batch page shows it (batchdetailview.h).
#include "batchdetailview.h"

#include "app/session/provenance.h"
#include "app/session/runsnapshot.h"
#include "batchselection.h"
#include "kafkaview.h"
#include "outputopsmodel.h"
#include "panelframe.h"
#include "simulationcontroller.h"
#include "tasktimelinelayout.h"
#include "tasktimelineview.h"
#include "theme.h"
#include "statisticstext.h"
#include "timetext.h"

#include <QDateTime>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace dsl::ui {

BatchDetailView::BatchDetailView(SimulationController *controller, QWidget *parent)
    : QWidget(parent), m_controller(controller), m_model(new OutputOpsModel(this))
{
    setObjectName(QStringLiteral("batchDetailView"));
    m_title = new QLabel;
    m_summary = new QLabel;
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    m_input = new QLabel;
    m_input->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_input->setWordWrap(true);
    m_findings = new QLabel;
    m_findings->setWordWrap(true);
    m_findings->setObjectName(QStringLiteral("batchFindings"));
    m_opsTitle = new QLabel;
    m_tasksTitle = new QLabel;
    m_table = new QTableView;
    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_timeline = new TaskTimelineView;

    // Each column scrolls on its own: presenter mode at 720 px leaves the tab little height,
    // and squeezed labels would overlap.
    auto *top = new QWidget;
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 4, 0);
    topLayout->addWidget(m_title);
    topLayout->addWidget(m_summary);
    topLayout->addWidget(m_input);
    topLayout->addWidget(m_opsTitle);
    topLayout->addWidget(m_table, 1);
    m_table->setMinimumHeight(110);
    auto *bottom = new QWidget;
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(4, 0, 0, 0);
    bottomLayout->addWidget(m_tasksTitle);
    bottomLayout->addWidget(m_findings);
    bottomLayout->addWidget(m_timeline, 1);
    QSplitter *split = scrollingColumns(top, bottom);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split, 1);

    connect(controller, &SimulationController::snapshotChanged, this, &BatchDetailView::refresh);
    connect(controller->selection(), &BatchSelection::changed, this, &BatchDetailView::refresh);
    connect(controller, &SimulationController::themeChanged, this, &BatchDetailView::applyTheme);
    applyTheme();
    retranslateUi();
}

QString BatchDetailView::inputMetadataText(const RunSnapshot &s, const BatchSnapshot &b)
{
    QStringList lines;
    // Receiver streams: the blocks the batch took, as ReceiverInputDStream's description lists them.
    std::map<int, std::vector<const BlockInfo *>> blocks;
    for (const BlockInfo &blk : b.blocks) blocks[blk.streamId].push_back(&blk);
    for (const auto &[id, list] : blocks) {
        const StreamSnapshot *st = s.stream(id);
        const QString name = st ? QString::fromStdString(st->className) : QStringLiteral("stream");
        std::int64_t records = 0;
        for (const BlockInfo *blk : list) records += blk->numRecords;
        lines << tr("%1 [%2]: %n block(s),", nullptr, static_cast<int>(list.size())).arg(name).arg(id) + QLatin1Char(' ') +
                     tr("%n records", nullptr, static_cast<int>(records));
        for (const BlockInfo *blk : list) {
            QString line = QStringLiteral("  ") + tr("%1: %n records", nullptr, static_cast<int>(blk->numRecords))
                                                      .arg(QString::fromStdString(blk->blockId));
            // After a driver restart (docs/faults.md): the old driver's blocks, replayed or lost.
            if (blk->replayed) line += QStringLiteral(" \u2014 ") + tr("read back from the write-ahead log");
            if (blk->lost) line += QStringLiteral(" \u2014 ") + tr("lost with the stopped driver's memory (no write-ahead log)");
            lines << line;
        }
    }
    // Kafka offset ranges (a direct stream's description), then other streams' descriptions (files).
    const QString kafka = KafkaView::inputMetadataText(s, b);
    if (!kafka.isEmpty()) lines << kafka.split(QLatin1Char('\n'));
    for (const auto &[id, info] : b.info.streamIdToInputInfo) {
        const StreamSnapshot *st = s.stream(id);
        if (blocks.count(id) || (st && !st->kafkaTopics.empty()) || info.description.empty()) continue;
        const QString name = st ? QString::fromStdString(st->className) : QStringLiteral("stream");
        for (const QString &d : QString::fromStdString(info.description).split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            lines << QStringLiteral("%1 [%2]: %3").arg(name).arg(id).arg(d);
    }
    return lines.join(QLatin1Char('\n'));
}

QString BatchDetailView::findingsOf(const TaskTimelineLayout &layout, const RunSnapshot *run, const BatchSnapshot *batch)
{
    QStringList out;
    if (const auto b = layout.bottleneck(); b && layout.stages().size() > 1)
        out << tr("Bottleneck: stage %1 (%2) took the most core time, %3 in %n tasks.", nullptr, b->tasks)
                   .arg(b->stageId)
                   .arg(QString::fromStdString(b->name), durationText(b->busyMs));
    for (const StageLoad &s : layout.stages())
        if (s.skewed) {
            QString line = tr("Skew: in stage %1 the task of partition %2 took %3, the median task %4.")
                               .arg(s.stageId)
                               .arg(s.maxPartition)
                               .arg(durationText(s.maxTaskMs), durationText(s.medianTaskMs));
            if (run && batch)
                if (const auto hot = session::hottestKey(*run, *batch, s.stageId, s.maxPartition))
                    line += QLatin1Char(' ') + tr("Its hottest key: '%1', %2 of its %3 records.")
                                                   .arg(QString::fromStdString(hot->key))
                                                   .arg(hot->records)
                                                   .arg(hot->partitionRecords);
            out << line;
        }
    if (const int idle = layout.idleCores(); idle > 0 && !layout.bars().empty())
        out << tr("%n core(s) ran no task of this batch.", nullptr, idle);
    if (run && batch) out << faultsOf(*run, *batch) << recoveryOf(*run, *batch);
    return out.join(QLatin1Char('\n'));
}

QStringList BatchDetailView::recoveryOf(const RunSnapshot &run, const BatchSnapshot &batch)
{
    // A driver started after a kill-driver (engine/recoveryaudit.h): the batch it caught up
    // with says how long that took; a batch run again says which of its records were lost or
    // processed twice.
    QStringList out;
    if (!run.recovery) return out;
    const RecoveryReport &r = *run.recovery;
    const SimTime t = batch.info.batchTime;
    const auto clock = [](SimTime at) { return QDateTime::fromMSecsSinceEpoch(at.ms()).toString(QStringLiteral("HH:mm:ss.zzz")); };
    const auto quoted = [](const AuditedBlock &b) {
        QStringList lines;
        for (const auto &l : b.lines) {
            if (lines.size() == 3) {
                lines << QStringLiteral("…");
                break;
            }
            lines << QStringLiteral("\u201c%1\u201d").arg(QString::fromStdString(l));
        }
        return lines.join(QStringLiteral(", "));
    };
    const auto outputs = [&](const std::vector<int> &ids) {
        QStringList names;
        for (int id : ids) {
            const auto it = r.outputNames.find(id);
            names << (it != r.outputNames.end() ? QString::fromStdString(it->second) : tr("output %1").arg(id));
        }
        return names.join(QStringLiteral(", "));
    };
    if (r.caughtUpBatch == t && r.recoveryTime()) {
        QString line = tr("The restarted driver caught up with this batch: recovered in %1 s after the old driver died at %2")
                           .arg(QString::number(r.recoveryTime()->ms() / 1000.0, 'f', 1), clock(r.killedAt));
        if (r.checkpointTime) line += QLatin1Char(' ') + tr("(from the checkpoint of %1)").arg(clock(*r.checkpointTime));
        if (r.stateCheckpointInterval)
            line += QLatin1Char(' ') + tr("with a state checkpoint every %1 s")
                                           .arg(QString::number(r.stateCheckpointInterval->ms() / 1000.0, 'g', 4));
        out << line + QLatin1Char('.');
        for (const AuditedBlock &b : r.blocks)
            if (b.blockId.empty())
                out << tr("Lost with the old driver: %n record(s) its receiver %1 had received but not yet stored: %2.",
                          nullptr, static_cast<int>(b.numRecords))
                           .arg(b.streamId)
                           .arg(quoted(b));
    }
    for (const AuditedBlock &b : r.blocks) {
        if (b.blockId.empty() || b.batch != t) continue;
        // The block by when it was cut, as the stream timeline shows it (its id is in the tooltip there).
        const QString cut = b.cutAt ? clock(*b.cutAt) : QString::fromStdString(b.blockId);
        if (b.twice())
            out << tr("Processed twice: the %n record(s) of the block cut at %1 (%2) were read back from the "
                      "write-ahead log, and the old driver had already completed this batch with them: %3 saw them "
                      "in both drivers.",
                      nullptr, static_cast<int>(b.numRecords))
                       .arg(cut, quoted(b), outputs(b.outputsTwice));
        if (b.lost())
            out << tr("Lost with the old driver: the %n record(s) of the block cut at %1 (%2) were in its executors' "
                      "memory only (no write-ahead log); %3 never saw them.",
                      nullptr, static_cast<int>(b.numRecords))
                       .arg(cut, quoted(b), outputs(b.outputsLost));
    }
    return out;
}

QStringList BatchDetailView::faultsOf(const RunSnapshot &run, const BatchSnapshot &batch)
{
    // The faults that fired during the batch's interval (t - interval, t]: what they lost would
    // have been this batch's input; the tasks they made run again are on its timeline.
    QStringList out;
    const SimTime t = batch.info.batchTime;
    const auto clock = [](SimTime at) { return QDateTime::fromMSecsSinceEpoch(at.ms()).toString(QStringLiteral("HH:mm:ss.zzz")); };
    for (const FaultReport &f : run.faults) {
        if (f.time <= t - run.batchInterval || f.time > t) continue;
        const QString what = QString::fromStdString(f.action);
        if (f.recoveredAt) {
            out << tr("Fault %1: back at %2.").arg(what, clock(*f.recoveredAt));
            continue;
        }
        if (!f.applied) {
            QStringList why;
            for (const auto &e : f.effects) why << QString::fromStdString(e);
            out << tr("Fault %1 at %2 not applied: %3.").arg(what, clock(f.time), why.join(QStringLiteral("; ")));
            continue;
        }
        QString line = tr("Fault %1 at %2.").arg(what, clock(f.time));
        if (f.lostRecords > 0) {
            QStringList lost;
            for (std::int64_t i : f.lostInputs) {
                if (lost.size() == 3) {
                    lost << QStringLiteral("…");
                    break;
                }
                if (run.input && static_cast<std::size_t>(i) < run.input->size && static_cast<std::size_t>(i) >= run.input->first())
                    lost << QStringLiteral("\u201c%1\u201d").arg(QString::fromStdString(run.input->at(static_cast<std::size_t>(i)).text));
            }
            line += QLatin1Char(' ') + tr("%n record(s) lost: received, not yet stored in a block", nullptr,
                                            static_cast<int>(f.lostRecords));
            line += lost.isEmpty() ? QStringLiteral(".") : QStringLiteral(": ") + lost.join(QStringLiteral(", ")) + QLatin1Char('.');
        }
        if (!f.rerunTaskIds.empty())
            line += QLatin1Char(' ') + tr("%n running task(s) lost with the executor ran again elsewhere.", nullptr,
                                            static_cast<int>(f.rerunTaskIds.size()));
        out << line;
    }
    return out;
}

void BatchDetailView::refresh()
{
    const RunSnapshotPtr &s = m_controller->snapshot();
    const BatchSnapshot *b = nullptr;
    if (s)
        if (const auto t = m_controller->effectiveBatch()) b = s->batch(SimTime(*t));
    // The same batch value as shown (batch snapshots are immutable and shared): nothing changed.
    if (b && b == m_shown) return;
    m_shown = b;
    m_batch = b ? std::optional<qint64>(b->info.batchTime.ms()) : std::nullopt;
    m_model->setBatch(s, b);
    m_timeline->setBatch(s, b);
    if (!b) {
        m_title->setText(tr("No batch yet: run the program, then pick a batch in any view."));
        m_summary->clear();
        m_input->clear();
        m_findings->clear();
        return;
    }
    // BatchPage: "Details of batch at <yyyy/MM/dd HH:mm:ss>".
    m_title->setText(tr("Details of batch at %1")
                         .arg(QDateTime::fromMSecsSinceEpoch(b->info.batchTime.ms()).toString(QStringLiteral("yyyy/MM/dd HH:mm:ss"))));
    m_summary->setText(summaryText());
    const QString input = inputText();
    m_input->setText(input.isEmpty() ? tr("Input Metadata: none") : tr("Input Metadata:") + QLatin1Char('\n') + input);
    const QString findings = findingsText();
    m_findings->setText(findings);
    m_findings->setVisible(!findings.isEmpty());
    m_table->resizeColumnsToContents();
}

QString BatchDetailView::summaryText() const
{
    const RunSnapshotPtr &s = m_controller->snapshot();
    const BatchSnapshot *b = s && m_batch ? s->batch(SimTime(*m_batch)) : nullptr;
    if (!b) return {};
    // As Spark's batch page prints them (UIUtils.formatDuration).
    const auto opt = [](const std::optional<Duration> &d) { return d ? StatisticsText::duration(d->ms()) : QStringLiteral("-"); };
    QStringList lines;
    lines << tr("Batch Duration: %1").arg(StatisticsText::duration(s->batchInterval.ms()));
    lines << tr("Input data size: %n records", nullptr, static_cast<int>(b->info.numRecords()));
    lines << tr("Scheduling delay: %1").arg(opt(b->info.schedulingDelay()));
    lines << tr("Processing time: %1").arg(opt(b->info.processingDelay()));
    lines << tr("Total delay: %1").arg(opt(b->info.totalDelay()));
    if (b->summary) lines << tr("(an old batch: its jobs and blocks are no longer kept)");
    return lines.join(QStringLiteral("  ·  "));
}

QString BatchDetailView::inputText() const
{
    const RunSnapshotPtr &s = m_controller->snapshot();
    const BatchSnapshot *b = s && m_batch ? s->batch(SimTime(*m_batch)) : nullptr;
    return b ? inputMetadataText(*s, *b) : QString();
}

QString BatchDetailView::findingsText() const
{
    return findingsOf(m_timeline->layout(), m_controller->snapshot().get(), m_shown);
}

void BatchDetailView::applyTheme()
{
    const Theme &t = m_controller->theme();
    m_timeline->setTheme(t);
    m_title->setFont(t.font(1.15, true));
    for (QLabel *l : {m_summary, m_input, m_findings}) l->setFont(t.font());
    for (QLabel *l : {m_opsTitle, m_tasksTitle}) l->setFont(t.font(1.0, true));
    m_table->setFont(t.font(0.95));
    QPalette pal = m_findings->palette();
    pal.setColor(QPalette::WindowText, t.overInterval);
    m_findings->setPalette(pal);
}

void BatchDetailView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        m_shown = nullptr; // the same batch, shown again in the new language
        refresh();
    }
    QWidget::changeEvent(event);
}

void BatchDetailView::retranslateUi()
{
    m_opsTitle->setText(tr("Output operations"));
    m_tasksTitle->setText(tr("Tasks on the executor's cores"));
}

} // namespace dsl::ui
