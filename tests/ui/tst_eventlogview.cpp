// The Log tab: EventLogModel and EventLogFilter (through QAbstractItemModelTester) over
// hand-built logs, and EventLogView over a real run of the network word count.
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/session/programsession.h"
#include "app/session/runsnapshot.h"
#include "engine/eventlog.h"
#include "ui/batchselection.h"
#include "ui/eventlogfilter.h"
#include "ui/eventlogmodel.h"
#include "ui/eventlogview.h"
#include "ui/simulationcontroller.h"
#endif

#include "wordcountprogram.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace dsl;
using namespace dsl::ui;
using namespace dsl::session;

namespace {

constexpr std::int64_t kStart = 1'795'514'400'000; // 2026-11-24 10:00:00 UTC

/// Line i of a made-up log: at kStart + i * 100 ms, INFO except every 10th (WARN) and every
/// 25th (DEBUG); lines 5..14 are about the batch at kStart + 1 s.
EventLogLine madeUp(int i)
{
    LogLevel level = i % 25 == 0 ? LogLevel::Debug : i % 10 == 0 ? LogLevel::Warn : LogLevel::Info;
    std::optional<SimTime> batch;
    if (i >= 5 && i < 15) batch = SimTime(kStart + 1000);
    return {SimTime(kStart + 100LL * i), level, i % 2 ? "JobScheduler" : "BlockGenerator",
            "line " + std::to_string(i), batch};
}

RunSnapshotPtr snapshotOf(EventLog &log, std::uint64_t runId = 1, std::optional<SimTime> cursor = std::nullopt,
                          std::optional<SimTime> cursorEnd = std::nullopt)
{
    auto s = std::make_shared<RunSnapshot>();
    s->runId = runId;
    s->events = log.snapshot();
    s->cursor = cursor;
    if (cursor) {
        auto b = std::make_shared<BatchSnapshot>();
        b->info.batchTime = *cursor;
        b->info.processingEndTime = cursorEnd;
        s->batches.emplace(*cursor, b);
    }
    return s;
}

const char *const kWordCount = uitest::kWordCountProgram;

} // namespace

class TestEventLogView : public QObject {
    Q_OBJECT
private slots:
    void newLinesAreInsertedRowsNotAReset();
    void droppedLinesAreRemovedFromTheTop();
    void anotherRunResets();
    void browsingShowsLinesUpToTheShownBatchsCompletion();
    void filterRows_data();
    void filterRows();
    void log4jTextIsSparksDefaultPattern();
    void aRunsLogIsNeverEmptyAndClickSelectsTheBatch();
    void aFailedProgramShowsItsTraceback();

private:
    std::unique_ptr<ProgramSession> m_session; // one per process: CPython initializes once
};

void TestEventLogView::newLinesAreInsertedRowsNotAReset()
{
    EventLog log;
    EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int i = 0; i < 3; ++i) log.add(madeUp(i));
    model.setSnapshot(snapshotOf(log));
    QCOMPARE(model.rowCount(), 3);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
    for (int i = 3; i < 700; ++i) log.add(madeUp(i)); // past a chunk boundary (512)
    model.setSnapshot(snapshotOf(log));
    QCOMPARE(model.rowCount(), 700);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(inserts.count(), 1);
    QCOMPARE(inserts.at(0).at(1).toInt(), 3);
    QCOMPARE(inserts.at(0).at(2).toInt(), 699);
    QCOMPARE(model.data(model.index(600, EventLogModel::Message)).toString(), QStringLiteral("line 600"));
    QCOMPARE(model.data(model.index(7, EventLogModel::Message), EventLogModel::BatchRole).toLongLong(), kStart + 1000);
    QVERIFY(!model.data(model.index(15, EventLogModel::Message), EventLogModel::BatchRole).isValid());
    QCOMPARE(model.data(model.index(10, EventLogModel::Level)).toString(), QStringLiteral("WARN"));
    QCOMPARE(model.data(model.index(25, EventLogModel::Level)).toString(), QStringLiteral("DEBUG"));
    QCOMPARE(model.totalLines(), 700);
}

