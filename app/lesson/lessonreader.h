// The lesson.json reader behind LessonLibrary (internal to dstreamlab_lesson): every field read
// with its path, every problem collected rather than the first one thrown.
#pragma once

#include "lessonlibrary.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

namespace dsl::lesson::detail {

// A using-declaration: dsl::operator""_s (seconds, engine/simtime.h) would hide a using-directive's.
using Qt::StringLiterals::operator""_s;

/// Reads one lesson.json, collecting problems instead of stopping at the first: a teacher
/// fixing a lesson sees them all at once.
class Reader {
public:
    Reader(QString file, QString dir, QList<LessonProblem> &problems)
        : m_file(std::move(file)), m_dir(std::move(dir)), m_problems(problems)
    {
    }

    void problem(const QString &field, const QString &message) { m_problems.append({m_file, field, message}); }
    int count() const { return static_cast<int>(m_problems.size()); }

    /// Reports keys of `o` that the schema does not know (a misspelt key would be ignored silently).
    void onlyKeys(const QJsonObject &o, const QString &path, const QStringList &known)
    {
        for (auto it = o.begin(); it != o.end(); ++it)
            if (!known.contains(it.key()))
                problem(join(path, it.key()), u"unknown field (expected one of: "_s + known.join(u", "_s) + u')');
    }

    static QString join(const QString &path, const QString &key) { return path.isEmpty() ? key : path + u'.' + key; }
    static QString index(const QString &path, qsizetype i) { return path + u'[' + QString::number(i) + u']'; }

    QString string(const QJsonObject &o, const QString &key, const QString &path, bool required = true)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined()) {
            if (required) problem(join(path, key), u"missing"_s);
            return {};
        }
        if (!v.isString() || v.toString().trimmed().isEmpty()) {
            problem(join(path, key), u"must be a non-empty string"_s);
            return {};
        }
        return v.toString();
    }

    /// Markdown in both languages: {"zh_CN": "...", "en": "..."}; each a string or an array of
    /// lines (joined with newlines, so that long texts stay readable in the JSON).
    std::optional<LocalizedText> text(const QJsonObject &o, const QString &key, const QString &path, bool required = true)
    {
        const QJsonValue v = o.value(key);
        const QString p = join(path, key);
        if (v.isUndefined()) {
            if (required) problem(p, u"missing"_s);
            return std::nullopt;
        }
        if (!v.isObject()) {
            problem(p, uR"(must be an object {"zh_CN": ..., "en": ...})"_s);
            return std::nullopt;
        }
        const QJsonObject t = v.toObject();
        onlyKeys(t, p, {u"zh_CN"_s, u"en"_s});
        LocalizedText out;
        bool ok = true;
        for (const QString &lang : {u"zh_CN"_s, u"en"_s}) {
            const QJsonValue s = t.value(lang);
            QString value;
            if (s.isString()) {
                value = s.toString();
            } else if (s.isArray()) {
                QStringList lines;
                for (const auto &l : s.toArray()) lines << l.toString();
                value = lines.join(u'\n');
            }
            if (s.isUndefined()) {
                problem(join(p, lang), u"missing: every text needs both zh_CN and en"_s);
                ok = false;
            } else if (value.trimmed().isEmpty()) {
                problem(join(p, lang), u"must be a non-empty string (or an array of lines)"_s);
                ok = false;
            }
            (lang == u"en"_s ? out.en : out.zh_CN) = value;
        }
        return ok ? std::optional(out) : std::nullopt;
    }

    std::optional<int> positiveInt(const QJsonObject &o, const QString &key, const QString &path, bool required = true)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined()) {
            if (required) problem(join(path, key), u"missing"_s);
            return std::nullopt;
        }
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d < 1 || d != std::floor(d)) {
            problem(join(path, key), u"must be a whole number from 1"_s);
            return std::nullopt;
        }
        return static_cast<int>(d);
    }

    std::optional<Duration> duration(const QJsonObject &o, const QString &key, const QString &path)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined()) return std::nullopt;
        auto d = parseDurationText(v.toString());
        if (!v.isString() || !d || d->ms() <= 0) {
            problem(join(path, key), u"must be a positive duration such as \"1s\" or \"200ms\""_s);
            return std::nullopt;
        }
        return d;
    }

    /// A file of the lesson folder that must exist.
    QString file(const QJsonObject &o, const QString &key, const QString &path, bool required = true)
    {
        const QString name = string(o, key, path, required);
        if (name.isEmpty()) return {};
        if (!QFileInfo::exists(m_dir + u'/' + name)) {
            problem(join(path, key), u"no file '"_s + name + u"' in the lesson folder"_s);
            return {};
        }
        return name;
    }

    std::optional<LessonQuery> query(const QJsonValue &v, const QString &path);
    std::optional<LessonQuestion> question(const QJsonObject &o, const QString &path);
    std::optional<LessonExercise> exercise(const QJsonObject &o, const QString &path);
    std::optional<LessonAction> action(const QJsonValue &v, const QString &path);
    std::optional<LessonStep> step(const QJsonValue &v, const QString &path);
    LessonSettings settings(const QJsonObject &o, const QString &path);
    std::optional<std::vector<ScriptLine>> scriptLines(const QString &text, const QString &path);

    const QString &dir() const { return m_dir; }

private:
    QString m_file;
    QString m_dir;
    QList<LessonProblem> &m_problems;
};

/// A file's bytes (empty, and *ok false, when it cannot be read).
QByteArray readAll(const QString &path, bool *ok = nullptr);
/// QJsonParseError's byte offset as "line L, column C".
QString lineColumn(const QByteArray &json, int offset);
/// Restart actions follow a run of the driver they stop, and start after its stop.
void checkRestarts(Reader &r, const Lesson &l);

} // namespace dsl::lesson::detail
