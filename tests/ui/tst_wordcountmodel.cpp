// WordCountModel under QAbstractItemModelTester: counts of the selected or latest batch.
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/session/runsnapshot.h"
#endif
#include "ui/wordcountmodel.h"
#include "app/session/wordcountstreams.h"

#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace dsl;
using namespace dsl::ui;
using namespace dsl::session;

namespace {
std::shared_ptr<const BatchSnapshot> batch(qint64 t, std::vector<KeyCount> counts, bool completed = true)
{
    auto b = std::make_shared<BatchSnapshot>();
    b->info.batchTime = SimTime(t);
    b->info.submissionTime = SimTime(t);
    if (completed) {
        b->info.processingStartTime = SimTime(t + 5);
        b->info.processingEndTime = SimTime(t + 20);
    }
    b->keyCounts = std::move(counts);
    b->resultStreamId = 3;
    return b;
}

RunSnapshotPtr snapshot(std::vector<std::shared_ptr<const BatchSnapshot>> batches)
{
    auto s = std::make_shared<RunSnapshot>();
    for (auto &b : batches) s->batches[b->info.batchTime] = b;
    return s;
}

QStringList words(const WordCountModel &m)
{
    QStringList out;
    for (int r = 0; r < m.rowCount(); ++r)
        out << m.data(m.index(r, 0)).toString() + QLatin1Char('=') + m.data(m.index(r, 1)).toString();
    return out;
}
} // namespace

class TestWordCountModel : public QObject {
    Q_OBJECT
private slots:
    void followsTheLatestCompletedBatch_data();
    void followsTheLatestCompletedBatch();
    void sortsThroughAProxyByRawCount();
    void survivesResetsAndSameSizeChanges();
    void totalsViewShowsStateOrTheLatestWindow_data();
    void totalsViewShowsStateOrTheLatestWindow();
    void picksTheCountStreams_data();
    void picksTheCountStreams();
    void sumByKeyTurnsPairsIntoCounts();
};

void TestWordCountModel::followsTheLatestCompletedBatch_data()
{
    QTest::addColumn<RunSnapshotPtr>("snap");
    QTest::addColumn<int>("selected"); // batch time, -1 = follow latest
    QTest::addColumn<QStringList>("expected");
    const auto b1 = batch(1000, {{"hello", 2}, {"spark", 1}});
    const auto b2 = batch(2000, {{"你好", 3}});
    const auto running = batch(3000, {}, false);
    QTest::newRow("no-batches-no-rows") << snapshot({}) << -1 << QStringList{};
    QTest::newRow("latest-completed-batch") << snapshot({b1, b2}) << -1 << QStringList{u"你好=3"_qs};
    QTest::newRow("a-running-batch-is-skipped") << snapshot({b1, b2, running}) << -1 << QStringList{u"你好=3"_qs};
    QTest::newRow("a-selected-batch") << snapshot({b1, b2}) << 1000 << QStringList{u"hello=2"_qs, u"spark=1"_qs};
    QTest::newRow("a-selected-batch-not-in-the-snapshot") << snapshot({b1}) << 5000 << QStringList{};
}

void TestWordCountModel::followsTheLatestCompletedBatch()
{
    QFETCH(RunSnapshotPtr, snap);
    QFETCH(int, selected);
    QFETCH(QStringList, expected);
    WordCountModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setSnapshot(snap, selected < 0 ? std::nullopt : std::optional<qint64>(selected));
    QCOMPARE(words(m), expected);
    QCOMPARE(m.columnCount(), 2);
}

void TestWordCountModel::sortsThroughAProxyByRawCount()
{
    WordCountModel m;
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&m);
    proxy.setSortRole(Qt::UserRole);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setRows({{u"a"_qs, 2}, {u"b"_qs, 10}, {u"c"_qs, 9}});
    proxy.sort(WordCountModel::CountColumn, Qt::DescendingOrder);
    QCOMPARE(proxy.data(proxy.index(0, 0)).toString(), u"b"_qs); // 10 > 9 numerically, not as text
    QCOMPARE(proxy.data(proxy.index(1, 0)).toString(), u"c"_qs);
    proxy.sort(WordCountModel::WordColumn, Qt::AscendingOrder);
    QCOMPARE(proxy.data(proxy.index(0, 0)).toString(), u"a"_qs);
}

