// Qt Test: captures of a real PySpark program — every DStream's RDD recorded while the jobs
// compute it, including the stages of a fused Python pipeline, with each user function run once.
//
// The course's word count runs through PythonRuntime with a capturing observer. PySpark
// pipelines lines.flatMap -> map -> reduceByKey's map-side combine into one Python call from
// the BlockRDD (pyspark.rdd._fused): the RDDs of `words` and `pairs` are never computed through
// their own iterator, so their captures come from the taps of that call. Input: "a b a" at
// 0.3 s (block 0) and "b c" at 0.5 s (block 1) of batch 10:00:01; reduceByKey(..., 1) has one
// reduce partition, merging the map outputs (a, 2), (b, 1) and (b, 1), (c, 1) in map order.
// Capture lines are written as in tst_capture (`[count: reprs]`, `[-]` not computed, keys).
#ifndef Q_MOC_RUN // moc chokes on the system headers pybind11's include path brings in
#include "engine/faults.h"
#include "engine/inputscript.h"
#include "engine/python/pyruntime.h"
#include "engine/sparkcontext.h"
#endif

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <map>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>

using namespace dsl;
using namespace Qt::StringLiterals;

namespace {

constexpr SimTime kT0{1'795'514'400'000}; // 2026-11-24 10:00:00 UTC

struct CapturingObserver : SimulationObserver {
    bool wantsRddCapture() const override { return true; }
    void onRddsCaptured(const std::vector<RddCapture> &c) override
    {
        captures.insert(captures.end(), c.begin(), c.end());
    }
    std::vector<RddCapture> captures;
};

std::string number(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

/// The capture as tst_capture writes it, named by its stream (`names` by stream id); a
/// failure is written as `failed` when its message holds `failureText`.
QString summary(const RddCapture &c, const QStringList &names, const std::string &failureText)
{
    std::string s = (c.streamId >= 0 && c.streamId < names.size() ? names[c.streamId].toStdString()
                                                                   : "#" + std::to_string(c.streamId)) +
                    " @" + std::to_string((c.batchTime - kT0).ms() / 1000) + ":";
    for (const auto &p : c.partitions) {
        if (!p.computed) {
            s += " [-]";
            continue;
        }
        s += " [" + std::to_string(p.count);
        for (std::size_t i = 0; i < p.records.size(); ++i) s += (i ? ", " : ": ") + p.records[i];
        s += "]";
    }
    if (c.numericPairs) {
        s += " keys{";
        for (std::size_t i = 0; i < c.keyValues.size(); ++i)
            s += (i ? ", " : "") + c.keyValues[i].key + "=" + number(c.keyValues[i].value);
        s += "} =" + number(c.valueTotal);
    }
    if (!c.failure.empty())
        s += c.failure.find(failureText) != std::string::npos ? " failed" : " failed: " + c.failure;
    return QString::fromStdString(s);
}

/// What every program of the rows shares: `tag` appends its word to the file named by argv[1]
/// (one line per call) and raises on "boom".
const char *const kPrelude = R"(import sys
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

LOG = sys.argv[1]


def tag(word):
    with open(LOG, "a") as f:
        f.write(word + "\n")
    if word == "boom":
        raise ValueError("boom!")
    return (word, 1)


sc = SparkContext("local[2]", appName="CaptureWordCount")
ssc = StreamingContext(sc, 1)
)";

/// The course's word count (streams 0..3: lines, words, pairs, wordCounts).
const char *const kWordCount = R"(lines = ssc.socketTextStream("localhost", 9999)
words = lines.flatMap(lambda line: line.split(" "))
pairs = words.map(tag)
wordCounts = pairs.reduceByKey(lambda x, y: x + y, 1)
wordCounts.pprint()
ssc.start()
ssc.awaitTermination()
)";

