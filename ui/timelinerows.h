// TimelineRows: the DStream rows of the stream timeline — one per stream the program's code
// shows, with PySpark's internal helper streams folded into the stream they belong to.
#pragma once

#include "snapshotfwd.h"

#include "programtext.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace dsl::ui {

/// A DStream row of the timeline.
struct TimelineRow {
    int streamId = -1;        ///< the stream whose RDD boxes the row shows
    std::vector<int> members; ///< streams folded into the row (helpers PySpark made), streamId last
    bool isOutput = false;
    QString name;             ///< "words", unique among the rows ("pairs (2)")
    QString statement;        ///< "words = lines.flatMap(...)"
    int line = 0;
    std::int64_t windowMs = 0; ///< a window stream is among the members: its length
    std::int64_t slideMs = 0;
    int windowStreamId = -1;   ///< that member (its window spans are in BatchSnapshot::windows)
    bool carriesState = false; ///< a state stream: its RDDs chain batch to batch
};

/// The rows for a snapshot, outputs last in definition order. Streams created on one source
/// line form a chain; a stream of the chain stays a row when it is the chain's last (the value
/// the line produces) or when the line calls its operator itself (`.flatMap(` in
/// `pairs = lines.flatMap(...).map(...)`). The others are helpers PySpark creates inside a call
/// (count() = mapPartitions + reduce, reduceByKeyAndWindow's reduceByKey, ...): they fold into
/// the row of their nearest descendant on the line.
std::vector<TimelineRow> timelineRows(const RunSnapshot &s, const ProgramText &program);

/// Makes names unique in order: the second "pairs" becomes "pairs (2)".
void makeNamesUnique(std::vector<TimelineRow> &rows);

/// The method names a source line calls, in order: "a.flatMap(f).map(g)" -> flatMap, map.
QStringList calledMethods(const QString &sourceLine);

} // namespace dsl::ui
