// SocketClientListener: what the dashboard asks of real sockets — the class port students type
// into, and the program's socketTextStreams connected to real servers (`nc -lk PORT`).
#pragma once

#include <QObject>
#include <QString>

#include <cstddef>
#include <vector>

namespace dsl::ui {

/// The class port as the teacher opens it (Run > Open the class port…, `--listen`).
struct ClassPortSettings {
    QString address;          ///< "127.0.0.1" (only this computer), a LAN address, or "0.0.0.0"
    int port = 0;
    int maxConnections = 0;   ///< open connections at once
    int maxLineBytes = 0;     ///< the rest of a longer line is cut off, the line flagged
    double linesPerSecond = 0; ///< per connection (0: no limit); a faster sender is read more slowly
    int idleSeconds = 0;      ///< a silent connection is closed after this long (0: never)
    bool operator==(const ClassPortSettings &) const = default;
};

/// One source of lines: a connection to the class port ("student 3 (192.168.1.20:50432)") or a
/// real server a socketTextStream connects to ("localhost:9999").
struct SocketSource {
    enum class Kind { Student, Server };
    enum class State { Connecting, Connected, Retrying, NotAllowed, Closed };
    Kind kind = Kind::Student;
    QString name;          ///< as the input log keeps it (SendLine::source)
    int number = 0;        ///< Student: 1, 2, ... in the order accepted
    QString peer;          ///< Student: "192.168.1.20:50432"; Server: "localhost:9999"
    State state = State::Connected;
    QString closedWhy;     ///< Student, Closed: "closed by the client", "idle for 600 s", ...
    qint64 lines = 0;      ///< lines that entered the run
    qint64 flagged = 0;    ///< received lines that were cut or had invalid UTF-8
    bool operator==(const SocketSource &) const = default;
};

/// Real sockets whose lines become the nc panel's SendLine commands (with the source named),
/// journaled and replayed as typed lines are. The app implements it (app/socketclientfeed.h:
/// ClassroomListener and SocketClient); the ui library only drives it (RealSocketsActions,
/// NcInputPanel), so it never includes the app's socket code. Nothing received is ever read as a
/// command: a line is text for the program's socket.
class SocketClientListener : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    /// The settings a new class port starts from: the nc panel's port on 127.0.0.1 with the
    /// limits of `dstreamlab run --listen` (app/socketlimits.h).
    virtual ClassPortSettings defaultSettings() const = 0;
    /// Opens the class port; false, with `error` saying why (the port is in use, a bad address).
    /// Its lines go to the program's socket on the nc panel's port.
    virtual bool openClassPort(const ClassPortSettings &settings, QString *error) = 0;
    /// Closes the port and every connection (new ones are refused); lines already received still
    /// enter the run. Nothing if it is not open.
    virtual void closeClassPort() = 0;
    virtual bool isClassPortOpen() const = 0;
    /// "127.0.0.1:9999" while open, else empty.
    virtual QString classPortWhere() const = 0;
    /// The settings it was opened with (valid while open).
    virtual ClassPortSettings classPortSettings() const = 0;
    /// Connections refused because the port was full.
    virtual qint64 refused() const = 0;

    /// Run > Connect sockets to real servers (nc -lk): each socketTextStream(host, port) of the
    /// running program connects to the real server there, as Spark's receiver does (loopback
    /// hosts only; not the class port's own port, which the class port serves), and what it
    /// sends enters the run. Off: every such connection closes.
    virtual void setRealServers(bool on) = 0;
    virtual bool realServers() const = 0;

    /// Every source so far: the class port's open connections, the servers, then the
    /// connections that closed (each group in the order they came).
    virtual std::vector<SocketSource> sources() const = 0;
    /// Lines handed to the run since the session started.
    virtual std::size_t lines() const = 0;
    /// Lines received and waiting (held while the dashboard browses the history).
    virtual std::size_t waiting() const = 0;

signals:
    /// The port opened or closed, a source came or went, or counts grew.
    void changed();
    /// Something to tell the teacher: a student connected or left, a line was cut, a refusal,
    /// a server that is not there yet.
    void note(const QString &text);
};

} // namespace dsl::ui