/// The same chain built once on the driver, where PySpark pipelines flatMap -> map -> the
/// map-side combine of reduceByKey into one Python call from `base`; each stream hands one of
/// its RDDs out for the queue's batch (streams 0..3: lines, words, pairs, wordCounts; words
/// and pairs get outputs that run no job, so only wordCounts' pprint computes anything).
const char *const kDriverChain = R"(base = sc.parallelize(["a b a", "b c"], 2)
words_rdd = base.flatMap(lambda line: line.split(" "))
pairs_rdd = words_rdd.map(tag)
counts_rdd = pairs_rdd.reduceByKey(lambda x, y: x + y, 1)
lines = ssc.queueStream([base])
words = lines.transform(lambda rdd: words_rdd if rdd.getNumPartitions() else None)
pairs = lines.transform(lambda rdd: pairs_rdd if rdd.getNumPartitions() else None)
wordCounts = lines.transform(lambda rdd: counts_rdd if rdd.getNumPartitions() else None)
words.foreachRDD(lambda rdd: None)
pairs.foreachRDD(lambda rdd: None)
wordCounts.pprint()
ssc.start()
ssc.awaitTermination()
)";

/// The one interpreter of this process, reset for each run.
python::PythonRuntime &runtime(const python::RunSettings &settings)
{
    static python::PythonRuntime *rt = nullptr;
    if (!rt) rt = new python::PythonRuntime(settings);
    else rt->reset(settings);
    return *rt;
}

struct ProgramRun {
    python::RunStatus status = python::RunStatus::Ok;
    std::string out;
    std::string err;
    std::string fingerprint;
    int calls = 0; ///< lines tag() wrote
    QStringList captures;
    QStringList origins; ///< originsSummary of each traced capture
};

/// A capture's provenance: "NAME @T: KEY<-{LINE,LINE*COUNT}" with keys sorted (the order keys
/// were first seen depends on which task ran first) and LINE the InputLog index of a typed
/// line; "*COUNT" when the line gave the key more than once. Empty when not traced.
QString originsSummary(const RddCapture &c, const QStringList &names)
{
    if (!c.origins) return {};
    std::vector<std::string> keys;
    for (const auto &k : c.origins->keys) {
        std::string s = k.key + "<-{";
        for (std::size_t i = 0; i < k.lines.size(); ++i)
            s += (i ? "," : "") + std::to_string(k.lines[i].input) +
                 (k.lines[i].count > 1 ? "*" + std::to_string(k.lines[i].count) : "");
        keys.push_back(s + "}");
    }
    std::sort(keys.begin(), keys.end());
    std::string s = names.value(c.streamId).toStdString() + " @" + std::to_string((c.batchTime - kT0).ms() / 1000) + ":";
    for (const auto &k : keys) s += " " + k;
    return QString::fromStdString(s);
}

/// Runs kPrelude + `program` on `input` ("MS\tTEXT" lines), with or without a capturing observer.
ProgramRun runProgram(const std::string &program, const QStringList &input, bool capture, const QStringList &names,
                      const std::string &failureText)
{
    python::RunSettings settings;
    settings.pythonPackageDir = DSTREAMLAB_PYTHON_PACKAGE_DIR;
    settings.sim.startTime = kT0;
    python::PythonRuntime *rt = &runtime(settings);
    ProgramRun run;
    rt->stdoutSink = [&](const std::string &s) { run.out += s; };
    rt->stderrSink = [&](const std::string &s) { run.err += s; };
    CapturingObserver obs;
    if (capture) rt->simulation().addObserver(&obs);
    rt->simulation().inputLog().listen(9999); // `nc -lk 9999`
    for (const QString &l : input) {
        const auto tab = l.indexOf(u'\t');
        rt->simulation().inputLog().addLine(kT0 + Duration(l.left(tab).toLongLong()), l.mid(tab + 1).toStdString(), 9999);
    }
    QTemporaryDir dir;
    const QString log = dir.filePath(u"calls.txt"_s);
    run.status = rt->runSource(kPrelude + program, "capture_wordcount.py", {log.toStdString()});
    rt->simulation().removeObserver(&obs);
    run.fingerprint = rt->simulation().fingerprintHex();
    QFile f(log);
    if (f.open(QIODevice::ReadOnly)) run.calls = int(f.readAll().count('\n'));
    for (const auto &c : obs.captures) {
        run.captures << summary(c, names, failureText);
        if (const QString o = originsSummary(c, names); !o.isEmpty() && !run.origins.contains(o)) run.origins << o;
    }
    return run;
}

