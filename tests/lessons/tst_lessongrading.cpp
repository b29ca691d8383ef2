// Qt Test: grading questions against a recorded run, checking exercises (first difference) and the
// lesson player's commands (app/lesson). The expected values are counted by hand from the input.
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/lesson/lessonexercise.h"
#include "app/lesson/lessongrade.h"
#include "app/lesson/lessonlibrary.h"
#include "app/lesson/lessoncheck.h"
#include "app/lesson/lessonplayer.h"
#include "app/lesson/lessonquery.h"
#include "app/lesson/lessonrun.h"
#include "engine/timeformat.h"
#include "lessontesting.h"
#endif

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace dsl;
using namespace dsl::lesson;

Q_DECLARE_METATYPE(dsl::lesson::LessonQuery)

namespace {

using testing::runner;
using testing::shippedLesson;

/// Lesson 1's program on its input script only (no typed lines): the batches of expected.out.
///   batch 1 (10:00:01): "hello spark hello"                       -> hello 2, spark 1
///   batch 2 (10:00:02): "hello world", "spark streaming is fast"  -> 6 words, 2 blocks
///   batch 3 (10:00:03): "你好 spark 你好"                           -> 你好 2, spark 1
///   batch 4 (10:00:04): "hello 你好 streaming"                      -> hello 1, 你好 1, streaming 1
const LessonRun &wordCountRun()
{
    static const LessonRun run = [] {
        const Lesson &l = shippedLesson(1);
        return runner().run({l.path(l.program), std::nullopt, l.settings, l.inputLines});
    }();
    return run;
}

LessonQuery query(LessonQuery::Kind kind, const QString &stream = {}, int batch = 0, const QString &key = {},
                  const QString &text = {})
{
    LessonQuery q;
    q.kind = kind;
    q.stream = stream;
    q.batch = batch;
    q.key = key;
    q.text = text;
    q.field = u"q"_s;
    return q;
}

LessonQuestion valueQuestion(const LessonQuery &answer)
{
    LessonQuestion q;
    q.kind = LessonQuestion::Kind::Value;
    q.answer = answer;
    return q;
}

QString readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

using K = LessonQuery::Kind;

} // namespace

