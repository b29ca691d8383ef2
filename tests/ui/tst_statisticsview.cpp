// Tests: the Streaming tab (StreamingStatisticsView) fed hand-written histories through the
// controller (streamingtestkit.h): the header and table titles, a click on a point or a table row
// selects that batch for every view, the selected batch marked in every row, "stable" shown or
// not, a figure exported as SVG, and the tab rendered for a classroom (light, dark, presenter,
// zh_CN) as PNGs in $DSTREAMLAB_SCREENSHOT_DIR (or the working directory).
#include "streamingtestkit.h"

#ifndef Q_MOC_RUN
#include "ui/batchselection.h"
#include "ui/languagemanager.h"
#include "ui/simulationcontroller.h"
#include "ui/statisticschart.h"
#include "ui/streamingstatisticsview.h"
#include "ui/theme.h"
#endif

#include <QDir>
#include <QFile>
#include <QImage>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include <algorithm>
#include <ctime>

using namespace dsl::ui;
using namespace streamingtest;

namespace {
/// A minute of one-second batches as a class would see it: 40-90 records a batch, processing
/// around 0.4 s, a slow stretch (batches 30-33 take 1.4-1.9 s, so the next ones wait), a failed
/// output operation at batch 45, then one batch running and one waiting.
std::shared_ptr<RunSnapshot> classroomRun(std::int64_t slowMs = 1900, bool keepsUp = false)
{
    std::vector<Batch> b;
    for (int k = 1; k <= 60; ++k) {
        Batch x;
        x.records = 40 + (k * 37) % 51;
        x.processingMs = 320 + (k * 53) % 160;
        x.schedulingMs = 2 + k % 5;
        x.outputOps = 2;
        if (k >= 30 && k <= 33 && !keepsUp) x.processingMs = k == 31 ? slowMs : 1400 + (k - 30) * 100;
        if (k >= 31 && k <= 36 && !keepsUp) x.schedulingMs = std::vector<std::int64_t>{400, 1300, 1700, 1100, 600, 150}[std::size_t(k - 31)];
        if (k >= 30 && k <= 33 && keepsUp) x.processingMs = 900; // slow, yet within the interval
        if (k == 45) x.failure = "ZeroDivisionError: division by zero\nTraceback (most recent call last):\n"
                                 "  File \"network_wordcount.py\", line 14, in <lambda>";
        if (k == 59) {
            x.state = Batch::Running;
            x.endedOps = 1;
        }
        if (k == 60) x.state = Batch::Waiting;
        b.push_back(x);
    }
    return run(b);
}

/// Paths of exactly three straight sides ("M x,y L x,y L x,y L x,y", closed on the start).
int triangles(const QString &svg)
{
    static const QRegularExpression re(QStringLiteral(R"(<path[^>]* d="M[-\d.]+,[-\d.]+( L[-\d.]+,[-\d.]+){3}")"));
    int n = 0;
    for (auto it = re.globalMatch(svg); it.hasNext(); it.next()) ++n;
    return n;
}

QString screenshotDir()
{
    return qEnvironmentVariableIsSet("DSTREAMLAB_SCREENSHOT_DIR") ? qEnvironmentVariable("DSTREAMLAB_SCREENSHOT_DIR")
                                                                   : QDir::currentPath();
}

double inkFraction(const QImage &img)
{
    // Pixels that differ clearly from the corner's colour (the ground).
    const QImage i = img.convertToFormat(QImage::Format_RGB32);
    const QRgb ground = i.pixel(2, 2);
    qint64 ink = 0;
    for (int y = 0; y < i.height(); y += 2)
        for (int x = 0; x < i.width(); x += 2) {
            const QRgb p = i.pixel(x, y);
            if (std::abs(qRed(p) - qRed(ground)) + std::abs(qGreen(p) - qGreen(ground)) + std::abs(qBlue(p) - qBlue(ground)) > 60) ++ink;
        }
    return double(ink) / (double(i.width() / 2) * double(i.height() / 2));
}
} // namespace

