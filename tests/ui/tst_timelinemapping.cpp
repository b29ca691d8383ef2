// TimelineMapping: time <-> pixel, ticks, rows, scrolling, window brackets and state chains of
// the stream timeline, and the grouping of a program's DStreams into rows, as data rows.
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/session/runsnapshot.h"
#endif
#include "ui/timelinemapping.h"
#include "ui/timelinerows.h"
#include "ui/timetext.h"

#include <QDateTime>
#include <QTest>

#include <ctime>

using namespace dsl::ui;
using namespace dsl::session;

Q_DECLARE_METATYPE(std::vector<qint64>)
using Links = std::vector<std::pair<qint64, qint64>>;
Q_DECLARE_METATYPE(Links)
Q_DECLARE_METATYPE(std::vector<dsl::ui::StreamSnapshot>)

class TestTimelineMapping : public QObject {
    Q_OBJECT
private slots:
    void clockTextIsTheLocalTimeOfDay_data();
    void clockTextIsTheLocalTimeOfDay();
    void timeToX_data();
    void timeToX();
    void xToTimeInvertsTimeToX_data();
    void xToTimeInvertsTimeToX();
    void tickStep_data();
    void tickStep();
    void computeTicks_data();
    void computeTicks();
    void rowAt_data();
    void rowAt();
    void followPutsNowAtTheFraction();
    void scrolling_data();
    void scrolling();
    void windowBracket_data();
    void windowBracket();
    void stateChainLinks_data();
    void stateChainLinks();
    void calledMethods_data();
    void calledMethods();
    void rowsFoldPySparkHelpersAndNameUniquely_data();
    void rowsFoldPySparkHelpersAndNameUniquely();
};

