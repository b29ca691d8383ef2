// LessonProgress: a small JSON file, rewritten whole (atomically) on every change.
#include "lessonprogress.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

namespace dsl::ui {

int LessonProgressEntry::rightAnswers() const
{
    return static_cast<int>(std::count(answers.begin(), answers.end(), true));
}

LessonProgress::LessonProgress(QString filePath, QObject *parent) : QObject(parent), m_path(std::move(filePath))
{
    load();
}

QString LessonProgress::defaultFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/lesson-progress.json");
}

namespace {

QJsonObject stepMap(const QMap<int, bool> &m)
{
    QJsonObject o;
    for (auto it = m.begin(); it != m.end(); ++it) o.insert(QString::number(it.key()), it.value());
    return o;
}

QMap<int, bool> stepMap(const QJsonObject &o)
{
    QMap<int, bool> m;
    for (auto it = o.begin(); it != o.end(); ++it) {
        bool ok = false;
        const int k = it.key().toInt(&ok);
        if (ok && k >= 0) m.insert(k, it.value().toBool());
    }
    return m;
}

} // namespace

void LessonProgress::load()
{
    if (m_path.isEmpty()) return;
    QFile f(m_path);
    if (!f.exists()) return;
    if (!f.open(QIODevice::ReadOnly)) {
        m_error = f.errorString();
        return;
    }
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &err);
    if (!doc.isObject()) {
        // A damaged file is not worth losing the app over: start afresh, and say so.
        m_error = err.errorString();
        return;
    }
    const QJsonObject lessons = doc.object().value(QStringLiteral("lessons")).toObject();
    for (auto it = lessons.begin(); it != lessons.end(); ++it) {
        const QJsonObject o = it.value().toObject();
        LessonProgressEntry e;
        e.currentStep = std::max(0, o.value(QStringLiteral("step")).toInt());
        for (const QJsonValue &v : o.value(QStringLiteral("done")).toArray())
            if (v.toInt(-1) >= 0) e.doneSteps.insert(v.toInt());
        e.answers = stepMap(o.value(QStringLiteral("answers")).toObject());
        e.exercises = stepMap(o.value(QStringLiteral("exercises")).toObject());
        m_entries.insert(it.key(), e);
    }
}

void LessonProgress::save()
{
    if (m_path.isEmpty()) return;
    QJsonObject lessons;
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        QList<int> done(it->doneSteps.begin(), it->doneSteps.end());
        std::sort(done.begin(), done.end());
        QJsonArray doneArray;
        for (int d : done) doneArray.append(d);
        lessons.insert(it.key(), QJsonObject{{QStringLiteral("step"), it->currentStep},
                                             {QStringLiteral("done"), doneArray},
                                             {QStringLiteral("answers"), stepMap(it->answers)},
                                             {QStringLiteral("exercises"), stepMap(it->exercises)}});
    }
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile f(m_path); // a crash mid-write leaves the previous file, never half of one
    if (!f.open(QIODevice::WriteOnly) ||
        f.write(QJsonDocument(QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("lessons"), lessons}}).toJson()) < 0 ||
        !f.commit()) {
        m_error = f.errorString();
        return;
    }
    m_error.clear();
}

void LessonProgress::setCurrentStep(const QString &lessonId, int step)
{
    m_entries[lessonId].currentStep = step; // creates the entry: the lesson was opened
    save();
    emit changed(lessonId);
}

void LessonProgress::markDone(const QString &lessonId, int step)
{
    LessonProgressEntry &e = m_entries[lessonId];
    if (e.doneSteps.contains(step)) return;
    e.doneSteps.insert(step);
    save();
    emit changed(lessonId);
}

void LessonProgress::recordAnswer(const QString &lessonId, int step, bool right)
{
    m_entries[lessonId].answers.insert(step, right);
    save();
    emit changed(lessonId);
}

void LessonProgress::recordExercise(const QString &lessonId, int step, bool passed)
{
    m_entries[lessonId].exercises.insert(step, passed);
    save();
    emit changed(lessonId);
}

void LessonProgress::reset(const QString &lessonId)
{
    if (lessonId.isEmpty()) m_entries.clear();
    else m_entries.remove(lessonId);
    save();
    emit changed(lessonId);
}

} // namespace dsl::ui
