// The main window over a real run: keyboard run control, step back then forward reproducing the
// same word counts, and screenshots in en and zh_CN with every view drawn (offscreen).
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "engine/inputscript.h"
#include "app/session/programsession.h"
#include "app/session/runsnapshot.h"
#endif
#include "ui/batchdelaychart.h"
#include "ui/codepanel.h"
#include "ui/languagemanager.h"
#include "ui/mainwindow.h"
#include "ui/streamingstatisticsview.h"
#include "ui/ncinputpanel.h"
#include "ui/pprintconsole.h"
#include "ui/rddrecordspanel.h"
#include "ui/batchselection.h"
#include "ui/timelinemapping.h"
#include "ui/runstatusstrip.h"
#include "ui/simulationcontroller.h"
#include "ui/streamtimelineview.h"
#include "ui/timelinepainter.h"
#include "ui/programtext.h"
#include "ui/wordcountmodel.h"
#include "ui/wordcountpanel.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSet>
#include <QScrollBar>
#include <QToolButton>
#include <QWheelEvent>
#include <QImage>
#include <QPainter>
#include <QTabWidget>
#include <QTest>
#include <QToolBar>

#include <map>

using namespace dsl;
using namespace dsl::ui;
using namespace dsl::session;

namespace {
QString readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

/// Share of pixels that differ clearly from the image's most common colour ("ink").
double inkFraction(const QImage &img)
{
    std::map<QRgb, int> hist;
    for (int y = 0; y < img.height(); y += 2)
        for (int x = 0; x < img.width(); x += 2) ++hist[img.pixel(x, y) & 0xF0F0F0];
    QRgb bg = 0;
    int best = 0;
    for (const auto &[c, n] : hist)
        if (n > best) best = n, bg = c;
    int ink = 0, total = 0;
    for (int y = 0; y < img.height(); y += 2)
        for (int x = 0; x < img.width(); x += 2) {
            const QRgb c = img.pixel(x, y);
            const int d = std::abs(qRed(c) - qRed(bg)) + std::abs(qGreen(c) - qGreen(bg)) + std::abs(qBlue(c) - qBlue(bg));
            ink += d > 60;
            ++total;
        }
    return total ? static_cast<double>(ink) / total : 0;
}

/// Share of pixels that differ clearly between two images of one size.
double differing(const QImage &a, const QImage &b)
{
    int n = 0, total = 0;
    for (int y = 0; y < a.height(); y += 2)
        for (int x = 0; x < a.width(); x += 2) {
            const QRgb c = a.pixel(x, y), d = b.pixel(x, y);
            n += std::abs(qRed(c) - qRed(d)) + std::abs(qGreen(c) - qGreen(d)) + std::abs(qBlue(c) - qBlue(d)) > 40;
            ++total;
        }
    return total ? static_cast<double>(n) / total : 0;
}

QStringList countRows(const WordCountModel &m)
{
    QStringList out;
    for (const auto &r : m.rows()) out << r.word + QLatin1Char('=') + QString::number(r.count);
    return out;
}
} // namespace

class TestDashboard : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void arrowKeysStepBatchesAndStepBackReplaysIdentically();
    void screenshots_data();
    void screenshots();
    void clickingABoxShowsItsRecordsAndLineage();
    void dropInGathersRecordsThenDropsRowByRow();
    void clickingADelayPointScrollsTheTimelineToItsBatch();
    void delayAxisScalesToTheData_data();
    void delayAxisScalesToTheData();
    void whileAJobRunsItsOutputAndLineageLinesAreLit();
    void cachedBatchColumnsLookAsPaintedAfresh();
    void batchesArrivingFasterThanTheDropInAppearAtOnce();
    void aProgramThatRaisedOutOfAwaitTerminationShowsStopped();
    void programScreenshots_data();
    void programScreenshots();
    void cleanupTestCase();

private:
    bool waitPaused(int batches);
    std::unique_ptr<session::ProgramSession> m_session;
    std::unique_ptr<SimulationController> m_controller;
    std::unique_ptr<LanguageManager> m_languages;
    std::unique_ptr<MainWindow> m_window;
    std::uint64_t m_serial = 0;
};