/// tests/programs/NAME.py as `dstreamlab run` runs it for tst_programs (NAME.input, NAME.args,
/// --start-time 10:00:00, TZ=UTC), in a fresh copy of the folder, in this process.
ProgramRun runTestProgram(const QString &name, bool capture)
{
    const QString source = QStringLiteral(DSTREAMLAB_SOURCE_DIR "/tests/programs");
    // The program's own files (NAME.*) and the input files its arguments name.
    QTemporaryDir dir;
    QDirIterator files(source, {name + u".*"_s}, QDir::Files);
    while (files.hasNext()) {
        const QString f = files.next();
        QFile::copy(f, dir.filePath(QFileInfo(f).fileName()));
    }
    // Helper packages the programs import (dbpool/, as spark-submit's --py-files would ship).
    for (const QString &pkg : QDir(source).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (!QFileInfo::exists(source + u'/' + pkg + u"/__init__.py"_s)) continue;
        QDir(dir.path()).mkpath(pkg);
        QFile::copy(source + u'/' + pkg + u"/__init__.py"_s, dir.filePath(pkg + u"/__init__.py"_s));
    }
    const QString cwd = QDir::currentPath();
    QDir::setCurrent(dir.path());

    python::RunSettings settings;
    settings.pythonPackageDir = DSTREAMLAB_PYTHON_PACKAGE_DIR;
    settings.sim.startTime = kT0;
    // `dstreamlab run`'s default --db: a SQLite file of the program's own (docs/database.md), in
    // the run's folder, named relative to it so that stderr is the same in both runs.
    settings.database = {{"mode", "sqlite"}, {"path", (name + u".sqlite"_s).toStdString()}};
    std::vector<std::pair<int, QString>> inputs; // (port, file)
    std::vector<std::pair<QString, QString>> kafkaInputs; // (topic, file)
    std::map<std::string, int> kafkaPartitions;
    std::map<std::string, Duration> kafkaRetention;
    std::vector<std::string> programArgs;
    if (QFileInfo::exists(name + u".input"_s)) inputs.emplace_back(0, name + u".input"_s);
    QStringList faultFiles; // --faults FILE (a NAME.* file, copied above)
    QFile argsFile(name + u".args"_s);
    if (argsFile.open(QIODevice::ReadOnly)) {
        const QStringList args = QProcess::splitCommand(QString::fromUtf8(argsFile.readAll().trimmed()));
        for (qsizetype i = 0; i < args.size(); ++i) {
            if (!args[i].startsWith(u"--"_s) || i + 1 >= args.size()) {
                programArgs.push_back(args[i].toStdString()); // the program's own arguments
                continue;
            }
            const QString &a = args[i], &v = args[++i];
            if (a == u"--kafka"_s) {
                const auto eq = v.indexOf(u'=');
                kafkaInputs.emplace_back(v.left(eq), v.mid(eq + 1));
                QFile::copy(source + u'/' + kafkaInputs.back().second, kafkaInputs.back().second);
            } else if (a == u"--kafka-partitions"_s) {
                const auto eq = v.indexOf(u'=');
                kafkaPartitions[v.left(eq).toStdString()] = v.mid(eq + 1).toInt();
            } else if (a == u"--kafka-retention"_s) {
                std::string topic;
                Duration r{0};
                if (parseTopicRetention(v.toStdString(), topic, r)) kafkaRetention[topic] = r;
                else qWarning() << "bad --kafka-retention:" << v;
            } else if (a == u"--master"_s) settings.master = v.toStdString();
            else if (a == u"--task-timeout"_s) settings.taskTimeoutMs = int(std::lround(v.toDouble() * 1000));
            else if (a == u"--seconds"_s) settings.maxDuration = Duration(std::llround(v.toDouble() * 1000));
            else if (a == u"--seed"_s) settings.sim.seed = v.toULongLong();
            else if (a == u"--faults"_s) faultFiles << v;
            else if (a == u"--input"_s) {
                const auto eq = v.indexOf(u'=');
                inputs.emplace_back(eq < 0 ? 0 : v.left(eq).toInt(), eq < 0 ? v : v.mid(eq + 1));
                QFile::copy(source + u'/' + inputs.back().second, inputs.back().second);
            } else qWarning() << "option not understood:" << a;
        }
    }
    python::PythonRuntime &rt = runtime(settings);
    ProgramRun run;
    rt.stdoutSink = [&](const std::string &s) { run.out += s; };
    rt.stderrSink = [&](const std::string &s) { run.err += s; };
    CapturingObserver obs;
    if (capture) rt.simulation().addObserver(&obs);
    for (const auto &[port, file] : inputs) {
        QFile in(file);
        if (!in.open(QIODevice::ReadOnly)) qWarning() << "cannot read" << file;
        std::vector<ScriptLine> lines;
        std::string error;
        parseInputScript(in.readAll().toStdString(), lines, error);
        if (port == 0) rt.simulation().inputLog().setListenAll(true);
        else rt.simulation().inputLog().listen(port);
        for (const auto &l : lines) addScriptLine(rt.simulation().inputLog(), kT0, l, port); // as run does
    }
    // --kafka's messages, parsed as dstreamlab run parses them (SECONDS<TAB>[KEY<TAB>]VALUE).
    for (const auto &[topic, n] : kafkaPartitions) rt.simulation().kafkaAt(kT0).createTopic(topic, n);
    for (const auto &[topic, r] : kafkaRetention) rt.simulation().kafkaAt(kT0).setRetention(topic, r);
    for (const auto &[topic, file] : kafkaInputs) {
        QFile in(file);
        if (!in.open(QIODevice::ReadOnly)) qWarning() << "cannot read" << file;
        std::vector<KafkaScriptLine> messages;
        std::string error;
        if (!parseKafkaScript(in.readAll().toStdString(), messages, error)) qWarning() << file << error.c_str();
        for (auto &m : messages)
            rt.simulation().inputLog().addKafkaMessage(kT0 + m.offset, topic.toStdString(), std::move(m.key),
                                                       std::move(m.value));
    }
    for (const QString &file : faultFiles) {
        QFile in(file);
        if (!in.open(QIODevice::ReadOnly)) qWarning() << "cannot read" << file;
        std::vector<FaultLine> faults;
        std::string error;
        if (!parseFaultScript(in.readAll().toStdString(), file.toStdString(), faults, error)) qWarning() << error.c_str();
        for (auto &f : faults) {
            setFaultTime(f.fault, kT0 + f.offset);
            rt.simulation().addFault(std::move(f.fault));
        }
    }
    run.status = rt.runFile((name + u".py"_s).toStdString(), programArgs);
    rt.simulation().removeObserver(&obs);
    run.fingerprint = rt.simulation().fingerprintHex();
    QDir::setCurrent(cwd);
    return run;
}

} // namespace

