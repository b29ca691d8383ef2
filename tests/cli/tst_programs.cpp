// Golden-output tests of `dstreamlab run` over the PySpark programs in tests/programs.
//
// Every tests/programs/NAME.py is one row: it runs with TZ=UTC, --start-time '2026-11-24
// 10:00:00', NAME.input (when present) and NAME.args; stdout must equal NAME.out byte for
// byte, stderr must contain every line of NAME.err.expected, and the exit status must be
// NAME.exit (default 0). The goldens are not just recorded output: the scala_*.py programs
// are checked against the expected batches of tests/data/scala_cases.json, and the word-count
// programs against tests/programs/reference_wordcount.py, a plain-Python model of Spark's
// batching, partitioning and pprint (see tests/programs/README.md).
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <csignal>

using namespace Qt::StringLiterals;

namespace {

const QString kStartTime = u"2026-11-24 10:00:00"_s;

struct RunResult {
    QByteArray out;
    QByteArray err;
    int exitCode = -1;
    bool finished = false;
};

QString programsDir() { return QStringLiteral(DSTREAMLAB_SOURCE_DIR "/tests/programs"); }

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return f.readAll();
}

bool exists(const QString &path) { return QFileInfo::exists(path); }

QStringList programNames()
{
    QStringList names;
    const auto files = QDir(programsDir()).entryList({u"*.py"_s}, QDir::Files, QDir::Name);
    for (const QString &f : files)
        if (!f.startsWith(u"reference_"_s)) names << f.chopped(3);
    return names;
}

QProcessEnvironment runEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"TZ"_s, u"UTC"_s);
    // The app data folder (the db_*.py programs' SQLite files) is this test's own.
    static QTemporaryDir dataHome;
    env.insert(u"XDG_DATA_HOME"_s, dataHome.path());
    return env;
}

/// The CLI arguments of a program's row, plus `extra`.
QStringList runArguments(const QString &name, const QStringList &extra = {})
{
    const QString dir = programsDir();
    QStringList args{u"run"_s, name + u".py"_s};
    if (exists(dir + u'/' + name + u".input"_s)) args << u"--input"_s << name + u".input"_s;
    args << u"--start-time"_s << kStartTime;
    const QByteArray extraArgs = readFile(dir + u'/' + name + u".args"_s).trimmed();
    if (!extraArgs.isEmpty()) args << QProcess::splitCommand(QString::fromUtf8(extraArgs));
    return args + extra;
}

RunResult runProcess(const QString &program, const QStringList &args, int timeoutMs = 120000)
{
    QProcess p;
    p.setWorkingDirectory(programsDir());
    p.setProcessEnvironment(runEnvironment());
    p.start(program, args);
    RunResult r;
    if (!p.waitForStarted(10000)) return r;
    p.closeWriteChannel();
    r.finished = p.waitForFinished(timeoutMs);
    if (!r.finished) {
        p.kill();
        p.waitForFinished();
    }
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return r;
}

/// One run per program for the whole test (programs() runs each; later checks reuse it).
const RunResult &runProgram(const QString &name)
{
    static QHash<QString, RunResult> cache;
    auto it = cache.find(name);
    if (it == cache.end()) it = cache.insert(name, runProcess(QStringLiteral(DSTREAMLAB_BIN), runArguments(name)));
    return *it;
}

QString firstDifference(const QByteArray &got, const QByteArray &want)
{
    const QList<QByteArray> g = got.split('\n'), w = want.split('\n');
    for (qsizetype i = 0; i < std::max(g.size(), w.size()); ++i) {
        const QByteArray a = i < g.size() ? g[i] : "<end of output>";
        const QByteArray b = i < w.size() ? w[i] : "<end of output>";
        if (a != b)
            return u"line %1: got '%2', expected '%3'"_s.arg(i + 1).arg(QString::fromUtf8(a), QString::fromUtf8(b));
    }
    return {};
}

QString canonical(const QJsonValue &v)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact));
}

QSet<QString> asSet(const QJsonArray &a)
{
    QSet<QString> s;
    for (const auto &v : a) s.insert(canonical(v));
    return s;
}

