// LessonPlayer: a lesson's steps as session commands, and predict-then-reveal per step.
#include "lessonplayer.h"

#include "lessonexercise.h"
#include "lessonrun.h"

#include <QFile>
#include <QFileInfo>

namespace dsl::lesson {

LessonPlayer::LessonPlayer(Lesson lesson) : m_lesson(std::move(lesson)) {}

bool LessonPlayer::goTo(int step)
{
    if (step < 0 || step >= stepCount() || step == m_step) return false;
    m_step = step;
    m_answer.reset();
    m_revealed = false;
    return true;
}

bool LessonPlayer::next()
{
    return goTo(m_step + 1);
}

bool LessonPlayer::back()
{
    return goTo(m_step - 1);
}

session::RunOptions LessonPlayer::runOptions(int driver) const
{
    session::RunOptions o;
    const LessonSettings &s = m_lesson.settings;
    o.master = s.master;
    if (s.batchInterval) o.batchIntervalMs = s.batchInterval->ms();
    if (s.blockInterval) o.blockIntervalMs = s.blockInterval->ms();
    o.kafkaPartitions = s.kafkaPartitions;
    for (const auto &[topic, r] : s.kafkaRetention) o.kafkaRetentionMs[topic] = r.ms();
    for (const auto &[at, action] : driverFaults(m_lesson, driver)) o.faults.emplace_back(at.ms(), QString::fromStdString(action));
    return o;
}

namespace {

session::command::LoadProgram loadProgram(const Lesson &lesson, const QString &file)
{
    QFile f(lesson.path(file));
    const QByteArray text = f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    return {file, QString::fromUtf8(text)};
}

} // namespace

std::vector<session::SessionCommand> LessonPlayer::setupCommands() const
{
    return {loadProgram(m_lesson, m_lesson.program), session::command::SetOptions{runOptions()}};
}

std::vector<std::pair<Duration, std::string>> LessonPlayer::inputLines() const
{
    std::vector<std::pair<Duration, std::string>> lines;
    for (const ScriptLine &l : m_lesson.inputLines) lines.emplace_back(l.offset, l.text);
    return lines;
}

std::vector<session::SessionCommand> LessonPlayer::commands(int step) const
{
    std::vector<session::SessionCommand> out;
    if (step < 0 || step >= stepCount()) return out;
    for (const LessonAction &a : m_lesson.steps[step].actions) {
        if (const auto *t = std::get_if<TypeLinesAction>(&a)) {
            for (const QString &line : t->lines) out.push_back(session::command::SendLine{line});
        } else if (const auto *r = std::get_if<RunAction>(&a)) {
            if (r->untilBatch) out.push_back(session::command::RunUntilBatch{*r->untilBatch});
            else out.push_back(session::command::RunUntilTime{(m_lesson.settings.startTime + *r->untilTime).ms()});
        } else if (const auto *o = std::get_if<OpenAction>(&a)) {
            // A program opened afresh is a new driver, with the faults armed in its own steps.
            out.push_back(loadProgram(m_lesson, o->program));
            out.push_back(session::command::SetOptions{runOptions(lessonDriverAt(m_lesson, step))});
        } else if (const auto *re = std::get_if<RestartAction>(&a)) {
            out.push_back(session::command::RestartDriver{(m_lesson.settings.startTime + re->at).ms()});
        }
    }
    return out;
}

QList<LessonPlayer::Selection> LessonPlayer::selections(int step) const
{
    QList<Selection> out;
    if (step < 0 || step >= stepCount()) return out;
    for (const LessonAction &a : m_lesson.steps[step].actions)
        if (const auto *s = std::get_if<SelectAction>(&a)) out.append({s->batch, s->view});
    return out;
}

QString LessonPlayer::programAt(int step) const
{
    QString program = m_lesson.program;
    for (int k = 0; k <= step && k < stepCount(); ++k)
        for (const LessonAction &a : m_lesson.steps[k].actions)
            if (const auto *o = std::get_if<OpenAction>(&a)) program = o->program;
    return program;
}

void LessonPlayer::answer(const LessonAnswer &answer)
{
    if (!m_revealed) m_answer = answer;
}

Grade LessonPlayer::reveal(const LessonRun &run)
{
    m_revealed = true;
    Grade g;
    if (!step().question) return g;
    if (m_answer) return grade(*step().question, *m_answer, run);
    g.reveal = lesson::reveal(*step().question, run);
    return g;
}

} // namespace dsl::lesson
