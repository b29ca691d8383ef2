// `dstreamlab --screenshot`: the app runs a program headless to --until-batch, --until-time or
// --back K batches in the history, renders the dashboard to a PNG and exits; bad values are
// refused with exit code 2. Each row runs the real binary.
#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestScreenshotMode : public QObject {
    Q_OBJECT
private slots:
    void screenshotModeStopsWhereAsked_data();
    void screenshotModeStopsWhereAsked();
};

void TestScreenshotMode::screenshotModeStopsWhereAsked_data()
{
    // `dstreamlab --screenshot` (app/guimain.cpp) with --until-batch / --until-time.
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stderrHas");
    QTest::addColumn<QString>("stdoutHas");
    QTest::newRow("until-batch-2-renders") << QStringList{QStringLiteral("--until-batch"), QStringLiteral("2")} << 0
                                           << QString() << QStringLiteral("rendered 2 completed batches");
    QTest::newRow("until-time-2.5-s-renders") << QStringList{QStringLiteral("--until-time"), QStringLiteral("2.5")} << 0
                                              << QString() << QString();
    QTest::newRow("local1-until-batch-3-renders-the-queue-instead-of-timing-out")
        << QStringList{QStringLiteral("--master"), QStringLiteral("local[1]"), QStringLiteral("--until-batch"),
                       QStringLiteral("3")}
        << 0 << QString() << QString();
    // --back K browses the history: the picture is batch 4 - 2, and the run is not replayed.
    QTest::newRow("back-2-from-batch-4-renders-batch-2")
        << QStringList{QStringLiteral("--until-batch"), QStringLiteral("4"), QStringLiteral("--back"), QStringLiteral("2")}
        << 0 << QString() << QStringLiteral("rendered 2 completed batches (history; the run is at 4)");
    QTest::newRow("back-beyond-the-first-batch-renders-the-first")
        << QStringList{QStringLiteral("--until-batch"), QStringLiteral("2"), QStringLiteral("--back"), QStringLiteral("9")}
        << 0 << QString() << QStringLiteral("rendered 1 completed batches (history; the run is at 2)");
    QTest::newRow("view-tasks-renders-the-batch-detail-in-front")
        << QStringList{QStringLiteral("--until-batch"), QStringLiteral("2"), QStringLiteral("--view"), QStringLiteral("tasks")}
        << 0 << QString() << QStringLiteral("rendered 2 completed batches");
    QTest::newRow("view-provenance-renders-the-trace-in-front")
        << QStringList{QStringLiteral("--until-batch"), QStringLiteral("2"), QStringLiteral("--view"), QStringLiteral("provenance")}
        << 0 << QString() << QStringLiteral("rendered 2 completed batches");
    // --faults: the word count keeps no checkpoint, so a driver killed at 1.5 s ends the run after
    // batch 1 s (batch 2 s is never generated): the render stops there instead of waiting.
    QTest::newRow("faults-kill-driver-without-checkpoint-ends-after-batch-1")
        << QStringList{QStringLiteral("--until-batch"), QStringLiteral("3"), QStringLiteral("--faults"),
                       QStringLiteral(DSTREAMLAB_SOURCE_DIR "/tests/data/faults/kill-driver-at-1.5s.tsv")}
        << 0 << QString() << QStringLiteral("rendered 1 completed batches\n");
    QTest::newRow("faults-names-the-file-and-line-of-an-unknown-action")
        << QStringList{QStringLiteral("--faults"), QStringLiteral(DSTREAMLAB_SOURCE_DIR "/tests/data/faults/unknown-action.tsv")}
        << 2 << QStringLiteral("unknown-action.tsv line 2: unknown action 'explode-cluster' (known: fail-task") << QString();
    QTest::newRow("view-names-an-unknown-view")
        << QStringList{QStringLiteral("--view"), QStringLiteral("everything")} << 2
        << QStringLiteral("--view needs one of statistics, delays, batch, tasks, lineage, provenance, records, log, database, kafka")
        << QString();
    QTest::newRow("back-needs-a-number") << QStringList{QStringLiteral("--back"), QStringLiteral("x")} << 2
                                         << QStringLiteral("--back needs a number of batches to step back") << QString();
    QTest::newRow("until-time-needs-seconds") << QStringList{QStringLiteral("--until-time"), QStringLiteral("soon")} << 2
                                              << QStringLiteral("--until-time needs a number of seconds (>= 0)") << QString();
    QTest::newRow("until-time-refuses-negative") << QStringList{QStringLiteral("--until-time"), QStringLiteral("-1")} << 2
                                                 << QStringLiteral("--until-time needs a number of seconds (>= 0)") << QString();
}

void TestScreenshotMode::screenshotModeStopsWhereAsked()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, stderrHas);
    QFETCH(QString, stdoutHas);
    const QString exe = QStringLiteral(DSTREAMLAB_BIN);
    QVERIFY2(QFileInfo::exists(exe), "build the dstreamlab target first");
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("shot.png"));
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("TZ"), QStringLiteral("UTC"));
    p.setProcessEnvironment(env);
    p.start(exe, QStringList{QStringLiteral("--screenshot"), png, QStringLiteral("--lang"), QStringLiteral("en"),
                             QStringLiteral("--size"), QStringLiteral("1600x900"), QStringLiteral("--input"),
                             QStringLiteral(DSTREAMLAB_SOURCE_DIR "/docs/screenshots/wordcount.input"),
                             QStringLiteral("--start-time"), QStringLiteral("2026-11-24 10:00:00")} +
                            args);
    QVERIFY(p.waitForFinished(90000)); // the old local[1] run timed out only after 120 s
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QCOMPARE(p.exitCode(), exitCode);
    if (!stderrHas.isEmpty()) QVERIFY2(err.contains(stderrHas), qPrintable(err));
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    if (!stdoutHas.isEmpty()) QVERIFY2(out.contains(stdoutHas), qPrintable(out + err));
    if (exitCode == 0) {
        const QImage img(png);
        QVERIFY2(!img.isNull(), qPrintable(err));
        QCOMPARE(img.size(), QSize(1600, 900));
    }
}


QTEST_GUILESS_MAIN(TestScreenshotMode)
#include "tst_screenshotmode.moc"
