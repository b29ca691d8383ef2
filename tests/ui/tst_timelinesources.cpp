// The stream timeline's sources strip (issue 16): each batch's lines counted by sender from the
// snapshot's input log (blockSources, hand-written logs), how many chips fit a batch, the strip
// shown only in a run with named sources (a run fed by the nc panel alone keeps its geometry) and
// its tool tips; then a real session in presenter mode at 1280x720, en and zh_CN, with lines
// sent as the class port sends them (SendLine with a source), its PNGs to
// $DSTREAMLAB_SCREENSHOT_DIR when set.
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/session/programsession.h"
#include "app/session/runsnapshot.h"
#endif
#include "snapshotdriver.h"
#include "wordcountprogram.h"

#include "ui/languagemanager.h"
#include "ui/mainwindow.h"
#include "ui/simulationcontroller.h"
#include "ui/streamtimelineview.h"
#include "ui/theme.h"
#include "ui/timelinepainter.h"
#include "ui/timelinesources.h"

#include <QApplication>
#include <QDir>
#include <QImage>
#include <QRegularExpression>
#include <QTest>

#include <memory>

using namespace dsl;
using namespace dsl::session;
using namespace dsl::ui;
using namespace Qt::StringLiterals;

namespace {

constexpr std::int64_t kStart = 1'795'514'400'000; // 2026-11-24 10:00:00 UTC

/// A line of a hand-written input log: its port (kFileRecordPort: a dropped file), its sender
/// ("" typed), a Kafka message when `kafka`.
struct Line {
    int port = 0;
    std::string source;
    bool kafka = false;
};

/// The lines in one chunk, every line at 10:00:00.1 + 10 ms x index; the senders share one
/// string each, as the session's do. `firstChunk`: chunks before it are no longer held.
std::shared_ptr<InputLogSnapshot> logOf(const std::vector<Line> &lines, std::size_t firstChunk = 0)
{
    std::map<std::string, std::shared_ptr<const std::string>> names;
    auto chunk = std::make_shared<std::vector<InputLineSnapshot>>();
    const std::size_t base = firstChunk * InputLogSnapshot::kChunk;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        InputLineSnapshot l;
        l.time = SimTime(kStart + 100 + 10 * static_cast<std::int64_t>(base + i));
        l.port = lines[i].port;
        l.text = "w" + std::to_string(i);
        if (lines[i].kafka) l.kafka = std::make_shared<InputLineSnapshot::Kafka>();
        if (!lines[i].source.empty()) {
            auto &n = names[lines[i].source];
            if (!n) n = std::make_shared<const std::string>(lines[i].source);
            l.source = n;
        }
        chunk->push_back(std::move(l));
    }
    auto log = std::make_shared<InputLogSnapshot>();
    log->chunks.push_back(chunk);
    log->firstChunk = firstChunk;
    log->size = base + lines.size();
    return log;
}

BlockInfo block(int streamId, std::int64_t first, std::int64_t last, std::int64_t timeMs = kStart + 200)
{
    BlockInfo b;
    b.blockId = "input-" + std::to_string(streamId) + "-" + std::to_string(timeMs - 200);
    b.streamId = streamId;
    b.time = SimTime(timeMs);
    b.numRecords = last - first + 1;
    b.firstInput = first;
    b.lastInput = last;
    return b;
}

QString describe(const std::vector<SourceCount> &sources)
{
    QStringList parts;
    for (const SourceCount &c : sources)
        parts << u"%1=%2@%3"_s.arg(c.source.empty() ? u"typed"_s : QString::fromStdString(c.source)).arg(c.lines).arg(c.firstLine);
    return parts.join(u", "_s);
}

const std::string kAnn = "student 1 (127.0.0.1:50001)", kBo = "student 2 (127.0.0.1:50002)";