void TestDashboard::initTestCase()
{
    session::ProgramSession::Config cfg;
    cfg.startTime = SimTime(1'795'514'400'000); // 2026-11-24 10:00:00 UTC (TZ=UTC set below)
    cfg.pythonPackageDir = DSTREAMLAB_SOURCE_DIR "/resources/python";
    m_session = std::make_unique<session::ProgramSession>(cfg);
    std::vector<ScriptLine> lines;
    std::string err;
    QVERIFY(parseInputScript(readFile(QStringLiteral(DSTREAMLAB_SOURCE_DIR "/docs/screenshots/wordcount.input")).toStdString(),
                                  lines, err));
    std::vector<std::pair<Duration, std::string>> input;
    for (const auto &l : lines) input.emplace_back(l.offset, l.text);
    QVERIFY(m_session->addInput(input));
    m_controller = std::make_unique<SimulationController>(m_session.get());
    m_languages = std::make_unique<LanguageManager>();
    m_languages->setLanguage(QStringLiteral("en"));
    m_window = std::make_unique<MainWindow>(m_controller.get(), m_languages.get(), false);
    m_window->setProgram(QStringLiteral("network_wordcount.py"),
                         readFile(QStringLiteral(DSTREAMLAB_SOURCE_DIR "/resources/programs/network_wordcount.py")));
    m_window->resize(1920, 1080);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

bool TestDashboard::waitPaused(int batches)
{
    const bool ok = QTest::qWaitFor(
        [&] {
            const auto &s = m_controller->snapshot();
            return s && s->serial > m_serial && s->phase == RunPhase::Paused && s->completedBatches == batches;
        },
        30000);
    if (ok) m_serial = m_controller->snapshot()->serial;
    return ok;
}

void TestDashboard::arrowKeysStepBatchesAndStepBackReplaysIdentically()
{
    QWidget *keys = m_window->timeline();
    QCOMPARE(QApplication::focusWidget(), keys);
    for (int b = 1; b <= 3; ++b) {
        QTest::keyClick(keys, Qt::Key_Right);
        QVERIFY2(waitPaused(b), qPrintable(QStringLiteral("batch %1").arg(b)));
    }
    const WordCountModel *model = m_window->wordCounts()->model();
    const QStringList counts = countRows(*model);
    const std::string console = *m_controller->snapshot()->console;
    QVERIFY(!counts.isEmpty());
    QCOMPARE(m_window->statusStrip()->stateText(), QStringLiteral("ACTIVE"));

    QTest::keyClick(keys, Qt::Key_Left);
    QVERIFY(waitPaused(2));
    QVERIFY(countRows(*model) != counts); // batch 2's counts
    QTest::keyClick(keys, Qt::Key_Right);
    QVERIFY(waitPaused(3));
    QCOMPARE(countRows(*model), counts);
    QCOMPARE(*m_controller->snapshot()->console, console);
    // One more batch for the screenshots.
    QTest::keyClick(keys, Qt::Key_Right);
    QVERIFY(waitPaused(4));
}

void TestDashboard::screenshots_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("runText");
    QTest::addColumn<QString>("countsHeader");
    QTest::newRow("en") << QStringLiteral("en") << QStringLiteral("Run") << QStringLiteral("Word");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN") << QStringLiteral("运行") << QStringLiteral("单词");
}