class TestPyCapture : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void fusedStagesAreCapturedAndUserCodeRunsOnce_data();
    void fusedStagesAreCapturedAndUserCodeRunsOnce();
    void provenanceNamesTheTypedLineOfEveryRecord_data();
    void provenanceNamesTheTypedLineOfEveryRecord();
    void everyProgramRunsTheSameWhileCaptured_data();
    void everyProgramRunsTheSameWhileCaptured();
};

void TestPyCapture::initTestCase()
{
    // Batch times print in local time (datetime.fromtimestamp), as tst_programs pins them.
    setenv("TZ", "UTC", 1);
    tzset();
}

void TestPyCapture::fusedStagesAreCapturedAndUserCodeRunsOnce_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("input");
    QTest::addColumn<int>("calls");
    QTest::addColumn<int>("status");
    QTest::addColumn<QStringList>("captures");

    const QStringList wordCount{
        u"lines @1: [1: 'a b a'] [1: 'b c']"_s,
        u"words @1: [3: 'a', 'b', 'a'] [2: 'b', 'c']"_s,
        u"pairs @1: [3: ('a', 1), ('b', 1), ('a', 1)] [2: ('b', 1), ('c', 1)] keys{a=2, b=2, c=1} =5"_s,
        u"wordCounts @1: [3: ('a', 2), ('b', 2), ('c', 1)] keys{a=2, b=2, c=1} =5"_s,
    };
    // tag() runs once per word: 5 calls, whether or not a host captures.
    QTest::newRow("course-word-count-every-stream-has-its-own-counts")
        << QString::fromUtf8(kWordCount) << QStringList{u"300\ta b a"_s, u"500\tb c"_s} << 5
        << int(python::RunStatus::Ok) << wordCount;
    // words and pairs are never computed through their own iterator: the one fused call per
    // map partition reports them (its taps); base is computed through its iterator.
    QTest::newRow("fused-pipeline-stages-are-captured-from-the-one-python-call")
        << QString::fromUtf8(kDriverChain) << QStringList{} << 5 << int(python::RunStatus::Ok) << wordCount;
    // tag() raises on "boom" (its second word): the map stage fails after flatMap produced
    // both words; the task's one attempt fails the job, and awaitTermination raises.
    QTest::newRow("error-in-a-map-marks-that-stream-failed")
        << QString::fromUtf8(kWordCount) << QStringList{u"300\tok boom"_s} << 2 << int(python::RunStatus::Raised)
        << QStringList{
               u"lines @1: [1: 'ok boom']"_s,
               u"words @1: [2: 'ok', 'boom']"_s,
               u"pairs @1: [-] failed"_s,
               u"wordCounts @1: [-]"_s,
           };
    // parallelize(["ok boom"], 2): slice 0 is empty, slice 1 holds the line. The fused call
    // of map partition 1 raises in its map stage (stage 1): flatMap's output is kept, pairs
    // (chain[2]) is marked failed.
    QTest::newRow("error-in-a-fused-stage-marks-that-stage-and-later-ones-failed")
        << QString::fromUtf8(kDriverChain).replace(u"\"a b a\", \"b c\""_s, u"\"ok boom\""_s) << QStringList{} << 2
        << int(python::RunStatus::Raised)
        << QStringList{
               u"lines @1: [0] [1: 'ok boom']"_s,
               u"words @1: [0] [2: 'ok', 'boom']"_s,
               u"pairs @1: [0] [-] failed"_s,
               u"wordCounts @1: [-]"_s,
           };
}

