// Hostile programs (tests/programs/hostile, docs/hostile-programs.md) under `dstreamlab run`:
// an endless driver loop ended by Ctrl-C, memory growing past --memory-limit on the driver and
// in a task, gigabytes of stdout. Each row's stderr must name the cause and the program's line
// (NAME.err.expected, written by hand from the program's text: an interrupt or the memory
// limit is raised asynchronously, and CPython 3.11 checks for one at a loop's backward jump,
// which carries the `while` line, so that is the line named), its stdout equal NAME.out, and
// the run end with NAME.exit, never by a signal.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;

namespace {

QString hostileDir() { return QStringLiteral(DSTREAMLAB_SOURCE_DIR "/tests/programs/hostile"); }

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return f.readAll();
}

} // namespace

class TestHostilePrograms : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(QFileInfo(QStringLiteral(DSTREAMLAB_BIN)).isExecutable(), DSTREAMLAB_BIN); }

    void programs_data()
    {
        QTest::addColumn<QString>("name");
        const auto files = QDir(hostileDir()).entryList({u"*.py"_s}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 4);
        // Row names say what each one shows.
        for (const QString &f : files) QTest::newRow(qPrintable(f.chopped(3) + u"-ends-with-its-cause-and-line"_s)) << f.chopped(3);
    }

    void programs()
    {
        QFETCH(QString, name);
        const QString base = hostileDir() + u'/' + name;
        QStringList args{u"run"_s, name + u".py"_s, u"--start-time"_s, u"2026-11-24 10:00:00"_s};
        args << QProcess::splitCommand(QString::fromUtf8(readFile(base + u".args"_s).trimmed()));
        QProcess p;
        p.setWorkingDirectory(hostileDir());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"TZ"_s, u"UTC"_s);
        p.setProcessEnvironment(env);
        const bool discard = QFileInfo::exists(base + u".discard"_s);
        if (discard) p.setStandardOutputFile(QProcess::nullDevice());
        QElapsedTimer clock;
        clock.start();
        p.start(QStringLiteral(DSTREAMLAB_BIN), args);
        QVERIFY(p.waitForStarted(10000));
        p.closeWriteChannel();
        const QByteArray interrupt = readFile(base + u".interrupt"_s).trimmed();
        QByteArray out;
        if (!interrupt.isEmpty()) {
            // Ctrl-C once the program has printed its first line (it is in its loop by then).
            QVERIFY2(QTest::qWaitFor([&] { p.waitForReadyRead(50); return p.canReadLine() || p.state() != QProcess::Running; }, 60000),
                     "the program printed nothing");
            QCOMPARE(p.state(), QProcess::Running);
            QTest::qWait(static_cast<int>(interrupt.toDouble() * 1000));
            QCOMPARE(p.state(), QProcess::Running); // still spinning: nothing else ends it
            ::kill(static_cast<pid_t>(p.processId()), SIGINT);
        }
        const bool finished = p.waitForFinished(240000);
        if (!finished) {
            p.kill();
            p.waitForFinished();
        }
        QVERIFY2(finished, "the run did not end within 240 s");
        if (!discard) out = p.readAllStandardOutput();
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitStatus(), QProcess::NormalExit); // never a crash or a kill by the system
        qInfo("%s: ended after %.1f s", qPrintable(name), clock.elapsed() / 1000.0);
        for (const QByteArray &line : readFile(base + u".err.expected"_s).split('\n')) {
            if (line.trimmed().isEmpty()) continue;
            QVERIFY2(err.contains(QString::fromUtf8(line)),
                     qPrintable(u"stderr lacks '%1'; stderr was:\n%2"_s.arg(QString::fromUtf8(line), err.right(3000))));
        }
        if (!discard) QCOMPARE(QString::fromUtf8(out), QString::fromUtf8(readFile(base + u".out"_s)));
        const QByteArray exitText = readFile(base + u".exit"_s).trimmed();
        QVERIFY2(p.exitCode() == (exitText.isEmpty() ? 0 : exitText.toInt()), qPrintable(err.right(3000)));
    }

    /// --memory-limit's value is checked like every option: a clear message, a failed run.
    void memoryLimitOptionIsValidated_data()
    {
        QTest::addColumn<QString>("value");
        QTest::newRow("not-a-number") << u"lots"_s;
        QTest::newRow("negative") << u"-5"_s;
        QTest::newRow("fraction") << u"1.5"_s;
    }

    void memoryLimitOptionIsValidated()
    {
        QFETCH(QString, value);
        QProcess p;
        p.setWorkingDirectory(hostileDir());
        p.start(QStringLiteral(DSTREAMLAB_BIN), {u"run"_s, u"stdout_flood.py"_s, u"--memory-limit"_s, value});
        QVERIFY(p.waitForFinished(30000));
        QVERIFY(p.exitCode() != 0);
        QVERIFY2(p.readAllStandardError().contains("--memory-limit needs a whole number of MB"), "no message");
    }
};

QTEST_GUILESS_MAIN(TestHostilePrograms)
#include "tst_hostileprograms.moc"