void TestDashboard::screenshots()
{
    QFETCH(QString, language);
    QFETCH(QString, runText);
    QFETCH(QString, countsHeader);
    QVERIFY(m_languages->setLanguage(language));
    QCoreApplication::processEvents();
    QTest::qWait(900); // the drop-in and bar animations settle
    // Every visible string went through the translator.
    QAction *run = m_window->findChild<QToolBar *>(QStringLiteral("runToolBar"))->actions().front();
    QCOMPARE(run->text(), runText);
    QCOMPARE(m_window->wordCounts()->model()->headerData(0, Qt::Horizontal).toString(), countsHeader);

    const QImage shot = m_window->grab().toImage();
    QCOMPARE(shot.size(), QSize(1920, 1080));
    QVERIFY(inkFraction(shot) > 0.05);
    const QString dir = qEnvironmentVariableIsSet("DSTREAMLAB_SCREENSHOT_DIR")
                            ? qEnvironmentVariable("DSTREAMLAB_SCREENSHOT_DIR")
                            : QDir::currentPath();
    QVERIFY(shot.save(dir + QStringLiteral("/main-%1.png").arg(language)));

    // The expected regions are drawn, each with content.
    const std::vector<std::pair<const char *, QWidget *>> regions{
        {"timeline", m_window->timeline()},   {"nc panel", m_window->ncPanel()},
        {"word counts", m_window->wordCounts()}, {"pprint console", m_window->console()},
        {"streaming statistics", m_window->statisticsView()}, {"code", m_window->codePanel()},
    };
    for (const auto &[name, w] : regions) {
        QVERIFY2(w->isVisible() && w->width() > 150 && w->height() > 100, name);
        const double ink = inkFraction(w->grab().toImage());
        QVERIFY2(ink > 0.01, qPrintable(QStringLiteral("%1 looks blank (%2)").arg(QLatin1String(name)).arg(ink)));
    }
    QVERIFY(m_window->ncPanel()->transcript().contains(QStringLiteral("hello 你好")));
    QCOMPARE(m_window->statusStrip()->clockText().left(8), QStringLiteral("10:00:04"));
}

void TestDashboard::clickingABoxShowsItsRecordsAndLineage()
{
    m_languages->setLanguage(QStringLiteral("en"));
    const auto s = m_controller->snapshot();
    const StreamTimelineView *view = m_window->timeline();
    const TimelineMapping &m = view->mapping();
    // Row 1 is `words`; the box of batch 10:00:04 spans (10:00:03, 10:00:04].
    const qint64 batch = 1'795'514'404'000;
    const QPoint at(static_cast<int>(m.timeToX(batch - 500)), static_cast<int>(m.rowTop(1) + m.rowHeight / 2));
    QTest::mouseClick(m_window->timeline(), Qt::LeftButton, {}, at);
    QCOMPARE(m_controller->selection()->batchTime(), std::optional<qint64>(batch));
    const StreamSnapshot *words = s->stream(m_controller->selection()->streamId());
    QVERIFY(words);
    QCOMPARE(words->opName, std::string("flatMap"));
    QCOMPARE(m_window->bottomTabs()->currentWidget(), static_cast<QWidget *>(m_window->recordsPanel()));
    // Batch 10:00:04 got "spark spark spark" and "hello 你好": five words.
    QCOMPARE(m_window->recordsPanel()->recordsText(),
             QStringLiteral("'spark'\n'spark'\n'spark'\n'hello'\n'你好'"));
    QVERIFY(m_window->codePanel()->litLine() == words->line());
    m_controller->selection()->followLatest();
}

void TestDashboard::dropInGathersRecordsThenDropsRowByRow()
{
    // The latest batch's animation, frozen at points of its clock, painted as the view does.
    const auto s = m_controller->snapshot();
    const qint64 batch = s->batches.rbegin()->first.ms();
    const StreamTimelineView *view = m_window->timeline();
    const ProgramText program(m_controller->driver()->programSource());
    const QString dir = qEnvironmentVariableIsSet("DSTREAMLAB_SCREENSHOT_DIR") ? qEnvironmentVariable("DSTREAMLAB_SCREENSHOT_DIR")
                                                                               : QDir::currentPath();
    auto frame = [&](double progress) {
        QImage img(view->size(), QImage::Format_ARGB32);
        QPainter painter(&img);
        TimelinePaintParams p;
        p.snapshot = s.get();
        p.theme = &m_controller->theme();
        p.program = &program;
        p.mapping = view->mapping();
        p.bounds = QRectF(QPointF(0, 0), QSizeF(view->size()));
        p.labelWidth = view->mapping().left;
        p.clockMs = m_controller->clockMs();
        p.appearProgress = [&](qint64 t) { return t == batch ? progress : 1.0; };
        TimelinePainter(p).paint(painter);
        return img;
    };
    TimelinePaintParams p;
    p.snapshot = s.get();
    p.theme = &m_controller->theme();
    p.program = &program;
    p.mapping = view->mapping();
    const TimelinePainter geometry(p);
    const QRect lastRow = geometry.boxRect(batch, 3).toAlignedRect().adjusted(4, 4, -4, -4);
    const QRect firstRow = geometry.boxRect(batch, 0).toAlignedRect().adjusted(4, 4, -4, -4);
    const QImage gather = frame(0.2), blocks = frame(0.5), rows = frame(0.75), done = frame(1.0);
    for (const auto &[name, img] : {std::pair{"gather", gather}, {"blocks", blocks}, {"rows", rows}, {"done", done}})
        QVERIFY(img.save(dir + QStringLiteral("/dropin-%1.png").arg(QLatin1String(name))));
    // While records gather no box of the batch is drawn (the row looks as before the batch);
    // when done, every row has its box.
    const QImage before = frame(0.0);
    QVERIFY(differing(gather.copy(lastRow), before.copy(lastRow)) < 0.02);
    QVERIFY(differing(gather.copy(firstRow), before.copy(firstRow)) < 0.02);
    QVERIFY(differing(done.copy(lastRow), before.copy(lastRow)) > 0.3);
    // Then the blocks fill the first row while the last row is still empty.
    QVERIFY(differing(blocks.copy(firstRow), before.copy(firstRow)) > 0.3);
    QVERIFY(differing(blocks.copy(lastRow), before.copy(lastRow)) < 0.02);
    // Rows follow one another: at 0.75 the first row has landed (at 0.7 it was 98 % of the way,
    // half a pixel off and 1 % transparent: wider boxes made that visible), the last not yet.
    QVERIFY(differing(rows.copy(lastRow), done.copy(lastRow)) > 0.1);
    QVERIFY(differing(rows.copy(firstRow), done.copy(firstRow)) < 0.02);
}