void TestWordCountModel::survivesResetsAndSameSizeChanges()
{
    WordCountModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setRows({{u"a"_qs, 1}});
    m.setRows({{u"b"_qs, 2}}); // same size: dataChanged
    QCOMPARE(m.data(m.index(0, 0)).toString(), u"b"_qs);
    m.setRows({{u"b"_qs, 2}, {u"c"_qs, 1}}); // reset
    m.setRows({});
    QCOMPARE(m.rowCount(), 0);
    QCOMPARE(m.headerData(0, Qt::Horizontal).toString(), u"Word"_qs);
}

namespace {
std::shared_ptr<const BatchSnapshot> withTotals(qint64 t, std::vector<KeyCount> counts, std::vector<KeyCount> totals)
{
    auto b = std::make_shared<BatchSnapshot>(*batch(t, std::move(counts)));
    b->totalKeyCounts = std::move(totals);
    b->totalStreamId = 7;
    return b;
}
} // namespace

void TestWordCountModel::totalsViewShowsStateOrTheLatestWindow_data()
{
    QTest::addColumn<RunSnapshotPtr>("snap");
    QTest::addColumn<int>("selected");
    QTest::addColumn<bool>("totals");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<int>("stream");
    QTest::addColumn<int>("totalsBatch"); // -1: the program has no totals stream
    const auto s1 = withTotals(1000, {{"spark", 2}}, {{"spark", 2}});
    const auto s2 = withTotals(2000, {{"flink", 1}}, {{"spark", 2}, {"flink", 1}});
    QTest::newRow("state-program-running-totals") << snapshot({s1, s2}) << -1 << true
                                                  << QStringList{u"spark=2"_qs, u"flink=1"_qs} << 7 << 2000;
    QTest::newRow("state-program-this-batch") << snapshot({s1, s2}) << -1 << false << QStringList{u"flink=1"_qs} << 3 << 2000;
    // A window of slide 2 s outputs at 2 s, not at 3 s: batch 3 s shows the window of 2 s.
    const auto w2 = withTotals(2000, {{"a", 1}}, {{"a", 1}, {"b", 1}});
    const auto b3 = batch(3000, {{"c", 1}});
    QTest::newRow("between-slides-the-latest-window") << snapshot({w2, b3}) << 3000 << true
                                                      << QStringList{u"a=1"_qs, u"b=1"_qs} << 7 << 2000;
    QTest::newRow("before-the-first-window-the-batch") << snapshot({b3}) << 3000 << true << QStringList{u"c=1"_qs} << 3 << -1;
}

void TestWordCountModel::totalsViewShowsStateOrTheLatestWindow()
{
    QFETCH(RunSnapshotPtr, snap);
    QFETCH(int, selected);
    QFETCH(bool, totals);
    QFETCH(QStringList, expected);
    QFETCH(int, stream);
    QFETCH(int, totalsBatch);
    WordCountModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setSnapshot(snap, selected < 0 ? std::nullopt : std::optional<qint64>(selected),
                  totals ? WordCountModel::View::Totals : WordCountModel::View::ThisBatch);
    QCOMPARE(words(m), expected);
    QCOMPARE(m.streamId(), stream);
    QCOMPARE(m.hasTotals(), totalsBatch >= 0);
    if (totalsBatch >= 0) QCOMPARE(*m.totalsBatchTime(), qint64(totalsBatch));
}

