// `dstreamlab submit` (spark-submit's command line) and what `run` shares with it: --conf,
// --drop and --strict, over the programs in tests/programs/submit (see its README.md).
//
// Each row runs the binary from that folder with TZ=UTC and --start-time '2026-11-24 10:00:00':
// stdout must equal the row's golden (when it names one), stderr hold each expected line and
// none of the unwanted ones, and the exit status match.
#include "clirunkit.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

using clikit::RunResult;

QString submitDir() { return QStringLiteral(DSTREAMLAB_SOURCE_DIR "/tests/programs/submit"); }

const QString kStart = u"--start-time=2026-11-24 10:00:00"_s;

RunResult runBinary(const QStringList &args, const QString &workDir = submitDir())
{
    return clikit::runBinary(args, workDir);
}

QByteArray golden(const QString &name)
{
    QFile f(submitDir() + u'/' + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing golden>");
}

const QString kWarnFoo = u"WARN SparkSubmitArguments: Ignoring non-Spark config property: foo"_s;
const QString kNotPySpark = u"WARN DStreamLab: mapWithState is not part of PySpark"_s;
const QString kStrictError = u"ImportError: cannot import name 'StateSpec' from 'pyspark.streaming' (dstreamlab --strict:"_s;

} // namespace

class TestSubmit : public QObject {
    Q_OBJECT

private slots:
    void rows_data();
    void rows();
    void pyFilesZipIsImportable();
};