void TestTimelineMapping::timeToX_data()
{
    QTest::addColumn<qint64>("origin");
    QTest::addColumn<double>("pxPerMs");
    QTest::addColumn<double>("left");
    QTest::addColumn<qint64>("t");
    QTest::addColumn<double>("x");
    QTest::newRow("origin-maps-to-the-left-edge") << qint64(10'000) << 0.1 << 200.0 << qint64(10'000) << 200.0;
    QTest::newRow("one-second-later-is-100px-at-0.1px-per-ms") << qint64(10'000) << 0.1 << 200.0 << qint64(11'000) << 300.0;
    QTest::newRow("before-the-origin-is-left-of-the-edge") << qint64(10'000) << 0.1 << 200.0 << qint64(9'500) << 150.0;
    QTest::newRow("batch-interval-of-2s-at-0.075") << qint64(0) << 0.075 << 0.0 << qint64(2'000) << 150.0;
}

void TestTimelineMapping::timeToX()
{
    QFETCH(qint64, origin);
    QFETCH(double, pxPerMs);
    QFETCH(double, left);
    QFETCH(qint64, t);
    QFETCH(double, x);
    TimelineMapping m;
    m.originMs = origin;
    m.pxPerMs = pxPerMs;
    m.left = left;
    QCOMPARE(m.timeToX(t), x);
}

void TestTimelineMapping::xToTimeInvertsTimeToX_data()
{
    QTest::addColumn<qint64>("t");
    QTest::newRow("at-origin") << qint64(1'795'514'400'000);
    QTest::newRow("a-block-later") << qint64(1'795'514'400'200);
    QTest::newRow("a-batch-later") << qint64(1'795'514'401'000);
}

void TestTimelineMapping::xToTimeInvertsTimeToX()
{
    QFETCH(qint64, t);
    TimelineMapping m;
    m.originMs = 1'795'514'400'000;
    m.pxPerMs = 0.125; // exact in binary: no rounding in the round trip
    m.left = 230;
    QCOMPARE(m.xToTime(m.timeToX(t)), t);
}

void TestTimelineMapping::tickStep_data()
{
    QTest::addColumn<qint64>("rangeMs");
    QTest::addColumn<double>("widthPx");
    QTest::addColumn<qint64>("step");
    QTest::newRow("6s-over-900px-gives-500ms") << qint64(6'000) << 900.0 << qint64(500);
    QTest::newRow("6s-over-300px-gives-2s") << qint64(6'000) << 300.0 << qint64(2'000);
    QTest::newRow("1s-over-1000px-gives-100ms") << qint64(1'000) << 1000.0 << qint64(100);
    QTest::newRow("an-hour-over-1000px-gives-5min") << qint64(3'600'000) << 1000.0 << qint64(300'000);
    QTest::newRow("empty-range-falls-back-to-1s") << qint64(0) << 800.0 << qint64(1'000);
}

void TestTimelineMapping::tickStep()
{
    QFETCH(qint64, rangeMs);
    QFETCH(double, widthPx);
    QFETCH(qint64, step);
    QCOMPARE(dsl::ui::tickStep(rangeMs, widthPx, 60), step);
}

void TestTimelineMapping::computeTicks_data()
{
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("end");
    QTest::addColumn<double>("width");
    QTest::addColumn<std::vector<qint64>>("times");
    QTest::addColumn<std::vector<qint64>>("majors");
    QTest::newRow("half-seconds-with-whole-seconds-major")
        << qint64(10'200) << qint64(12'100) << 240.0 << std::vector<qint64>{10'500, 11'000, 11'500, 12'000}
        << std::vector<qint64>{11'000, 12'000};
    QTest::newRow("whole-seconds-every-fifth-major") << qint64(0) << qint64(6'000) << 400.0
                                                     << std::vector<qint64>{0, 1'000, 2'000, 3'000, 4'000, 5'000, 6'000}
                                                     << std::vector<qint64>{0, 5'000};
    QTest::newRow("a-tick-on-the-start-is-kept") << qint64(2'000) << qint64(3'000) << 130.0
                                                 << std::vector<qint64>{2'000, 2'500, 3'000}
                                                 << std::vector<qint64>{2'000, 3'000};
    QTest::newRow("no-width-no-ticks") << qint64(0) << qint64(1'000) << 0.0 << std::vector<qint64>{} << std::vector<qint64>{};
}

void TestTimelineMapping::computeTicks()
{
    QFETCH(qint64, start);
    QFETCH(qint64, end);
    QFETCH(double, width);
    QFETCH(std::vector<qint64>, times);
    QFETCH(std::vector<qint64>, majors);
    std::vector<qint64> gotTimes, gotMajors;
    for (const TimelineTick &t : dsl::ui::computeTicks(start, end, width, 60)) {
        gotTimes.push_back(t.timeMs);
        if (t.major) gotMajors.push_back(t.timeMs);
    }
    QCOMPARE(gotTimes, times);
    QCOMPARE(gotMajors, majors);
}

void TestTimelineMapping::rowAt_data()
{
    QTest::addColumn<double>("y");
    QTest::addColumn<int>("row");
    // axis 28 + lane 56 + blocks 26 + gap 6: row 0 starts at 116, rows are 64 high, 6 apart.
    QTest::newRow("in-the-receiver-lane-is-no-row") << 60.0 << -1;
    QTest::newRow("top-of-the-first-row") << 116.0 << 0;
    QTest::newRow("inside-the-second-row") << 200.0 << 1;
    QTest::newRow("in-the-gap-between-rows") << 183.0 << -1;
}

void TestTimelineMapping::rowAt()
{
    QFETCH(double, y);
    QFETCH(int, row);
    TimelineMapping m;
    QCOMPARE(m.rowTop(0), 116.0);
    QCOMPARE(m.rowAt(y), row);
}

void TestTimelineMapping::followPutsNowAtTheFraction()
{
    TimelineMapping m;
    m.left = 200;
    m.width = 1000;
    m.pxPerMs = 0.1;
    m.follow(50'000, 0.8);
    QCOMPARE(m.timeToX(50'000), 200.0 + 800.0);
}

void TestTimelineMapping::scrolling_data()
{
    // Default geometry: rows start at 116 (110 + gap 6), pitch 70; content of n rows = 116 + 70 n.
    QTest::addColumn<int>("rows");
    QTest::addColumn<double>("viewHeight");
    QTest::addColumn<double>("wanted");
    QTest::addColumn<double>("clamped");
    QTest::newRow("rows-that-fit-do-not-scroll") << 4 << 500.0 << 100.0 << 0.0;
    QTest::newRow("fifteen-rows-in-500px-scroll-up-to-666") << 15 << 500.0 << 1000.0 << 666.0;
    QTest::newRow("a-negative-scroll-clamps-to-0") << 15 << 500.0 << -40.0 << 0.0;
    QTest::newRow("a-scroll-within-range-stays") << 15 << 500.0 << 210.0 << 210.0;
}

void TestTimelineMapping::scrolling()
{
    QFETCH(int, rows);
    QFETCH(double, viewHeight);
    QFETCH(double, wanted);
    QFETCH(double, clamped);
    TimelineMapping m;
    QCOMPARE(m.clampScrollY(wanted, rows, viewHeight), clamped);
    m.scrollY = clamped;
    QCOMPARE(m.rowTop(0), 116.0 - clamped); // the rows move, the lanes do not
    QCOMPARE(m.blockTop(), 84.0);
    if (rows > 10) {
        // Showing the last row scrolls it up to the bottom edge; showing the first scrolls back.
        m.scrollY = 0;
        QCOMPARE(m.scrollToShow(rows - 1, viewHeight), 666.0); // the last row's bottom + gap at 1166 = 500 + 666
        m.scrollY = 300;
        QCOMPARE(m.scrollToShow(0, viewHeight), 0.0);
    }
}

void TestTimelineMapping::windowBracket_data()
{
    QTest::addColumn<qint64>("t");
    QTest::addColumn<qint64>("window");
    QTest::addColumn<qint64>("slide");
    QTest::addColumn<qint64>("zero");
    QTest::addColumn<qint64>("start");
    QTest::addColumn<int>("level");
    // Spark WindowedDStream.compute: the window at t is (t - windowDuration, t].
    QTest::newRow("window-3s-slide-2s-at-4s-covers-(1s,4s]") << qint64(4'000) << qint64(3'000) << qint64(2'000) << qint64(0)
                                                             << qint64(1'000) << 0;
    QTest::newRow("the-next-overlapping-window-stacks-one-level-up") << qint64(6'000) << qint64(3'000) << qint64(2'000)
                                                                     << qint64(0) << qint64(3'000) << 1;
    QTest::newRow("the-one-after-returns-to-level-0") << qint64(8'000) << qint64(3'000) << qint64(2'000) << qint64(0)
                                                      << qint64(5'000) << 0;
    QTest::newRow("tumbling-windows-never-overlap-one-level") << qint64(6'000) << qint64(2'000) << qint64(2'000) << qint64(0)
                                                              << qint64(4'000) << 0;
    QTest::newRow("window-4s-slide-1s-cycles-four-levels") << qint64(7'000) << qint64(4'000) << qint64(1'000) << qint64(0)
                                                           << qint64(3'000) << 3;
    QTest::newRow("levels-count-from-the-zero-time") << qint64(1'795'514'404'000) << qint64(3'000) << qint64(2'000)
                                                     << qint64(1'795'514'400'000) << qint64(1'795'514'401'000) << 0;
}

void TestTimelineMapping::windowBracket()
{
    QFETCH(qint64, t);
    QFETCH(qint64, window);
    QFETCH(qint64, slide);
    QFETCH(qint64, zero);
    QFETCH(qint64, start);
    QFETCH(int, level);
    QCOMPARE(dsl::ui::windowBracket(t, window, slide, zero), (WindowBracket{start, t, level}));
}

void TestTimelineMapping::stateChainLinks_data()
{
    QTest::addColumn<std::vector<qint64>>("times");
    QTest::addColumn<qint64>("slide");
    QTest::addColumn<Links>("links");
    QTest::newRow("each-state-rdd-links-to-the-next-batch")
        << std::vector<qint64>{1'000, 2'000, 3'000} << qint64(1'000) << Links{{1'000, 2'000}, {2'000, 3'000}};
    QTest::newRow("a-missing-batch-breaks-the-chain")
        << std::vector<qint64>{1'000, 2'000, 4'000} << qint64(1'000) << Links{{1'000, 2'000}};
    QTest::newRow("a-2s-slide-links-every-other-batch")
        << std::vector<qint64>{2'000, 4'000, 6'000} << qint64(2'000) << Links{{2'000, 4'000}, {4'000, 6'000}};
    QTest::newRow("one-rdd-no-link") << std::vector<qint64>{5'000} << qint64(1'000) << Links{};
}

void TestTimelineMapping::stateChainLinks()
{
    QFETCH(std::vector<qint64>, times);
    QFETCH(qint64, slide);
    QFETCH(Links, links);
    QCOMPARE(dsl::ui::stateChainLinks(times, slide), links);
}

void TestTimelineMapping::calledMethods_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QStringList>("methods");
    QTest::newRow("a-chain-of-calls") << u"pairs = lines.flatMap(lambda line: line.split(\" \")).map(lambda w: (w, 1))"_qs
                                      << QStringList{u"flatMap"_qs, u"map"_qs};
    QTest::newRow("calls-inside-a-function-argument-are-not-the-line's")
        << u"windowed.transform(lambda rdd: rdd.sortByKey()).pprint()"_qs << QStringList{u"transform"_qs, u"pprint"_qs};
    QTest::newRow("dots-inside-strings-are-text") << u"lines = ssc.textFileStream(\"a.b(c)\")"_qs
                                                  << QStringList{u"textFileStream"_qs};
    QTest::newRow("a-comment-ends-the-code") << u"wordCounts.pprint() # pprint() 对RDD的操作"_qs << QStringList{u"pprint"_qs};
    QTest::newRow("attribute-access-is-no-call") << u"x = a.b + c.d(1)"_qs << QStringList{u"d"_qs};
}

void TestTimelineMapping::calledMethods()
{
    QFETCH(QString, line);
    QFETCH(QStringList, methods);
    QCOMPARE(dsl::ui::calledMethods(line), methods);
}

namespace {
StreamSnapshot stream(int id, const char *op, int line, std::vector<int> parents, bool output = false)
{
    StreamSnapshot s;
    s.id = id;
    s.opName = op;
    s.creationSite = std::string(op) + " at window.py:" + std::to_string(line);
    s.parents = std::move(parents);
    s.isOutput = output;
    s.slideMs = 1000;
    return s;
}
} // namespace

void TestTimelineMapping::rowsFoldPySparkHelpersAndNameUniquely_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<std::vector<StreamSnapshot>>("streams");
    QTest::addColumn<QStringList>("rows"); // name:streamId[+folded ids]
    const QString windowed = u"lines = ssc.socketTextStream(\"localhost\", 9999)\n"
                             "pairs = lines.flatMap(lambda l: l.split(\" \")).map(lambda w: (w, 1))\n"
                             "windowed = pairs.reduceByKeyAndWindow(lambda a, b: a + b, None, 3, 2)\n"
                             "lines.window(3, 2).count().pprint()\n"_qs;
    // pyspark: reduceByKeyAndWindow without invFunc = reduceByKey, window, reduceByKey;
    // count() = mapPartitions(...).reduce(add) = mapPartitions, map, reduceByKey, map.
    std::vector<StreamSnapshot> w{stream(0, "socketTextStream", 1, {}), stream(1, "flatMap", 2, {0}), stream(2, "map", 2, {1}),
                                  stream(3, "reduceByKey", 3, {2}),     stream(4, "window", 3, {3}), stream(5, "reduceByKey", 3, {4}),
                                  stream(6, "window", 4, {0}),          stream(7, "mapPartitions", 4, {6}),
                                  stream(8, "map", 4, {7}),             stream(9, "reduceByKey", 4, {8}),
                                  stream(10, "map", 4, {9}),            stream(11, "pprint", 4, {10}, true)};
    w[4].windowMs = 3000;
    w[6].windowMs = 3000;
    QTest::newRow("helpers-fold-into-the-stream-the-line-makes")
        << windowed << w
        << QStringList{u"lines:0"_qs, u"flatMap:1"_qs, u"pairs:2"_qs, u"windowed:5+3+4 window 3000"_qs,
                       u"window:6 window 3000"_qs, u"count:10+7+8+9"_qs, u"lines.window(3, 2).count().…:11"_qs};
    const QString twice = u"a = ssc.socketTextStream(\"h\", 1)\n"
                          "b = a.map(f)\n"
                          "b = b.map(g)\n"_qs;
    QTest::newRow("a-variable-assigned-twice-gets-a-number")
        << twice << std::vector<StreamSnapshot>{stream(0, "socketTextStream", 1, {}), stream(1, "map", 2, {0}), stream(2, "map", 3, {1})}
        << QStringList{u"a:0"_qs, u"b:1"_qs, u"b (2):2"_qs};
}

void TestTimelineMapping::rowsFoldPySparkHelpersAndNameUniquely()
{
    QFETCH(QString, source);
    QFETCH(std::vector<StreamSnapshot>, streams);
    QFETCH(QStringList, rows);
    RunSnapshot s;
    s.streams = streams;
    QStringList got;
    for (const TimelineRow &r : timelineRows(s, ProgramText(source))) {
        QString t = r.name + QLatin1Char(':') + QString::number(r.streamId);
        for (int m : r.members)
            if (m != r.streamId) t += QLatin1Char('+') + QString::number(m);
        if (r.windowMs) t += QStringLiteral(" window %1").arg(r.windowMs);
        got << t;
    }
    QCOMPARE(got, rows);
}

void TestTimelineMapping::clockTextIsTheLocalTimeOfDay_data()
{
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<qint64>("fromUtcMs"); // six hours from here are checked
    QTest::addColumn<QString>("first");    // its local time, worked out by hand from the zone's offset
    // Each row its own instants: clockText keeps one zone offset per quarter hour of UTC.
    QTest::newRow("UTC, the goldens' zone") << QByteArray("UTC") << qint64(1'795'514'400'000) << QStringLiteral("10:00:00");
    QTest::newRow("Europe/Berlin across spring forward (2026-03-29 01:00 UTC)") << QByteArray("Europe/Berlin") << qint64(1'774'735'200'000) << QStringLiteral("23:00:00");
    QTest::newRow("Europe/Berlin across fall back (2026-10-25 01:00 UTC)") << QByteArray("Europe/Berlin") << qint64(1'792'879'200'000) << QStringLiteral("00:00:00");
    QTest::newRow("Asia/Kathmandu, a +05:45 zone") << QByteArray("Asia/Kathmandu") << qint64(1'790'000'000'000) << QStringLiteral("19:58:20");
    QTest::newRow("America/St_Johns, -03:30 across its DST start (2026-03-08)") << QByteArray("America/St_Johns") << qint64(1'772'938'800'000) << QStringLiteral("23:30:00");
    QTest::newRow("Australia/Lord_Howe, a half-hour DST shift (2026-04-05)") << QByteArray("Australia/Lord_Howe") << qint64(1'775'300'400'000) << QStringLiteral("22:00:00");
    QTest::newRow("before 1970 (negative ms)") << QByteArray("Europe/Berlin") << qint64(-86'400'000 * 3) << QStringLiteral("01:00:00");
}

void TestTimelineMapping::clockTextIsTheLocalTimeOfDay()
{
    // The reference: QDateTime's own conversion (the tz database) of the same instant.
    QFETCH(QByteArray, zone);
    QFETCH(qint64, fromUtcMs);
    QFETCH(QString, first);
    const QByteArray oldTz = qgetenv("TZ");
    qputenv("TZ", zone);
    tzset();
    auto expected = [](qint64 ms, bool millis) {
        return QDateTime::fromMSecsSinceEpoch(ms).toString(millis ? QStringLiteral("HH:mm:ss.zzz") : QStringLiteral("HH:mm:ss"));
    };
    QCOMPARE(clockText(fromUtcMs), first); // the zone is in effect (not the test's own TZ)
    std::vector<qint64> instants;
    for (qint64 t = fromUtcMs; t < fromUtcMs + 6 * 3'600'000; t += 61'123) instants.push_back(t);
    for (qint64 q = fromUtcMs - fromUtcMs % 900'000; q < fromUtcMs + 6 * 3'600'000; q += 900'000)
        for (qint64 d : {-1, 0, 1}) instants.push_back(q + d); // each quarter's edges
    for (const qint64 t : instants)
        for (const bool millis : {true, false})
            QCOMPARE(clockText(t, millis), expected(t, millis));
    if (oldTz.isNull()) qunsetenv("TZ");
    else qputenv("TZ", oldTz);
    tzset();
}

QTEST_APPLESS_MAIN(TestTimelineMapping)
#include "tst_timelinemapping.moc"
