// checkLesson: runs a lesson headless and reports every question or exercise its run cannot answer.
#include "lessoncheck.h"

#include "lessonexercise.h"
#include "lessongrade.h"
#include "lessonplayer.h"
#include "lessonquery.h"

#include "engine/timeformat.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

namespace dsl::lesson {

// A using-declaration: dsl::operator""_s (seconds, engine/simtime.h) would hide a using-directive's.
using Qt::StringLiterals::operator""_s;

LessonRuns::LessonRuns(const Lesson &lesson, LessonRunner &runner)
    : m_lesson(lesson), m_runner(runner), m_drivers(lessonDrivers(lesson))
{
}

LessonRuns::~LessonRuns() = default;

namespace {

/// Copies a folder's files into another (a restarted driver starts from the stopped one's).
void copyFolder(const QString &from, const QString &to)
{
    const QDir src(from);
    QDir().mkpath(to);
    for (const QFileInfo &fi : src.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden)) {
        const QString target = to + u'/' + fi.fileName();
        if (fi.isDir()) copyFolder(fi.filePath(), target);
        else QFile::copy(fi.filePath(), target);
    }
}

} // namespace

const LessonRun &LessonRuns::ofDriver(int d)
{
    if (auto it = m_runs.find(d); it != m_runs.end()) return it->second;
    const LessonDriver &driver = m_drivers[static_cast<std::size_t>(d)];
    // A program opened afresh that an earlier driver ran the same way: the same run.
    for (int e = 0; e < d; ++e) {
        const LessonDriver &o = m_drivers[static_cast<std::size_t>(e)];
        if (driver.restartOf < 0 && o.restartOf < 0 && o.program == driver.program && !o.stop && !driver.stop &&
            driverFaults(m_lesson, e) == driverFaults(m_lesson, d))
            return m_runs.emplace(d, ofDriver(e)).first->second;
    }
    auto folder = std::make_unique<QTemporaryDir>();
    if (driver.restartOf >= 0) {
        ofDriver(driver.restartOf); // its run leaves the folder this one starts from
        copyFolder(m_folders[driver.restartOf]->path(), folder->path());
    }
    RunRequest request = driverRequest(m_lesson, d);
    request.workingDirectory = folder->path();
    LessonRun run = m_runner.run(request);
    m_folders[d] = std::move(folder);
    return m_runs.emplace(d, std::move(run)).first->second;
}

const LessonRun &LessonRuns::at(int step)
{
    return ofDriver(lessonDriverAt(m_lesson, step));
}