QJsonObject scalaCase(const QString &caseName)
{
    static QJsonArray cases;
    if (cases.isEmpty())
        cases = QJsonDocument::fromJson(readFile(QStringLiteral(DSTREAMLAB_SHARED_DIR "/scala_cases.json"))).array();
    for (const auto &c : std::as_const(cases))
        if (c.toObject().value(u"name"_s).toString() == caseName) return c.toObject();
    return {};
}

} // namespace

class TestPrograms : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(QStringLiteral(DSTREAMLAB_BIN)).isExecutable(), DSTREAMLAB_BIN);
        QVERIFY(!programNames().isEmpty());
    }

    void programs_data()
    {
        QTest::addColumn<QString>("name");
        for (const QString &n : programNames()) QTest::newRow(qPrintable(n + u".py"_s)) << n;
    }

    /// stdout == NAME.out, stderr holds every NAME.err.expected line, exit status == NAME.exit.
    void programs()
    {
        QFETCH(QString, name);
        const QString base = programsDir() + u'/' + name;
        QVERIFY2(exists(base + u".out"_s), qPrintable(u"missing golden "_s + name + u".out (see README.md)"_s));
        const RunResult &r = runProgram(name);
        QVERIFY2(r.finished, "the run did not finish within 120 s");
        const QByteArray want = readFile(base + u".out"_s);
        if (r.out != want) {
            qWarning().noquote() << "stderr of the run:\n" << QString::fromUtf8(r.err.right(3000));
            QFAIL(qPrintable(u"stdout differs from "_s + name + u".out: "_s + firstDifference(r.out, want)));
        }
        const QString err = QString::fromUtf8(r.err);
        for (const QByteArray &line : readFile(base + u".err.expected"_s).split('\n')) {
            if (line.trimmed().isEmpty()) continue;
            QVERIFY2(err.contains(QString::fromUtf8(line)),
                     qPrintable(u"stderr lacks '%1'; stderr was:\n%2"_s.arg(QString::fromUtf8(line), err.right(3000))));
        }
        bool ok = true;
        const QByteArray exitText = readFile(base + u".exit"_s).trimmed();
        const int wantExit = exitText.isEmpty() ? 0 : exitText.toInt(&ok);
        QVERIFY(ok);
        QCOMPARE(r.exitCode, wantExit);
    }

    void scalaCases_data()
    {
        QTest::addColumn<QString>("name");
        for (const QString &n : programNames())
            if (n.startsWith(u"scala_"_s)) QTest::newRow(qPrintable(n + u".py"_s)) << n;
    }

    /// The per-batch lines ("<batch time> <records as JSON>") of a scala_*.py program equal the
    /// "expected" batches of its case in scala_cases.json, compared as the case compares them.
    void scalaCases()
    {
        QFETCH(QString, name);
        const QString source = QString::fromUtf8(readFile(programsDir() + u'/' + name + u".py"_s));
        const auto m = QRegularExpression(u"# Scala case \"([^\"]+)\""_s).match(source);
        QVERIFY2(m.hasMatch(), "the program does not name its Scala case");
        const QJsonObject c = scalaCase(m.captured(1));
        QVERIFY2(!c.isEmpty(), qPrintable(u"no case named "_s + m.captured(1)));
        // Outputs come every slide (window cases) or every batch.
        const double stepSeconds = c.contains(u"slide_s"_s) ? c.value(u"slide_s"_s).toDouble()
                                                            : c.value(u"batch_duration_s"_s).toDouble();

        const RunResult &r = runProgram(name);
        QVERIFY(r.finished);
        QCOMPARE(r.exitCode, 0);
        const QJsonValue expected = c.value(u"expected"_s);
        // "slice"-style cases: one {"from_ms", "to_ms", "set"} object per call, not per batch,
        // so their lines carry no batch time to check.
        const bool perCall = expected.isArray() && expected.toArray().first().toObject().contains(u"set"_s);
        const QRegularExpression lineRe(u"^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d) (.+)$"_s);
        QList<QJsonValue> got;
        const QDateTime start = QDateTime::fromString(kStartTime, u"yyyy-MM-dd HH:mm:ss"_s);
        for (const QByteArray &raw : r.out.split('\n')) {
            const auto lm = lineRe.match(QString::fromUtf8(raw));
            if (!lm.hasMatch()) continue;
            // Output i (1-based) is at start + i * step, as in the Scala harness (zero time =
            // start; windowed streams emit only at zero time + k * slide).
            const QDateTime t = QDateTime::fromString(lm.captured(1), u"yyyy-MM-dd HH:mm:ss"_s);
            if (!perCall) QCOMPARE(start.msecsTo(t), qint64((got.size() + 1) * stepSeconds * 1000));
            QJsonParseError pe;
            const QJsonDocument doc = QJsonDocument::fromJson(lm.captured(2).toUtf8(), &pe);
            QVERIFY2(pe.error == QJsonParseError::NoError, qPrintable(lm.captured(2)));
            got << (doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object()));
        }

        if (perCall) {
            const QJsonArray want = expected.toArray();
            QCOMPARE(got.size(), want.size());
            for (qsizetype i = 0; i < want.size(); ++i) {
                const QJsonObject g = got[i].toObject(), w = want[i].toObject();
                QCOMPARE(g.value(u"from_ms"_s).toInteger(), w.value(u"from_ms"_s).toInteger());
                QCOMPARE(g.value(u"to_ms"_s).toInteger(), w.value(u"to_ms"_s).toInteger());
                QCOMPARE(asSet(g.value(u"set"_s).toArray()), asSet(w.value(u"set"_s).toArray()));
            }
            return;
        }
        if (expected.isObject()) {
            // runStreamsWithPartitions: partition count per batch and the union of partitions.
            const QJsonObject e = expected.toObject();
            const QJsonArray sets = e.value(u"flattened_sets"_s).toArray();
            QCOMPARE(got.size(), sets.size());
            for (qsizetype i = 0; i < sets.size(); ++i) {
                const QJsonObject b = got[i].toObject();
                QCOMPARE(b.value(u"partitions"_s).toInt(), e.value(u"partitions_per_batch"_s).toInt());
                QCOMPARE(asSet(b.value(u"records"_s).toArray()), asSet(sets[i].toArray()));
            }
            return;
        }
        QJsonArray want = expected.toArray();
        // Documented PySpark differences: "# pyspark-expected batch N: JSON" lines in the
        // program replace batch N of the Scala expectation (the program says why).
        auto overrides = QRegularExpression(u"^# pyspark-expected batch (\\d+): (.+)$"_s,
                                            QRegularExpression::MultilineOption).globalMatch(source);
        while (overrides.hasNext()) {
            const auto o = overrides.next();
            const int i = o.captured(1).toInt() - 1;
            QVERIFY(i >= 0 && i < want.size());
            want[i] = QJsonDocument::fromJson(o.captured(2).toUtf8()).array();
        }
        QCOMPARE(got.size(), want.size());
        const bool asSets = c.value(u"order_insensitive"_s).toBool();
        for (qsizetype i = 0; i < want.size(); ++i) {
            const QString what = u"batch %1: got %2, expected %3"_s.arg(i + 1).arg(canonical(got[i]), canonical(want[i]));
            if (asSets)
                QVERIFY2(asSet(got[i].toArray()) == asSet(want[i].toArray()), qPrintable(what));
            else
                QVERIFY2(got[i].toArray() == want[i].toArray(), qPrintable(what));
        }
    }

    void referenceWordCount_data()
    {
        QTest::addColumn<QString>("name");
        for (const QString &n : programNames())
            if (exists(programsDir() + u'/' + n + u".reference"_s)) QTest::newRow(qPrintable(n + u".py"_s)) << n;
    }

    /// The word-count goldens equal what the independent reference_wordcount.py computes.
    void referenceWordCount()
    {
        QFETCH(QString, name);
        QString python = u"/usr/bin/python3"_s;
        if (!QFileInfo(python).isExecutable()) python = QStandardPaths::findExecutable(u"python3"_s);
        if (python.isEmpty()) QSKIP("no python3 to run reference_wordcount.py");
        const QString base = programsDir() + u'/' + name;
        QStringList args{u"reference_wordcount.py"_s, name + u".input"_s, u"--start"_s, kStartTime};
        args << QProcess::splitCommand(QString::fromUtf8(readFile(base + u".reference"_s).trimmed()));
        const RunResult ref = runProcess(python, args);
        QVERIFY2(ref.finished && ref.exitCode == 0, ref.err.constData());
        const QByteArray golden = readFile(base + u".out"_s);
        QVERIFY2(ref.out == golden, qPrintable(u"reference vs "_s + name + u".out: "_s + firstDifference(golden, ref.out)));
    }

    /// The Kafka word count's golden equals what the independent reference_kafka.py computes.
    void referenceKafkaWordCount()
    {
        const QString python = u"/usr/bin/python3"_s;
        if (!QFileInfo(python).isExecutable()) QSKIP("no /usr/bin/python3 to run reference_kafka.py");
        QProcess p;
        p.setWorkingDirectory(programsDir());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"PYTHONHASHSEED"_s, u"0"_s); // portable_hash = hash() as in the run
        p.setProcessEnvironment(env);
        p.start(python, {u"reference_kafka.py"_s, u"kafka_direct_wordcount.kafka"_s});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QByteArray golden = readFile(programsDir() + u"/kafka_direct_wordcount.out"_s);
        const QByteArray ref = p.readAllStandardOutput();
        QVERIFY2(ref == golden, qPrintable(u"reference vs kafka_direct_wordcount.out: "_s + firstDifference(golden, ref)));
    }

    void sameRunTwice_data()
    {
        QTest::addColumn<QString>("name");
        for (const char *n : {"wordcount", "wordcount_edges", "transform_rdd_ops", "fail_user_function",
                              "scala_cogroup", "clock_simulated", "db_per_record"})
            QTest::newRow(n) << QString::fromLatin1(n);
    }

    /// Spark's streaming guide ("Design Patterns for using foreachRDD"): a connection per record
    /// is dearer than one per partition. Same input and rows (the goldens); here the time. By
    /// engine/costmodel.h: per record, 8 records x (connect 10 + statement 0.5 + commit 2 + close
    /// 0.1 ms) = 100.8 ms of tasks; per partition, 4 tasks (2 partitions x 2 batches) x (10 + 2 +
    /// 0.1 ms) + 8 statements x 0.5 ms = 52.4 ms. Tasks of a batch run on 2 cores side by side, so
    /// the batches' processing delays differ by less, but per record must be the slower.
    void databaseCosts()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        qint64 processing[2] = {0, 0};
        const char *names[2] = {"db_per_record", "db_per_partition"};
        for (int i = 0; i < 2; ++i) {
            const QString m = tmp.filePath(u"metrics%1.jsonl"_s.arg(i));
            const RunResult r = runProcess(QStringLiteral(DSTREAMLAB_BIN),
                                           runArguments(QString::fromLatin1(names[i]), {u"--metrics"_s, m}));
            QVERIFY2(r.finished && r.exitCode == 0, r.err.right(2000).constData());
            for (const QByteArray &line : readFile(m).split('\n')) {
                if (line.trimmed().isEmpty()) continue;
                processing[i] += QJsonDocument::fromJson(line).object().value(u"processingDelay"_s).toInteger();
            }
        }
        qInfo() << "processing delay: per record" << processing[0] << "ms, per partition" << processing[1] << "ms";
        QVERIFY2(processing[0] > processing[1], "a connection per record is not slower than one per partition");
    }

    /// Same program, input and start time: identical stdout, fingerprint and metrics bytes.
    void sameRunTwice()
    {
        QFETCH(QString, name);
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        RunResult runs[2];
        QByteArray metrics[2];
        for (int i = 0; i < 2; ++i) {
            const QString m = tmp.filePath(u"metrics%1.jsonl"_s.arg(i));
            runs[i] = runProcess(QStringLiteral(DSTREAMLAB_BIN), runArguments(name, {u"--metrics"_s, m, u"--fingerprint"_s}));
            QVERIFY(runs[i].finished);
            metrics[i] = readFile(m);
        }
        QCOMPARE(runs[0].out, runs[1].out);
        QCOMPARE(runs[0].exitCode, runs[1].exitCode);
        const QRegularExpression fp(u"^fingerprint: (\\S+)$"_s, QRegularExpression::MultilineOption);
        const auto f0 = fp.match(QString::fromUtf8(runs[0].err)), f1 = fp.match(QString::fromUtf8(runs[1].err));
        QVERIFY2(f0.hasMatch() && f1.hasMatch(), "--fingerprint printed no fingerprint");
        QCOMPARE(f0.captured(1), f1.captured(1));
        QVERIFY(!metrics[0].isEmpty());
        QCOMPARE(metrics[0], metrics[1]);
        // The golden run (without --metrics/--fingerprint) printed the same stdout.
        QCOMPARE(runs[0].out, readFile(programsDir() + u'/' + name + u".out"_s));
    }

    /// kafka_recovery.py twice from one checkpoint folder: the second driver replays
    /// KafkaUtils.createDirectStream from the checkpoint and reads on from its offsets
    /// (outputs derived by hand in the program's comment).
    void kafkaRecovery()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const char *goldens[] = {"kafka_recovery.out", "kafka_recovery.run2.out"};
        for (int run = 0; run < 2; ++run) {
            QProcess p;
            p.setWorkingDirectory(programsDir());
            QProcessEnvironment env = runEnvironment();
            env.insert(u"CHECKPOINT_DIR"_s, tmp.filePath(u"checkpoint"_s));
            p.setProcessEnvironment(env);
            p.start(QStringLiteral(DSTREAMLAB_BIN), {u"run"_s, u"kafka_recovery.py"_s, u"--kafka"_s,
                                                    u"words=kafka_recovery.kafka"_s, u"--start-time"_s, kStartTime});
            QVERIFY(p.waitForStarted(10000));
            p.closeWriteChannel();
            QVERIFY2(p.waitForFinished(120000), "the run did not finish within 120 s");
            const QByteArray err = p.readAllStandardError();
            QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, err.right(3000).constData());
            const QByteArray out = p.readAllStandardOutput();
            const QByteArray want = readFile(programsDir() + u'/' + QString::fromLatin1(goldens[run]));
            QVERIFY2(out == want, qPrintable(u"run %1: "_s.arg(run + 1) + firstDifference(out, want)));
        }
    }

    void recoveryRuns_data()
    {
        QTest::addColumn<QString>("name");
        for (const QString &n : programNames())
            if (exists(programsDir() + u'/' + n + u".run1.input"_s)) QTest::newRow(qPrintable(n + u".py"_s)) << n;
    }

    /// Recovery from a checkpoint folder: NAME.py runs with NAME.run1.input, then again with
    /// NAME.run2.input, both with CHECKPOINT_DIR set to one fresh folder and RUN_SECONDS=10;
    /// stdout must equal NAME.run1.out / NAME.run2.out, stderr hold NAME.runN.err.expected. The state lines (updateStateByKey,
    /// mapWithState) of the second run's last batch must equal those of the one-go run's last
    /// batch (NAME.out): "run 10 batches, stop, getOrCreate, run 10 more" gives the same totals.
    void recoveryRuns()
    {
        QFETCH(QString, name);
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        QByteArray outs[2];
        for (int run = 1; run <= 2; ++run) {
            QProcess p;
            p.setWorkingDirectory(programsDir());
            QProcessEnvironment env = runEnvironment();
            env.insert(u"CHECKPOINT_DIR"_s, tmp.filePath(u"checkpoint"_s));
            env.insert(u"RUN_SECONDS"_s, u"10"_s);
            p.setProcessEnvironment(env);
            p.start(QStringLiteral(DSTREAMLAB_BIN), {u"run"_s, name + u".py"_s, u"--input"_s,
                                                    name + u".run%1.input"_s.arg(run), u"--start-time"_s, kStartTime});
            QVERIFY(p.waitForStarted(10000));
            p.closeWriteChannel();
            QVERIFY2(p.waitForFinished(120000), "the run did not finish within 120 s");
            const QByteArray err = p.readAllStandardError();
            QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, err.right(3000).constData());
            QVERIFY2(!err.contains("Could not write checkpoint"), err.right(3000).constData());
            for (const QByteArray &line : readFile(programsDir() + u'/' + name + u".run%1.err.expected"_s.arg(run)).split('\n'))
                if (!line.trimmed().isEmpty())
                    QVERIFY2(err.contains(line), qPrintable(u"run %1: stderr lacks '%2'"_s.arg(run).arg(QString::fromUtf8(line))));
            outs[run - 1] = p.readAllStandardOutput();
            const QByteArray want = readFile(programsDir() + u'/' + name + u".run%1.out"_s.arg(run));
            QVERIFY2(outs[run - 1] == want, qPrintable(u"run %1: "_s.arg(run) + firstDifference(outs[run - 1], want)));
        }
        // The last line of each state stream, without its batch time.
        auto lastState = [](const QByteArray &out, const QByteArray &stream) {
            QByteArray last;
            for (const QByteArray &l : out.split('\n'))
                if (l.startsWith(stream + ' ')) last = l.mid(l.indexOf(' ', stream.size() + 1));
            return last;
        };
        const QByteArray oneGo = readFile(programsDir() + u'/' + name + u".out"_s);
        for (const QByteArray &stream : {QByteArray("updateStateByKey"), QByteArray("mapWithState")}) {
            QVERIFY2(!lastState(oneGo, stream).isEmpty(), stream.constData());
            QCOMPARE(lastState(outs[1], stream), lastState(oneGo, stream));
        }
    }

    void stateMetricsJsonl_data()
    {
        QTest::addColumn<int>("batch");
        QTest::addColumn<QList<int>>("addedUpdatedRemovedTimedOutTotal");
        // state_metrics.input: batch 1 "a b", 2 "a a c", 3 "c", then nothing; a key without new
        // values is removed (update returns None).
        QTest::newRow("batch-1-two-new-keys-added") << 1 << QList<int>{2, 0, 0, 0, 2};
        QTest::newRow("batch-2-a-updated-b-removed-c-added") << 2 << QList<int>{1, 1, 1, 0, 2};
        QTest::newRow("batch-3-a-removed-c-updated") << 3 << QList<int>{0, 1, 1, 0, 1};
        QTest::newRow("batch-4-c-removed-state-empty") << 4 << QList<int>{0, 0, 1, 0, 0};
        QTest::newRow("batch-5-nothing-left") << 5 << QList<int>{0, 0, 0, 0, 0};
    }

    /// `--metrics` lines carry the state metrics of the Python updateStateByKey path.
    void stateMetricsJsonl()
    {
        QFETCH(int, batch);
        QFETCH(QList<int>, addedUpdatedRemovedTimedOutTotal);
        static QList<QJsonObject> lines;
        if (lines.isEmpty()) {
            QTemporaryDir tmp;
            QVERIFY(tmp.isValid());
            const QString m = tmp.filePath(u"metrics.jsonl"_s);
            const RunResult r = runProcess(QStringLiteral(DSTREAMLAB_BIN), runArguments(u"state_metrics"_s, {u"--metrics"_s, m}));
            QVERIFY2(r.finished && r.exitCode == 0, r.err.constData());
            for (const QByteArray &l : readFile(m).split('\n'))
                if (!l.trimmed().isEmpty()) lines << QJsonDocument::fromJson(l).object();
        }
        QVERIFY(batch <= lines.size());
        const QJsonObject b = lines[batch - 1];
        const qint64 start = QDateTime(QDate(2026, 11, 24), QTime(10, 0), QTimeZone::utc()).toMSecsSinceEpoch();
        QCOMPARE(qint64(b.value(u"batchTime"_s).toDouble()), start + 1000 * batch);
        const QJsonArray state = b.value(u"stateMetrics"_s).toArray();
        QCOMPARE(state.size(), 1);
        const QJsonObject m = state[0].toObject();
        QCOMPARE(m.value(u"stream"_s).toString(), u"PythonStateDStream@3"_s); // socket 0, flatMap 1, map 2
        const QList<int> got{m.value(u"keysAdded"_s).toInt(), m.value(u"keysUpdated"_s).toInt(),
                             m.value(u"keysRemoved"_s).toInt(), m.value(u"keysTimedOut"_s).toInt(),
                             m.value(u"totalKeys"_s).toInt()};
        QCOMPARE(got, addedUpdatedRemovedTimedOutTotal);
    }

