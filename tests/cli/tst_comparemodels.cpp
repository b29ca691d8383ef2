// `dstreamlab compare-models` (app/comparemodelscommand.h): one table row per model and batch
// interval, the assumptions after it, and bad options ending with a message and exit status 2.
#include "clirunkit.h"

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct RunResult {
    QString out;
    QString err;
    int exitCode = -1;
};

RunResult runBinary(const QStringList &args)
{
    const clikit::RunResult r = clikit::runBinary(QStringList{u"compare-models"_s} + args, QDir::currentPath());
    return {QString::fromUtf8(r.out), QString::fromUtf8(r.err), r.exitCode};
}

} // namespace

class TestCompareModels : public QObject {
    Q_OBJECT

private slots:
    void oneRowPerModelAndInterval_data();
    void oneRowPerModelAndInterval();
    void badOptionsExitTwoWithAMessage_data();
    void badOptionsExitTwoWithAMessage();
};

void TestCompareModels::oneRowPerModelAndInterval_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("intervals"); // the interval column of the micro-batch rows
    QTest::newRow("default-intervals-half-one-two-seconds")
        << QStringList{u"--seconds"_s, u"3"_s} << QStringList{u"0.5 s"_s, u"1 s"_s, u"2 s"_s};
    QTest::newRow("one-interval-given")
        << QStringList{u"--intervals"_s, u"1"_s, u"--seconds"_s, u"2"_s, u"--rate"_s, u"2000"_s}
        << QStringList{u"1 s"_s};
    QTest::newRow("four-cores-two-intervals")
        << QStringList{u"--cores"_s, u"4"_s, u"--intervals"_s, u"0.5,2"_s, u"--seconds"_s, u"2"_s, u"--words"_s, u"3"_s}
        << QStringList{u"0.5 s"_s, u"2 s"_s};
}

void TestCompareModels::oneRowPerModelAndInterval()
{
    QFETCH(QStringList, args);
    QFETCH(QStringList, intervals);
    const RunResult r = runBinary(args);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
    // A row: model, interval, mean and p99 latency in ms, max throughput in lines/s, stability.
    static const QRegularExpression row(
        uR"(^(record-at-a-time|micro-batch)\s+(-|[0-9.]+ s)\s+[0-9.]+ ms\s+[0-9.]+ ms\s+[0-9]+ lines/s\s+(stable|UNSTABLE)$)"_s,
        QRegularExpression::MultilineOption);
    QStringList models, seen;
    for (auto it = row.globalMatch(r.out); it.hasNext();) {
        const auto m = it.next();
        models << m.captured(1);
        if (m.captured(1) == u"micro-batch"_s) seen << m.captured(2);
    }
    QCOMPARE(models.count(u"record-at-a-time"_s), 1);
    QCOMPARE(models.first(), u"record-at-a-time"_s);
    QCOMPARE(seen, intervals);
    QVERIFY(r.out.contains(u"\nAssumptions:\n"_s));
}

void TestCompareModels::badOptionsExitTwoWithAMessage_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown-option") << QStringList{u"--bogus"_s} << u"unknown option '--bogus'"_s;
    QTest::newRow("cores-not-a-number") << QStringList{u"--cores"_s, u"two"_s} << u"bad value 'two' for --cores"_s;
    QTest::newRow("one-core-is-not-enough") << QStringList{u"--cores"_s, u"1"_s} << u"cores must be between 2 and 64"_s;
    QTest::newRow("option-without-value") << QStringList{u"--rate"_s} << u"--rate needs a value"_s;
    QTest::newRow("negative-rate") << QStringList{u"--rate"_s, u"-5"_s} << u"the rate must be between"_s;
    QTest::newRow("interval-list-with-garbage") << QStringList{u"--intervals"_s, u"0.5,x"_s}
                                                << u"bad value '0.5,x' for --intervals"_s;
    QTest::newRow("interval-below-a-block") << QStringList{u"--intervals"_s, u"0.1"_s}
                                            << u"batch intervals must be between 0.2 s and 60 s"_s;
}

void TestCompareModels::badOptionsExitTwoWithAMessage()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const RunResult r = runBinary(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.startsWith(u"dstreamlab compare-models: "_s + message), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
}

QTEST_GUILESS_MAIN(TestCompareModels)
#include "tst_comparemodels.moc"