void TestDashboard::clickingADelayPointScrollsTheTimelineToItsBatch()
{
    StreamTimelineView *view = m_window->timeline();
    auto wheel = [&](Qt::KeyboardModifiers mods, int steps) {
        const QPointF at(view->width() * 0.8, view->height() / 2.0);
        QWheelEvent e(at, view->mapToGlobal(at), QPoint(), QPoint(0, 120 * steps), Qt::NoButton, mods, Qt::NoScrollPhase, false);
        QApplication::sendEvent(view, &e);
    };
    wheel(Qt::ControlModifier, 8); // zoomed in: only the latest batches are in view
    const qint64 first = m_controller->snapshot()->batches.begin()->first.ms();
    const qint64 iv = m_controller->snapshot()->batchInterval.ms();
    QVERIFY(view->mapping().timeToX(first) < view->mapping().left); // batch 1 is out of view
    emit m_window->delayChart()->batchClicked(first);
    QCOMPARE(m_controller->selection()->batchTime(), std::optional<qint64>(first));
    const TimelineMapping &m = view->mapping();
    QVERIFY2(m.timeToX(first - iv) >= m.left - 1 && m.timeToX(first) <= m.left + m.width + 1,
             qPrintable(QStringLiteral("batch spans x %1..%2").arg(m.timeToX(first - iv)).arg(m.timeToX(first))));
    QVERIFY(!view->isFollowing());
    wheel(Qt::ControlModifier, -8);
    m_controller->selection()->followLatest(); // Home: the latest batch, and the run, again
    QVERIFY(view->isFollowing());
}

void TestDashboard::delayAxisScalesToTheData_data()
{
    QTest::addColumn<double>("maxDelay");
    QTest::addColumn<double>("interval");
    QTest::addColumn<double>("axisMax");
    QTest::addColumn<bool>("showsInterval");
    QTest::newRow("17ms-delays-at-1s-interval-scale-to-50ms") << 17.0 << 1000.0 << 50.0 << false;
    QTest::newRow("40ms-delays-scale-to-50ms") << 40.0 << 1000.0 << 50.0 << false;
    QTest::newRow("delays-near-the-interval-show-it") << 450.0 << 1000.0 << 2000.0 << true;
    QTest::newRow("a-batch-over-the-interval-reaches-above-it") << 1500.0 << 1000.0 << 2000.0 << true;
    QTest::newRow("no-batches-yet-a-10ms-axis") << 0.0 << 1000.0 << 10.0 << false;
    QTest::newRow("a-200ms-interval-with-90ms-delays") << 90.0 << 200.0 << 500.0 << true;
}

