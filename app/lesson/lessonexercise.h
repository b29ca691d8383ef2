// Exercise checks: the student's program and the reference run on the same input; the first difference in what they print.
#pragma once

#include "lesson.h"
#include "lessonrun.h"

namespace dsl::lesson {

/// What a run printed, cut at the batches: the text printed while batch N ran (its pprint
/// blocks, anything foreachRDD printed) belongs to batch N; the rest to before the first batch
/// or after the last.
struct PrintedOutput {
    struct Batch {
        SimTime time;
        QStringList lines;
    };
    QList<Batch> batches;
    QStringList after; ///< printed after the last batch completed (or by a run that failed)
};
PrintedOutput printedByBatch(const session::RunSnapshot &snapshot);

/// The first place where the student's output differs from the reference's.
struct ExerciseDifference {
    std::optional<SimTime> batchTime; ///< unset: after the last batch
    QString batchText;                ///< "10:00:03"
    int print = 0;                    ///< 1-based pprint block within the batch; 0: not in a pprint block
    QString printName;                ///< "the pprint at line 21 (wordCounts.pprint())" of the reference
    int line = 0;                     ///< 1-based line within that print's records (or the batch's output)
    QString expected;                 ///< the reference's line ("" when it has none there)
    QString got;                      ///< the student's line ("" when it has none there)
    /// "batch 10:00:03, the pprint at line 21 (...), line 2: expected ('spark', 3), got ('spark', 2)"
    QString toString() const;
};

struct ExerciseResult {
    bool passed = false;
    QString error;     ///< the student's program raised (its traceback's last line), or the reference did
    std::optional<ExerciseDifference> difference;
    QString toString() const;
};

/// Compares the student's run with the reference's, batch by batch and line by line.
ExerciseResult compareRuns(const LessonRun &reference, const LessonRun &student);

/// Runs the reference and `studentSource` on the lesson's input plus the exercise's hidden
/// lines with the lesson's settings, and compares them. `studentPath` names the student's file
/// (for tracebacks and imports); empty: the exercise's start program.
ExerciseResult checkExercise(const Lesson &lesson, const LessonExercise &exercise, const QString &studentSource,
                             LessonRunner &runner, const QString &studentPath = {});

/// The program the student starts the exercise of step `step` from (its start, else the
/// program open at that step).
QString exerciseStartProgram(const Lesson &lesson, int step);

/// The input an exercise is checked on: the lesson's input and typed lines, then the hidden lines.
std::vector<ScriptLine> exerciseInput(const Lesson &lesson, const LessonExercise &exercise);

} // namespace dsl::lesson