void TestSubmit::rows_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("out");       // golden stdout file, empty: not compared
    QTest::addColumn<QStringList>("err");   // lines stderr must hold
    QTest::addColumn<QStringList>("notErr"); // texts it must not hold
    QTest::addColumn<int>("exit");

    const QStringList drops{u"--drop"_s, u"2.5:words.txt:in"_s, u"--drop"_s, u"4:more.txt:in"_s};
    QTest::newRow("submit-drops-files-for-textfilestream-as-spark-submit-runs-it")
        << (QStringList{u"submit"_s, u"--master"_s, u"local[2]"_s} + drops + QStringList{kStart, u"file_wordcount.py"_s, u"in"_s})
        << u"file_wordcount.out"_s << QStringList{} << QStringList{u"WARN"_s, u"DStream Lab:"_s} << 0;
    QTest::newRow("run-takes-the-same-drops")
        << (QStringList{u"run"_s, u"file_wordcount.py"_s, u"in"_s, u"--master"_s, u"local[2]"_s, kStart} + drops)
        << u"file_wordcount.out"_s << QStringList{} << QStringList{u"WARN"_s} << 0;
    QTest::newRow("a-drop-directory-with-a-trailing-slash-is-the-same-directory")
        << QStringList{u"run"_s, u"file_wordcount.py"_s, u"in"_s, u"--master=local[2]"_s, kStart,
                       u"--drop=2.5:words.txt:in/"_s, u"--drop=4:more.txt:./in"_s}
        << u"file_wordcount.out"_s << QStringList{} << QStringList{} << 0;
    QTest::newRow("program-arguments-come-after-the-program")
        << QStringList{u"submit"_s, kStart, u"file_wordcount.py"_s} << QString()
        << QStringList{u"Usage: file_wordcount.py <directory>"_s} << QStringList{} << 1;

    // --conf is spark-submit's layer: SparkConf() loads it, the program's own set() wins;
    // --master and --name override the same properties; the file comes after --conf.
    QTest::newRow("conf-name-master-properties-file-and-py-files-reach-the-program")
        << QStringList{u"submit"_s, u"--master"_s, u"local[3]"_s, u"--name"_s, u"LabApp"_s, u"--conf"_s,
                       u"spark.lab.mine=cli"_s, u"-c"_s, u"spark.lab.other=cli"_s, u"--conf"_s, u"foo=bar"_s,
                       u"--properties-file"_s, u"lab.properties"_s, u"--py-files"_s, u"lib/helper.py"_s,
                       u"--driver-memory"_s, u"2g"_s, u"--deploy-mode"_s, u"client"_s, kStart,
                       u"conf_layers.py"_s, u"one"_s, u"--two"_s}
        << u"conf_layers.out"_s
        << QStringList{kWarnFoo, u"Ignoring non-Spark config property: hive.metastore.uris"_s,
                       u"DStream Lab: ignored --driver-memory 2g, --deploy-mode client"_s}
        << QStringList{} << 0;

    // spark-submit's messages for bad options ("Error: ..." and the usage; exit 2 here).
    const auto error = [](const char *row, const QStringList &args, const QString &message) {
        QTest::newRow(row) << args << QString() << QStringList{u"Error: "_s + message, u"usage: dstreamlab submit"_s}
                           << QStringList{u"Traceback"_s} << 2;
    };
    error("conf-without-equals-is-the-launchers-error",
          {u"submit"_s, u"--conf"_s, u"foo"_s, u"file_wordcount.py"_s, u"in"_s}, u"Invalid argument to --conf: foo"_s);
    error("unknown-option", {u"submit"_s, u"--bogus"_s, u"file_wordcount.py"_s}, u"Unrecognized option: --bogus"_s);
    error("no-program", {u"submit"_s, u"--master"_s, u"local[2]"_s},
          u"Must specify a primary resource (JAR or Python or R file)"_s);
    error("option-without-its-value", {u"submit"_s, u"--name"_s}, u"Missing argument for option '--name'."_s);
    error("bad-deploy-mode", {u"submit"_s, u"--deploy-mode"_s, u"edge"_s, u"file_wordcount.py"_s},
          u"--deploy-mode must be either \"client\" or \"cluster\""_s);
    error("cluster-deploy-mode-needs-a-cluster", {u"submit"_s, u"--deploy-mode"_s, u"cluster"_s, u"file_wordcount.py"_s},
          u"Cluster deploy mode is not compatible with master \"local\""_s);
    error("a-cluster-master-cannot-be-simulated", {u"submit"_s, u"--master"_s, u"yarn"_s, u"file_wordcount.py"_s},
          u"DStream Lab simulates a local Spark: master 'yarn' is a cluster"_s);
    error("an-unknown-master", {u"submit"_s, u"--conf"_s, u"spark.master=moon"_s, u"file_wordcount.py"_s},
          u"Master must either be yarn or start with spark, mesos, k8s, or local"_s);
    error("a-jar-is-not-a-program", {u"submit"_s, u"app.jar"_s}, u"DStream Lab runs PySpark programs: app.jar is not a .py file"_s);
    error("a-hidden-file-is-never-read", {u"submit"_s, u"--drop"_s, u"1:.hidden:in"_s, u"file_wordcount.py"_s, u"in"_s},
          u"--drop: textFileStream ignores hidden files"_s);
    error("a-drop-needs-three-parts", {u"submit"_s, u"--drop"_s, u"1:words.txt"_s, u"file_wordcount.py"_s, u"in"_s},
          u"--drop needs SECONDS:FILE:DIR"_s);
    error("a-dropped-file-must-exist", {u"submit"_s, u"--drop"_s, u"1:nowhere.txt:in"_s, u"file_wordcount.py"_s, u"in"_s},
          u"--drop: cannot read 'nowhere.txt'"_s);
    // --faults (docs/database.md, "Faults"): a bad file is a usage error naming file and line.
    QTest::newRow("faults-unknown-action-names-file-and-line")
        << QStringList{u"run"_s, u"file_wordcount.py"_s, u"in"_s, u"--faults"_s, u"bad_action.faults"_s} << QString()
        << QStringList{u"dstreamlab run: --faults: bad_action.faults line 2: unknown action 'pause-executor' (known: "
                       "fail-task [stage=N] [output=N] [partition=N], kill-receiver N, kill-executor N, kill-driver, slow-executor N FACTOR)"_s}
        << QStringList{u"Traceback"_s} << 2;
    QTest::newRow("faults-file-must-exist")
        << QStringList{u"run"_s, u"file_wordcount.py"_s, u"in"_s, u"--faults=nowhere.faults"_s} << QString()
        << QStringList{u"dstreamlab run: --faults: cannot read 'nowhere.faults'"_s} << QStringList{} << 2;
    QTest::newRow("faults-in-run-help")
        << QStringList{u"run"_s, u"--help"_s} << QString()
        << QStringList{u"--faults FILE"_s, u"fail-task [stage=N] [output=N] [partition=N]  the first matching task"_s,
                       u"kill-receiver N  input stream N's receiver dies"_s, u"kill-executor N  executor N of a local-cluster"_s,
                       u"slow-executor N FACTOR"_s, u"kill-driver  the driver dies"_s}
        << QStringList{} << 0;
    QTest::newRow("run-reports-conf-without-equals-its-own-way")
        << QStringList{u"run"_s, u"file_wordcount.py"_s, u"--conf"_s, u"foo"_s} << QString()
        << QStringList{u"dstreamlab run: Invalid argument to --conf: foo"_s} << QStringList{} << 2;

    // What DStream Lab offers beyond PySpark: a WARN, or with --strict spark-submit's failure.
    QTest::newRow("mapwithstate-runs-with-one-warn-line")
        << QStringList{u"run"_s, u"state_notes.py"_s, kStart} << QString() << QStringList{kNotPySpark, u"('a', 1)"_s}
        << QStringList{u"Traceback"_s} << 0;
    QTest::newRow("run-strict-fails-where-spark-submit-would")
        << QStringList{u"run"_s, u"state_notes.py"_s, u"--strict"_s, kStart} << QString()
        << QStringList{kStrictError, u"File \"state_notes.py\", line 16"_s} << QStringList{u"WARN DStreamLab"_s} << 1;
    QTest::newRow("submit-strict-too")
        << QStringList{u"submit"_s, u"--strict"_s, kStart, u"state_notes.py"_s} << QString() << QStringList{kStrictError}
        << QStringList{} << 1;
}