void TestDashboard::delayAxisScalesToTheData()
{
    QFETCH(double, maxDelay);
    QFETCH(double, interval);
    QFETCH(double, axisMax);
    QFETCH(bool, showsInterval);
    QCOMPARE(BatchDelayChart::yAxisFor(maxDelay, interval), (BatchDelayChart::YAxis{axisMax, showsInterval}));
}

void TestDashboard::whileAJobRunsItsOutputAndLineageLinesAreLit()
{
    // Step event by event into batch 10:00:05 until its pprint job has started, not ended.
    bool running = false;
    for (int i = 0; i < 400 && !running; ++i) {
        const std::uint64_t serial = m_controller->snapshot()->serial;
        m_controller->stepEvent();
        // Every step ends in a fresh snapshot at rest, even one that changed nothing visible.
        QVERIFY(QTest::qWaitFor(
            [&] {
                const auto &s = m_controller->snapshot();
                return s->serial > serial && s->phase == RunPhase::Paused;
            },
            10000));
        running = m_controller->snapshot()->computingStreamId >= 0;
    }
    QVERIFY(running);
    CodePanel *code = m_window->codePanel();
    QCOMPARE(code->computingLine(), 30); // wordCounts.pprint()
    std::vector<int> lineage = code->lineageLines();
    std::sort(lineage.begin(), lineage.end());
    QCOMPARE(lineage, (std::vector<int>{22, 24, 26, 28})); // lines, words, pairs, wordCounts
    m_serial = m_controller->snapshot()->serial;
}

void TestDashboard::cachedBatchColumnsLookAsPaintedAfresh()
{
    // The view keeps each appeared batch's boxes as a bitmap (TimelineColumnCache). Painted
    // through one cache while the selection and the scale change, every frame must look like
    // the same frame painted afresh; a stale column (old selection, old scale) would differ.
    const auto s = m_controller->snapshot();
    const StreamTimelineView *view = m_window->timeline();
    const ProgramText program(m_controller->driver()->programSource());
    const qint64 iv = s->batchInterval.ms();
    const qint64 batch4 = 1'795'514'404'000, batch3 = batch4 - iv;
    TimelineColumnCache cache;
    auto paint = [&](TimelineColumnCache *c, const TimelineMapping &m, std::optional<qint64> selBatch, int selStream) {
        QImage img(view->size(), QImage::Format_ARGB32_Premultiplied);
        QPainter painter(&img);
        TimelinePaintParams p;
        p.snapshot = s.get();
        p.theme = &m_controller->theme();
        p.program = &program;
        p.mapping = m;
        p.bounds = QRectF(QPointF(0, 0), QSizeF(view->size()));
        p.labelWidth = m.left;
        p.clockMs = m_controller->clockMs();
        p.selectedBatch = selBatch;
        p.selectedStream = selStream;
        p.columnCache = c;
        TimelinePainter(p).paint(painter);
        return img;
    };
    const std::vector<TimelineRow> rows = TimelinePainter::rowsFor(*s, program);
    QVERIFY(rows.size() > 1);
    const int words = rows[1].streamId; // lines, words, pairs, wordCounts, pprint
    TimelineMapping zoomed = view->mapping();
    zoomed.pxPerMs *= 1.5;
    const struct {
        const char *name;
        TimelineMapping mapping;
        std::optional<qint64> batch;
        int stream;
    } frames[] = {
        {"nothing selected", view->mapping(), std::nullopt, -1},
        {"batch 4's words box selected", view->mapping(), batch4, words},
        {"batch 3's words box selected instead", view->mapping(), batch3, words},
        {"selection cleared", view->mapping(), std::nullopt, -1},
        {"zoomed in", zoomed, std::nullopt, -1},
    };
    QImage previous;
    for (const auto &f : frames) {
        const QImage cached = paint(&cache, f.mapping, f.batch, f.stream);
        const QImage fresh = paint(nullptr, f.mapping, f.batch, f.stream);
        // (Measured: identical at every sampled pixel; a stale selected box differs at 0.26 %.)
        QVERIFY2(differing(cached, fresh) < 0.0005, qPrintable(QStringLiteral("%1: %2 of the pixels differ")
                                                                  .arg(QLatin1String(f.name)).arg(differing(cached, fresh))));
        if (!previous.isNull()) QVERIFY2(differing(cached, previous) > 0.0005, f.name); // each frame shows a change
        previous = cached;
    }
    QVERIFY(!cache.columns.empty()); // the cache was used, not bypassed
}