class TestStatisticsView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void theHeaderAndTablesFollowTheSnapshot();
    void clickingAPointSelectsItsBatchEverywhere_data();
    void clickingAPointSelectsItsBatchEverywhere();
    void clickingATableRowSelectsItsBatch();
    void stableIsShownOnlyWhenEveryBatchKeepsUp_data();
    void stableIsShownOnlyWhenEveryBatchKeepsUp();
    void hoverNamesTheValueAndTheBatchTime();
    void exportsAnSvgWithTheRowsAndTheFailedMarker();
    void inputRateExpandsToARowPerStream();
    void tenThousandBatchesDrawABoundedNumberOfPoints();
    void rendersForTheClassroom_data();
    void rendersForTheClassroom();
};

void TestStatisticsView::initTestCase()
{
    qputenv("TZ", "UTC");
    tzset();
}

void TestStatisticsView::theHeaderAndTablesFollowTheSnapshot()
{
    SnapshotDriver driver;
    SimulationController controller(&driver);
    StreamingStatisticsView view(&controller);
    view.resize(1280, 360);
    driver.show(classroomRun());
    view.flush();
    // 58 completed; records of the 59 started batches. The clock is 0.5 s past the last batch:
    // up 60.5 s, which formatDurationVerbose gives in minutes and seconds only ("1 minute").
    qint64 records = 0;
    for (int k = 1; k <= 59; ++k) records += 40 + (k * 37) % 51;
    QCOMPARE(view.headerText(), QStringLiteral("Running batches of 1 second for 1 minute since 2026/11/24 10:00:00 "
                                               "(58 completed batches, %1 records)")
                                    .arg(records));
    QCOMPARE(view.chart()->series().retained, 60);
    QCOMPARE(view.model(StreamingStatisticsView::CompletedTable)->rowCount(), 58);
    QCOMPARE(view.model(StreamingStatisticsView::RunningTable)->rowCount(), 1);
    QCOMPARE(view.model(StreamingStatisticsView::WaitingTable)->rowCount(), 1);
    QCOMPARE(view.tables()->tabText(StreamingStatisticsView::CompletedTable), QStringLiteral("Completed Batches (last 58 out of 58)"));
    QCOMPARE(view.tables()->tabText(StreamingStatisticsView::RunningTable), QStringLiteral("Running Batches (1)"));
    QCOMPARE(view.chart()->params().timelinesTitle, QStringLiteral("Timelines (Last 60 batches, 2 active, 58 completed)"));
}

void TestStatisticsView::clickingAPointSelectsItsBatchEverywhere_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("batch"); // k: the batch at 10:00:00 + k s
    QTest::newRow("a-processing-time-point") << int(StatisticsChart::ProcessingTime) << 31;
    QTest::newRow("the-failed-batchs-input-rate-point") << int(StatisticsChart::InputRate) << 45;
    QTest::newRow("a-scheduling-delay-point") << int(StatisticsChart::SchedulingDelay) << 12;
}