/// Five batches of one socket stream on 9999, 1 s apart; batch k's one block holds the lines
/// `perBatch[k-1]` (input-log indices), the log `lines`.
std::shared_ptr<RunSnapshot> runOf(const std::vector<Line> &lines, const std::vector<std::pair<int, int>> &perBatch)
{
    auto s = std::make_shared<RunSnapshot>();
    s->runId = 7;
    s->phase = RunPhase::Paused;
    s->hasContext = true;
    s->startTime = SimTime(kStart);
    s->firstBatchTime = SimTime(kStart + 1000);
    StreamSnapshot in;
    in.id = 0;
    in.className = "SocketInputDStream";
    in.creationSite = "socketTextStream at wordcount.py:5";
    in.isInput = in.hasReceiver = true;
    s->streams.push_back(in);
    ReceiverInfo r;
    r.streamId = 0;
    r.name = "SocketReceiver";
    r.location = "localhost:9999";
    r.active = true;
    r.startTime = SimTime(kStart);
    r.inputLogAccepted = lines.size();
    s->receivers.push_back(r);
    s->input = logOf(lines);
    for (std::size_t k = 0; k < perBatch.size(); ++k) {
        auto b = std::make_shared<BatchSnapshot>();
        const std::int64_t t = kStart + 1000 * static_cast<std::int64_t>(k + 1);
        b->info.batchTime = SimTime(t);
        b->info.processingStartTime = b->info.processingEndTime = SimTime(t + 100);
        b->evaluated = true;
        if (perBatch[k].first >= 0) b->blocks.push_back(block(0, perBatch[k].first, perBatch[k].second, t - 200));
        s->batches.emplace(SimTime(t), b);
    }
    s->completedBatches = s->headCompletedBatches = static_cast<int>(perBatch.size());
    s->now = s->clock = SimTime(kStart + 1000 * static_cast<std::int64_t>(perBatch.size()) + 300);
    return s;
}

} // namespace

class TestTimelineSources : public QObject {
    Q_OBJECT
private slots:
    void blockSourcesCountsBySender_data();
    void blockSourcesCountsBySender();
    void chipsLeaveRoomForTheRest_data();
    void chipsLeaveRoomForTheRest();
    void theStripShowsOnlyInARunWithNamedSources();
    void theToolTipsListEverySenderOfABatchAndABlock();
    void aClassroomRunInPresenterMode_data();
    void aClassroomRunInPresenterMode();
    void cleanupTestCase();

private:
    std::unique_ptr<ProgramSession> m_session;
    std::unique_ptr<SimulationController> m_controller;
    std::unique_ptr<LanguageManager> m_languages;
    std::unique_ptr<MainWindow> m_window;
};

void TestTimelineSources::blockSourcesCountsBySender_data()
{
    QTest::addColumn<std::vector<Line>>("lines");
    QTest::addColumn<std::vector<BlockInfo>>("blocks");
    QTest::addColumn<std::size_t>("firstChunk");
    QTest::addColumn<QString>("expected");
    const Line typed{0, ""}, ann{0, kAnn}, bo{0, kBo};
    // Lines 0-3 typed: no named source, nothing to show (the strip stays as it was).
    QTest::newRow("typed-lines-only-give-no-sources") << std::vector<Line>{typed, typed, typed, typed}
                                                      << std::vector<BlockInfo>{block(0, 0, 3)} << std::size_t(0) << QString();
    // ann 0, bo 1, bo 2, ann 3, bo 4: bo 3 lines, ann 2.
    QTest::newRow("two-students-most-lines-first")
        << std::vector<Line>{ann, bo, bo, ann, bo} << std::vector<BlockInfo>{block(0, 0, 4)} << std::size_t(0)
        << u"%1=3@1, %2=2@0"_s.arg(QString::fromStdString(kBo), QString::fromStdString(kAnn));
    // bo first at 0, ann at 1: one line each, so the first to arrive comes first.
    QTest::newRow("a-tie-keeps-the-order-they-arrived-in")
        << std::vector<Line>{bo, ann} << std::vector<BlockInfo>{block(0, 0, 1)} << std::size_t(0)
        << u"%1=1@0, %2=1@1"_s.arg(QString::fromStdString(kBo), QString::fromStdString(kAnn));
    // Two typed lines beside ann's one: the nc panel counts as a sender then.
    QTest::newRow("typed-lines-beside-named-ones-are-the-nc-panel's")
        << std::vector<Line>{typed, ann, typed} << std::vector<BlockInfo>{block(0, 0, 2)} << std::size_t(0)
        << u"typed=2@0, %1=1@1"_s.arg(QString::fromStdString(kAnn));
    // Lines 1 and 2 went to port 9998 (another receiver's): not this block's though in its range.
    QTest::newRow("another-port's-lines-in-the-range-are-not-the-block's")
        << std::vector<Line>{ann, {9998, kBo}, {9998, kBo}, {9999, kAnn}} << std::vector<BlockInfo>{block(0, 0, 3)}
        << std::size_t(0) << u"%1=2@0"_s.arg(QString::fromStdString(kAnn));
    // A dropped file and a Kafka message inside the range are no socket lines.
    QTest::newRow("files-and-kafka-messages-are-no-socket-lines")
        << std::vector<Line>{ann, {kFileRecordPort, kBo}, {0, kBo, true}, ann} << std::vector<BlockInfo>{block(0, 0, 3)}
        << std::size_t(0) << u"%1=2@0"_s.arg(QString::fromStdString(kAnn));
    // Two blocks of the batch add up: ann 0-1 in the first, ann 2 and bo 3 in the second.
    QTest::newRow("the-blocks-of-a-batch-add-up")
        << std::vector<Line>{ann, ann, ann, bo} << std::vector<BlockInfo>{block(0, 0, 1), block(0, 2, 3, kStart + 400)}
        << std::size_t(0) << u"%1=3@0, %2=1@3"_s.arg(QString::fromStdString(kAnn), QString::fromStdString(kBo));
    // The log holds lines from 1024 on (chunk 1): the block's lines 1022-1025 count from 1024.
    QTest::newRow("lines-no-longer-held-are-not-counted")
        << std::vector<Line>{ann, bo} << std::vector<BlockInfo>{block(0, 1022, 1025)} << std::size_t(1)
        << u"%1=1@1024, %2=1@1025"_s.arg(QString::fromStdString(kAnn), QString::fromStdString(kBo));
    // A block without its lines named (firstInput -1: a restarted driver's) counts nothing.
    BlockInfo unnamed = block(0, 0, 1);
    unnamed.firstInput = unnamed.lastInput = -1;
    QTest::newRow("a-block-without-its-lines-counts-nothing")
        << std::vector<Line>{ann, ann} << std::vector<BlockInfo>{unnamed} << std::size_t(0) << QString();
}