void TestSubmit::rows()
{
    QFETCH(QStringList, args);
    QFETCH(QString, out);
    QFETCH(QStringList, err);
    QFETCH(QStringList, notErr);
    QFETCH(int, exit);
    const RunResult r = runBinary(args);
    const QString stderrText = QString::fromUtf8(r.err);
    if (!out.isEmpty()) QCOMPARE(QString::fromUtf8(r.out), QString::fromUtf8(golden(out)));
    for (const QString &line : err) {
        const bool found = stderrText.contains(line) || QString::fromUtf8(r.out).contains(line);
        QVERIFY2(found, qPrintable(u"output lacks '%1'; stderr was:\n%2"_s.arg(line, stderrText.right(3000))));
    }
    for (const QString &text : notErr)
        QVERIFY2(!stderrText.contains(text), qPrintable(u"stderr holds '%1':\n%2"_s.arg(text, stderrText.right(3000))));
    QCOMPARE(r.exitCode, exit);
}

void TestSubmit::pyFilesZipIsImportable()
{
    // A .zip on --py-files goes on sys.path as it is (zipimport), as PythonRunner puts it there.
    const QString python = QStandardPaths::findExecutable(u"python3"_s);
    if (python.isEmpty()) QSKIP("no python3 to write the zip");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QProcess zip;
    zip.setWorkingDirectory(dir.path());
    zip.start(python, {u"-c"_s, u"import zipfile\nwith zipfile.ZipFile('deps.zip', 'w') as z: z.writestr('zipped.py', 'X = 42\\n')"_s});
    QVERIFY(zip.waitForFinished(30000) && zip.exitCode() == 0);
    QFile prog(dir.filePath(u"uses_zip.py"_s));
    QVERIFY(prog.open(QIODevice::WriteOnly));
    prog.write("import sys\nimport zipped\nprint(zipped.X, sys.argv[1:])\n");
    prog.close();
    const RunResult r = runBinary({u"submit"_s, u"--py-files"_s, u"deps.zip,missing.py"_s, u"uses_zip.py"_s, u"a"_s},
                                  dir.path());
    QCOMPARE(r.out, QByteArray("42 ['a']\n"));
    QVERIFY2(r.err.contains("DStream Lab: --py-files: missing.py does not exist; skipped"), r.err.constData());
    QCOMPARE(r.exitCode, 0);
}

QTEST_GUILESS_MAIN(TestSubmit)
#include "tst_submit.moc"
