// Qt Test: ModelCompareView (ui/modelcompareview.h) runs the micro-batch vs record-at-a-time
// comparison off the GUI thread; its table model passes QAbstractItemModelTester, and its two bar
// charts hold one bar per row and set, with the result's figures.
// Set DSTREAMLAB_MODELCOMPARE_PNG_DIR to also write the view's classroom PNGs (light and dark,
// presenter mode) there.
#include "ui/modelcompareview.h"
#include "ui/theme.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

#include <cmath>

using namespace dsl;
using namespace dsl::ui;

namespace {
/// A small comparison: two intervals, 3 s of input, so a run takes well under a second.
models::ModelComparisonSettings smallSettings()
{
    models::ModelComparisonSettings s;
    s.cores = 2;
    s.lineRate = 5000;
    s.wordsPerLine = 5;
    s.batchIntervals = {Duration(500), Duration(2000)};
    s.span = Duration(3000);
    return s;
}

bool runAndWait(ModelCompareView &view)
{
    QSignalSpy finished(&view, &ModelCompareView::comparisonFinished);
    if (!view.runComparison()) return false;
    return finished.wait(60'000);
}
} // namespace

class TestModelCompareView : public QObject {
    Q_OBJECT

private slots:
    void settingsRoundTripThroughTheSpinBoxes();
    void comparisonFillsTableAndCharts_data();
    void comparisonFillsTableAndCharts();
    void compareButtonRunsOffTheGuiThreadAndRefusesASecondRun();
    void barValuesKeepThreeFiguresOrWholeNumbers_data();
    void barValuesKeepThreeFiguresOrWholeNumbers();
    void classroomScreenshots();
};

void TestModelCompareView::barValuesKeepThreeFiguresOrWholeNumbers_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<double>("bar");
    QTest::newRow("milliseconds-keep-three-significant-digits") << 2.05655 << 2.06;
    QTest::newRow("tens-keep-one-decimal") << 38.46 << 38.5;
    QTest::newRow("hundreds-are-whole") << 379.82 << 380.0;
    QTest::newRow("thousands-stay-whole-not-rounded-to-three-digits") << 1131.4 << 1131.0;
    QTest::newRow("throughput-whole") << 78647.3 << 78647.0;
    QTest::newRow("below-one-millisecond") << 0.012345 << 0.0123;
}

void TestModelCompareView::barValuesKeepThreeFiguresOrWholeNumbers()
{
    QFETCH(double, value);
    QFETCH(double, bar);
    QCOMPARE(ModelCompareView::barValue(value), bar);
}

