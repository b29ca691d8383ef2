// LessonPlayer: steps through a lesson (current step, its actions as session commands, answer, reveal); CLI and GUI.
#pragma once

#include "lesson.h"
#include "lessongrade.h"

#include "app/session/sessioncommand.h"

#include <vector>

namespace dsl::lesson {

/// A lesson being taken: which step is current, what the student answered and whether the
/// answer has been revealed. It holds no run: the host (the dashboard's session, or the
/// headless runner) runs the commands it hands out and gives reveal() the recorded run.
class LessonPlayer {
public:
    explicit LessonPlayer(Lesson lesson);

    const Lesson &lesson() const { return m_lesson; }
    int stepCount() const { return static_cast<int>(m_lesson.steps.size()); }
    int currentStep() const { return m_step; }
    const LessonStep &step() const { return m_lesson.steps[m_step]; }
    /// Moves to another step (false at either end); the answer state starts afresh.
    bool next();
    bool back();
    bool goTo(int step);

    /// What a session needs before the first step: the lesson's program and its settings.
    /// The input script goes in with ProgramSession::addInput(inputLines()).
    std::vector<session::SessionCommand> setupCommands() const;
    /// The lesson's input script as ProgramSession::addInput takes it.
    std::vector<std::pair<Duration, std::string>> inputLines() const;
    /// The session's run options that the lesson's settings give (the toolbar's master and intervals).
    /// The lesson's settings, with the faults of driver d (lessonDrivers; 0: the lesson's program).
    session::RunOptions runOptions(int driver = 0) const;
    /// Step k's actions as commands, in order: type -> SendLine per line, run -> RunUntilBatch or
    /// RunUntilTime (start + T), open -> LoadProgram (the file read from the lesson folder),
    /// restart -> RestartDriver (start + at; the session needs a working folder for it).
    /// Select actions are views' business: selections(k).
    std::vector<session::SessionCommand> commands(int step) const;
    struct Selection {
        int batch = 0;  ///< 1-based; the run's nthBatch (lessonquery.h) gives its time
        QString view;
    };
    QList<Selection> selections(int step) const;
    /// The program file (relative to the lesson folder) open at step k.
    QString programAt(int step) const;

    /// Predict: the student's answer to the current step's question (before the reveal).
    void answer(const LessonAnswer &answer);
    const std::optional<LessonAnswer> &answerGiven() const { return m_answer; }
    /// Reveal: grades the given answer (or none) against the run; the step stays revealed.
    Grade reveal(const LessonRun &run);
    bool isRevealed() const { return m_revealed; }

private:
    Lesson m_lesson;
    int m_step = 0;
    std::optional<LessonAnswer> m_answer;
    bool m_revealed = false;
};

} // namespace dsl::lesson