void TestDashboard::batchesArrivingFasterThanTheDropInAppearAtOnce()
{
    // A batch after a quiet spell drops in (records gather, boxes fall row by row, 850 ms);
    // one arriving while the previous still drops (16x: a batch every 60 ms) appears at once,
    // and so does the previous: else a fast run would show no boxes at all.
    const StreamTimelineView *view = m_window->timeline();
    // Finish the batch the previous test stopped in (its box is already on the timeline).
    const int done = m_controller->snapshot()->completedBatches;
    m_controller->stepBatch();
    QVERIFY(waitPaused(done + 1));
    QVERIFY(QTest::qWaitFor([&] { return view->batchesAppearing() == 0; }, 5000));
    QTest::qWait(900);
    auto stepToNewBatch = [&] {
        const qint64 last = m_controller->snapshot()->batches.rbegin()->first.ms();
        m_controller->stepBatch();
        return QTest::qWaitFor([&] { return m_controller->snapshot()->batches.rbegin()->first.ms() > last; }, 10000);
    };
    QElapsedTimer between;
    QVERIFY(stepToNewBatch());
    between.start();
    QCOMPARE(view->batchesAppearing(), 1);
    // (The batch shows when generated; the step ends when it completes.)
    QVERIFY(QTest::qWaitFor([&] { return m_controller->snapshot()->phase == RunPhase::Paused; }, 10000));
    QVERIFY(stepToNewBatch());
    const qint64 ms = between.elapsed();
    if (ms >= 850) QSKIP(qPrintable(QStringLiteral("the second batch took %1 ms (not faster than the drop-in)").arg(ms)));
    QCOMPARE(view->batchesAppearing(), 0);
    // Two steps after batch done + 1; stepToNewBatch returns when a batch is generated, before it
    // completes, so the count to wait for is fixed here, not read from a snapshot mid-step.
    QVERIFY(waitPaused(done + 3));
}

void TestDashboard::aProgramThatRaisedOutOfAwaitTerminationShowsStopped()
{
    // int("hello spark hello") raises in batch 1's task; ssc.awaitTermination() re-raises and
    // the driver ends. The engine's context is still ACTIVE (nobody called stop), but the
    // application is over: Spark's shutdown hook stops the context (StreamingContext.scala).
    const QString program = QStringLiteral(DSTREAMLAB_SOURCE_DIR "/tests/programs/fail_user_function.py");
    m_languages->setLanguage(QStringLiteral("en"));
    m_window->setProgram(QFileInfo(program).fileName(), readFile(program));
    m_controller->runUntilBatch(3);
    QVERIFY(QTest::qWaitFor([&] { return m_controller->snapshot()->phase == RunPhase::Failed; }, 30000));
    QTest::qWait(50);
    m_serial = m_controller->snapshot()->serial;
    QCOMPARE(m_window->statusStrip()->stateText(), QStringLiteral("STOPPED"));
    QCOMPARE(m_controller->snapshot()->streamingState, StreamingState::ACTIVE);
    QCOMPARE(m_controller->snapshot()->errorLine, 13); // return 10 // int(line)
}