void TestPyCapture::fusedStagesAreCapturedAndUserCodeRunsOnce()
{
    QFETCH(QString, program);
    QFETCH(QStringList, input);
    QFETCH(int, calls);
    QFETCH(int, status);
    QFETCH(QStringList, captures);
    const QStringList names{u"lines"_s, u"words"_s, u"pairs"_s, u"wordCounts"_s};
    const std::string text = program.toStdString();
    const ProgramRun plain = runProgram(text, input, false, names, "ValueError: boom!");
    const ProgramRun captured = runProgram(text, input, true, names, "ValueError: boom!");
    if (captured.captures != captures) qWarning().noquote() << captured.captures.join(u'\n');
    QCOMPARE(captured.captures, captures);
    QCOMPARE(captured.calls, calls);
    QCOMPARE(int(captured.status), status);
    // Capturing changes nothing the program or the run shows.
    QCOMPARE(plain.calls, calls);
    QCOMPARE(QString::fromStdString(captured.out), QString::fromStdString(plain.out));
    QCOMPARE(QString::fromStdString(captured.err), QString::fromStdString(plain.err));
    QCOMPARE(QString::fromStdString(captured.fingerprint), QString::fromStdString(plain.fingerprint));
}

void TestPyCapture::provenanceNamesTheTypedLineOfEveryRecord_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("input");
    QTest::addColumn<QStringList>("origins");

    // Input lines 0..4, all in batch 10:00:01 ("a" is typed three times, in lines 0, 1 and 2).
    const QStringList input{u"300\ta b"_s, u"400\ta"_s, u"500\tc a"_s, u"600\tb"_s, u"700\td d"_s};
    // The course's word count: wordCounts' ('a', 3) comes from the shuffle, which RecordOrigins
    // does not follow (the trace goes by key, app/session/provenance.h); pairs and words, made
    // record by record from the lines, are traced.
    QTest::newRow("count-of-3-comes-from-exactly-the-three-lines-that-typed-it")
        << QString::fromUtf8(kWordCount) << input
        << QStringList{
               u"words @1: a<-{0,1,2} b<-{0,3} c<-{2} d<-{4*2}"_s,
               u"pairs @1: a<-{0,1,2} b<-{0,3} c<-{2} d<-{4*2}"_s,
           };
    // A filter passes records on one by one: what it drops is gone from the trace. (Inside a
    // transform, so that the filter's RDD is a fused stage no stream owns.)
    QTest::newRow("filter-keeps-the-lines-of-the-records-it-passes")
        << QString::fromUtf8(kWordCount).replace(u"words.map(tag)"_s,
                                                 u"words.transform(lambda rdd: rdd.filter(lambda w: w != 'a').map(tag))"_s)
        << input
        << QStringList{
               u"words @1: a<-{0,1,2} b<-{0,3} c<-{2} d<-{4*2}"_s,
               u"pairs @1: b<-{0,3} c<-{2} d<-{4*2}"_s,
           };
    // mapPartitions may read ahead of what it yields: from it on, nothing is traced. (The lines
    // stream never carries RecordOrigins: its blocks name their lines.)
    QTest::newRow("mapPartitions-ends-the-trace")
        << QString::fromUtf8(kWordCount).replace(u"lines.flatMap(lambda line: line.split(\" \"))"_s,
                                                 u"lines.mapPartitions(lambda it: [w for l in it for w in l.split(\" \")])"_s)
        << input << QStringList{};
}