LessonCheckReport checkLesson(const Lesson &lesson, LessonRunner &runner)
{
    LessonCheckReport report;
    auto problem = [&](const QString &field, const QString &message) {
        report.problems.append({lesson.jsonPath, field, message});
    };
    LessonRuns runs(lesson, runner);
    const LessonPlayer player(lesson);
    QSet<QString> reported;
    // The n-th restart action starts the n-th restarted driver (lessonDrivers keeps their order).
    std::vector<int> restarted;
    for (int d = 0; d < static_cast<int>(runs.drivers().size()); ++d)
        if (runs.drivers()[static_cast<std::size_t>(d)].restartOf >= 0) restarted.push_back(d);
    std::size_t restarts = 0;
    for (int k = 0; k < lesson.steps.size(); ++k) {
        const LessonStep &step = lesson.steps[k];
        const QString program = player.programAt(k);
        const LessonRun &run = runs.at(k);
        // The error the open action that started this driver says it raises (none: it must not).
        const int driver = lessonDriverAt(lesson, k);
        const QString raises = driverRaises(lesson, driver);
        if (run.raised && !failsOnPurpose(lesson, driver, run)) {
            if (!reported.contains(program))
                problem(program == lesson.program ? u"program"_s : step.field + u".actions"_s,
                        program + u" raised: "_s + run.errorSummary());
            reported.insert(program);
            continue;
        }
        if (!run.raised && !raises.isEmpty()) {
            const LessonStep &opened = lesson.steps[runs.drivers()[static_cast<std::size_t>(driver)].firstStep];
            if (!reported.contains(program)) problem(opened.field + u".actions"_s, program + u" did not raise '"_s + raises + u"'"_s);
            reported.insert(program);
        }
        // Actions before a restart in this step act on the driver the restart stops.
        int firstRestart = -1;
        for (int i = 0; i < step.actions.size() && firstRestart < 0; ++i)
            if (std::holds_alternative<RestartAction>(step.actions[i])) firstRestart = i;
        const LessonRun *stoppedHere =
            firstRestart >= 0 && restarts < restarted.size()
                ? &runs.ofDriver(runs.drivers()[static_cast<std::size_t>(restarted[restarts])].restartOf)
                : nullptr;
        for (int i = 0; i < step.actions.size(); ++i) {
            const QString field = step.field + u".actions["_s + QString::number(i) + u']';
            const LessonRun &acting = stoppedHere && i < firstRestart ? *stoppedHere : run;
            if (const auto *s = std::get_if<SelectAction>(&step.actions[i]); s && !nthBatch(*acting.snapshot, s->batch))
                problem(field + u".batch"_s, u"there is no batch "_s + QString::number(s->batch) + u": the run has "_s +
                                                 QString::number(acting.snapshot->batches.size()) + u" batches"_s);
            if (std::holds_alternative<RestartAction>(step.actions[i]) && restarts < restarted.size()) {
                const LessonDriver &d = runs.drivers()[static_cast<std::size_t>(restarted[restarts++])];
                const LessonRun &stopped = runs.ofDriver(d.restartOf);
                const SimTime at = lesson.settings.startTime + d.start;
                if (!stopped.raised && stopped.snapshot && stopped.snapshot->clock >= at)
                    problem(field + u".at"_s, u"the driver it stops stands at "_s +
                                                  QString::fromStdString(pythonDateTimeStr(stopped.snapshot->clock)) +
                                                  u" already: the new driver must start later"_s);
            }
            if (const auto *r = std::get_if<RunAction>(&step.actions[i]);
                r && r->untilBatch && *r->untilBatch > acting.snapshot->completedBatches && !acting.raised)
                problem(field + u".untilBatch"_s, u"the run completes only "_s + QString::number(acting.snapshot->completedBatches) +
                                                      u" batches"_s);
        }
        if (step.question) {
            ++report.questions;
            const Reveal r = reveal(*step.question, run);
            if (!r.ok()) {
                problem(r.errorField, r.error);
            } else if (step.question->kind == LessonQuestion::Kind::Choice && r.correctOptions.size() != 1) {
                problem(step.question->field + u".options"_s,
                        QString::number(r.correctOptions.size()) + u" options hold for the lesson's run; exactly one must"_s);
            }
        }
        if (step.exercise) {
            ++report.exercises;
            const LessonExercise &e = *step.exercise;
            const std::vector<ScriptLine> input = exerciseInput(lesson, e);
            const LessonRun reference = runner.run({lesson.path(e.reference), std::nullopt, lesson.settings, input});
            if (reference.raised) {
                problem(e.field + u".reference"_s, e.reference + u" raised: "_s + reference.errorSummary());
                continue;
            }
            if (printedByBatch(*reference.snapshot).batches.isEmpty() || reference.snapshot->console->empty()) {
                problem(e.field + u".reference"_s, e.reference + u" prints nothing: there is nothing to compare with"_s);
                continue;
            }
            const QString start = exerciseStartProgram(lesson, k);
            const LessonRun student = runner.run({lesson.path(start), std::nullopt, lesson.settings, input});
            if (compareRuns(reference, student).passed)
                problem(e.field, start + u" already prints what "_s + e.reference + u" prints: the exercise asks nothing"_s);
        }
    }
    return report;
}

} // namespace dsl::lesson
