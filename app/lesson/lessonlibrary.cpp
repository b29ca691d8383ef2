// LessonLibrary: lesson.json parsed into Lesson values, every problem named by file and field.
#include "lessonlibrary.h"
#include "lessonreader.h"


#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cmath>

namespace dsl::lesson {

// A using-declaration: dsl::operator""_s (seconds, engine/simtime.h) would hide a using-directive's.
using Qt::StringLiterals::operator""_s;

using detail::checkRestarts;
using detail::lineColumn;
using detail::readAll;
using detail::Reader;

std::optional<Duration> parseDurationText(const QString &text)
{
    static const QRegularExpression re(uR"(^\s*(\d+(?:\.\d+)?)\s*(ms|s)\s*$)"_s);
    const auto m = re.match(text);
    if (!m.hasMatch()) return std::nullopt;
    const double n = m.captured(1).toDouble();
    const double ms = m.captured(2) == u"s"_s ? n * 1000 : n;
    if (ms != std::floor(ms)) return std::nullopt; // whole milliseconds, as SimTime
    return Duration(static_cast<std::int64_t>(ms));
}

std::optional<Lesson> LessonLibrary::parseLesson(const QByteArray &json, const QString &folder, const QString &fileName,
                                                 QList<LessonProblem> &problems)
{
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError) {
        problems.append({fileName, {}, u"invalid JSON at "_s + lineColumn(json, pe.offset) + u": "_s + pe.errorString()});
        return std::nullopt;
    }
    if (!doc.isObject()) {
        problems.append({fileName, {}, u"must be a JSON object"_s});
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    Reader r(fileName, folder, problems);
    const int before = r.count();
    r.onlyKeys(o, {}, {u"id"_s, u"number"_s, u"title"_s, u"concepts"_s, u"program"_s, u"input"_s, u"args"_s, u"text"_s,
                       u"expected"_s, u"reference"_s, u"stderr"_s, u"fingerprint"_s, u"settings"_s, u"steps"_s});
    Lesson l;
    l.dir = folder;
    l.jsonPath = fileName;
    l.id = r.string(o, u"id"_s, {});
    const QString folderName = QFileInfo(folder).fileName();
    if (!l.id.isEmpty() && l.id != folderName) r.problem(u"id"_s, u"must equal the folder name '"_s + folderName + u'\'');
    l.number = r.positiveInt(o, u"number"_s, {}).value_or(0);
    if (l.number > 0 && folderName.left(2).toInt() != l.number)
        r.problem(u"number"_s, u"must equal the folder's number prefix"_s);
    if (auto t = r.text(o, u"title"_s, {})) l.title = *t;
    for (const auto &c : o.value(u"concepts"_s).toArray()) l.concepts << c.toString();
    l.program = r.file(o, u"program"_s, {});
    l.input = r.file(o, u"input"_s, {});
    if (!l.input.isEmpty()) {
        if (auto lines = r.scriptLines(QString::fromUtf8(readAll(l.path(l.input))), u"input"_s)) l.inputLines = std::move(*lines);
    }
    // The overview texts (Markdown files), in both languages.
    if (o.contains(u"text"_s)) {
        const QJsonObject t = o.value(u"text"_s).toObject();
        l.textFiles.zh_CN = r.file(t, u"zh_CN"_s, u"text"_s);
        l.textFiles.en = r.file(t, u"en"_s, u"text"_s);
    }
    l.fingerprint = r.string(o, u"fingerprint"_s, {}, false);
    if (!o.value(u"settings"_s).isObject()) r.problem(u"settings"_s, u"missing: the run's settings (start, ...)"_s);
    else l.settings = r.settings(o.value(u"settings"_s).toObject(), u"settings"_s);
    const QJsonArray steps = o.value(u"steps"_s).toArray();
    if (steps.isEmpty()) r.problem(u"steps"_s, u"missing: a lesson has at least one step"_s);
    for (qsizetype i = 0; i < steps.size(); ++i)
        if (auto s = r.step(steps[i], Reader::index(u"steps"_s, i))) l.steps.append(*s);
    if (r.count() == before) checkRestarts(r, l);
    if (r.count() != before) return std::nullopt;
    return l;
}

std::optional<Lesson> LessonLibrary::loadLesson(const QString &folder, QList<LessonProblem> &problems,
                                                const QString &displayDir)
{
    const QString shown = (displayDir.isEmpty() ? folder : displayDir) + u"/lesson.json"_s;
    bool ok = false;
    const QByteArray json = readAll(folder + u"/lesson.json"_s, &ok);
    if (!ok) {
        problems.append({shown, {}, u"cannot be read"_s});
        return std::nullopt;
    }
    return parseLesson(json, folder, shown, problems);
}

bool LessonLibrary::loadFolder(const QString &folder)
{
    m_lessons.clear();
    m_problems.clear();
    const QDir dir(folder);
    if (!dir.exists()) {
        m_problems.append({folder, {}, u"no such folder"_s});
        return false;
    }
    for (const QString &sub : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        if (!QFileInfo::exists(dir.filePath(sub) + u"/lesson.json"_s)) continue;
        QString shown = folder;
        if (!shown.endsWith(u'/')) shown += u'/';
        if (auto l = loadLesson(dir.filePath(sub), m_problems, shown + sub)) m_lessons.append(std::move(*l));
    }
    return true;
}

const Lesson *LessonLibrary::find(const QString &idOrNumber) const
{
    bool isNumber = false;
    const int n = idOrNumber.toInt(&isNumber);
    for (const Lesson &l : m_lessons)
        if (l.id == idOrNumber || (isNumber && l.number == n)) return &l;
    for (const Lesson &l : m_lessons)
        if (l.id.startsWith(idOrNumber + u'-')) return &l;
    return nullptr;
}

} // namespace dsl::lesson