void TestEventLogView::droppedLinesAreRemovedFromTheTop()
{
    // Held at most 512 (one chunk) beyond a full one: adding past 1,024 drops the first 512.
    EventLog log(EventLog::kChunkLines);
    EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int i = 0; i < 1000; ++i) log.add(madeUp(i));
    model.setSnapshot(snapshotOf(log));
    QCOMPARE(model.rowCount(), 1000);
    QSignalSpy removes(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    for (int i = 1000; i < 1100; ++i) log.add(madeUp(i));
    model.setSnapshot(snapshotOf(log));
    QCOMPARE(resets.count(), 0);
    QCOMPARE(removes.count(), 1);
    QCOMPARE(removes.at(0).at(1).toInt(), 0);
    QCOMPARE(removes.at(0).at(2).toInt(), 511);
    QCOMPARE(model.rowCount(), 1100 - 512);
    QCOMPARE(model.data(model.index(0, EventLogModel::Message)).toString(), QStringLiteral("line 512"));
    QCOMPARE(model.totalLines(), 1100);
}

void TestEventLogView::anotherRunResets()
{
    EventLog log;
    EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int i = 0; i < 5; ++i) log.add(madeUp(i));
    model.setSnapshot(snapshotOf(log, 1));
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    log.clear();
    log.add(madeUp(40));
    model.setSnapshot(snapshotOf(log, 2));
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.data(model.index(0, EventLogModel::Message)).toString(), QStringLiteral("line 40"));
    model.setSnapshot(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

void TestEventLogView::browsingShowsLinesUpToTheShownBatchsCompletion()
{
    EventLog log;
    EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int i = 0; i < 50; ++i) log.add(madeUp(i));
    model.setSnapshot(snapshotOf(log));
    QCOMPARE(model.rowCount(), 50);
    // Browsing the batch of kStart + 1 s, completed at kStart + 1.45 s: lines 0..14 (1.4 s) are
    // logged by then, line 15 (1.5 s) is not.
    model.setSnapshot(snapshotOf(log, 1, SimTime(kStart + 1000), SimTime(kStart + 1450)));
    QCOMPARE(model.rowCount(), 15);
    // Completed exactly at a line's time: that line is in.
    model.setSnapshot(snapshotOf(log, 1, SimTime(kStart + 1000), SimTime(kStart + 1500)));
    QCOMPARE(model.rowCount(), 16);
    model.setSnapshot(snapshotOf(log));
    QCOMPARE(model.rowCount(), 50);
}

void TestEventLogView::filterRows_data()
{
    QTest::addColumn<int>("level");
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("batch"); // 0: any
    QTest::addColumn<int>("rows");
    // 100 lines 0..99: DEBUG at 0, 25, 50, 75 (4); WARN at 10, 20, 30, 40, 60, 70, 80, 90 (8).
    QTest::newRow("debug-shows-every-line") << 0 << QString() << 0LL << 100;
    QTest::newRow("info-hides-the-four-debug-lines") << 1 << QString() << 0LL << 96;
    QTest::newRow("warn-shows-the-eight-warnings") << 2 << QString() << 0LL << 8;
    QTest::newRow("error-shows-none") << 3 << QString() << 0LL << 0;
    // "line 1" matches 1, 10..19, 100+: 1 + 10 = 11 lines, minus none below INFO.
    QTest::newRow("text-matches-message-substrings") << 0 << QStringLiteral("line 1") << 0LL << 11;
    QTest::newRow("text-is-case-insensitive-and-matches-the-logger")
        << 0 << QStringLiteral("jobscheduler") << 0LL << 50;
    // Lines 5..14 name the batch; at INFO, WARN line 10 stays (at or above INFO): 10 lines.
    QTest::newRow("selected-batch-only") << 1 << QString() << qint64(kStart + 1000) << 10;
    QTest::newRow("batch-and-text-together") << 1 << QStringLiteral("line 1") << qint64(kStart + 1000) << 5;
    QTest::newRow("a-batch-with-no-lines-shows-none") << 0 << QString() << qint64(kStart + 9000) << 0;
}

void TestEventLogView::filterRows()
{
    QFETCH(int, level);
    QFETCH(QString, text);
    QFETCH(qint64, batch);
    QFETCH(int, rows);
    EventLog log;
    for (int i = 0; i < 100; ++i) log.add(madeUp(i));
    EventLogModel model;
    EventLogFilter filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot(snapshotOf(log));
    filter.setMinimumLevel(level);
    filter.setText(text);
    filter.setBatch(batch ? std::optional<qint64>(batch) : std::nullopt);
    QCOMPARE(filter.rowCount(), rows);
}