void TestDashboard::programScreenshots_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("language");
    QTest::addColumn<bool>("presenter");
    QTest::addColumn<QStringList>("rows");    // the DStream rows, outputs left out
    QTest::addColumn<QString>("specialRow");  // a window row (window ms) or a state row
    QTest::addColumn<int>("windowMs");        // 0: specialRow carries state
    QTest::addColumn<QStringList>("totals");  // word counts, running totals / window view
    QTest::addColumn<bool>("hasTotals");      // else the counts are the batch's own
    const QString window = QStringLiteral(DSTREAMLAB_SOURCE_DIR "/tests/programs/window_wordcount.py");
    const QString state = QStringLiteral(DSTREAMLAB_SOURCE_DIR "/tests/programs/state_running_count.py");
    const QString wordcount = QStringLiteral(DSTREAMLAB_SOURCE_DIR "/resources/programs/network_wordcount.py");
    const QStringList windowRows{u"lines"_qs, u"flatMap"_qs, u"pairs"_qs, u"windowed"_qs,
                                 u"transform"_qs, u"window"_qs, u"count"_qs, u"countByWindow"_qs};
    // wordcount.input, batches (1,2], (2,3], (3,4]: the window at 10:00:04 (3 s, slide 2 s).
    const QStringList windowTotals{u"spark=5"_qs, u"你好=4"_qs, u"hello=3"_qs, u"streaming=2"_qs, u"world=1"_qs, u"世界=1"_qs};
    const QStringList stateRows{u"lines"_qs, u"flatMap"_qs, u"pairs"_qs, u"updateStateByKey"_qs, u"transform"_qs,
                                u"mapWithState"_qs, u"mapped"_qs, u"transform (2)"_qs, u"stateSnapshots"_qs, u"transform (3)"_qs};
    // Batches 1-4 of wordcount.input, all summed.
    const QStringList stateTotals{u"spark=6"_qs, u"hello=5"_qs, u"你好=4"_qs, u"streaming=2"_qs, u"world=1"_qs, u"世界=1"_qs};
    const QStringList wcRows{u"lines"_qs, u"words"_qs, u"pairs"_qs, u"wordCounts"_qs};
    QTest::newRow("windowed-en-presenter") << window << u"en"_qs << true << windowRows << u"windowed"_qs << 3000 << windowTotals << true;
    QTest::newRow("windowed-zh_CN") << window << u"zh_CN"_qs << false << windowRows << u"countByWindow"_qs << 2000 << windowTotals << true;
    QTest::newRow("stateful-en") << state << u"en"_qs << false << stateRows << u"updateStateByKey"_qs << 0 << stateTotals << true;
    QTest::newRow("stateful-zh_CN-presenter") << state << u"zh_CN"_qs << true << stateRows << u"mapWithState"_qs << 0 << stateTotals << true;
    // Batch 10:00:04 alone: "spark spark spark", "hello 你好".
    const QStringList wcBatch{u"spark=3"_qs, u"hello=1"_qs, u"你好=1"_qs};
    QTest::newRow("wordcount-en-presenter") << wordcount << u"en"_qs << true << wcRows << QString() << 0 << wcBatch << false;
    QTest::newRow("wordcount-zh_CN-presenter") << wordcount << u"zh_CN"_qs << true << wcRows << QString() << 0 << wcBatch << false;
}

