// Fuzz harness: lesson.json (app/lesson LessonLibrary::parseLesson and its Reader).
#include "fuzzharness.h"

#include "lessonlibrary.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace dsl::fuzz {

namespace {

/// The lesson folder the JSON names by its id when there is one (so that the files it names
/// exist and the reader goes past them), else lesson 01's.
QString folderFor(const QByteArray &json)
{
    const QString lessons = QStringLiteral(DSTREAMLAB_SOURCE_DIR "/lessons/");
    const QString id = QJsonDocument::fromJson(json).object().value(QStringLiteral("id")).toString();
    static const QRegularExpression safe(QStringLiteral("^[0-9][0-9]-[a-z0-9-]+$"));
    if (safe.match(id).hasMatch() && QDir(lessons + id).exists()) return lessons + id;
    return lessons + QStringLiteral("01-network-wordcount");
}

} // namespace

int fuzzLesson(const std::uint8_t *data, std::size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString fileName = QStringLiteral("fuzz/lesson.json");
    QList<lesson::LessonProblem> problems;
    problems.append({QStringLiteral("earlier.json"), {}, QStringLiteral("a problem of another lesson")});
    const auto lesson = lesson::LessonLibrary::parseLesson(json, folderFor(json), fileName, problems);
    // A lesson comes back exactly when this file had no problem; earlier problems are kept.
    FUZZ_CHECK(lesson.has_value() == (problems.size() == 1), "lesson returned with " +
                                                                 std::to_string(problems.size() - 1) + " problems");
    FUZZ_CHECK(problems.first().file == QStringLiteral("earlier.json"), "an earlier problem was changed");
    for (qsizetype i = 1; i < problems.size(); ++i) {
        FUZZ_CHECK(problems[i].file == fileName, "a problem names " + problems[i].file.toStdString());
        FUZZ_CHECK(!problems[i].message.trimmed().isEmpty(), "a problem without a message: " + problems[i].toString().toStdString());
    }
    if (lesson) {
        FUZZ_CHECK(!lesson->steps.isEmpty(), "a lesson without steps");
        for (const ScriptLine &l : lesson->inputLines) FUZZ_CHECK(l.offset.ms() >= 0, "an input line before the start");
    }
    return 0;
}

} // namespace dsl::fuzz
