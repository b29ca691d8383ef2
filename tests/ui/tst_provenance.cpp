// Provenance (app/session/provenance.h) on real runs: a result traced back to the typed lines it
// came from, and a typed line forward to the results it touched. Every expectation is derived by
// hand from the input: which batch reads a line (a batch at T reads the lines typed in
// (T - 1 s, T]), what the program makes of it, and which batches a window or state reaches.
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/session/programsession.h"
#include "app/session/provenance.h"
#include "app/session/runsnapshot.h"
#include "engine/value.h"
#endif

#include <QFile>
#include <QTemporaryDir>

#include <map>
#include <QTest>

using namespace dsl;
using namespace dsl::session;
using namespace Qt::StringLiterals;

namespace {

constexpr SimTime kStart{1'795'514'400'000}; // 2026-11-24 10:00:00 UTC

QString source(const QString &path)
{
    QFile f(QStringLiteral(DSTREAMLAB_SOURCE_DIR "/") + path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

/// The one session of the process (CPython initializes once), reloaded for each run.
ProgramSession &session()
{
    static ProgramSession *s = [] {
        ProgramSession::Config cfg;
        cfg.startTime = kStart;
        cfg.pythonPackageDir = DSTREAMLAB_SOURCE_DIR "/resources/python";
        // Four batches in full, the newest three with their provenance (the window of lesson 04
        // spans three): older ones are summaries, or kept in full without their origins.
        cfg.retention.retained = 4;
        cfg.retention.traced = 3;
        return new ProgramSession(cfg);
    }();
    return *s;
}

/// Runs `program` on `input` ("MS\tTEXT" lines) to `batches` completed batches and returns the
/// paused snapshot.
RunSnapshotPtr run(const QString &program, const QStringList &input, int batches)
{
    static std::uint64_t lastSerial = 0;
    ProgramSession &ps = session();
    ps.loadProgram(u"program.py"_s, program);
    QTemporaryDir dir;
    QFile script(dir.filePath(u"input.txt"_s));
    if (!script.open(QIODevice::WriteOnly)) return nullptr;
    for (const QString &l : input) {
        const auto tab = l.indexOf(u'\t');
        script.write(QString(u"%1\t%2\n"_s).arg(l.left(tab).toDouble() / 1000).arg(l.mid(tab + 1)).toUtf8());
    }
    script.close();
    QString error;
    if (!ps.loadInputLog(script.fileName(), &error)) {
        qWarning() << error;
        return nullptr;
    }
    ps.runUntilBatch(batches);
    RunSnapshotPtr s;
    const bool settled = QTest::qWaitFor(
        [&] {
            s = ps.latestSnapshot();
            return s && s->serial > lastSerial && (s->phase == RunPhase::Paused || s->phase == RunPhase::Failed) &&
                   s->completedBatches >= batches;
        },
        60000);
    if (!settled || !s || s->completedBatches < batches) return nullptr;
    lastSerial = s->serial;
    return s;
}

int streamByOp(const RunSnapshot &s, const std::string &op)
{
    for (const auto &st : s.streams)
        if (st.opName == op && !st.isOutput) return st.id;
    return -1;
}

/// "LINE*COUNT@BATCH" per line (BATCH in seconds after 10:00:00), joined by spaces.
QString linesText(const ProvenanceTrace &t)
{
    QStringList out;
    for (const auto &l : t.lines)
        out << u"%1*%2@%3"_s.arg(l.input).arg(l.occurrences).arg((l.batch - kStart).ms() / 1000);
    return out.join(u' ');
}

} // namespace

class TestProvenance : public QObject {
    Q_OBJECT
private slots:
    void resultTracesBackToExactlyTheTypedLines_data();
    void resultTracesBackToExactlyTheTypedLines();
    void typedLineTracesForwardToTheResultsItTouched();
    void stateBeyondTheKeptBatchesIsCountedNotInvented();
    void aDatabaseRowTracesBackThroughEveryBatchThatWroteIt();
    void theHottestKeyOfAPartitionIsCountedFromTheRecordedLines();
};

void TestProvenance::resultTracesBackToExactlyTheTypedLines_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("input");
    QTest::addColumn<int>("batch");      ///< the result's batch, seconds after 10:00:00
    QTest::addColumn<QString>("op");     ///< the result stream's operator
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("lines");  ///< linesText
    QTest::addColumn<int>("gap");
    QTest::addColumn<QString>("path");   ///< operators from the input stream to the result

    const QString wordCount = source(u"resources/programs/network_wordcount.py"_s);
    const QString totals = source(u"lessons/03-running-totals/program.py"_s);
    const QString window = source(u"lessons/04-sliding-window/program.py"_s);
    // "spark" is typed three times in batch 1 (lines 0, 1, 2) and twice more in batch 2 (line 3).
    const QStringList sparks{u"300\tspark a"_s, u"600\tb spark"_s, u"800\tspark"_s, u"1500\tspark spark"_s};
    QTest::newRow("word-count-of-3-traces-to-exactly-the-three-typed-lines")
        << wordCount << sparks << 1 << u"reduceByKey"_s << u"spark"_s << u"0*1@1 1*1@1 2*1@1"_s << 0
        << u"socketTextStream flatMap map reduceByKey"_s;
    QTest::newRow("a-line-typing-a-word-twice-counts-twice")
        << wordCount << sparks << 2 << u"reduceByKey"_s << u"spark"_s << u"3*2@2"_s << 0
        << u"socketTextStream flatMap map reduceByKey"_s;
    QTest::newRow("a-key-the-input-never-produced-is-not-invented")
        << wordCount << sparks << 1 << u"reduceByKey"_s << u"flink"_s << QString() << int(ProvenanceTrace::Gap::KeyNotFound)
        << u"socketTextStream flatMap map reduceByKey"_s;
    // The lines stream itself: a record is traced to the lines with its text.
    QTest::newRow("an-input-record-is-its-own-typed-line")
        << wordCount << sparks << 1 << u"socketTextStream"_s << u"b spark"_s << u"1*1@1"_s << 0
        << u"socketTextStream"_s;
    // Running totals: batch 3's total of "a" (1 + 1 + 2 = 4) reaches back to every batch.
    const QStringList as{u"300\ta b"_s, u"1300\ta"_s, u"2300\tc a a"_s};
    QTest::newRow("running-total-reaches-back-through-every-batch")
        << totals << as << 3 << u"updateStateByKey"_s << u"a"_s << u"0*1@1 1*1@2 2*2@3"_s << 0
        << u"socketTextStream flatMap map updateStateByKey"_s;
    // A 3 s window at 10:00:04 covers the batches of (01, 04]: line 0 (batch 1) has left it.
    const QStringList xs{u"300\tx"_s, u"1300\tx"_s, u"2300\ty"_s, u"3300\tx x"_s};
    QTest::newRow("window-forgets-the-lines-older-than-the-window")
        << window << xs << 4 << u"reduceByKeyAndWindow"_s << u"x"_s << u"1*1@2 3*2@4"_s << 0
        << u"socketTextStream flatMap map reduceByKey reduceByKeyAndWindow"_s;
    QTest::newRow("window-at-3-s-still-holds-the-first-line")
        << window << xs << 3 << u"reduceByKeyAndWindow"_s << u"x"_s << u"0*1@1 1*1@2"_s << 0
        << u"socketTextStream flatMap map reduceByKey reduceByKeyAndWindow"_s;
    // mapPartitions may read ahead of what it yields: nothing after it is traced, and the key
    // cannot be looked up in the lines (mapPartitions may change it).
    QString readAhead = wordCount;
    readAhead.replace(u"lines.flatMap(lambda line: line.split(\" \"))"_s,
                      u"lines.mapPartitions(lambda it: [w for l in it for w in l.split(\" \")])"_s);
    QTest::newRow("mapPartitions-leaves-only-the-input-traced")
        << readAhead << sparks << 1 << u"reduceByKey"_s << u"spark"_s << QString() << int(ProvenanceTrace::Gap::NoTrace)
        << u"socketTextStream mapPartitions map reduceByKey"_s;
}

void TestProvenance::resultTracesBackToExactlyTheTypedLines()
{
    QFETCH(QString, program);
    QFETCH(QStringList, input);
    QFETCH(int, batch);
    QFETCH(QString, op);
    QFETCH(QString, key);
    QFETCH(QString, lines);
    QFETCH(int, gap);
    QFETCH(QString, path);
    QVERIFY(!program.isEmpty());
    const RunSnapshotPtr s = run(program, input, batch);
    QVERIFY(s);
    const int id = streamByOp(*s, op.toStdString());
    QVERIFY2(id >= 0, qPrintable(op));
    const SimTime t = kStart + Duration(batch * 1000);
    const ProvenanceTrace tr = traceBack(*s, id, t, key.toStdString());
    if (linesText(tr) != lines) {
        for (const auto &[bt, b] : s->batches)
            for (const auto &[sid, box] : b->rdds)
                qWarning() << (bt - kStart).ms() << sid << s->stream(sid)->opName.c_str() << b->summary << bool(box.origins)
                           << box.records.size();
        qWarning() << "traced" << tr.tracedStreams << "path" << tr.path << "batches" << tr.batches.size();
    }
    QCOMPARE(linesText(tr), lines);
    QCOMPARE(int(tr.gap), gap);
    QStringList ops;
    for (int p : tr.path) ops << QString::fromStdString(s->stream(p)->opName);
    QCOMPARE(ops.join(u' '), path);
    if (tr.gap != ProvenanceTrace::Gap::None) return;
    // The count the word counts show is the number of occurrences traced.
    const BatchSnapshot *b = s->batch(t);
    QVERIFY(b);
    for (const auto *counts : {&b->keyCounts, &b->totalKeyCounts})
        for (const KeyCount &kc : *counts)
            if ((counts == &b->keyCounts ? b->resultStreamId : b->totalStreamId) == id && kc.key == key.toStdString())
                QCOMPARE(double(tr.occurrences()), kc.count);
    // Each line traced is the line typed at that index, in the block that holds it.
    for (const ProvenanceLine &l : tr.lines) {
        QVERIFY(std::size_t(l.input) < s->input->size);
        QVERIFY(s->input->at(std::size_t(l.input)).text.find(key.toStdString()) != std::string::npos);
        QVERIFY2(l.blockId.starts_with("input-0-"), l.blockId.c_str());
    }
}

void TestProvenance::typedLineTracesForwardToTheResultsItTouched()
{
    // Line 1 ("b spark", batch 1) became the words b and spark; the word count of batch 1 holds
    // ('b', 1) and ('spark', 3); batch 2's does not (it reads only line 3).
    const QStringList input{u"300\tspark a"_s, u"600\tb spark"_s, u"800\tspark"_s, u"1500\tspark spark"_s};
    const RunSnapshotPtr s = run(source(u"resources/programs/network_wordcount.py"_s), input, 2);
    QVERIFY(s);
    const ForwardTrace fw = traceForward(*s, 1);
    QVERIFY(fw.read);
    QCOMPARE(fw.batch, kStart + Duration(1000));
    QVERIFY(fw.blockId.starts_with("input-0-"));
    QStringList produced;
    for (const auto &p : fw.produced) {
        QStringList keys;
        for (const auto &[k, n] : p.keys) keys << u"%1*%2"_s.arg(QString::fromStdString(k)).arg(n);
        keys.sort(); // in the order the RDD first saw them
        produced << QString::fromStdString(s->stream(p.streamId)->opName) + u":"_s + keys.join(u',');
    }
    QCOMPARE(produced, (QStringList{u"socketTextStream:b spark*1"_s, u"flatMap:b*1,spark*1"_s, u"map:b*1,spark*1"_s}));
    QStringList uses;
    for (const auto &u : fw.uses)
        uses << u"%1 %2 %3"_s.arg((u.batch - kStart).ms() / 1000).arg(QString::fromStdString(s->stream(u.streamId)->opName),
                                                                     QString::fromStdString(u.record));
    QCOMPARE(uses, (QStringList{u"1 reduceByKey ('b', 1)"_s, u"1 reduceByKey ('spark', 3)"_s}));
    // A line no batch has read yet is named as such.
    QVERIFY(!traceForward(*s, 99).read);
}

void TestProvenance::stateBeyondTheKeptBatchesIsCountedNotInvented()
{
    // By batch 5, batch 1 is a summary and batch 2 is kept in full without its origins (only the
    // newest three keep them), so lines 0 and 1 are not listed, but the trace says two batches
    // it reaches are not known.
    const QStringList as{u"300\ta b"_s, u"1300\ta"_s, u"2300\tc a a"_s, u"4300\ta"_s};
    const RunSnapshotPtr s = run(source(u"lessons/03-running-totals/program.py"_s), as, 5);
    QVERIFY(s);
    const ProvenanceTrace tr = traceBack(*s, streamByOp(*s, "updateStateByKey"), kStart + Duration(5000), "a");
    QCOMPARE(linesText(tr), u"2*2@3 3*1@5"_s);
    QCOMPARE(tr.batchesNotKept, 2);
    QVERIFY(tr.allEarlierBatches);
    QCOMPARE(int(tr.gap), int(ProvenanceTrace::Gap::None));
}

void TestProvenance::aDatabaseRowTracesBackThroughEveryBatchThatWroteIt()
{
    // Lesson 14: foreachRDD upserts each batch's counts (count = count + VALUES(count)). Row "a"
    // is written by batch 1 (line 0) and batch 2 (line 1): 2 in the table after batch 2, from
    // both lines; row "b" only by batch 1.
    const QStringList input{u"300\ta b"_s, u"1300\ta"_s};
    const RunSnapshotPtr s = run(source(u"lessons/14-foreachrdd-mysql/program.py"_s), input, 3);
    QVERIFY(s);
    const BatchSnapshot *b = s->batch(kStart + Duration(3000));
    QVERIFY(b && b->database);
    const DbTableSnapshot *table = b->database->table("wordcount");
    QVERIFY(table);
    std::map<std::string, std::int64_t> rowids;
    for (const auto &row : table->rows) rowids[row->cells.at(0)] = row->rowid;
    QVERIFY(rowids.count("a") && rowids.count("b"));
    const DbRowTrace a = traceDbRow(*s, "wordcount", rowids["a"]);
    QCOMPARE(a.trace.key, std::string("a"));
    QCOMPARE(a.writes, (std::vector<SimTime>{kStart + Duration(1000), kStart + Duration(2000)}));
    QCOMPARE(linesText(a.trace), u"0*1@1 1*1@2"_s);
    QCOMPARE(s->stream(a.trace.streamId)->opName, std::string("reduceByKey"));
    QVERIFY(!a.writtenBeforeRun);
    const DbRowTrace bRow = traceDbRow(*s, "wordcount", rowids["b"]);
    QCOMPARE(bRow.writes, (std::vector<SimTime>{kStart + Duration(1000)}));
    QCOMPARE(linesText(bRow.trace), u"0*1@1"_s);
    // A row that is not there traces to nothing, and says so.
    QCOMPARE(int(traceDbRow(*s, "wordcount", 9999).trace.gap), int(ProvenanceTrace::Gap::NoTrace));
}

void TestProvenance::theHottestKeyOfAPartitionIsCountedFromTheRecordedLines()
{
    // Batch 1 reads two blocks (200 ms apart): block 0 holds "x y" (0.1 s), block 1 holds 150
    // lines "spark spark a" (0.5 s). The map stage's partition 1 reads block 1: spark is its
    // hottest key, 300 of its 450 records; partition 0 counts x and y once each.
    QStringList input{u"100\tx y"_s};
    for (int i = 0; i < 150; ++i) input << u"500\tspark spark a"_s;
    const RunSnapshotPtr s = run(source(u"resources/programs/network_wordcount.py"_s), input, 1);
    QVERIFY(s);
    const BatchSnapshot *b = s->batch(kStart + Duration(1000));
    QVERIFY(b && b->jobs);
    QCOMPARE(b->blocks.size(), std::size_t(2));
    int mapStage = -1, reduceStage = -1, reduceTasks = 0;
    for (const JobInfo &j : *b->jobs)
        for (const StageInfo &st : j.stages) {
            if (st.isShuffleMap && st.parentIds.empty() && !st.skipped) mapStage = st.stageId;
            if (!st.isShuffleMap && !st.parentIds.empty() && st.numTasks > reduceTasks) {
                reduceStage = st.stageId;
                reduceTasks = st.numTasks;
            }
        }
    QVERIFY(mapStage >= 0 && reduceStage >= 0);
    const auto hot = hottestKey(*s, *b, mapStage, 1);
    QVERIFY(hot);
    QCOMPARE(hot->key, std::string("spark"));
    QCOMPARE(hot->records, std::int64_t(300));
    QCOMPARE(hot->partitionRecords, std::int64_t(450));
    const auto cold = hottestKey(*s, *b, mapStage, 0);
    QVERIFY(cold);
    QCOMPARE(cold->partitionRecords, std::int64_t(2));
    // The reduce side: spark's partition is portable_hash("spark") mod the reduce tasks; there
    // it has all 300 records of the batch.
    const std::int64_t h = portableHash(Value("spark")) % reduceTasks;
    const auto reduced = hottestKey(*s, *b, reduceStage, int(h < 0 ? h + reduceTasks : h));
    QVERIFY(reduced);
    QCOMPARE(reduced->key, std::string("spark"));
    QCOMPARE(reduced->records, std::int64_t(300));
    QVERIFY(!hottestKey(*s, *b, 9999, 0)); // no such stage
    // Beyond the lines kept per key (200), the partition's keys are still counted in full.
    QStringList many{u"100\tx y"_s};
    for (int i = 0; i < 300; ++i) many << u"500\tspark spark a"_s;
    const RunSnapshotPtr s2 = run(source(u"resources/programs/network_wordcount.py"_s), many, 1);
    QVERIFY(s2);
    const auto hot2 = hottestKey(*s2, *s2->batch(kStart + Duration(1000)), mapStage, 1);
    QVERIFY(hot2);
    QCOMPARE(hot2->records, std::int64_t(600));
    QCOMPARE(hot2->partitionRecords, std::int64_t(900));
}

QTEST_GUILESS_MAIN(TestProvenance)
#include "tst_provenance.moc"
