// Grading: a question's answer computed from the run, and a student's answer checked against it.
#pragma once

#include "lesson.h"
#include "lessonquery.h"
#include "lessonrun.h"

#include <variant>

namespace dsl::lesson {

/// What the student answered: a choice question's option (0-based), or a typed value.
using LessonAnswer = std::variant<int, QString>;

/// The question's answer as the run computed it.
struct Reveal {
    QString error;                 ///< non-empty: not computable (errorField names the culprit)
    QString errorField;
    std::optional<double> value;   ///< the answer query's value (value questions; valued options)
    QString valueText;             ///< "3", "batch 3 (10:00:03)"
    QList<int> correctOptions;     ///< choice questions: the options that hold (exactly one in a sound lesson)
    bool ok() const { return error.isEmpty(); }
};

/// Computes the answer from the run's recorded history.
Reveal reveal(const LessonQuestion &question, const LessonRun &run);

struct Grade {
    bool correct = false;
    bool understood = true; ///< false: a typed value that is not a number
    Reveal reveal;
};

/// Grades `answer` against what the run produced. A typed value matches a number equal to the
/// computed one ("3", " 3.0 "); a choice is right when its option is one the run makes true.
Grade grade(const LessonQuestion &question, const LessonAnswer &answer, const LessonRun &run);

} // namespace dsl::lesson