void TestModelCompareView::settingsRoundTripThroughTheSpinBoxes()
{
    ModelCompareView view;
    models::ModelComparisonSettings s = smallSettings();
    s.cores = 4;
    s.lineRate = 12'345;
    s.wordsPerLine = 7;
    s.seed = 9;
    view.setSettings(s);
    const models::ModelComparisonSettings back = view.settings();
    QCOMPARE(back.cores, 4);
    QCOMPARE(back.lineRate, 12'345.0);
    QCOMPARE(back.wordsPerLine, 7);
    QCOMPARE(back.seed, std::uint64_t(9));
    QCOMPARE(back.batchIntervals.size(), std::size_t(2));
    QCOMPARE(back.span, Duration(3000));
    QVERIFY(view.result().rows.empty());
    QVERIFY(view.summaryText().isEmpty());
}

void TestModelCompareView::comparisonFillsTableAndCharts_data()
{
    QTest::addColumn<int>("cores");
    QTest::addColumn<bool>("dark");
    QTest::newRow("two-cores-light") << 2 << false;
    QTest::newRow("three-cores-dark-presenter") << 3 << true;
}

void TestModelCompareView::comparisonFillsTableAndCharts()
{
    QFETCH(int, cores);
    QFETCH(bool, dark);
    ModelCompareView view;
    view.setTheme(Theme::make(dark ? Theme::Kind::Dark : Theme::Kind::Light, dark));
    models::ModelComparisonSettings s = smallSettings();
    s.cores = cores;
    view.setSettings(s);
    QAbstractItemModelTester tester(view.tableModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(runAndWait(view));
    QVERIFY2(view.errorText().isEmpty(), qPrintable(view.errorText()));

    const models::ModelComparison &r = view.result();
    QCOMPARE(r.settings.cores, cores);
    QCOMPARE(r.rows.size(), std::size_t(3)); // the record model, then one row per interval
    QAbstractItemModel *m = view.tableModel();
    QCOMPARE(m->rowCount(), 3);
    QCOMPARE(m->columnCount(), 6);
    for (int row = 0; row < 3; ++row) {
        const auto &expected = r.rows[static_cast<std::size_t>(row)];
        QCOMPARE(m->index(row, 2).data(Qt::UserRole).toDouble(), expected.meanLatencyMs);
        QCOMPARE(m->index(row, 3).data(Qt::UserRole).toDouble(), expected.p99LatencyMs);
        QCOMPARE(m->index(row, 4).data(Qt::UserRole).toDouble(), expected.maxThroughput);
        QCOMPARE(m->index(row, 5).data(Qt::UserRole).toBool(), expected.stable);
        QVERIFY(!m->index(row, 0).data().toString().isEmpty());
        QVERIFY(m->index(row, 2).data().toString().endsWith(QStringLiteral(" ms")));
    }
    QCOMPARE(m->index(0, 1).data().toString(), QStringLiteral("—"));
    QCOMPARE(m->index(1, 1).data().toString(), QStringLiteral("0.5 s"));
    QVERIFY(m->headerData(5, Qt::Horizontal).toString().contains(QStringLiteral("5,000")));

    // Latency: two sets (mean, p99), a bar per row each; throughput: one set, a bar per row.
    const ModelCompareView::ChartValues lat = view.latencyChart();
    QCOMPARE(lat.categories.size(), 3);
    QCOMPARE(lat.values.size(), 2);
    const ModelCompareView::ChartValues tput = view.throughputChart();
    QCOMPARE(tput.categories, lat.categories);
    QCOMPARE(tput.values.size(), 1);
    for (int row = 0; row < 3; ++row) {
        const auto &expected = r.rows[static_cast<std::size_t>(row)];
        QCOMPARE(lat.values[0].size(), 3);
        // The bars hold the figures as their labels show them (ModelCompareView::barValue).
        QCOMPARE(lat.values[0][row], ModelCompareView::barValue(expected.meanLatencyMs));
        QCOMPARE(lat.values[1][row], ModelCompareView::barValue(expected.p99LatencyMs));
        QCOMPARE(tput.values[0][row], static_cast<double>(std::llround(expected.maxThroughput)));
    }
    QCOMPARE(lat.categories[1], QStringLiteral("0.5 s<br>batches"));
    QVERIFY(view.summaryText().contains(QStringLiteral("times as much")));
}

void TestModelCompareView::compareButtonRunsOffTheGuiThreadAndRefusesASecondRun()
{
    ModelCompareView view;
    view.setSettings(smallSettings());
    QSignalSpy started(&view, &ModelCompareView::comparisonStarted);
    QSignalSpy finished(&view, &ModelCompareView::comparisonFinished);
    auto *button = view.findChild<QPushButton *>();
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);
    // The click returns at once: the work goes on on the worker thread.
    QCOMPARE(started.size(), 1);
    QVERIFY(view.isRunning());
    QVERIFY(!button->isEnabled());
    QVERIFY(!view.runComparison());
    QVERIFY(finished.wait(60'000));
    QVERIFY(!view.isRunning());
    QVERIFY(button->isEnabled());
    QCOMPARE(view.result().rows.size(), std::size_t(3));
    QCOMPARE(started.size(), 1);
}

void TestModelCompareView::classroomScreenshots()
{
    const QString dir = qEnvironmentVariable("DSTREAMLAB_MODELCOMPARE_PNG_DIR");
    if (dir.isEmpty()) QSKIP("DSTREAMLAB_MODELCOMPARE_PNG_DIR is not set");
    QDir().mkpath(dir);
    for (bool dark : {false, true}) {
        ModelCompareView view;
        view.setTheme(Theme::make(dark ? Theme::Kind::Dark : Theme::Kind::Light, true));
        view.resize(1600, 1000);
        view.show();
        QVERIFY(runAndWait(view));
        QTest::qWait(50);
        const QString file = dir + (dark ? QStringLiteral("/modelcompare-dark.png") : QStringLiteral("/modelcompare-light.png"));
        QVERIFY(view.grab().save(file));
    }
}

QTEST_MAIN(TestModelCompareView)
#include "tst_modelcompareview.moc"
