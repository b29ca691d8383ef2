// Qt Test: the lesson format's loader (app/lesson/lessonlibrary.h) — every problem named by file and
// field, the other lessons still loading — and the checks that need the program run (lessoncheck.h).
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/lesson/lessoncheck.h"
#include "app/lesson/lessonlibrary.h"
#endif

#include <QTest>

using namespace Qt::StringLiterals;
using namespace dsl::lesson;

namespace {

QString badDir()
{
    return QStringLiteral(DSTREAMLAB_SOURCE_DIR "/tests/lessons/bad");
}

QStringList texts(const QList<LessonProblem> &problems)
{
    QStringList out;
    for (const auto &p : problems) out << p.toString();
    return out;
}

/// A valid lesson of the fixtures' folder 04-unknown-stream with `steps` as its steps. The JSON
/// snippets of this file quote with ' (made " here): raw string literals confuse moc.
QByteArray lessonWithSteps(const QByteArray &steps, const QByteArray &settings = "{'start': '2026-11-24 10:00:00'}")
{
    return QByteArray("{'id': '04-unknown-stream', 'number': 4, 'title': {'zh_CN': '标题', 'en': 'Title'},"
    "               'program': 'program.py', 'input': 'input.txt', 'settings': " +
           settings + ", 'steps': " + steps + "}")
        .replace('\'', '"');
}

const QByteArray kNarration = "'narration': {'zh_CN': '说明。', 'en': 'Text.'}";

} // namespace

class TestLessonFormat : public QObject {
    Q_OBJECT

private slots:
    /// The bad-lesson fixtures under tests/lessons/bad: each reported with its file and field.
    void fixtureReportsFileAndField_data()
    {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QStringList>("expected");
        // Line 3 lacks its comma: the parser stops at the quote that opens line 4's key, column 3.
        QTest::newRow("invalid-json-names-line-and-column")
            << u"01-invalid-json"_s
            << QStringList{u"bad/01-invalid-json/lesson.json: invalid JSON at line 4, column 3: unterminated object"_s};
        QTest::newRow("missing-language-names-the-step-and-language")
            << u"02-missing-language"_s
            << QStringList{u"bad/02-missing-language/lesson.json: field steps[1].narration.zh_CN: missing: every text needs both zh_CN and en"_s};
        QTest::newRow("unknown-action-kind-names-the-action")
            << u"03-unknown-action"_s
            << QStringList{u"bad/03-unknown-action/lesson.json: field steps[0].actions[1].do: unknown action kind 'pause' (expected one of: type, run, select, open, restart, fault)"_s};
        QTest::newRow("unknown-stream-loads-until-the-program-runs") << u"04-unknown-stream"_s << QStringList{};
    }
    void fixtureReportsFileAndField()
    {
        QFETCH(QString, folder);
        QFETCH(QStringList, expected);
        QList<LessonProblem> problems;
        const auto lesson = LessonLibrary::loadLesson(badDir() + u'/' + folder, problems, u"bad/"_s + folder);
        QCOMPARE(texts(problems), expected);
        QCOMPARE(lesson.has_value(), expected.isEmpty());
    }

    /// A question naming a DStream the program does not have is found once the program has run.
    void checkNamesAStreamThatDoesNotExist()
    {
        QList<LessonProblem> problems;
        const auto lesson = LessonLibrary::loadLesson(badDir() + u"/04-unknown-stream"_s, problems, u"bad/04-unknown-stream"_s);
        QVERIFY(lesson);
        HeadlessLessonRunner runner;
        const LessonCheckReport report = checkLesson(*lesson, runner);
        QCOMPARE(texts(report.problems),
                 QStringList{u"bad/04-unknown-stream/lesson.json: field steps[0].question.answer.stream: no DStream named "
                             u"'wordCount' in program.py (its DStreams: lines, words, pairs, wordCounts)"_s});
        QCOMPARE(report.questions, 1);
    }

    /// One broken lesson does not keep the others from loading.
    void brokenLessonsLeaveTheOthersLoaded()
    {
        LessonLibrary lib;
        QVERIFY(lib.loadFolder(badDir()));
        QCOMPARE(lib.lessons().size(), 1);
        QCOMPARE(lib.lessons()[0].id, u"04-unknown-stream"_s);
        QCOMPARE(lib.problems().size(), 3);
        QCOMPARE(lib.find(u"4"_s), &lib.lessons()[0]);
        QCOMPARE(lib.find(u"04"_s), &lib.lessons()[0]);
        QCOMPARE(lib.find(u"1"_s), nullptr);
    }

