// The session journal's line format, shared by its writer (sessionjournal.cpp) and reader (sessionjournalreader.cpp).
#pragma once

#include "autotyper.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QUtf8StringView>

#include <climits>
#include <string>

namespace dsl::session::journalformat {

inline constexpr int kFormatVersion = 1;

inline QString lockPathFor(const QString &journalPath)
{
    QString p = journalPath;
    p.chop(int(qstrlen(".journal")));
    return p + QStringLiteral(".lock");
}

// ---- values ----------------------------------------------------------------------------------

/// Text as a JSON string; bytes that are not UTF-8 (a script file may hold anything) as base64.
inline QJsonValue textValue(const std::string &s)
{
    if (QUtf8StringView(s.data(), qsizetype(s.size())).isValidUtf8()) return QString::fromStdString(s);
    const QByteArray b64 = QByteArray(s.data(), qsizetype(s.size())).toBase64();
    return QJsonObject{{QStringLiteral("base64"), QString::fromLatin1(b64)}};
}

inline bool textFrom(const QJsonValue &v, std::string &out)
{
    if (v.isString()) {
        out = v.toString().toStdString();
        return true;
    }
    const QJsonValue b = v.toObject().value(QStringLiteral("base64"));
    if (!b.isString()) return false;
    auto bytes = QByteArray::fromBase64Encoding(b.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!bytes) return false;
    out = bytes.decoded.toStdString();
    return true;
}

inline bool intFrom(const QJsonValue &v, qint64 &out)
{
    if (!v.isDouble()) return false;
    const qint64 i = v.toInteger(LLONG_MIN);
    // A JSON number is an exact integer up to 2^53 (a time: 285,000 years of milliseconds); past
    // it a damaged line's number would overflow the times computed from it.
    constexpr qint64 kExact = qint64(1) << 53;
    if (i == LLONG_MIN || i < -kExact || i > kExact) return false;
    out = i;
    return true;
}

inline QString sampleName(AutoTyperSpec::Sample s)
{
    switch (s) {
    case AutoTyperSpec::Sample::English: return QStringLiteral("english");
    case AutoTyperSpec::Sample::Chinese: return QStringLiteral("chinese");
    case AutoTyperSpec::Sample::Zipf: return QStringLiteral("zipf");
    }
    return {};
}

inline QJsonObject opObject(const char *op)
{
    return QJsonObject{{QStringLiteral("op"), QLatin1String(op)}};
}

} // namespace dsl::session::journalformat
