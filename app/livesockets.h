// LiveSockets: what real sockets add to `dstreamlab run --real-time` (docs/realtime-sockets.md).
// Each socketTextStream(host, port) of the program connects to a real server (SocketClient: `nc
// -lk PORT` in another terminal), and `--listen [ADDR:]PORT` opens a classroom port that students
// type into (ClassroomListener). On the engine's thread, between two pacer slices, the lines that
// arrived enter the input log as typed lines do, with their sender, at the pacer's arrival time,
// and so does what each real server did (connected, refused, closed: the engine's receiver of that
// port follows it, InputLog::followServer); both are recorded as an input script, and the run's
// end prints the options that replay it deterministically.
#pragma once

#include "classroomlistener.h"
#include "socketclient.h"
#include "socketfeed.h"
#include "socketlimits.h"

#include "engine/simtime.h"

#include <fstream>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace dsl {
class Simulation;
}

namespace dsl::app {

struct ProgramRun;
class RealTimePacer;


/// True when a program's source calls socketTextStream: a real-time run of it gets input from
/// real sockets, which never runs out, so it does not end when the scripted input is done.
bool programReadsSockets(const std::string &source);

class LiveSockets {
public:
    /// `scriptedPorts`: the ports an `--input PORT=FILE` feeds (0: `--input FILE`, every port);
    /// their sockets stay simulated.
    LiveSockets(const ProgramRun &run, const LiveSocketOptions &options, SimTime start, std::set<int> scriptedPorts);
    ~LiveSockets();
    /// Opens the recording and, with --listen, the classroom port; says so on stderr. False with
    /// `error` ("--listen: 127.0.0.1:9999 is in use ...").
    bool start(std::string &error);
    /// On the engine's thread, between two pacer slices: connects the program's socket streams
    /// that have none yet, puts every line that arrived into the input log at
    /// pacer.arrivalTime() (for its port, as a typed line), records it, prints the notes.
    void feed(Simulation &sim, const RealTimePacer &pacer);
    /// Closes every socket (every thread ends), prints each source's line counts and the options
    /// that replay the run (--seconds from `interruptedAt` when a signal ended it).
    void finish(std::optional<SimTime> interruptedAt);

    /// What a GUI would list: the classroom port (nullptr without --listen) and the clients.
    const ClassroomListener *listener() const { return m_listener.get(); }
    std::vector<const SocketClient *> clients() const;

private:
    struct Recording {
        int port = 0;
        std::string path;
        std::ofstream out;
        std::int64_t lines = 0;
    };
    void discover(Simulation &sim);
    Recording *recording(int port);
    void printNotes(SimTime at);
    /// The line's sender, for InputRecord::source and the recording's "@source NAME".
    std::shared_ptr<const std::string> sourceName(const ReceivedLine &r,
                                                  const std::vector<ClassroomListener::Connection> &students);
    void noteEndless();

    const ProgramRun &m_run;
    const LiveSocketOptions &m_options;
    SimTime m_start;
    SimTime m_lastTime;
    std::set<int> m_scripted;
    std::string m_recordBase;
    std::list<Recording> m_recordings;
    bool m_recordFailed = false;
    SocketFeed m_feed;
    std::unique_ptr<ClassroomListener> m_listener;
    std::map<int, std::unique_ptr<SocketClient>> m_clients; ///< by port
    std::set<int> m_known;                                   ///< socket ports seen in the program
    std::map<int, std::int64_t> m_enteredByConnection;       ///< classroom connection -> lines that entered the run
    std::int64_t m_entered = 0;
    std::map<std::string, std::shared_ptr<const std::string>> m_sources;
    bool m_endlessNoted = false;
    bool m_listenChecked = false;
    bool m_finished = false;
};

} // namespace dsl::app
