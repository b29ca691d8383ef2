// SocketClientFeed: the dashboard's real sockets (docs/realtime-sockets.md) — the class port
// (`--listen`, Run > Open the class port…) and the program's socketTextStreams connected to real
// servers (`--real-time`, Run > Connect sockets to real servers) — whose lines enter the session
// as if typed into the nc panel, each with its source named.
#pragma once

#include "classroomlistener.h"
#include "socketclient.h"
#include "socketfeed.h"

#include "ui/socketclientlistener.h"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

class QTimer;

namespace dsl::ui {
class SimulationController;
}

namespace dsl::app {

/// A ClassroomListener and a SocketClient per socket stream of the running program, one bounded
/// SocketFeed for all of them. Every 50 ms the GUI thread takes at most kLinesPerPoll of the
/// lines that arrived and sends each through the controller as the SendLine command the nc panel
/// sends, with its source ("student 3 (192.168.1.20:50432)", "localhost:9999"): into the input
/// log at the current simulated time, journaled, seen by replays and step back like a typed line.
/// What a real server does (connected, refused, closed, reset) goes in between its lines as the
/// RealServerEvent command: the session's receiver of that port follows the server.
/// A flood cannot stall the window: the rest wait in the feed, and while it is full no socket is
/// read (TCP holds the senders back). While the dashboard browses the history (or replays) the
/// lines wait too, so what students type never rewrites the past. Every thread ends on close()
/// and in the destructor.
class SocketClientFeed : public ui::SocketClientListener {
    Q_OBJECT
public:
    explicit SocketClientFeed(ui::SimulationController *controller, QObject *parent = nullptr);
    ~SocketClientFeed() override;

    ui::ClassPortSettings defaultSettings() const override;
    bool openClassPort(const ui::ClassPortSettings &settings, QString *error) override;
    void closeClassPort() override;
    bool isClassPortOpen() const override { return m_listener != nullptr; }
    QString classPortWhere() const override;
    ui::ClassPortSettings classPortSettings() const override { return m_settings; }
    qint64 refused() const override;

    void setRealServers(bool on) override;
    bool realServers() const override { return m_real; }

    std::vector<ui::SocketSource> sources() const override;
    std::size_t lines() const override { return m_lines; }
    std::size_t waiting() const override { return m_feed.pendingLines(); }

    /// Everything off: the class port, the servers' connections (the app quits).
    void close();
    /// Takes what has arrived now (the timer's work; tests call it to not wait 50 ms).
    void poll();

    /// A note in the window's language (the status message); `n.text` is the CLI's English.
    static QString noteText(const SocketNote &n);
    /// Why a student left (ClassroomListener::Connection::closedWhy) in the window's language.
    static QString leftWhyText(const std::string &why);

    static constexpr int kPollMs = 50;
    /// Lines sent into the run per poll at most (10,000 a second; a room of 100 students at the
    /// class port's default 50 lines a second each sends 5,000).
    static constexpr std::size_t kLinesPerPoll = 500;

private:
    /// Sends up to `max` waiting lines (unless the history is being browsed and `force` is
    /// false) and reports the notes.
    void take(std::size_t max, bool force);
    /// The program's socket receivers in the newest snapshot get a SocketClient each (real
    /// servers on); the others' clients stop.
    void syncClients();
    bool held() const;
    int ncPort() const;
    void updateTimer();
    void reportIfChanged();

    ui::SimulationController *m_controller;
    SocketFeed m_feed;
    std::unique_ptr<ClassroomListener> m_listener;
    ui::ClassPortSettings m_settings;
    /// The class port's connections as last read (kept, closed, after the port closes).
    std::vector<ClassroomListener::Connection> m_students;
    bool m_real = false;
    std::map<std::string, std::unique_ptr<SocketClient>> m_clients; ///< by "host:port"
    std::map<int, std::string> m_serverNames;                        ///< port -> "host:port"
    std::map<std::string, qint64> m_entered;                         ///< source -> lines that entered the run
    std::size_t m_lines = 0;
    QTimer *m_timer;
    std::vector<ui::SocketSource> m_reported;
    std::size_t m_reportedLines = 0;
};

} // namespace dsl::app