    /// Schema rules, one JSON snippet each: the exact problem reported.
    void schemaProblem_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("reserved-kafka-action-is-not-supported-yet")
            << lessonWithSteps("[{" + kNarration + ", 'actions': [{'do': 'kafka'}]}]")
            << u"field steps[0].actions[0].do: action kind 'kafka' is reserved for a later version of the lesson format"_s;
        QTest::newRow("kafka-partitions-name-a-topic-kafka-accepts")
            << lessonWithSteps("[{" + kNarration + "}]", "{'start': '2026-11-24 10:00:00', 'kafkaPartitions': {'my words': 2}}")
            << u"field settings.kafkaPartitions: Topic name \"my words\" is illegal, it contains a character other than ASCII "
               "alphanumerics, '.', '_' and '-'"_s;
        QTest::newRow("kafka-partitions-are-whole-numbers-from-1")
            << lessonWithSteps("[{" + kNarration + "}]", "{'start': '2026-11-24 10:00:00', 'kafkaPartitions': {'words': 0}}")
            << u"field settings.kafkaPartitions.words: must be a whole number of partitions from 1 to 1000"_s;
        QTest::newRow("kafka-retention-is-a-positive-duration")
            << lessonWithSteps("[{" + kNarration + "}]", "{'start': '2026-11-24 10:00:00', 'kafkaRetention': {'words': '0s'}}")
            << u"field settings.kafkaRetention.words: must be a positive duration such as \"5s\""_s;
        QTest::newRow("kafka-retention-is-an-object")
            << lessonWithSteps("[{" + kNarration + "}]", "{'start': '2026-11-24 10:00:00', 'kafkaRetention': 5}")
            << u"field settings.kafkaRetention: must be an object of topics and durations, e.g. {\"words\": \"5s\"}"_s;
        QTest::newRow("fault-action-needs-its-time")
            << lessonWithSteps("[{" + kNarration + ", 'actions': [{'do': 'fault', 'action': 'fail-task'}]}]")
            << u"field steps[0].actions[0].at: missing: when the fault is armed, after the lesson's start (\"1s\")"_s;
        QTest::newRow("fault-action-names-a-known-action")
            << lessonWithSteps("[{" + kNarration + ", 'actions': [{'do': 'fault', 'at': '1s', 'action': 'pause-executor'}]}]")
            << u"field steps[0].actions[0].action: unknown action 'pause-executor' (known: "
                          "fail-task [stage=N] [output=N] [partition=N], kill-receiver N, kill-executor N, kill-driver, slow-executor N FACTOR)"_s;
        QTest::newRow("fault-action-selectors-are-checked")
            << lessonWithSteps("[{" + kNarration + ", 'actions': [{'do': 'fault', 'at': '1s', 'action': 'fail-task output=x'}]}]")
            << u"field steps[0].actions[0].action: fail-task takes stage=N, output=N or partition=N (N a whole number "
               "from 0), not 'output=x'"_s;
        QTest::newRow("run-action-needs-exactly-one-target")
            << lessonWithSteps("[{" + kNarration + ", 'actions': [{'do': 'run', 'untilBatch': 2, 'untilTime': '3s'}]}]")
            << u"field steps[0].actions[0]: a run action needs exactly one of untilBatch, untilTime"_s;
        QTest::newRow("select-action-names-a-known-view")
            << lessonWithSteps("[{" + kNarration + ", 'actions': [{'do': 'select', 'batch': 1, 'view': 'charts'}]}]")
            << u"field steps[0].actions[0].view: unknown view 'charts' (expected one of: timeline, wordCounts, console, "
               u"statistics, batchDetail, lineage, input, code, database, kafka, tasks, log, provenance)"_s;
        QTest::newRow("misspelt-key-is-reported")
            << lessonWithSteps("[{'narations': {'zh_CN': 'x', 'en': 'x'}, " + kNarration + "}]")
            << u"field steps[0].narations: unknown field (expected one of: narration, actions, question, hint, exercise)"_s;
        QTest::newRow("value-question-needs-a-query")
            << lessonWithSteps("[{" + kNarration + ", 'question': {'kind': 'value', 'prompt': {'zh_CN': '问', 'en': 'Q'}}}]")
            << u"field steps[0].question.answer: missing: a value question needs a query"_s;
        QTest::newRow("db-value-names-its-column")
            << lessonWithSteps("[{" + kNarration +
                               ", 'question': {'kind': 'value', 'prompt': {'zh_CN': '问', 'en': 'Q'}, 'answer': "
                               "{'query': 'dbValue', 'table': 'totals', 'batch': 3, 'key': 'spark'}}}]")
            << u"field steps[0].question.answer.column: missing"_s;
        QTest::newRow("db-connections-takes-no-table")
            << lessonWithSteps("[{" + kNarration +
                               ", 'question': {'kind': 'value', 'prompt': {'zh_CN': '问', 'en': 'Q'}, 'answer': "
                               "{'query': 'dbConnections', 'batch': 1, 'table': 'wordcount'}}}]")
            << u"field steps[0].question.answer.table: unknown field (expected one of: query, equals, greaterThan, lessThan, batch)"_s;
        QTest::newRow("scheduling-delay-takes-only-a-batch")
            << lessonWithSteps("[{" + kNarration +
                               ", 'question': {'kind': 'value', 'prompt': {'zh_CN': '问', 'en': 'Q'}, 'answer': "
                               "{'query': 'schedulingDelay', 'batch': 1, 'stream': 'lines'}}}]")
            << u"field steps[0].question.answer.stream: unknown field (expected one of: query, equals, greaterThan, lessThan, batch)"_s;
        QTest::newRow("open-raises-is-text")
            << lessonWithSteps("[{" + kNarration + ", 'actions': [{'do': 'open', 'program': 'program.py', 'raises': 3}]}]")
            << u"field steps[0].actions[0].raises: must be a non-empty string"_s;
        QTest::newRow("unknown-query")
            << lessonWithSteps("[{" + kNarration +
                               ", 'question': {'kind': 'value', 'prompt': {'zh_CN': '问', 'en': 'Q'}, 'answer': {'query': 'sum'}}}]")
            << u"field steps[0].question.answer.query: unknown query 'sum' (expected one of: keyValue, records, partitions, "
               u"blocks, firstBatchPrinting, completedBatches, dbRows, dbValue, dbConnections, dbStatements, kafkaRead, kafkaLag, "
               u"kafkaCommitted, tracedLines, schedulingDelay, processingTime)"_s;
        QTest::newRow("option-needs-a-value-or-a-condition")
            << lessonWithSteps("[{" + kNarration + ", 'question': {'kind': 'choice', 'prompt': {'zh_CN': '问', 'en': 'Q'},"
    "                   'options': [{'text': {'zh_CN': '甲', 'en': 'A'}}, {'text': {'zh_CN': '乙', 'en': 'B'},"
    "                                'holds': {'query': 'completedBatches', 'equals': 0}}]}}]")
            << u"field steps[0].question.options[0]: an option needs \"value\" (compared with the answer query) or \"holds\" "
               u"(a computed condition)"_s;
        QTest::newRow("exercise-hidden-lines-carry-their-time")
            << lessonWithSteps("[{" + kNarration + ", 'exercise': {'task': {'zh_CN': '改', 'en': 'Change'},"
    "                   'reference': 'program.py', 'hiddenInput': ['hello']}}]")
            << u"field steps[0].exercise.hiddenInput: every line needs its time: \"SECONDS\\tTEXT\""_s;
        QTest::newRow("exercise-reference-must-exist")
            << lessonWithSteps("[{" + kNarration + ", 'exercise': {'task': {'zh_CN': '改', 'en': 'Change'},"
    "                   'reference': 'solution.py', 'hiddenInput': ['4\\thello']}}]")
            << u"field steps[0].exercise.reference: no file 'solution.py' in the lesson folder"_s;
        QTest::newRow("duration-has-a-unit")
            << lessonWithSteps("[{" + kNarration + "}]", "{'start': '2026-11-24 10:00:00', 'batchInterval': '1'}")
            << u"field settings.batchInterval: must be a positive duration such as \"1s\" or \"200ms\""_s;
        QTest::newRow("start-is-a-local-time")
            << lessonWithSteps("[{" + kNarration + "}]", "{'start': 'ten past ten'}")
            << u"field settings.start: must be a local time such as \"2026-11-24 10:00:00\""_s;
        QTest::newRow("master-is-local")
            << lessonWithSteps("[{" + kNarration + "}]", "{'start': '2026-11-24 10:00:00', 'master': 'yarn'}")
            << u"field settings.master: must be local, local[N], local[*] or local[N,F]"_s;
        QTest::newRow("master-local-n-f-needs-both-numbers")
            << lessonWithSteps("[{" + kNarration + "}]", "{'start': '2026-11-24 10:00:00', 'master': 'local[2,]'}")
            << u"field settings.master: must be local, local[N], local[*] or local[N,F]"_s;
        QTest::newRow("restart-needs-its-time")
            << lessonWithSteps("[{" + kNarration + ", 'actions': [{'do': 'run', 'untilBatch': 2}, {'do': 'restart'}]}]")
            << u"field steps[0].actions[1].at: missing: when the new driver starts, after the lesson's start (\"8s\")"_s;
        QTest::newRow("restart-stops-a-driver-that-has-run")
            << lessonWithSteps("[{" + kNarration + ", 'actions': [{'do': 'restart', 'at': '5s'}]}]")
            << u"field steps[0].actions[0]: a restart stops a driver that has run: a run action must come before it"_s;
        QTest::newRow("restart-after-an-open-needs-a-run-of-the-opened-program")
            << lessonWithSteps("[{" + kNarration + ", 'actions': [{'do': 'run', 'untilBatch': 2}, {'do': 'open', 'program': 'program.py'}]},"
    "                {" + kNarration + ", 'actions': [{'do': 'restart', 'at': '5s'}]}]")
            << u"field steps[1].actions[0]: a restart stops a driver that has run: a run action must come before it"_s;
        QTest::newRow("restart-starts-after-the-time-the-driver-stopped-at")
            << lessonWithSteps("[{" + kNarration + ", 'actions': [{'do': 'run', 'untilTime': '6s'}, {'do': 'restart', 'at': '6s'}]}]")
            << u"field steps[0].actions[1].at: must be later than the untilTime the driver stops at"_s;
        QTest::newRow("restart-takes-no-program")
            << lessonWithSteps("[{" + kNarration + ", 'actions': [{'do': 'run', 'untilBatch': 2}, {'do': 'restart', 'at': '5s', 'program': 'program.py'}]}]")
            << u"field steps[0].actions[1].program: unknown field (expected one of: do, at)"_s;
        QTest::newRow("a-lesson-has-steps") << lessonWithSteps("[]") << u"field steps: missing: a lesson has at least one step"_s;
    }
    void schemaProblem()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        QList<LessonProblem> problems;
        const auto lesson = LessonLibrary::parseLesson(json, badDir() + u"/04-unknown-stream"_s, u"lesson.json"_s, problems);
        QVERIFY(!lesson);
        QCOMPARE(texts(problems), QStringList{u"lesson.json: "_s + expected});
    }

    void validLessonParses()
    {
        QList<LessonProblem> problems;
        const auto lesson = LessonLibrary::parseLesson(
            lessonWithSteps("[{" + kNarration + ", 'actions': [{'do': 'type', 'lines': ['a b']}, {'do': 'run', 'untilTime': '2.5s'},"
    "                {'do': 'select', 'batch': 2, 'view': 'lineage'}, {'do': 'fault', 'at': '1.5s', 'action': 'fail-task output=0'}]}, {'narration': {'zh_CN': ['一', '二'], 'en': ['one', 'two']}}]",
                            "{'start': '2026-11-24 10:00:00', 'batchInterval': '2s', 'blockInterval': '250ms', 'seed': 7, 'seconds': '9s'}"),
            badDir() + u"/04-unknown-stream"_s, u"lesson.json"_s, problems);
        QCOMPARE(texts(problems), QStringList());
        QVERIFY(lesson);
        QCOMPARE(lesson->steps.size(), 2);
        QCOMPARE(lesson->steps[1].narration.zh_CN, u"一\n二"_s);
        QCOMPARE(lesson->steps[1].narration.in(u"en"_s), u"one\ntwo"_s);
        QCOMPARE(lesson->settings.batchInterval->ms(), 2000);
        QCOMPARE(lesson->settings.blockInterval->ms(), 250);
        QCOMPARE(lesson->settings.seconds->ms(), 9000);
        QCOMPARE(lesson->settings.seed, 7u);
        QCOMPARE(lesson->steps[0].actions.size(), 4);
        QCOMPARE(std::get<FaultAction>(lesson->steps[0].actions[3]).at.ms(), 1500);
        QCOMPARE(std::get<FaultAction>(lesson->steps[0].actions[3]).action, u"fail-task output=0"_s);
        QCOMPARE(std::get<RunAction>(lesson->steps[0].actions[1]).untilTime->ms(), 2500);
        QCOMPARE(std::get<SelectAction>(lesson->steps[0].actions[2]).view, u"lineage"_s);
        // input.txt: lines at 0.5 s and 1.2 s.
        QCOMPARE(lesson->inputLines.size(), std::size_t(2));
        QCOMPARE(lesson->inputLines[1].offset.ms(), 1200);
    }

    void durationText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ms"); // -1: rejected
        QTest::newRow("seconds") << u"1s"_s << qint64(1000);
        QTest::newRow("fractional-seconds") << u"2.5s"_s << qint64(2500);
        QTest::newRow("milliseconds") << u"200ms"_s << qint64(200);
        QTest::newRow("no-unit-is-rejected") << u"200"_s << qint64(-1);
        QTest::newRow("minutes-are-not-a-unit") << u"1min"_s << qint64(-1);
        QTest::newRow("sub-millisecond-is-rejected") << u"0.5ms"_s << qint64(-1);
    }
    void durationText()
    {
        QFETCH(QString, text);
        QFETCH(qint64, ms);
        const auto d = parseDurationText(text);
        QCOMPARE(d ? d->ms() : -1, ms);
    }
};

QTEST_GUILESS_MAIN(TestLessonFormat)
#include "tst_lessonformat.moc"