namespace {
StreamSnapshot st(int id, std::vector<int> parents, bool output = false)
{
    StreamSnapshot s;
    s.id = id;
    s.parents = std::move(parents);
    s.isOutput = output;
    return s;
}
StreamSnapshot window(StreamSnapshot s, std::int64_t ms, bool reduced = false)
{
    s.windowMs = ms;
    s.carriesState = reduced; // ReducedWindowedDStream keeps (checkpointed) state
    return s;
}
StreamSnapshot state(StreamSnapshot s)
{
    s.carriesState = true;
    return s;
}
using Pairs = std::map<int, std::vector<KeyCount>>;
const std::vector<KeyCount> some{{"a", 1}};
} // namespace

Q_DECLARE_METATYPE(std::vector<dsl::ui::StreamSnapshot>)
Q_DECLARE_METATYPE(Pairs)

void TestWordCountModel::picksTheCountStreams_data()
{
    QTest::addColumn<std::vector<StreamSnapshot>>("streams");
    QTest::addColumn<Pairs>("pairsOf"); // streams whose records are (str, number)
    QTest::addColumn<int>("batch");
    QTest::addColumn<int>("total");
    // lines -> words -> pairs -> wordCounts -> pprint
    QTest::newRow("wordcount-reads-the-reduced-stream-pprint-prints")
        << std::vector<StreamSnapshot>{st(0, {}), st(1, {0}), st(2, {1}), st(3, {2}), st(4, {3}, true)}
        << Pairs{{2, some}, {3, some}} << 3 << -1;
    // pairs -> reduceByKey -> window -> reduceByKey -> transform -> pprint
    QTest::newRow("windowed-batch-from-the-per-batch-reduce-totals-from-the-window")
        << std::vector<StreamSnapshot>{st(0, {}), st(1, {0}), st(2, {1}), st(3, {2}), window(st(4, {3}), 3000), st(5, {4}),
                                       st(6, {5}), st(7, {6}, true)}
        << Pairs{{2, some}, {3, some}, {5, some}, {6, some}} << 3 << 6;
    // pairs -> updateStateByKey -> transform -> pprint
    QTest::newRow("stateful-totals-from-the-state-stream-itself")
        << std::vector<StreamSnapshot>{st(0, {}), st(1, {0}), st(2, {1}), state(st(3, {2})), st(4, {3}), st(5, {4}, true)}
        << Pairs{{2, some}, {3, some}, {4, some}} << 2 << 3;
    // pairs -> reduceByKeyAndWindow(func, invFunc) (a reduced window: state, but a window)
    QTest::newRow("a-reduced-window-is-a-window-not-running-totals")
        << std::vector<StreamSnapshot>{st(0, {}), st(1, {0}), window(st(2, {1}), 5000, true), st(3, {2}, true)}
        << Pairs{{1, some}, {2, some}} << 1 << 2;
    QTest::newRow("no-pair-records-no-streams") << std::vector<StreamSnapshot>{st(0, {}), st(1, {0}, true)} << Pairs{} << -1 << -1;
}

void TestWordCountModel::picksTheCountStreams()
{
    QFETCH(std::vector<StreamSnapshot>, streams);
    QFETCH(Pairs, pairsOf);
    QFETCH(int, batch);
    QFETCH(int, total);
    QCOMPARE(pickCountStreams(streams, pairsOf), (CountStreams{batch, total}));
}

void TestWordCountModel::sumByKeyTurnsPairsIntoCounts()
{
    QStringList got;
    for (const KeyCount &kc : sumByKey({{"spark", 1}, {"hello", 1}, {"spark", 1}, {"你好", 1}, {"hello", 1}, {"spark", 1}}))
        got << QString::fromStdString(kc.key) + QLatin1Char('=') + QString::number(kc.count);
    // Largest first; ties by key (bytes: "hello" before "你好").
    QCOMPARE(got, (QStringList{u"spark=3"_qs, u"hello=2"_qs, u"你好=1"_qs}));
}

QTEST_GUILESS_MAIN(TestWordCountModel)
#include "tst_wordcountmodel.moc"