#ifdef Q_OS_UNIX
    /// A program stuck in its own top-level loop ends on Ctrl-C (SIGINT) with one clear line
    /// and exit status 1, not a crash.
    void interruptTopLevelLoop()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString prog = tmp.filePath(u"spin.py"_s);
        QFile f(prog);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("from pyspark import SparkContext\n"
                "from pyspark.streaming import StreamingContext\n"
                "sc = SparkContext('local[2]', 'Spin')\n"
                "ssc = StreamingContext(sc, 1)\n"
                "print('spinning', flush=True)\n"
                "while True:\n"
                "    pass\n");
        f.close();
        QProcess p;
        p.setProcessEnvironment(runEnvironment());
        p.start(QStringLiteral(DSTREAMLAB_BIN), {u"run"_s, prog, u"--start-time"_s, kStartTime});
        QVERIFY(p.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(p.state() == QProcess::Running && p.bytesAvailable() > 0, 20000);
        ::kill(static_cast<pid_t>(p.processId()), SIGINT);
        QVERIFY2(p.waitForFinished(20000), "the run did not end on SIGINT");
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 1);
        QVERIFY2(p.readAllStandardError().contains("KeyboardInterrupt"), "no KeyboardInterrupt message");
    }

    /// Ctrl-C while awaitTermination() runs batches whose functions are busy in Python ends the
    /// run exactly as the top-level-loop case: no user function, task, output operation or
    /// batch fails with KeyboardInterrupt (no ERROR/WARN lines, no Py4JJavaError), and every
    /// batch written to --metrics so far succeeded.
    void interruptDuringAwaitTermination()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString prog = tmp.filePath(u"busy.py"_s), metrics = tmp.filePath(u"m.jsonl"_s);
        QFile f(prog);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("from pyspark import SparkContext\n"
                "from pyspark.streaming import StreamingContext\n"
                "sc = SparkContext('local[2]', 'Busy')\n"
                "ssc = StreamingContext(sc, 1)\n"
                "def work(x):\n"
                "    s = 0\n"
                "    for i in range(20000):\n"
                "        s += i\n"
                "    return x\n"
                "ssc.queueStream([], default=sc.parallelize(range(20))).map(work).count().pprint()\n"
                "ssc.start()\n"
                "ssc.awaitTermination()\n");
        f.close();
        QProcess p;
        p.setProcessEnvironment(runEnvironment());
        p.start(QStringLiteral(DSTREAMLAB_BIN), {u"run"_s, prog, u"--start-time"_s, kStartTime, u"--seconds"_s,
                                                 u"1000000"_s, u"--metrics"_s, metrics});
        QVERIFY(p.waitForStarted(10000));
        // Some batches have run (their pprint blocks are out) before the interrupt.
        QTRY_VERIFY_WITH_TIMEOUT(p.state() == QProcess::Running && p.bytesAvailable() > 2000, 20000);
        ::kill(static_cast<pid_t>(p.processId()), SIGINT);
        QVERIFY2(p.waitForFinished(20000), "the run did not end on SIGINT");
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 1);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains("KeyboardInterrupt: the program was interrupted; the input log is kept."), err.constData());
        QVERIFY2(!err.contains(" ERROR ") && !err.contains(" WARN ") && !err.contains("Py4JJavaError"), err.constData());
        const QByteArray m = readFile(metrics);
        QVERIFY(m.count('\n') > 0);
        QVERIFY2(!m.contains("\"status\":\"failed\""), "a batch failed with the interrupt");
    }
#endif
};

QTEST_GUILESS_MAIN(TestPrograms)
#include "tst_programs.moc"
