// Lesson: a lesson folder's lesson.json as values (settings, steps, questions, exercises); docs/lessons.md.
#pragma once

#include "engine/inputscript.h"
#include "engine/simtime.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <map>
#include <optional>
#include <variant>
#include <vector>

namespace dsl::lesson {

/// A text every lesson gives in both of the app's languages (Markdown).
struct LocalizedText {
    QString zh_CN;
    QString en;
    /// The text in `lang` ("zh_CN" or "en"; anything starting with "zh" is Chinese), else English.
    QString in(const QString &lang) const { return lang.startsWith(QLatin1String("zh")) ? zh_CN : en; }
};

/// One problem found in a lesson: "FILE: field PATH: message" (without a field for a file that is
/// not JSON at all).
struct LessonProblem {
    QString file;    ///< the lesson.json (or the program) as given to the loader
    QString field;   ///< "steps[2].question.answer.stream"; empty when the file as a whole is wrong
    QString message;
    QString toString() const
    {
        return field.isEmpty() ? file + QLatin1String(": ") + message
                               : file + QLatin1String(": field ") + field + QLatin1String(": ") + message;
    }
    bool operator==(const LessonProblem &) const = default;
};

/// How the lesson's run is set up: what the dashboard's settings start at and what the headless
/// run uses. Each one set overrides the program's own, as the toolbar does.
struct LessonSettings {
    QString master;                         ///< "local[2]"; empty: the program's own
    std::optional<Duration> batchInterval;  ///< unset: the program's own StreamingContext(sc, N)
    std::optional<Duration> blockInterval;  ///< unset: spark.streaming.blockInterval (200 ms)
    std::uint64_t seed = 42;
    QString start;                          ///< local time "2026-11-24 10:00:00": the narration's times
    SimTime startTime;                      ///< start, parsed
    std::optional<Duration> seconds;        ///< headless run length (--seconds); unset: until drained
    std::map<QString, int> kafkaPartitions; ///< topics made with N partitions before the start
    std::map<QString, Duration> kafkaRetention; ///< topics' retention.ms
};

/// Type lines into the nc panel (they arrive at the time the run stands at).
struct TypeLinesAction {
    QStringList lines;
};
/// Run until that many batches have completed, or until `time` after the start.
struct RunAction {
    std::optional<int> untilBatch;
    std::optional<Duration> untilTime;
};
/// Select batch N (1-based, in time order) and show it in a view.
struct SelectAction {
    int batch = 0;
    QString view; ///< one of kLessonViews
};
/// Open a program variant file of the lesson folder (the run restarts with it).
struct OpenAction {
    QString program;
    /// Text the program's error must contain: a program shown failing on purpose (the lesson's
    /// check then requires it to raise that error; its questions read the failed run).
    QString raises;
};
/// The driver stops where the run stands (as a killed driver does) and a new one starts the
/// program open `at` after the lesson's start, in the same working folder, so that
/// StreamingContext.getOrCreate recovers from the checkpoint the stopped one wrote.
struct RestartAction {
    Duration at{0};
};
/// A fault injected `at` after the lesson's start (engine/faults.h), e.g. "fail-task output=0": the
/// first matching task run at or after then fails after its function ran and is retried. Like the
/// input, a lesson's faults are known before it runs and are part of every run and replay of it.
struct FaultAction {
    Duration at{0};
    QString action;
};
using LessonAction = std::variant<TypeLinesAction, RunAction, SelectAction, OpenAction, RestartAction, FaultAction>;

/// The views a select action may name (the dashboard maps them to its panels).
inline const QStringList kLessonViews{
    QStringLiteral("timeline"), QStringLiteral("wordCounts"), QStringLiteral("console"), QStringLiteral("statistics"),
    QStringLiteral("batchDetail"), QStringLiteral("lineage"), QStringLiteral("input"), QStringLiteral("code"),
    QStringLiteral("database"), QStringLiteral("kafka"), QStringLiteral("tasks"), QStringLiteral("log"),
    QStringLiteral("provenance")};

/// Something the engine produced, read from the run's history (never a hand-written answer).
struct LessonQuery {
    enum class Kind {
        KeyValue,           ///< the value of `key` in batch `batch` of stream `stream` (0 when absent)
        Records,            ///< how many records batch `batch` of `stream` has
        Partitions,         ///< how many partitions that RDD has
        Blocks,             ///< how many receiver blocks batch `batch` was made of
        FirstBatchPrinting, ///< the number of the first batch whose printed output contains `text`
        CompletedBatches,   ///< how many batches completed in the run
        DbRows,             ///< rows in `table` of the program's database when batch `batch` completed
        DbValue,            ///< `column` summed over the rows of `table` whose first column is `key`, then
        DbConnections,      ///< connections the tasks of batch `batch` opened
        DbStatements,       ///< statements the tasks of batch `batch` sent
        KafkaRead,          ///< messages batch `batch` read from Kafka (its offset ranges, summed)
        KafkaLag,           ///< messages left in the Kafka logs after batch `batch` (log end - current)
        KafkaCommitted,     ///< the consumer group's committed offsets when batch `batch` completed, summed (none: 0)
        TracedLines,        ///< the typed lines `key` of batch `batch` of `stream` traces back to (provenance)
        SchedulingDelay,    ///< batch `batch`'s scheduling delay in ms (BatchInfo.schedulingDelay)
        ProcessingTime,     ///< batch `batch`'s processing time in ms (BatchInfo.processingDelay)
    };
    Kind kind = Kind::Records;
    QString stream;  ///< the program's variable the DStream was assigned to ("wordCounts")
    int batch = 0;   ///< 1-based, in time order
    QString key;
    QString text;
    QString table;   ///< a table of the program's database (the db queries)
    QString column;  ///< dbValue: the column summed
    QString field;   ///< where it is in lesson.json, for messages
};

/// A computed condition for a choice option: query OP operand (a number or another query).
struct LessonPredicate {
    enum class Op { Equals, GreaterThan, LessThan };
    LessonQuery query;
    Op op = Op::Equals;
    std::variant<double, LessonQuery> operand;
};

/// Predict, then reveal: the student answers before the run shows the answer.
struct LessonQuestion {
    enum class Kind { Choice, Value };
    struct Option {
        LocalizedText text;
        std::optional<double> value;            ///< correct when it equals the question's answer query
        std::optional<LessonPredicate> holds;   ///< correct when the predicate holds
    };
    Kind kind = Kind::Value;
    LocalizedText prompt;
    std::optional<LessonQuery> answer; ///< value questions; choice questions whose options carry values
    QList<Option> options;
    std::optional<LocalizedText> explanation; ///< shown with the revealed answer
    QString field;
};

/// "Change the program so that ...": checked against a reference program on the lesson's input
/// plus hidden lines.
struct LessonExercise {
    LocalizedText task;
    QString reference;              ///< the reference program, relative to the lesson folder
    QString start;                  ///< the program the student starts from (default: the lesson's)
    std::vector<ScriptLine> hiddenInput; ///< extra lines after the lesson's input
    QString field;
};

struct LessonStep {
    LocalizedText narration;
    QList<LessonAction> actions;
    std::optional<LessonQuestion> question;
    std::optional<LocalizedText> hint;
    std::optional<LessonExercise> exercise;
    QString field; ///< "steps[2]"
};

struct Lesson {
    QString dir;       ///< the lesson folder
    QString jsonPath;  ///< dir + "/lesson.json"
    QString id;
    int number = 0;
    LocalizedText title;
    QStringList concepts;
    QString program;   ///< relative to dir
    QString input;     ///< relative to dir
    std::vector<ScriptLine> inputLines;
    LocalizedText textFiles; ///< the lesson's overview, Markdown file names per language
    LessonSettings settings;
    QList<LessonStep> steps;
    QString fingerprint;
    QString path(const QString &relative) const { return dir + QLatin1Char('/') + relative; }
};

} // namespace dsl::lesson
