// LessonLibrary: loads lesson folders; a broken lesson is reported (file, field, message), the rest still load.
#pragma once

#include "lesson.h"

#include <QJsonObject>

#include <optional>

namespace dsl::lesson {

/// The lessons of one folder (each subfolder holding a lesson.json), in folder-name order. What
/// the JSON alone can tell is checked here (schema, both languages, known action kinds, the
/// files a lesson names); what needs the program run (a question naming a stream or batch that
/// does not exist) is checked by checkLesson (lessoncheck.h).
class LessonLibrary {
public:
    /// Loads every lesson under `folder`; a lesson with a problem is left out and its problems
    /// are kept. Returns false when the folder cannot be read at all.
    bool loadFolder(const QString &folder);

    const QList<Lesson> &lessons() const { return m_lessons; }
    const QList<LessonProblem> &problems() const { return m_problems; }
    /// By id ("01-network-wordcount"), number ("1") or id prefix ("01"); nullptr if none.
    const Lesson *find(const QString &idOrNumber) const;

    /// Loads one lesson folder; its problems are appended to `problems` (nullopt when there
    /// is any). `displayDir` is how file names appear in messages (default: the folder).
    static std::optional<Lesson> loadLesson(const QString &folder, QList<LessonProblem> &problems,
                                            const QString &displayDir = {});
    /// Parses a lesson from its JSON text (the folder is used for the files it names).
    static std::optional<Lesson> parseLesson(const QByteArray &json, const QString &folder, const QString &fileName,
                                             QList<LessonProblem> &problems);

private:
    QList<Lesson> m_lessons;
    QList<LessonProblem> m_problems;
};

/// "1s", "200ms", "2.5s" -> a Duration; nullopt for anything else.
std::optional<Duration> parseDurationText(const QString &text);

} // namespace dsl::lesson
