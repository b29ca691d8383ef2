// SessionCommand: every command the dashboard sends to the run, as one value type.
#pragma once

#include "autotyper.h"
#include "engine/inputlog.h"

#include <QString>

#include <optional>
#include <type_traits>
#include <map>
#include <variant>

namespace dsl::session {

/// Settings that matter in class; changing them restarts the run from its input log.
struct RunOptions {
    QString master;                        ///< empty: the program's own (e.g. local[2])
    std::optional<qint64> batchIntervalMs; ///< unset: the program's own
    std::optional<qint64> blockIntervalMs; ///< unset: spark.streaming.blockInterval (200 ms)
    /// Injected faults (engine/faults.h): (simulated time in ms since the epoch, "fail-task
    /// output=0"). Every run and replay adds those at or after its start, so they repeat.
    std::vector<std::pair<qint64, QString>> faults;
    /// Where the program's pymysql.connect(...) goes, as `dstreamlab run --db` takes it
    /// (app/databaseoption.h): empty or "sqlite" the program's own SQLite file, "sqlite:PATH",
    /// "local-mariadb", "mysql://USER:PASSWORD@HOST:PORT/DATABASE", "none". Never journaled (it
    /// may hold a password).
    QString database;
    /// Topics created with this many partitions before the program starts (`--kafka-partitions
    /// TOPIC=N`, a lesson's settings); any other topic is created at its first message with
    /// Kafka's default num.partitions, 1.
    std::map<QString, int> kafkaPartitions;
    /// Topics' retention.ms (`--kafka-retention TOPIC=DURATION`, a lesson's settings), in ms.
    std::map<QString, qint64> kafkaRetentionMs;
    bool operator==(const RunOptions &) const = default;
};

/// One struct per command. The list is written here once: RunDriver::execute takes any of
/// them, the session handles each in one place (a missing handler does not compile), and the
/// views' hub forwards them through one path. What each command does is documented here.
namespace command {

/// Loads a program (to run on the next run/step); the input log is kept. A new program is a new
/// driver: its runs start with an empty working folder.
struct LoadProgram {
    static constexpr const char *kName = "LoadProgram";
    QString fileName;
    QString source;
};
/// The clock every run starts at from now on (ms since the epoch), e.g. a lesson's fixed start,
/// so that the narration's times are the window's. When it changes, the run goes back to "not
/// started" and the input log is cleared (its times counted from the old start).
struct SetStartTime {
    static constexpr const char *kName = "SetStartTime";
    qint64 simTimeMs = 0;
};
/// The folder the program runs in: relative paths such as ssc.checkpoint("checkpoint") resolve
/// there. The session empties it now, and every run and replay starts with it empty (after a
/// RestartDriver: as the stopped driver left it). Empty: the app's own working directory, never
/// emptied. The run goes back to "not started".
struct SetWorkingDirectory {
    static constexpr const char *kName = "SetWorkingDirectory";
    QString directory;
};
/// The driver stops where the run stands, and a new driver runs the same program from
/// startTimeMs (ms since the epoch) in the working folder as the stopped one left it, so
/// StreamingContext.getOrCreate recovers from its checkpoint. The history starts afresh with the
/// new driver; its replays start from the same files again. Input-log records before startTimeMs
/// went to the stopped driver and do not reach the new one. Ignored without a working folder
/// (SetWorkingDirectory): the app's own folder is never copied.
struct RestartDriver {
    static constexpr const char *kName = "RestartDriver";
    qint64 startTimeMs = 0;
};
/// Restarts the run from its input log when the options differ from the current ones.
struct SetOptions {
    static constexpr const char *kName = "SetOptions";
    RunOptions options;
};
/// Starts or resumes the run; speed: simulated seconds per wall second, <= 0 as fast as possible.
struct Run {
    static constexpr const char *kName = "Run";
    double speed = 1.0;
};
/// Changes the speed of a run without starting or resuming it (same units as Run).
struct SetSpeed {
    static constexpr const char *kName = "SetSpeed";
    double speed = 1.0;
};
struct Pause {
    static constexpr const char *kName = "Pause";
};
/// Lets exactly one simulation event run.
struct StepEvent {
    static constexpr const char *kName = "StepEvent";
};
/// Runs until the next batch completes; while browsing, moves forward through the history
/// first and past its newest batch runs on.
struct StepBatch {
    static constexpr const char *kName = "StepBatch";
};
/// Browses the history: shows the run as it was when the previous batch completed (the run
/// pauses; nothing runs again). Run, FollowLatest and the run-until commands return to the
/// head. A line typed while browsing changes the past: it arrives at the browsed batch and
/// the run replays to there in the background (RunDriver::replayProgress, CancelReplay).
struct StepBack {
    static constexpr const char *kName = "StepBack";
};
/// Back to the run's head (leaves the history).
struct FollowLatest {
    static constexpr const char *kName = "FollowLatest";
};
/// Stops a replay where it is (paused there).
struct CancelReplay {
    static constexpr const char *kName = "CancelReplay";
};
/// Runs until that many batches have completed, then pauses.
struct RunUntilBatch {
    static constexpr const char *kName = "RunUntilBatch";
    int completedBatches = 0;
};
/// Runs until the displayed simulated clock reaches simTimeMs (ms since the epoch), then pauses.
struct RunUntilTime {
    static constexpr const char *kName = "RunUntilTime";
    qint64 simTimeMs = 0;
};
/// Back to "not started"; the input log is kept.
struct Reset {
    static constexpr const char *kName = "Reset";
};
/// A line typed into the nc panel: into the input log at the current simulated time. A line from
/// outside (the class port, a real `nc -lk` server: app/socketclientfeed.h) names its source, and
/// may go to another of the program's socket ports; both are kept with the line (the input log,
/// the journal) so the nc panel shows who sent it, in replays too. Only text: nothing in it is
/// ever read as a command.
struct SendLine {
    static constexpr const char *kName = "SendLine";
    QString line;
    QString source; ///< empty: typed into the nc panel; else "student 3 (192.168.1.20:50432)", ...
    int port = 0;   ///< the program's socket port; 0: the nc panel's (`nc -lk 9999`)
};
/// What a real server behind one of the program's socket ports did (Run > Connect sockets to real
/// servers: app/socketclientfeed.h): connected, refused, closed, reset (`why`: the reason). A
/// Server record (InputRecord::Kind::Server) into the input log at the current simulated time,
/// journaled, as SendLine's line is. From the port's first such record on, its receiver follows
/// that server instead of the simulated `nc -lk` (InputLog::followServer(port, from)), in this run
/// and in every replay: inactive, with Spark's "Restarting receiver with delay 2000 ms" WARN line
/// in the run's log, while the server is away, as `dstreamlab run --real-time`'s receiver is.
/// Sent while browsing, it arrives at the browsed batch and the run replays to there. Ignored when
/// the port is not 0 to 65535.
struct RealServerEvent {
    static constexpr const char *kName = "RealServerEvent";
    int port = 0; ///< the program's socket port; 0: the nc panel's
    ServerEvent event = ServerEvent::Connected;
    QString why; ///< Reset: why reading failed ("Connection reset by peer"); else empty
    bool isValid() const { return port >= 0 && port <= 65535; }
};
/// The nc panel's auto-typer: its lines go into the input log as simulated time reaches
/// their arrival times (the first one just after the current time). Reset, loading a program
/// or an input log, and changed settings stop it; its lines so far are kept. With a topic it
/// is the auto-producer: its messages go into the log as ProduceKafka's do (see AutoTyperSpec).
/// An invalid spec (a rate out of bounds, a topic name Kafka refuses) is ignored.
struct StartAutoTyper {
    static constexpr const char *kName = "StartAutoTyper";
    AutoTyperSpec spec;
    bool isValid() const;
};
struct StopAutoTyper {
    static constexpr const char *kName = "StopAutoTyper";
};
/// A file appears whole in `directory` at the current simulated time (as if written elsewhere
/// and moved in, as Spark's guide asks): into the input log like a typed line, so replays and
/// step back see it; textFileStream(directory) reads it in the next batch. Dropped while
/// browsing, it arrives at the browsed batch and the run replays to there. Ignored when the
/// directory or name is empty, or the name has a '/' or starts with '.' (a hidden file, which
/// textFileStream never reads).
struct DropFile {
    static constexpr const char *kName = "DropFile";
    QString directory;
    QString fileName;
    QString text;
    bool isValid() const
    {
        return !directory.isEmpty() && !fileName.isEmpty() && !fileName.contains(QLatin1Char('/')) &&
               !fileName.startsWith(QLatin1Char('.'));
    }
};
/// A message produced to the simulated Kafka broker's `topic` (the nc panel with a topic as its
/// target, kafka-console-producer style) at the current simulated time: into the input log like
/// a typed line, so replays and step back see it; KafkaUtils.createDirectStream reads it. A
/// topic that does not exist is created with Kafka's default of one partition; a key places the
/// message as Kafka's default partitioner does. Ignored when Kafka would refuse the topic's name.
struct ProduceKafka {
    static constexpr const char *kName = "ProduceKafka";
    QString topic;
    std::optional<QString> key; ///< nullopt: a null key
    QString value;
    bool isValid() const;
};
/// Injects a fault (engine/faults.h: "kill-receiver 0", "kill-executor 1", "slow-executor 0 3",
/// "kill-driver", "fail-task") now: at the moment a typed line would arrive. It joins the run
/// options' faults, so every replay and step back repeats it at the same moment, and the journal
/// keeps it. Ignored when the action does not parse.
struct InjectFault {
    static constexpr const char *kName = "InjectFault";
    QString action;
};
/// The batch the views show (the selection): it keeps its records when older batches are
/// reduced to summaries in a long run. nullopt: none.
struct SetPinnedBatch {
    static constexpr const char *kName = "SetPinnedBatch";
    std::optional<qint64> batchTimeMs;
};

} // namespace command

using SessionCommand =
    std::variant<command::LoadProgram, command::SetOptions, command::Run, command::SetSpeed, command::Pause,
                 command::StepEvent, command::StepBatch, command::StepBack, command::FollowLatest,
                 command::CancelReplay, command::RunUntilBatch, command::RunUntilTime, command::Reset,
                 command::SendLine, command::StartAutoTyper, command::StopAutoTyper, command::SetPinnedBatch,
                 command::DropFile, command::SetStartTime, command::SetWorkingDirectory, command::RestartDriver,
                 command::ProduceKafka, command::InjectFault, command::RealServerEvent>;

/// The command's name as the code spells it ("StepBack"), for readable test failures and logs.
inline const char *commandName(const SessionCommand &command)
{
    return std::visit([](const auto &c) { return std::decay_t<decltype(c)>::kName; }, command);
}

} // namespace dsl::session