class TestLessonGrading : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(!wordCountRun().raised, qPrintable(wordCountRun().errorText));
        QCOMPARE(wordCountRun().snapshot->completedBatches, 4);
    }

    void typedValue_data()
    {
        QTest::addColumn<LessonQuery>("answer");
        QTest::addColumn<QString>("typed");
        QTest::addColumn<bool>("correct");
        QTest::addColumn<QString>("revealed");
        const auto hello2 = query(K::KeyValue, u"wordCounts"_s, 2, u"hello"_s);
        QTest::newRow("count-equal-to-the-run-is-right") << hello2 << u"1"_s << true << u"1"_s;
        QTest::newRow("count-with-spaces-and-a-decimal-point-is-right") << hello2 << u" 1.0 "_s << true << u"1"_s;
        QTest::newRow("count-added-up-across-batches-is-wrong") << hello2 << u"3"_s << false << u"1"_s;
        QTest::newRow("text-that-is-no-number-is-wrong") << hello2 << u"one"_s << false << u"1"_s;
        QTest::newRow("key-absent-from-a-computed-batch-counts-zero")
            << query(K::KeyValue, u"wordCounts"_s, 1, u"world"_s) << u"0"_s << true << u"0"_s;
        QTest::newRow("chinese-key") << query(K::KeyValue, u"wordCounts"_s, 3, u"你好"_s) << u"2"_s << true << u"2"_s;
        QTest::newRow("records-of-words-are-the-words-of-both-lines")
            << query(K::Records, u"words"_s, 2) << u"6"_s << true << u"6"_s;
        QTest::newRow("records-of-wordcounts-are-distinct-words")
            << query(K::Records, u"wordCounts"_s, 4) << u"3"_s << true << u"3"_s;
        QTest::newRow("partitions-of-lines-are-its-blocks")
            << query(K::Partitions, u"lines"_s, 2) << u"2"_s << true << u"2"_s;
        QTest::newRow("partitions-of-reducebykey-are-the-cores")
            << query(K::Partitions, u"wordCounts"_s, 1) << u"2"_s << true << u"2"_s;
        // Provenance: 你好 counts 2 in batch 3, typed twice in one line (2.4 s).
        QTest::newRow("traced-lines-of-a-word-typed-twice-in-one-line-is-one")
            << query(K::TracedLines, u"wordCounts"_s, 3, u"你好"_s) << u"1"_s << true << u"1"_s;
        QTest::newRow("traced-lines-of-a-word-no-line-of-the-batch-typed-is-zero")
            << query(K::TracedLines, u"wordCounts"_s, 1, u"world"_s) << u"0"_s << true << u"0"_s;
        QTest::newRow("traced-lines-of-spark-in-batch-2-is-the-line-at-1.7-s")
            << query(K::TracedLines, u"wordCounts"_s, 2, u"spark"_s) << u"1"_s << true << u"1"_s;
        QTest::newRow("blocks-of-batch-1") << query(K::Blocks, {}, 1) << u"1"_s << true << u"1"_s;
        QTest::newRow("first-batch-printing-a-pair")
            << query(K::FirstBatchPrinting, {}, 0, {}, u"('你好', 2)"_s) << u"3"_s << true << u"batch 3 (10:00:03)"_s;
        QTest::newRow("first-batch-printing-is-the-first-not-any")
            << query(K::FirstBatchPrinting, {}, 0, {}, u"('streaming', 1)"_s) << u"4"_s << false << u"batch 2 (10:00:02)"_s;
        QTest::newRow("completed-batches") << query(K::CompletedBatches) << u"4"_s << true << u"4"_s;
        // The batches' BatchInfo delays in ms: one light batch at a time never waits; the
        // processing time is the one `dstreamlab run --metrics` reports for the same run
        // (processingDelay 17 for 10:00:02).
        QTest::newRow("scheduling-delay-of-a-light-batch-is-zero") << query(K::SchedulingDelay, {}, 2) << u"0"_s << true << u"0"_s;
        QTest::newRow("processing-time-is-batchinfo-processing-delay")
            << query(K::ProcessingTime, {}, 2) << u"17"_s << true << u"17"_s;
    }
    void typedValue()
    {
        QFETCH(LessonQuery, answer);
        QFETCH(QString, typed);
        QFETCH(bool, correct);
        QFETCH(QString, revealed);
        const Grade g = grade(valueQuestion(answer), LessonAnswer(typed), wordCountRun());
        QVERIFY2(g.reveal.ok(), qPrintable(g.reveal.error));
        QCOMPARE(g.reveal.valueText, revealed);
        QCOMPARE(g.correct, correct);
    }

    void choice_data()
    {
        QTest::addColumn<int>("picked");
        QTest::addColumn<bool>("correct");
        QTest::newRow("valued-option-equal-to-the-answer-is-right") << 0 << true;
        QTest::newRow("valued-option-added-up-across-batches-is-wrong") << 1 << false;
        QTest::newRow("condition-comparing-two-queries-holds") << 2 << true;
        QTest::newRow("condition-that-does-not-hold-is-wrong") << 3 << false;
    }
    void choice()
    {
        QFETCH(int, picked);
        QFETCH(bool, correct);
        LessonQuestion q;
        q.kind = LessonQuestion::Kind::Choice;
        q.answer = query(K::KeyValue, u"wordCounts"_s, 2, u"hello"_s); // 1
        LessonQuestion::Option one, three, more, fewer;
        one.value = 1;
        three.value = 3;
        // batch 2 has 6 words, batch 1 has 3
        more.holds = LessonPredicate{query(K::Records, u"words"_s, 2), LessonPredicate::Op::GreaterThan, query(K::Records, u"words"_s, 1)};
        fewer.holds = LessonPredicate{query(K::Records, u"words"_s, 2), LessonPredicate::Op::LessThan, 6.0};
        q.options = {one, three, more, fewer};
        const Grade g = grade(q, LessonAnswer(picked), wordCountRun());
        QVERIFY2(g.reveal.ok(), qPrintable(g.reveal.error));
        QCOMPARE(g.reveal.correctOptions, (QList<int>{0, 2}));
        QCOMPARE(g.correct, correct);
    }

    void notComputable_data()
    {
        QTest::addColumn<LessonQuery>("answer");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("error");
        QTest::newRow("stream-that-does-not-exist")
            << query(K::Records, u"counts"_s, 1) << u"q.stream"_s
            << u"no DStream named 'counts' in program.py (its DStreams: lines, words, pairs, wordCounts)"_s;
        QTest::newRow("batch-past-the-run") << query(K::Records, u"words"_s, 9) << u"q.batch"_s
                                            << u"there is no batch 9: the run has 4 batches"_s;
        QTest::newRow("text-never-printed") << query(K::FirstBatchPrinting, {}, 0, {}, u"('hello', 5)"_s) << u"q.text"_s
                                            << u"no batch prints '('hello', 5)'"_s;
    }
    void notComputable()
    {
        QFETCH(LessonQuery, answer);
        QFETCH(QString, field);
        QFETCH(QString, error);
        const Grade g = grade(valueQuestion(answer), LessonAnswer(u"1"_s), wordCountRun());
        QVERIFY(!g.correct);
        QCOMPARE(g.reveal.errorField, field);
        QCOMPARE(g.reveal.error, error);
    }

    /// An RDD with no partitions (lesson 7's queue, used up after three batches) is known to be
    /// empty without any job computing it: records 0 and every key 0, not "not computed in full".
    void rddWithoutPartitionsHoldsNoRecords()
    {
        const Lesson &l = shippedLesson(7);
        const LessonRun run = runner().run({l.path(u"program_queue.py"_s), std::nullopt, l.settings, l.inputLines});
        QVERIFY2(!run.raised, qPrintable(run.errorText));
        for (const auto &[q, expected] : {std::pair{query(K::Records, u"words"_s, 1), u"4"_s},
                                          std::pair{query(K::Records, u"words"_s, 4), u"0"_s},
                                          std::pair{query(K::KeyValue, u"words"_s, 4, u"queue"_s), u"0"_s}}) {
            const Grade g = grade(valueQuestion(q), LessonAnswer(expected), run);
            QVERIFY2(g.reveal.ok(), qPrintable(g.reveal.error));
            QCOMPARE(g.reveal.valueText, expected);
        }
    }

    void pairRepr_data()
    {
        QTest::addColumn<QString>("repr");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("key");
        QTest::addColumn<double>("value");
        QTest::newRow("str-key") << u"('spark', 3)"_s << true << u"spark"_s << 3.0;
        QTest::newRow("quote-inside-key") << u"(\"it's\", 2)"_s << true << u"it's"_s << 2.0;
        QTest::newRow("escaped-key") << u"('a\\tb', 1)"_s << true << u"a\tb"_s << 1.0;
        QTest::newRow("float-value") << u"('x', 2.5)"_s << true << u"x"_s << 2.5;
        QTest::newRow("int-key-as-its-repr") << u"(7, 1)"_s << true << u"7"_s << 1.0;
        QTest::newRow("not-a-pair") << u"'spark'"_s << false << QString() << 0.0;
        QTest::newRow("non-number-value") << u"('x', 'y')"_s << false << QString() << 0.0;
    }
    void pairRepr()
    {
        QFETCH(QString, repr);
        QFETCH(bool, ok);
        QFETCH(QString, key);
        QFETCH(double, value);
        QString gotKey;
        double gotValue = 0;
        QCOMPARE(parsePairRepr(repr, gotKey, gotValue), ok);
        if (!ok) return;
        QCOMPARE(gotKey, key);
        QCOMPARE(gotValue, value);
    }

    void errorSummary_data()
    {
        QTest::addColumn<QString>("errorText");
        QTest::addColumn<QString>("summary");
        QTest::newRow("python-error-on-the-driver-is-the-last-line")
            << u"Traceback (most recent call last):\n  File \"program.py\", line 3, in <module>\n    x = linez\n"
               u"NameError: name 'linez' is not defined\n"_s
            << u"NameError: name 'linez' is not defined"_s;
        // A Py4JJavaError's message ends with Spark's "Driver stacktrace:" (TaskSetManager.scala's
        // abort message, core/src/main/scala/org/apache/spark/scheduler): the line before it counts.
        QTest::newRow("stage-failure-names-the-python-error-not-driver-stacktrace")
            << u"py4j.protocol.Py4JJavaError: An error occurred while calling o1001.awaitTermination.\n"
               u": org.apache.spark.SparkException: Job aborted due to stage failure: Task 1 in stage 3.0 failed 1 times, "
               u"most recent failure: Lost task 1.0 in stage 3.0 (TID 3) (localhost executor driver): "
               u"org.apache.spark.api.python.PythonException: pyspark._internal.TaskWatchdogTimeout: the function ran "
               u"longer than 5.0 s of real time\nDriver stacktrace:\n"_s
            << u"pyspark._internal.TaskWatchdogTimeout: the function ran longer than 5.0 s of real time"_s;
        QTest::newRow("spark-exception-without-python-error-keeps-the-spark-text")
            << u": org.apache.spark.SparkException: Job aborted\nDriver stacktrace:"_s
            << u"org.apache.spark.SparkException: Job aborted"_s;
        QTest::newRow("only-blank-lines-gives-the-text") << u"\n  \n"_s << QString();
    }
    void errorSummary()
    {
        QFETCH(QString, errorText);
        QFETCH(QString, summary);
        LessonRun run;
        run.raised = true;
        run.errorText = errorText;
        QCOMPARE(run.errorSummary(), summary);
    }

    /// Lesson 1's exercise (count words in lower case) on the input, the typed line of step 5
    /// (4.001 s: batch 5) and the hidden lines "Spark SPARK spark" (5.3 s) and "Hello hello 你好"
    /// (5.6 s), both in batch 6. Batch 6 printed: the reference hello 2, spark 3, 你好 1; the
    /// lesson's program hello 1, Spark 1, SPARK 1, spark 1, Hello 1, 你好 1 (2 partitions,
    /// tests/programs/reference_wordcount.py's order).
    void exercise_data()
    {
        QTest::addColumn<int>("lessonNumber");
        QTest::addColumn<QString>("studentFile"); // in the lesson folder; empty: `source`
        QTest::addColumn<QString>("source");
        QTest::addColumn<bool>("passed");
        QTest::addColumn<QString>("report");
        QTest::newRow("reference-itself-passes") << 1 << u"exercise_lowercase.py"_s << QString() << true
                                                 << u"passed: the output equals the reference's"_s;
        const QString program = readText(shippedLesson(1).path(u"program.py"_s));
        QString mapLower = program;
        mapLower.replace(u"pairs = words.map(lambda word:(word,1))"_s, u"pairs = words.map(lambda word:(word.lower(),1))"_s);
        QVERIFY(mapLower != program);
        QTest::newRow("equivalent-program-lowering-in-map-passes")
            << 1 << QString() << mapLower << true << u"passed: the output equals the reference's"_s;
        QTest::newRow("unchanged-program-differs-first-in-the-hidden-batch")
            << 1 << u"program.py"_s << QString() << false
            << u"first difference: batch 10:00:06, the pprint at line 30 (wordCounts.pprint()), line 1: expected ('hello', 2), got ('hello', 1)"_s;
        QString sorted = program;
        sorted.replace(u"wordCounts.pprint()"_s, u"wordCounts.transform(lambda rdd: rdd.sortByKey()).pprint()"_s);
        // Batch 2 prints hello, world, streaming, fast, spark, is (expected.out); sorted: fast first.
        QTest::newRow("sorted-output-differs-in-batch-2-line-1")
            << 1 << QString() << sorted.replace(u"line.split"_s, u"line.lower().split"_s) << false
            << u"first difference: batch 10:00:02, the pprint at line 30 (wordCounts.pprint()), line 1: expected ('hello', 1), got ('fast', 1)"_s;
        QString raising = program;
        raising.replace(u"lines.flatMap"_s, u"linez.flatMap"_s);
        QTest::newRow("program-that-raises-reports-its-error")
            << 1 << QString() << raising << false << u"your program raised: NameError: name 'linez' is not defined"_s;
        // An error in a task fails the job: the Python error is named, not Spark's trailer
        // ("Driver stacktrace:", the last line of a Py4JJavaError's message).
        QString failingTask = program;
        failingTask.replace(u"lines.flatMap"_s, u"lines.map(lambda line: 1 / 0).flatMap"_s);
        QTest::newRow("program-whose-task-raises-reports-the-python-error")
            << 1 << QString() << failingTask << false << u"your program raised: ZeroDivisionError: division by zero"_s;
        // Lesson 3 (drop a word without new values): batches 1 and 2 print alike, since every
        // word of batch 1 comes again in batch 2; batch 3 has only 你好 and spark, sorted.
        QTest::newRow("running-totals-unchanged-differs-in-batch-3")
            << 3 << u"program.py"_s << QString() << false
            << u"first difference: batch 10:00:03, the pprint at line 23 (totals.transform(lambda rdd: rdd.sortByKey()).pprint()), "
               u"line 1: expected ('spark', 3), got ('fast', 1)"_s;
        QTest::newRow("running-totals-reference-passes")
            << 3 << u"exercise_drop_idle.py"_s << QString() << true << u"passed: the output equals the reference's"_s;
    }
    void exercise()
    {
        QFETCH(int, lessonNumber);
        QFETCH(QString, studentFile);
        QFETCH(QString, source);
        QFETCH(bool, passed);
        QFETCH(QString, report);
        const Lesson &l = shippedLesson(lessonNumber);
        const LessonExercise *e = nullptr;
        for (const auto &s : l.steps)
            if (s.exercise) e = &*s.exercise;
        QVERIFY(e);
        const QString text = studentFile.isEmpty() ? source : readText(l.path(studentFile));
        const ExerciseResult r = checkExercise(l, *e, text, runner(), l.path(studentFile.isEmpty() ? l.program : studentFile));
        QCOMPARE(r.toString(), report);
        QCOMPARE(r.passed, passed);
    }

    void printedByBatchCutsAtBatches()
    {
        const PrintedOutput out = printedByBatch(*wordCountRun().snapshot);
        QCOMPARE(out.batches.size(), 4);
        // pprint: dashes, "Time: ...", dashes, the records, an empty line.
        QCOMPARE(out.batches[0].lines, (QStringList{QString(43, u'-'), u"Time: 2026-11-24 10:00:01"_s, QString(43, u'-'),
                                                   u"('hello', 2)"_s, u"('spark', 1)"_s, QString()}));
        QCOMPARE(out.batches[3].lines.size(), 3 + 3 + 1);
        QVERIFY(out.after.isEmpty());
    }

    void playerTurnsActionsIntoSessionCommands()
    {
        LessonPlayer player(shippedLesson(1));
        QCOMPARE(player.stepCount(), 7);
        const auto setup = player.setupCommands();
        QCOMPARE(setup.size(), std::size_t(2));
        QCOMPARE(std::get<session::command::LoadProgram>(setup[0]).fileName, u"program.py"_s);
        QVERIFY(std::get<session::command::LoadProgram>(setup[0]).source.contains(u"socketTextStream"_s));
        QCOMPARE(std::get<session::command::SetOptions>(setup[1]).options.batchIntervalMs, std::optional<qint64>(1000));
        QCOMPARE(player.inputLines().size(), std::size_t(5));
        // Step 5: type a line, run until batch 5.
        const auto five = player.commands(4);
        QCOMPARE(five.size(), std::size_t(2));
        QCOMPARE(std::get<session::command::SendLine>(five[0]).line, u"hello spark hello"_s);
        QCOMPARE(std::get<session::command::RunUntilBatch>(five[1]).completedBatches, 5);
        QCOMPARE(player.selections(1).size(), 1);
        QCOMPARE(player.selections(1)[0].view, u"timeline"_s);
        // Lesson 2 runs until a time: 5 s after its start.
        LessonPlayer two(shippedLesson(2));
        const auto run = two.commands(0);
        QCOMPARE(std::get<session::command::RunUntilTime>(run[0]).simTimeMs, shippedLesson(2).settings.startTime.ms() + 5000);
        // Lesson 4's last step opens the long-window variant.
        LessonPlayer four(shippedLesson(4));
        QCOMPARE(std::get<session::command::LoadProgram>(four.commands(2)[0]).fileName, u"program_long_window.py"_s);
        QCOMPARE(four.programAt(1), u"program.py"_s);
        QCOMPARE(four.programAt(2), u"program_long_window.py"_s);
    }

    void playerPredictsThenReveals()
    {
        LessonPlayer player(shippedLesson(1));
        QVERIFY(player.goTo(3)); // "What does batch 2 print for hello?": option A, 1
        player.answer(LessonAnswer(1));
        QVERIFY(!player.isRevealed());
        const Grade wrong = player.reveal(wordCountRun());
        QVERIFY(player.isRevealed());
        QVERIFY(!wrong.correct);
        QCOMPARE(wrong.reveal.correctOptions, QList<int>{0});
        player.answer(LessonAnswer(0)); // too late: the answer was revealed
        QCOMPARE(std::get<int>(*player.answerGiven()), 1);
        QVERIFY(player.back());
        QVERIFY(player.next());
        QVERIFY(!player.isRevealed());
        QVERIFY(!player.answerGiven());
        player.answer(LessonAnswer(0));
        QVERIFY(player.reveal(wordCountRun()).correct);
        QVERIFY(player.goTo(6));
        QVERIFY(!player.next()); // the last step
    }

    /// Lesson 12's program_mapwithstate.py: `mapped = pairs.mapWithState(...)` names the stream
    /// mapWithState returns, not the snapshots made on the same line; `snapshots =
    /// mapped.stateSnapshots()` names those. Input: batch 1 "a b", batch 2 "a", batch 3 "c".
    /// mapped holds one record per key with data: batch 2 ('a', 2); the snapshots every key: a 2, b 1.
    void mapWithStateStreamsAreNamedByTheirVariables_data()
    {
        QTest::addColumn<LessonQuery>("q");
        QTest::addColumn<QString>("value");
        QTest::newRow("mapped-holds-only-the-keys-with-data") << query(K::Records, u"mapped"_s, 2) << u"1"_s;
        QTest::newRow("mapped-value-of-a-key-with-data") << query(K::KeyValue, u"mapped"_s, 2, u"a"_s) << u"2"_s;
        QTest::newRow("mapped-lacks-a-key-without-data") << query(K::KeyValue, u"mapped"_s, 2, u"b"_s) << u"0"_s;
        QTest::newRow("snapshots-hold-every-key-in-the-state") << query(K::Records, u"snapshots"_s, 2) << u"2"_s;
        QTest::newRow("snapshots-keep-a-key-without-data") << query(K::KeyValue, u"snapshots"_s, 3, u"b"_s) << u"1"_s;
    }
    void mapWithStateStreamsAreNamedByTheirVariables()
    {
        QFETCH(LessonQuery, q);
        QFETCH(QString, value);
        static const LessonRun run = [] {
            const Lesson &l = shippedLesson(12);
            return runner().run({l.path(u"program_mapwithstate.py"_s), std::nullopt, l.settings, l.inputLines});
        }();
        QVERIFY2(!run.raised, qPrintable(run.errorText));
        const QStringList names = streamNames(run);
        QVERIFY2(names.contains(u"mapped"_s) && names.contains(u"snapshots"_s), qPrintable(names.join(u", "_s)));
        const QueryResult r = evaluate(q, run);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.shown, value);
    }

    /// Lesson 13's restart (lessons/13-checkpoint-recovery/derivation.md): the first driver stops
    /// after batch 10, the second starts at 10:00:13 in a copy of its folder, recovers from the
    /// checkpoint (no "Creating new context") and runs 10:00:10 to 10:00:13 at once, then 14, 15.
    void aRestartedDriverRecoversFromTheCheckpoint()
    {
        const Lesson &l = shippedLesson(13);
        LessonRuns runs(l, runner());
        QCOMPARE(runs.drivers().size(), std::size_t(2));
        QCOMPARE(runs.drivers()[1].restartOf, 0);
        QCOMPARE(runs.drivers()[1].start.ms(), 13000);
        const LessonRun &first = runs.ofDriver(0);
        QVERIFY2(!first.raised, qPrintable(first.errorText));
        QCOMPARE(first.snapshot->completedBatches, 10);
        QVERIFY(first.snapshot->console->starts_with("Creating new context\n"));
        const LessonRun &second = runs.ofDriver(1);
        QVERIFY2(!second.raised, qPrintable(second.errorText));
        QCOMPARE(second.snapshot->startTime, l.settings.startTime + Duration(13000));
        QList<qint64> times;
        for (const auto &[t, b] : second.snapshot->batches) times << (t - l.settings.startTime).ms() / 1000;
        QCOMPARE(times, (QList<qint64>{10, 11, 12, 13, 14, 15}));
        QCOMPARE(QString::fromStdString(*second.snapshot->console), readText(l.path(u"expected_after_restart.out"_s)));
        // The checkpoint's batch gets its state RDD back from the checkpoint files: no job computes
        // it, so its records are not captured, and a question about it says so rather than guess.
        const QueryResult atCheckpoint = evaluate(query(K::KeyValue, u"totals"_s, 1, u"spark"_s), second);
        QVERIFY(!atCheckpoint.ok());
        QVERIFY2(atCheckpoint.error.contains(u"not computed in full"_s), qPrintable(atCheckpoint.error));
        QCOMPARE(evaluate(query(K::KeyValue, u"totals"_s, 2, u"spark"_s), second).shown, u"5"_s); // 10:00:11, no data
        QCOMPARE(evaluate(query(K::KeyValue, u"totals"_s, 5, u"spark"_s), second).shown, u"7"_s);
        QCOMPARE(runs.at(0).snapshot, first.snapshot);
        QCOMPARE(runs.at(1).snapshot, second.snapshot);
    }

    void aFaultActionFailsATaskAfterItsWrites()
    {
        // tests/programs/db_fault_insert.py as a lesson with {"do": "fault", "at": "1s",
        // "action": "fail-task output=0"} under local[2,2]: the player hands the fault to the
        // session with the options, the headless run adds it, and the retried task's rows are in
        // the run's SQLite database twice (the rows are worked in the program's header).
        Lesson l;
        l.dir = QStringLiteral(DSTREAMLAB_SOURCE_DIR "/tests/programs");
        l.program = u"db_fault_insert.py"_s;
        l.settings.master = u"local[2,2]"_s;
        l.settings.start = u"2026-11-24 10:00:00"_s;
        QVERIFY(parseLocalDateTime(l.settings.start.toStdString(), l.settings.startTime));
        QFile input(l.path(u"db_fault_insert.input"_s));
        QVERIFY(input.open(QIODevice::ReadOnly));
        std::string error;
        QVERIFY(parseInputScript(input.readAll().toStdString(), l.inputLines, error));
        LessonStep step;
        step.actions = {RunAction{std::nullopt, Duration(500)}, FaultAction{Duration(1000), u"fail-task output=0"_s},
                        RunAction{3, std::nullopt}};
        l.steps = {step};
        const session::RunOptions options = LessonPlayer(l).runOptions();
        QCOMPARE(options.faults.size(), std::size_t(1));
        QCOMPARE(options.faults[0].first, (l.settings.startTime + Duration(1000)).ms());
        QCOMPARE(options.faults[0].second, u"fail-task output=0"_s);
        const RunRequest req = driverRequest(l, 0);
        QCOMPARE(req.faults.size(), std::size_t(1));
        const LessonRun run = runner().run(req);
        QVERIFY2(!run.raised, qPrintable(run.errorText));
        const std::string console = *run.snapshot->console;
        QVERIFY2(console.find("('2026-11-24 10:00:01', 'kafka', 1)\n('2026-11-24 10:00:01', 'kafka', 1)\n") !=
                     std::string::npos, console.c_str());
        QVERIFY2(console.find("rows, words counted: (10, 13)") != std::string::npos, console.c_str());
    }

    void playerRestartsTheDriverAtItsTime()
    {
        const Lesson &l = shippedLesson(13);
        const LessonPlayer player(l);
        const auto commands = player.commands(1);
        QCOMPARE(commands.size(), std::size_t(2)); // restart, run until batch 5 (select is the views')
        QCOMPARE(std::get<session::command::RestartDriver>(commands[0]).startTimeMs, (l.settings.startTime + Duration(13000)).ms());
        QCOMPARE(std::get<session::command::RunUntilBatch>(commands[1]).completedBatches, 5);
        QCOMPARE(player.programAt(2), u"program.py"_s);
    }
};

QTEST_GUILESS_MAIN(TestLessonGrading)
#include "tst_lessongrading.moc"
