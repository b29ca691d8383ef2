// Shared by the session journal's tests: journal operations built by hand (times as offsets from
// a fixed start), telling a journal of them as a SessionInputLog would, and reading back.
#pragma once

#include "app/session/sessioninputlog.h"
#include "app/session/sessionjournal.h"

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QStringList>

#include <string>
#include <utility>
#include <vector>

namespace journalkit {

using namespace dsl;
using namespace dsl::session;

inline SimTime start()
{
    return SimTime(1'795'514'400'000); // 2026-11-24 10:00:00 UTC
}

inline JournalOp typed(qint64 offsetMs, std::string text, int port = 9999)
{
    JournalOp op;
    op.kind = JournalOp::Kind::Typed;
    op.time = start() + Duration(offsetMs);
    op.port = port;
    op.text = std::move(text);
    return op;
}

inline JournalOp script(std::vector<std::pair<qint64, std::string>> lines, int port = 0)
{
    JournalOp op;
    op.kind = JournalOp::Kind::Script;
    op.port = port;
    for (auto &[ms, text] : lines) op.lines.emplace_back(start() + Duration(ms), std::move(text));
    return op;
}

inline JournalOp autoOp(JournalOp::Kind kind, qint64 offsetMs, AutoTyperSpec spec = {})
{
    JournalOp op;
    op.kind = kind;
    op.time = start() + Duration(offsetMs);
    if (kind == JournalOp::Kind::AutoStart) {
        op.port = 9999;
        op.spec = spec;
    }
    return op;
}

inline JournalOp fileOp(qint64 offsetMs, std::string directory, std::string name, std::string content)
{
    JournalOp op;
    op.kind = JournalOp::Kind::File;
    op.time = start() + Duration(offsetMs);
    op.directory = std::move(directory);
    op.name = std::move(name);
    op.text = std::move(content);
    return op;
}

inline JournalOp kafkaOp(qint64 offsetMs, std::string topic, std::optional<std::string> key, std::string value)
{
    JournalOp op;
    op.kind = JournalOp::Kind::Kafka;
    op.time = start() + Duration(offsetMs);
    op.topic = std::move(topic);
    op.key = std::move(key);
    op.text = std::move(value);
    return op;
}

/// A real server's event (RealServerEvent, a script's `@server` line) on `port`.
inline JournalOp serverOp(qint64 offsetMs, ServerEvent event, int port = 9999, std::string why = {})
{
    JournalOp op;
    op.kind = JournalOp::Kind::Server;
    op.time = start() + Duration(offsetMs);
    op.port = port;
    op.server = event;
    op.text = std::move(why);
    return op;
}

inline JournalOp clearOp()
{
    JournalOp op;
    op.kind = JournalOp::Kind::Clear;
    return op;
}

/// Tells the journal of `op` as a SessionInputLog would.
inline void tell(SessionJournal &j, const JournalOp &op)
{
    switch (op.kind) {
    case JournalOp::Kind::Script: j.onScriptAdded(op.lines, op.port); break;
    case JournalOp::Kind::Typed:
        j.onTyped(InputRecord{InputRecord::Kind::SocketLine, op.time, op.port, {}, op.text});
        break;
    case JournalOp::Kind::AutoStart: j.onAutoStarted(op.spec, op.time, op.port); break;
    case JournalOp::Kind::AutoAdvance:
        j.onAutoAdvanced(op.time);
        j.flush(); // progress marks are throttled; a resting run writes its last one
        break;
    case JournalOp::Kind::AutoStop: j.onAutoStopped(op.time); break;
    case JournalOp::Kind::Clear: j.onCleared(); break;
    case JournalOp::Kind::File: // as ProgramSession::apply(DropFile) joins them
        j.onTyped(InputRecord{InputRecord::Kind::File, op.time, kFileRecordPort, op.directory + "/" + op.name, op.text});
        break;
    case JournalOp::Kind::Kafka: // as ProgramSession::apply(ProduceKafka) makes it
        j.onTyped(InputRecord{InputRecord::Kind::KafkaMessage, op.time, kFileRecordPort, op.topic, op.text, op.key});
        break;
    case JournalOp::Kind::Server: { // as ProgramSession::apply(RealServerEvent) makes it
        InputRecord r{InputRecord::Kind::Server, op.time, op.port, {}, op.text};
        r.server = op.server;
        j.onTyped(r);
        break;
    }
    }
}

/// An input log's records, one "time port text" line each (a file: "time file PATH text", a
/// server's event: "time port @server EVENT why").
inline QStringList describe(const std::vector<InputRecord> &records)
{
    QStringList out;
    for (const auto &r : records)
        out << (r.kind == InputRecord::Kind::KafkaMessage
                    ? QStringLiteral("%1 kafka %2 %3 %4")
                          .arg(r.time.ms())
                          .arg(QString::fromStdString(r.path), r.key ? QString::fromStdString(*r.key) : QStringLiteral("<null>"),
                               QString::fromStdString(r.text))
                : r.kind == InputRecord::Kind::Server
                    ? QStringLiteral("%1 %2 @server %3 %4")
                          .arg(r.time.ms())
                          .arg(r.port)
                          .arg(QString::number(int(r.server)), QString::fromStdString(r.text))
                : r.kind == InputRecord::Kind::File
                    ? QStringLiteral("%1 file %2 %3").arg(r.time.ms()).arg(QString::fromStdString(r.path), QString::fromStdString(r.text))
                    : QStringLiteral("%1 %2 %3").arg(r.time.ms()).arg(r.port).arg(QString::fromStdString(r.text)));
    return out;
}

/// A journal's first line, as a process with pid 1 wrote it.
inline QByteArray header()
{
    return QByteArrayLiteral(R"({"op":"session","version":1,"pid":1,"start":1795514400000,"created":0})") + '\n';
}

inline bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

/// The texts of the typed lines a journal holds, in order.
inline QStringList typedTexts(const RecoveredSession &s)
{
    QStringList out;
    for (const auto &op : s.ops)
        if (op.kind == JournalOp::Kind::Typed) out << QString::fromStdString(op.text);
    return out;
}

} // namespace journalkit