void TestDashboard::programScreenshots()
{
    QFETCH(QString, program);
    QFETCH(QString, language);
    QFETCH(bool, presenter);
    QFETCH(QStringList, rows);
    QFETCH(QString, specialRow);
    QFETCH(int, windowMs);
    QFETCH(QStringList, totals);
    QFETCH(bool, hasTotals);
    const QString source = readFile(program);
    QVERIFY(!source.isEmpty());
    m_window->setProgram(QFileInfo(program).fileName(), source);
    QVERIFY(QTest::qWaitFor([&] { return m_controller->snapshot()->phase == RunPhase::NotStarted; }, 10000));
    m_controller->runUntilBatch(4);
    QVERIFY(waitPaused(4));
    QVERIFY(m_languages->setLanguage(language));
    m_window->setPresenterMode(presenter);
    QTest::qWait(900); // layout, drop-in and bar animations settle

    // The rows: PySpark's helper streams folded away, every name unique, outputs last.
    const auto s = m_controller->snapshot();
    const std::vector<TimelineRow> got = TimelinePainter::rowsFor(*s, ProgramText(source));
    QStringList names;
    QSet<QString> unique;
    for (const auto &r : got) {
        if (!r.isOutput) names << r.name;
        unique.insert(r.name);
        QVERIFY2(r.line > 0, qPrintable(r.name)); // every row has its source line tag
    }
    QCOMPARE(names, rows);
    QCOMPARE(unique.size(), static_cast<qsizetype>(got.size()));
    if (!specialRow.isEmpty()) {
        const auto it = std::find_if(got.begin(), got.end(), [&](const TimelineRow &r) { return r.name == specialRow; });
        QVERIFY(it != got.end());
        if (windowMs > 0) {
            QCOMPARE(it->windowMs, std::int64_t(windowMs));
            // The window at 10:00:04 covers the batches in (10:00:04 - window, 10:00:04]
            // (WindowedDStream.compute: parent.slice(t - windowDuration + slide, t)).
            const qint64 t = 1'795'514'404'000;
            const BatchSnapshot *b = s->batch(SimTime(t));
            QVERIFY(b && b->windows.count(it->windowStreamId));
            std::vector<std::int64_t> expected;
            for (qint64 c = t - windowMs + 1000; c <= t; c += 1000) expected.push_back(c);
            QCOMPARE(b->windows.at(it->windowStreamId).covered, expected);
            QCOMPARE(b->windows.at(it->windowStreamId).beginMs, t - windowMs);
        } else {
            QVERIFY(it->carriesState);
        }
    }
    // Word counts: the program's totals (the window, the running totals) by default.
    WordCountPanel *counts = m_window->wordCounts();
    counts->setShowTotals(true);
    QCOMPARE(countRows(*counts->model()), totals);
    QCOMPARE(counts->totalsButton()->isVisible(), hasTotals);
    // "This batch": batch 10:00:04 alone ("spark spark spark", "hello 你好") in every program,
    // from its per-batch (key, count) stream (pairs summed, or the window's reduceByKey).
    counts->setShowTotals(false);
    QCOMPARE(countRows(*counts->model()), (QStringList{u"spark=3"_qs, u"hello=1"_qs, u"你好=1"_qs}));
    counts->setShowTotals(true);
    // Spark's name stays visible in every language ("运行中 (ACTIVE)" in zh_CN).
    QVERIFY2(m_window->statusStrip()->stateText().contains(QStringLiteral("ACTIVE")),
             qPrintable(m_window->statusStrip()->stateText()));
    QVERIFY(m_window->statusStrip()->messageText().isEmpty()); // the failed program's message went with it
    m_window->bottomTabs()->setCurrentWidget(m_window->delayChart());

    const QImage shot = m_window->grab().toImage();
    QVERIFY(inkFraction(shot) > 0.05);
    const QString dir = qEnvironmentVariableIsSet("DSTREAMLAB_SCREENSHOT_DIR") ? qEnvironmentVariable("DSTREAMLAB_SCREENSHOT_DIR")
                                                                               : QDir::currentPath();
    QVERIFY(shot.save(dir + QStringLiteral("/%1.png").arg(QString::fromLatin1(QTest::currentDataTag()))));
    const std::vector<std::pair<const char *, QWidget *>> regions{
        {"timeline", m_window->timeline()},      {"nc panel", m_window->ncPanel()},
        {"word counts", m_window->wordCounts()}, {"pprint console", m_window->console()},
        {"delay chart", m_window->delayChart()}, {"code", m_window->codePanel()},
    };
    for (const auto &[name, w] : regions) {
        QVERIFY2(w->isVisible() && w->width() > 150 && w->height() > 100, name);
        const double ink = inkFraction(w->grab().toImage());
        QVERIFY2(ink > 0.01, qPrintable(QStringLiteral("%1 looks blank (%2)").arg(QLatin1String(name)).arg(ink)));
    }
    // The console shows the latest batch's output, also after presenter mode's new font.
    QScrollBar *consoleBar = m_window->console()->verticalScrollBar();
    QCOMPARE(consoleBar->value(), consoleBar->maximum());
    // The streaming code is in view: the code panel shows the line of the first DStream.
    const int firstLine = got.front().line;
    CodePanel *code = m_window->codePanel();
    const int top = code->verticalScrollBar()->value() + 1; // first line in view
    const int visibleLines = code->viewport()->height() / code->fontMetrics().lineSpacing();
    QVERIFY2(top <= firstLine && firstLine < top + visibleLines, qPrintable(QStringLiteral("view starts at %1").arg(top)));
    m_window->setPresenterMode(false);
}

void TestDashboard::cleanupTestCase()
{
    m_window.reset();
    m_controller.reset();
    m_session.reset();
}

int main(int argc, char **argv)
{
    qputenv("TZ", "UTC"); // the clock texts of the screenshots
    QApplication app(argc, argv);
    QApplication::setStyle(QStringLiteral("Fusion"));
    TestDashboard t;
    return QTest::qExec(&t, argc, argv);
}
#include "tst_dashboard.moc"
