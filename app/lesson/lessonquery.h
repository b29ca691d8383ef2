// Lesson queries: numbers read from a recorded run (a key's value, records, partitions, blocks, printed output).
#pragma once

#include "lesson.h"
#include "lessonrun.h"

namespace dsl::lesson {

/// A query's value, or why it cannot be computed (and which field of the query is to blame).
struct QueryResult {
    std::optional<double> value;
    QString shown;       ///< the value as a student reads it: "3", "batch 3 (10:00:03)"
    QString errorField;  ///< "steps[1].question.answer.stream"
    QString error;
    bool ok() const { return value.has_value(); }
};

/// Evaluates a query against the run's history. Only what the batches' jobs computed is used
/// (the captured records); a batch whose RDD was not fully computed (pprint's take(11) stops
/// early) cannot answer a question about all its records, and says so.
QueryResult evaluate(const LessonQuery &query, const LessonRun &run);

/// The DStream assigned to the variable `name` in the program ("wordCounts"; of several made on
/// that line, the last: the one the variable holds), or nullptr.
const session::StreamSnapshot *streamNamed(const LessonRun &run, const QString &name);
/// The program's DStream variables in creation order.
QStringList streamNames(const LessonRun &run);
/// The variable a stream was assigned to, or empty.
QString variableOf(const LessonRun &run, const session::StreamSnapshot &stream);

/// Batch n (1-based, in time order) of the run's history, or nullptr.
const session::BatchSnapshot *nthBatch(const session::RunSnapshot &snapshot, int n);
/// "10:00:03" (Spark's UI format for the run's batch interval).
QString batchTimeText(const session::RunSnapshot &snapshot, SimTime t);

/// A number as a student would write it: 3, 2.5.
QString numberText(double v);

/// Parses a Python repr of a (key, number) pair: "('spark', 3)" -> key "spark" and 3. A str key
/// gives its text, any other key its repr (as the engine's KeyValue). False for anything else.
bool parsePairRepr(const QString &repr, QString &key, double &value);

} // namespace dsl::lesson
