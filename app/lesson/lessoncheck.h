// Lesson checks that need the program run: every question answerable, every exercise's reference computable.
#pragma once

#include "lesson.h"
#include "lessonrun.h"

#include <QTemporaryDir>

#include <map>
#include <memory>

namespace dsl::lesson {

/// The lesson's runs made headless: one per driver (lessonDrivers: a program its steps open, or
/// a restart of it), each on the lesson's input with the lines its type actions send
/// (lessonInput), made once and kept. A restarted driver runs in a copy of the folder its
/// stopped driver left, so each run is the same whatever order they are asked for in.
class LessonRuns {
public:
    LessonRuns(const Lesson &lesson, LessonRunner &runner);
    ~LessonRuns();
    /// The run of the driver running at `step`.
    const LessonRun &at(int step);
    /// The run of driver d (an index into drivers()).
    const LessonRun &ofDriver(int d);
    const std::vector<LessonDriver> &drivers() const { return m_drivers; }

private:
    const Lesson &m_lesson;
    LessonRunner &m_runner;
    std::vector<LessonDriver> m_drivers;
    std::map<int, LessonRun> m_runs;
    std::map<int, std::unique_ptr<QTemporaryDir>> m_folders; ///< each driver's folder, as it left it
};

struct LessonCheckReport {
    QList<LessonProblem> problems;
    int questions = 0;
    int exercises = 0;
};

/// Runs the lesson and checks what only a run can tell: the program runs; every batch a step
/// selects exists; every question's answer is computable (its streams and batches exist, their
/// records were computed) and a choice question has exactly one option that holds; every
/// exercise's reference runs on the input plus hidden lines, prints something, and differs
/// from the program the student starts from (else there is nothing to change).
LessonCheckReport checkLesson(const Lesson &lesson, LessonRunner &runner);

} // namespace dsl::lesson
