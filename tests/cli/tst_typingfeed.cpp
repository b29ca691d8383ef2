// dstreamlab run --type SAMPLE:RATE (app/typingfeed.h): the nc panel's auto-typer fed into a CLI
// run as its clock advances. The oracle is the same lines written out as an --input script by
// this test (AutoTyper's pure functions: line k at start + floor(k * 1000 / rate) ms), which the
// run loads whole: fed lazily or loaded up front, the run must print the same and end with the
// same fingerprint. And bad values name the option.
#include "clirunkit.h"

#include "app/session/autotyper.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using dsl::session::AutoTyper;
using dsl::session::AutoTyperSpec;

class TestTypingFeed : public QObject {
    Q_OBJECT

    static QString program() { return QStringLiteral(DSTREAMLAB_SOURCE_DIR "/tests/programs/wordcount.py"); }

private slots:
    void typedRunEqualsTheSameLinesAsAScript_data()
    {
        QTest::addColumn<QString>("sample");
        QTest::addColumn<int>("sampleEnum");
        QTest::addColumn<double>("rate");
        QTest::addColumn<int>("seconds");
        QTest::newRow("english-200-lines-per-second-for-20-s") << u"english"_s << int(AutoTyperSpec::Sample::English) << 200.0 << 20;
        QTest::newRow("chinese-3-lines-per-second-for-12-s") << u"chinese"_s << int(AutoTyperSpec::Sample::Chinese) << 3.0 << 12;
        QTest::newRow("zipf-1000-lines-per-second-for-8-s") << u"zipf"_s << int(AutoTyperSpec::Sample::Zipf) << 1000.0 << 8;
    }
    void typedRunEqualsTheSameLinesAsAScript()
    {
        QFETCH(QString, sample);
        QFETCH(int, sampleEnum);
        QFETCH(double, rate);
        QFETCH(int, seconds);
        AutoTyperSpec spec;
        spec.sample = AutoTyperSpec::Sample(sampleEnum);
        spec.linesPerSecond = rate;
        QTemporaryDir dir;
        QFile script(dir.filePath(u"typed.txt"_s));
        QVERIFY(script.open(QIODevice::WriteOnly));
        for (std::uint64_t k = 0;; ++k) {
            const std::int64_t ms = AutoTyper::arrivalOffsetMs(spec, k);
            if (ms > seconds * 1000) break;
            script.write(QByteArray::number(ms / 1000) + '.' + QByteArray::number(ms % 1000).rightJustified(3, '0') + '\t' +
                         QByteArray::fromStdString(AutoTyper::line(spec, k)) + '\n');
        }
        script.close();
        const QStringList common{u"--start-time"_s, u"2026-11-24 10:00:00"_s, u"--seconds"_s, QString::number(seconds),
                                 u"--fingerprint"_s};
        const auto typed = clikit::runBinary(QStringList{u"run"_s, program(), u"--type"_s, sample + u':' + QString::number(rate)} + common,
                                             dir.path());
        const auto loaded = clikit::runBinary(QStringList{u"run"_s, program(), u"--input"_s, script.fileName()} + common, dir.path());
        QVERIFY2(typed.exitCode == 0, typed.err.constData());
        QVERIFY2(loaded.exitCode == 0, loaded.err.constData());
        QVERIFY2(typed.out.count("-------------------------------------------") >= seconds - 1, typed.out.constData());
        QCOMPARE(typed.out, loaded.out);
        const auto fp = [](const QByteArray &err) {
            const qsizetype at = err.lastIndexOf("fingerprint: ");
            return at < 0 ? QByteArray() : err.mid(at).trimmed();
        };
        QVERIFY(!fp(typed.err).isEmpty());
        QCOMPARE(fp(typed.err), fp(loaded.err));
    }

    void badValuesNameTheOption_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QStringList s{u"--seconds"_s, u"5"_s};
        QTest::newRow("unknown-sample") << (QStringList{u"--type"_s, u"french:10"_s} + s)
                                        << u"--type needs SAMPLE:RATE with SAMPLE english, chinese or zipf (e.g. --type english:1000), not 'french:10'"_s;
        QTest::newRow("no-rate") << (QStringList{u"--type"_s, u"english"_s} + s)
                                 << u"--type english: RATE must be a number of lines per second from 0.5 to 2000"_s;
        QTest::newRow("rate-too-high") << (QStringList{u"--type"_s, u"english:5000"_s} + s)
                                       << u"--type english:5000: RATE must be a number of lines per second from 0.5 to 2000"_s;
        QTest::newRow("rate-not-a-number") << (QStringList{u"--type"_s, u"zipf:fast"_s} + s)
                                           << u"--type zipf:fast: RATE must be a number of lines per second from 0.5 to 2000"_s;
        QTest::newRow("without-seconds") << QStringList{u"--type"_s, u"english:10"_s}
                                         << u"--type needs --seconds S: the auto-typer's input never runs out"_s;
        QTest::newRow("with-real-time") << (QStringList{u"--type"_s, u"english:10"_s, u"--real-time"_s} + s)
                                        << u"--type feeds a run as fast as possible: it does not go with --real-time"_s;
    }
    void badValuesNameTheOption()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const auto r = clikit::runBinary(QStringList{u"run"_s, program()} + args, dir.path());
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTypingFeed)
#include "tst_typingfeed.moc"