/// Each record of a stream made record by record from the typed lines names the lines it came
/// from (RecordOrigins), and tracing runs no user function twice.
void TestPyCapture::provenanceNamesTheTypedLineOfEveryRecord()
{
    QFETCH(QString, program);
    QFETCH(QStringList, input);
    QFETCH(QStringList, origins);
    const QStringList names{u"lines"_s, u"words"_s, u"pairs"_s, u"wordCounts"_s};
    const ProgramRun plain = runProgram(program.toStdString(), input, false, names, "");
    const ProgramRun captured = runProgram(program.toStdString(), input, true, names, "");
    QVERIFY2(program != QString::fromUtf8(kWordCount) || captured.calls == 8, "the word count tags 8 words");
    if (captured.origins != origins) qWarning().noquote() << captured.origins.join(u'\n');
    QCOMPARE(captured.origins, origins);
    QCOMPARE(captured.calls, plain.calls);
    QCOMPARE(QString::fromStdString(captured.out), QString::fromStdString(plain.out));
    QCOMPARE(QString::fromStdString(captured.fingerprint), QString::fromStdString(plain.fingerprint));
}

void TestPyCapture::everyProgramRunsTheSameWhileCaptured_data()
{
    QTest::addColumn<QString>("name");
    const QStringList files = QDir(QStringLiteral(DSTREAMLAB_SOURCE_DIR "/tests/programs"))
                                  .entryList({u"*.py"_s}, QDir::Files, QDir::Name);
    for (const QString &f : files)
        if (!f.startsWith(u"reference_"_s)) QTest::newRow(qPrintable(f.chopped(3))) << f.chopped(3);
}

/// Output, errors, exit status and fingerprint (every batch's timing is in it) of each program
/// of tests/programs are the same whether or not a host captures its RDDs.
void TestPyCapture::everyProgramRunsTheSameWhileCaptured()
{
    QFETCH(QString, name);
    const ProgramRun plain = runTestProgram(name, false);
    const ProgramRun captured = runTestProgram(name, true);
    // The run in this process is the one tst_programs checks: stdout is the program's golden.
    QFile golden(QStringLiteral(DSTREAMLAB_SOURCE_DIR "/tests/programs/") + name + u".out"_s);
    QVERIFY(golden.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromStdString(plain.out), QString::fromUtf8(golden.readAll()));
    QCOMPARE(QString::fromStdString(captured.out), QString::fromStdString(plain.out));
    QCOMPARE(int(captured.status), int(plain.status));
    // The watchdog stops this one after 6 s of real time, having run as many jobs as fit in
    // it: its simulated clock (in stderr's log lines and the fingerprint) differs run to run.
    if (name == u"bad_endless_jobs_in_foreachrdd"_s) {
        qInfo("%s: stderr and fingerprint not compared: the watchdog stops it by real time", qPrintable(name));
        return;
    }
    QCOMPARE(QString::fromStdString(captured.err), QString::fromStdString(plain.err));
    QCOMPARE(QString::fromStdString(captured.fingerprint), QString::fromStdString(plain.fingerprint));
}

QTEST_GUILESS_MAIN(TestPyCapture)
#include "tst_pycapture.moc"