void TestTimelineSources::blockSourcesCountsBySender()
{
    QFETCH(std::vector<Line>, lines);
    QFETCH(std::vector<BlockInfo>, blocks);
    QFETCH(std::size_t, firstChunk);
    QFETCH(QString, expected);
    const auto log = logOf(lines, firstChunk);
    QCOMPARE(describe(blockSources(*log, blocks, {{0, 9999}})), expected);
}

void TestTimelineSources::chipsLeaveRoomForTheRest_data()
{
    QTest::addColumn<QList<double>>("chips");
    QTest::addColumn<double>("width");
    QTest::addColumn<int>("fit");
    // Chips 40 px, gap 4, "+N" 20 px.
    QTest::newRow("all-fit-without-a-more-chip") << QList<double>{40, 40} << 84.0 << 2;
    // 40 + 4 + 40 = 84, but a third follows: 84 + 4 + 20 = 108 > 100, so one chip and "+2".
    QTest::newRow("the-more-chip-needs-its-room") << QList<double>{40, 40, 40} << 100.0 << 1;
    // 108 fits exactly: two chips and "+1".
    QTest::newRow("exactly-enough-for-two-and-the-more-chip") << QList<double>{40, 40, 40} << 108.0 << 2;
    QTest::newRow("not-even-one-fits") << QList<double>{40} << 39.0 << 0;
    QTest::newRow("no-sources-no-chips") << QList<double>{} << 100.0 << 0;
}

void TestTimelineSources::chipsLeaveRoomForTheRest()
{
    QFETCH(QList<double>, chips);
    QFETCH(double, width);
    QFETCH(int, fit);
    QCOMPARE(chipsThatFit(static_cast<int>(chips.size()), width, 4, [&](int i) { return chips[i]; }, [](int) { return 20.0; }),
             fit);
}