void TestEventLogView::log4jTextIsSparksDefaultPattern()
{
    // "%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m" (log4j2-defaults.properties), in local time: ctest
    // runs this test with TZ=UTC (tests/ui/CMakeLists.txt).
    const EventLogLine l{SimTime(kStart + 1000), LogLevel::Info, "JobScheduler",
                         "Added jobs for time 1795514401000 ms", SimTime(kStart + 1000)};
    QCOMPARE(EventLogModel::log4jText(l),
             QStringLiteral("26/11/24 10:00:01 INFO JobScheduler: Added jobs for time 1795514401000 ms"));
}

void TestEventLogView::aRunsLogIsNeverEmptyAndClickSelectsTheBatch()
{
    if (!m_session) {
        ProgramSession::Config cfg;
        cfg.startTime = SimTime(kStart);
        cfg.pythonPackageDir = DSTREAMLAB_SOURCE_DIR "/resources/python";
        m_session = std::make_unique<ProgramSession>(cfg);
    }
    SimulationController controller(m_session.get());
    EventLogView view(&controller);
    view.resize(1000, 400);
    view.show();
    controller.loadProgram(QStringLiteral("wordcount.py"), QString::fromUtf8(kWordCount));
    controller.runUntilBatch(3);
    QVERIFY(QTest::qWaitFor(
        [&] {
            const auto &s = controller.snapshot();
            return s && s->phase == RunPhase::Paused && s->completedBatches == 3;
        },
        30000));
    EventLogModel *model = view.model();
    QVERIFY(model->rowCount() > 10);
    // The second batch (start at 10:00:00, 1 s batches: the first is 10:00:01).
    const qint64 second = kStart + 2000;
    int added = -1;
    for (int r = 0; r < model->rowCount(); ++r)
        if (model->data(model->index(r, EventLogModel::Message)).toString() ==
            QStringLiteral("Added jobs for time %1 ms").arg(second))
            added = r;
    QVERIFY(added >= 0);
    // Clicking it selects that batch everywhere.
    QSignalSpy moved(controller.selection(), &BatchSelection::changed);
    const QModelIndex proxy = view.filter()->mapFromSource(model->index(added, EventLogModel::Message));
    view.table()->scrollTo(proxy);
    QTest::mouseClick(view.table()->viewport(), Qt::LeftButton, {}, view.table()->visualRect(proxy).center());
    QVERIFY(moved.count() >= 1);
    QCOMPARE(controller.selection()->batchTime(), std::optional<qint64>(second));
    // "Selected batch only": the lines of that batch, each linked to it.
    view.batchOnlyBox()->setChecked(true);
    QVERIFY(view.filter()->rowCount() >= 4); // added, started, finished, total delay at least
    for (int r = 0; r < view.filter()->rowCount(); ++r)
        QCOMPARE(view.filter()->data(view.filter()->index(r, 0), EventLogModel::BatchRole).toLongLong(), second);
    QCOMPARE(view.countText(), QStringLiteral("%1 of %2 lines").arg(view.filter()->rowCount()).arg(model->totalLines()));
    QCOMPARE(view.page(), EventLogView::EventsPage);
}

void TestEventLogView::aFailedProgramShowsItsTraceback()
{
    if (!m_session) {
        ProgramSession::Config cfg;
        cfg.startTime = SimTime(kStart);
        cfg.pythonPackageDir = DSTREAMLAB_SOURCE_DIR "/resources/python";
        m_session = std::make_unique<ProgramSession>(cfg);
    }
    SimulationController controller(m_session.get());
    EventLogView view(&controller);
    controller.loadProgram(QStringLiteral("broken.py"), QStringLiteral("raise ValueError('no stream today')\n"));
    controller.play();
    QVERIFY(QTest::qWaitFor(
        [&] {
            const auto &s = controller.snapshot();
            return s && s->phase == RunPhase::Failed;
        },
        30000));
    QCOMPARE(view.page(), EventLogView::StderrPage);
    QVERIFY(view.stderrEdit()->toPlainText().contains(QStringLiteral("ValueError: no stream today")));
}

QTEST_MAIN(TestEventLogView)
#include "tst_eventlogview.moc"