void TestStatisticsView::clickingAPointSelectsItsBatchEverywhere()
{
    QFETCH(int, row);
    QFETCH(int, batch);
    SnapshotDriver driver;
    SimulationController controller(&driver);
    StreamingStatisticsView view(&controller);
    view.resize(1280, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    driver.show(classroomRun());
    view.flush();
    const qint64 ms = kStart + batch * 1000;
    const auto pos = view.chart()->pointPosition(StatisticsChart::Row(row), ms);
    QVERIFY(pos);
    QSignalSpy changed(controller.selection(), &BatchSelection::changed);
    QTest::mouseClick(view.chart(), Qt::LeftButton, {}, pos->toPoint());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(controller.selection()->batchTime(), std::optional<qint64>(ms));
    // Marked in every row, and highlighted in its table.
    for (auto r : {StatisticsChart::InputRate, StatisticsChart::SchedulingDelay, StatisticsChart::ProcessingTime,
                   StatisticsChart::TotalDelay}) {
        QVERIFY(view.chart()->row(r).selected);
        QCOMPARE(view.chart()->row(r).selected->batchMs, ms);
    }
    BatchTableModel *completed = view.model(StreamingStatisticsView::CompletedTable);
    const auto tableRow = completed->rowOf(ms);
    QVERIFY(tableRow);
    QVERIFY(completed->data(completed->index(*tableRow, 0), BatchTableModel::SelectedRole).toBool());
}

void TestStatisticsView::clickingATableRowSelectsItsBatch()
{
    SnapshotDriver driver;
    SimulationController controller(&driver);
    StreamingStatisticsView view(&controller);
    view.resize(1280, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    driver.show(classroomRun());
    view.flush();
    QTableView *table = view.tableView(StreamingStatisticsView::CompletedTable);
    QSignalSpy changed(controller.selection(), &BatchSelection::changed);
    // Row 2 of the completed table, newest first: batch 58 - 2 = 56.
    const QRect cell = table->visualRect(table->model()->index(2, 1));
    QVERIFY(cell.isValid());
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(controller.selection()->batchTime(), std::optional<qint64>(kStart + 56000));
    QCOMPARE(view.chart()->row(StatisticsChart::TotalDelay).selected->batchMs, kStart + 56000);
}

void TestStatisticsView::stableIsShownOnlyWhenEveryBatchKeepsUp_data()
{
    QTest::addColumn<qint64>("slowestMs");
    QTest::addColumn<bool>("stable");
    QTest::newRow("slowest-batch-takes-the-whole-interval-stable") << qint64(1000) << true;
    QTest::newRow("one-batch-slower-than-the-interval-not-stable") << qint64(1900) << false;
}

void TestStatisticsView::stableIsShownOnlyWhenEveryBatchKeepsUp()
{
    QFETCH(qint64, slowestMs);
    QFETCH(bool, stable);
    // Every batch within the interval except batch 11, which takes slowestMs.
    std::vector<Batch> b(20, Batch{50, 3, 400});
    b[10].processingMs = slowestMs;
    SnapshotDriver driver;
    SimulationController controller(&driver);
    StreamingStatisticsView view(&controller);
    view.resize(1280, 500);
    driver.show(run(b));
    view.flush();
    QCOMPARE(view.chart()->showsStable(), stable);
    // The dashed line is the interval, on the processing-time row only.
    QCOMPARE(view.chart()->row(StatisticsChart::ProcessingTime).interval, std::optional<double>(1000));
    QVERIFY(!view.chart()->row(StatisticsChart::TotalDelay).interval);
    // The SVG holds the word exactly when it is shown.
    QCOMPARE(QString::fromUtf8(view.chart()->svg(QSize(1280, 400))).contains(QStringLiteral(">stable<")), stable);
}

void TestStatisticsView::hoverNamesTheValueAndTheBatchTime()
{
    SnapshotDriver driver;
    SimulationController controller(&driver);
    StreamingStatisticsView view(&controller);
    view.resize(1280, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    driver.show(classroomRun());
    view.flush();
    // Batch 31 took 1.9 s; the delay rows' unit is seconds (their largest value is over a second).
    const auto pos = view.chart()->pointPosition(StatisticsChart::ProcessingTime, kStart + 31000);
    QCOMPARE(view.chart()->textAt(*pos), QStringLiteral("1.90 sec at 10:00:31"));
    const auto failed = view.chart()->pointPosition(StatisticsChart::InputRate, kStart + 45000);
    // 40 + (45 * 37) % 51 = 40 + 33 records in a second.
    QCOMPARE(view.chart()->textAt(*failed), QStringLiteral("73.00 records/sec at 10:00:45\nThe batch failed (an output operation raised)."));
    // A row's label explains it in Spark's words.
    QCOMPARE(view.chart()->textAt(view.chart()->row(StatisticsChart::SchedulingDelay).label.center()),
             QStringLiteral("Time taken by Streaming scheduler to submit jobs of a batch"));
    // A histogram bar. The delays' scale: the largest is batch 33's total, 1.7 + 1.6 s = 3.3 s,
    // so seconds up to 5 in bins of 0.5 s. The first bin holds 55 of the 59 started batches'
    // scheduling delays (all but 600, 1100, 1300 and 1700 ms): 55 / 59 = 93.22 %.
    const StatisticsPaintRow &sched = view.chart()->row(StatisticsChart::SchedulingDelay);
    QCOMPARE(sched.bins, (std::vector<int>{55, 1, 2, 1, 0, 0, 0, 0, 0, 0}));
    const QPointF firstBin(sched.histogram.left() + 2, sched.histogram.bottom() - 2);
    QCOMPARE(view.chart()->textAt(firstBin), QStringLiteral("55 batches (93.22%) between 0.00 and 0.50 sec"));
}

void TestStatisticsView::exportsAnSvgWithTheRowsAndTheFailedMarker()
{
    SnapshotDriver driver;
    SimulationController controller(&driver);
    StreamingStatisticsView view(&controller);
    driver.show(classroomRun());
    view.flush();
    const QByteArray bytes = view.chart()->svg(QSize(1280, 400));
    const QString svg = QString::fromUtf8(bytes);
    QFile out(screenshotDir() + QStringLiteral("/streaming-export.svg"));
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(bytes);
    out.close();
    QVERIFY(svg.startsWith(QStringLiteral("<?xml")));
    QVERIFY(svg.contains(QStringLiteral("<svg")));
    for (const char *title : {"Input Rate", "Scheduling Delay", "Processing Time", "Total Delay", "Histograms"})
        QVERIFY2(svg.contains(QLatin1String(title)), title);
    // The failed batch's triangle is the figure's only three-sided path (QSvgGenerator writes a
    // polygon as a path); without a failure there is none.
    QCOMPARE(triangles(svg), 4); // one per row: the failed batch has a value in each
    std::vector<Batch> ok(10, Batch{5, 0, 100});
    driver.show(run(ok));
    view.flush();
    QCOMPARE(triangles(QString::fromUtf8(view.chart()->svg(QSize(1280, 400)))), 0);
    const QString png = QDir::temp().filePath(QStringLiteral("tst_statisticsview-export.png"));
    QVERIFY(view.chart()->exportTo(png, QSize(800, 300)));
    QCOMPARE(QImage(png).size(), QSize(1600, 600)); // rendered at twice the size, for print
}

void TestStatisticsView::inputRateExpandsToARowPerStream()
{
    SnapshotDriver driver;
    SimulationController controller(&driver);
    StreamingStatisticsView view(&controller);
    view.resize(1280, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto s = classroomRun();
    s->receivers.push_back(ReceiverInfo{0, "SocketReceiver", "localhost:9999", true});
    driver.show(s);
    view.flush();
    StatisticsChart *chart = view.chart();
    QVERIFY(chart->row(StatisticsChart::InputRate).expandable);
    QCOMPARE(chart->params().rows.size(), std::size_t(4));
    QTest::mouseClick(chart, Qt::LeftButton, {}, chart->row(StatisticsChart::InputRate).label.center().toPoint());
    QVERIFY(chart->streamsExpanded());
    // Spark names a receiver's stream by its receiver ("SocketReceiver-0").
    QCOMPARE(chart->params().rows.size(), std::size_t(5));
    QCOMPARE(chart->params().rows[1].title, QStringLiteral("SocketReceiver-0"));
    QVERIFY(chart->params().rows[1].indented);
    QCOMPARE(chart->row(StatisticsChart::ProcessingTime).title, QStringLiteral("Processing Time"));
    // The one stream carries every record: its row draws the same rates.
    QCOMPARE(chart->params().rows[1].drawn, chart->row(StatisticsChart::InputRate).drawn);
    QTest::mouseClick(chart, Qt::LeftButton, {}, chart->row(StatisticsChart::InputRate).label.center().toPoint());
    QVERIFY(!chart->streamsExpanded());
    QCOMPARE(chart->params().rows.size(), std::size_t(4));
}

void TestStatisticsView::tenThousandBatchesDrawABoundedNumberOfPoints()
{
    // 10,000 completed batches (more than the history keeps), batch 5003 failed.
    std::vector<Batch> b(10000, Batch{50, 2, 300});
    for (int k = 0; k < 10000; ++k) b[std::size_t(k)].processingMs = 200 + (k * 37) % 300;
    b[5002].failure = "ValueError: bad record";
    SnapshotDriver driver;
    SimulationController controller(&driver);
    StreamingStatisticsView view(&controller);
    view.resize(1920, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    driver.show(run(b));
    view.flush();
    for (auto r : {StatisticsChart::InputRate, StatisticsChart::SchedulingDelay, StatisticsChart::ProcessingTime,
                   StatisticsChart::TotalDelay}) {
        const StatisticsPaintRow &row = view.chart()->row(r);
        const int columns = std::min(int(row.timeline.plot().width()), StatisticsMapping::kMaxColumns);
        QVERIFY2(int(row.drawn.size()) <= columns * StatisticsMapping::kPointsPerColumn, qPrintable(row.title));
        QVERIFY(row.drawn.size() < 10000 / 5);
        QVERIFY(std::any_of(row.drawn.begin(), row.drawn.end(), [](const StatisticsPoint &p) { return p.failed && p.batchMs == kStart + 5003000; }));
    }
    // The histograms still count every batch.
    int counted = 0;
    for (int c : view.chart()->row(StatisticsChart::ProcessingTime).bins) counted += c;
    QCOMPARE(counted, 10000);
}

void TestStatisticsView::rendersForTheClassroom_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<bool>("dark");
    QTest::addColumn<bool>("presenter");
    QTest::addColumn<QString>("language");
    QTest::addColumn<bool>("keepsUp");
    QTest::newRow("1280x360-light-en") << QSize(1280, 360) << false << false << QStringLiteral("en") << false;
    QTest::newRow("1920x500-dark-en") << QSize(1920, 500) << true << false << QStringLiteral("en") << false;
    QTest::newRow("1280x360-dark-zh_CN") << QSize(1280, 360) << true << false << QStringLiteral("zh_CN") << false;
    QTest::newRow("1920x500-light-zh_CN-stable") << QSize(1920, 500) << false << false << QStringLiteral("zh_CN") << true;
    QTest::newRow("1920x500-light-presenter-en") << QSize(1920, 500) << false << true << QStringLiteral("en") << false;
    QTest::newRow("1280x360-light-stable-en") << QSize(1280, 360) << false << false << QStringLiteral("en") << true;
    QTest::newRow("1280x360-dark-presenter-zh_CN") << QSize(1280, 360) << true << true << QStringLiteral("zh_CN") << false;
}

void TestStatisticsView::rendersForTheClassroom()
{
    QFETCH(QSize, size);
    QFETCH(bool, dark);
    QFETCH(bool, presenter);
    QFETCH(QString, language);
    QFETCH(bool, keepsUp);
    LanguageManager languages;
    QVERIFY(languages.setLanguage(language));
    SnapshotDriver driver;
    SimulationController controller(&driver);
    controller.setTheme(Theme::make(dark ? Theme::Kind::Dark : Theme::Kind::Light, presenter));
    StreamingStatisticsView view(&controller);
    view.resize(size);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    driver.show(classroomRun(1900, keepsUp));
    view.flush();
    controller.selection()->selectBatch(kStart + 45000);
    QCoreApplication::processEvents();
    QCOMPARE(view.chart()->showsStable(), keepsUp);
    // The selected batch's row is in sight in the completed table.
    QTableView *completed = view.tableView(StreamingStatisticsView::CompletedTable);
    const auto row = view.model(StreamingStatisticsView::CompletedTable)->rowOf(kStart + 45000);
    QVERIFY(row);
    QVERIFY(completed->viewport()->rect().intersects(completed->visualRect(completed->model()->index(*row, 0))));
    if (language == QStringLiteral("zh_CN")) {
        QVERIFY2(view.headerText().contains(QStringLiteral("批次")), qPrintable(view.headerText()));
        QVERIFY(view.chart()->params().rows[2].title.contains(QStringLiteral("处理时间")));
    }
    const QImage shot = view.grab().toImage();
    QCOMPARE(shot.size(), size);
    QVERIFY(inkFraction(shot) > 0.03);
    QVERIFY(shot.save(screenshotDir() + QStringLiteral("/streaming-%1.png").arg(QString::fromLatin1(QTest::currentDataTag()))));
    languages.setLanguage(QStringLiteral("en"));
}

QTEST_MAIN(TestStatisticsView)
#include "tst_statisticsview.moc"