void TestTimelineSources::theStripShowsOnlyInARunWithNamedSources()
{
    uitest::SnapshotDriver driver(u"wordcount.py"_s);
    SimulationController controller(&driver);
    StreamTimelineView view(&controller);
    view.resize(1000, 500);
    const Line typed{0, ""}, ann{0, kAnn};
    driver.show(runOf({typed, typed, typed}, {{0, 1}, {2, 2}}));
    QVERIFY(!view.showsSources());
    QCOMPARE(view.mapping().sourceHeight, 0.0);
    const double blockTop = view.mapping().blockTop();
    QCOMPARE(blockTop, view.mapping().receiverTop() + view.mapping().laneHeight);
    QCOMPARE(view.sourcesToolTipAt(QPointF(view.mapping().left + 20, view.mapping().receiverTop() + 5)), QString());
    // A student's line arrives (the same run, one more line and batch): the strip opens and the
    // rows move down by its height.
    driver.show(runOf({typed, typed, typed, ann}, {{0, 1}, {2, 2}, {3, 3}}));
    QVERIFY(view.showsSources());
    QCOMPARE(view.mapping().sourceHeight, controller.theme().px(26));
    QCOMPARE(view.mapping().blockTop(), blockTop + view.mapping().sourceHeight);
    // A new run fed by the nc panel alone: the strip goes again.
    auto other = runOf({typed}, {{0, 0}});
    other->runId = 8;
    driver.show(other);
    QVERIFY(!view.showsSources());
    QCOMPARE(view.mapping().blockTop(), blockTop);
    // It paints (offscreen) with the strip, labels and all.
    driver.show(runOf({ann, ann, typed}, {{0, 2}}));
    QVERIFY(view.showsSources());
    QVERIFY(!view.grab().isNull());
}

void TestTimelineSources::theToolTipsListEverySenderOfABatchAndABlock()
{
    uitest::SnapshotDriver driver(u"wordcount.py"_s);
    SimulationController controller(&driver);
    StreamTimelineView view(&controller);
    view.resize(1000, 500);
    view.followRun();
    const Line ann{0, kAnn}, bo{0, kBo}, typed{0, ""};
    // Batch 10:00:02 (lines 3-6): bo 3 lines, ann 1; batch 10:00:01 (0-2): ann 2, typed 1.
    driver.show(runOf({ann, typed, ann, bo, ann, bo, bo}, {{0, 2}, {3, 6}}));
    const TimelineMapping &m = view.mapping();
    auto xAt = [&](std::int64_t ms) { return m.timeToX(kStart + ms); };
    // Inside (10:00:01, 10:00:02]: batch 10:00:02's senders, over the lane and over the strip.
    const QString second = u"Batch 10:00:02, lines by sender:\nstudent 2 (127.0.0.1:50002): 3 lines\n"
                            u"student 1 (127.0.0.1:50001): 1 line"_s;
    QCOMPARE(view.sourcesToolTipAt(QPointF(xAt(1500), m.receiverTop() + 5)), second);
    QCOMPARE(view.sourcesToolTipAt(QPointF(xAt(1500), m.sourceTop() + m.sourceHeight / 2)), second);
    QCOMPARE(view.sourcesToolTipAt(QPointF(xAt(500), m.receiverTop() + 5)),
             u"Batch 10:00:01, lines by sender:\nstudent 1 (127.0.0.1:50001): 2 lines\ntyped into the nc panel: 1 line"_s);
    // The block lane: the block cut at 10:00:01.800 covers (10:00:01.600, 10:00:01.800].
    QCOMPARE(view.sourcesToolTipAt(QPointF(xAt(1700), m.blockTop() + m.blockHeight / 2)),
             u"Block cut at 10:00:01.800, lines by sender:\nstudent 2 (127.0.0.1:50002): 3 lines\n"
             u"student 1 (127.0.0.1:50001): 1 line"_s);
    // Outside a block, in the label column, or below the lanes: none.
    QCOMPARE(view.sourcesToolTipAt(QPointF(xAt(1300), m.blockTop() + m.blockHeight / 2)), QString());
    QCOMPARE(view.sourcesToolTipAt(QPointF(m.left / 2, m.receiverTop() + 5)), QString());
    QCOMPARE(view.sourcesToolTipAt(QPointF(xAt(1500), m.rowTop(0) + 5)), QString());
}

void TestTimelineSources::aClassroomRunInPresenterMode_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("en-1280x720") << u"en"_s;
    QTest::newRow("zh_CN-1280x720") << u"zh_CN"_s;
}

void TestTimelineSources::aClassroomRunInPresenterMode()
{
    QFETCH(QString, language);
    if (!m_session) {
        ProgramSession::Config cfg;
        cfg.startTime = SimTime(kStart);
        cfg.pythonPackageDir = DSTREAMLAB_SOURCE_DIR "/resources/python";
        m_session = std::make_unique<ProgramSession>(cfg);
        m_controller = std::make_unique<SimulationController>(m_session.get());
        m_languages = std::make_unique<LanguageManager>();
        m_window = std::make_unique<MainWindow>(m_controller.get(), m_languages.get(), false);
        m_window->setProgram(u"network_wordcount.py"_s, QString::fromUtf8(uitest::kWordCountProgram));
        m_window->resize(1280, 720);
        m_window->setPresenterMode(true);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        // Three students and one typed line, as the class port sends them (SocketClientFeed::take):
        // batch 3 gets ann 3, bo 2, cy 1 and a typed line; batch 4 bo 1; batches 5 and 6 five senders.
        const QString ann = QString::fromStdString(kAnn), bo = QString::fromStdString(kBo),
                      cy = u"student 3 (192.168.1.23:50432)"_s, dee = u"student 4 (192.168.1.24:50433)"_s,
                      eve = u"student 5 (192.168.1.25:50434)"_s;
        const std::vector<std::vector<std::pair<QString, QString>>> perBatch{
            {},
            {},
            {{ann, u"to be or not to be"_s}, {bo, u"to be quick"_s}, {ann, u"not"_s}, {cy, u"hello"_s}, {{}, u"typed here"_s},
             {bo, u"be"_s}, {ann, u"or"_s}},
            {{bo, u"be quick"_s}},
            {{ann, u"a"_s}, {bo, u"b"_s}, {cy, u"c"_s}, {dee, u"d"_s}, {eve, u"e"_s}, {eve, u"e"_s}},
            {{dee, u"spark streaming"_s}, {eve, u"dstream"_s}, {ann, u"rdd"_s}, {cy, u"batch"_s}, {bo, u"block"_s}},
        };
        for (std::size_t k = 0; k < perBatch.size(); ++k) {
            for (const auto &[source, line] : perBatch[k]) m_controller->execute(command::SendLine{line, source, 0});
            m_controller->runUntilBatch(static_cast<int>(k) + 1);
            QVERIFY(QTest::qWaitFor(
                [&] {
                    const auto &s = m_controller->snapshot();
                    return s && s->phase == RunPhase::Paused && s->completedBatches == static_cast<int>(k) + 1;
                },
                30000));
        }
    }
    QVERIFY(m_languages->setLanguage(language));
    QTest::qWait(1000); // the drop-in and the layout settle
    StreamTimelineView *timeline = m_window->timeline();
    QVERIFY(timeline->showsSources());
    QVERIFY(m_controller->theme().presenter);
    // The rows still get their readable minimum under the strip, and four batches show.
    QVERIFY2(timeline->mapping().rowHeight >= m_controller->theme().px(40) - 0.01, qPrintable(QString::number(timeline->mapping().rowHeight)));
    QVERIFY2(timeline->visibleBatches() >= 4.0, qPrintable(QString::number(timeline->visibleBatches())));
    // The tool tip over batch 10:00:03 (its lines arrived in (10:00:02, 10:00:03]): the three
    // students and the typed line, most lines first: ann 3, bo 2, cy 1, the nc panel 1 (cy's
    // line came first).
    const auto snap = m_controller->snapshot();
    const SimTime third(kStart + 3000);
    QVERIFY(snap->batch(third));
    const std::vector<SourceCount> counts = blockSources(*snap->input, snap->batch(third)->blocks, receiverPortsOf(*snap));
    QCOMPARE(describe(counts).remove(QRegularExpression(u"@\\d+"_s)),
             u"%1=3, %2=2, student 3 (192.168.1.23:50432)=1, typed=1"_s.arg(QString::fromStdString(kAnn), QString::fromStdString(kBo)));
    const TimelineMapping &m = timeline->mapping();
    const double x = m.timeToX(kStart + 2500);
    if (x > m.left && x < timeline->width()) {
        const QString tip = timeline->sourcesToolTipAt(QPointF(x, m.sourceTop() + m.sourceHeight / 2));
        QVERIFY2(tip.count(QLatin1Char('\n')) == 4, qPrintable(tip));
    }
    // Every box text whole (tst_presenter's probe), with the strip taking its height.
    timeline->dropCachedColumns();
    TimelinePainter::elidedBoxTexts = 0;
    QVERIFY(!timeline->grab().isNull());
    QCOMPARE(TimelinePainter::elidedBoxTexts, 0);
    const QString dir = qEnvironmentVariable("DSTREAMLAB_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        m_window->grab().save(u"%1/sources-%2-1280x720.png"_s.arg(dir, language));
        timeline->grab().save(u"%1/sources-timeline-%2-1280x720.png"_s.arg(dir, language));
    }
}

void TestTimelineSources::cleanupTestCase()
{
    m_window.reset();
    m_controller.reset();
    m_session.reset();
}

QTEST_MAIN(TestTimelineSources)
#include "tst_timelinesources.moc"
