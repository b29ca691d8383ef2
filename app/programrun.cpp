// ProgramRun: the options `run` and `submit` share, and the run itself (input, drops, metrics).
#include "programrun.h"
#include "typingfeed.h"

#include "kafkalive.h"
#include "livesockets.h"
#include "localmariadb.h"
#include "metricswriter.h"
#include "realtimepacer.h"

#include "engine/costmodel.h"
#include "engine/faults.h"
#include "engine/inputscript.h"
#include "engine/python/interrupt.h"
#include "engine/recoveryaudit.h"
#include "engine/runloop.h"
#include "engine/streamingcontext.h"
#include "engine/timeformat.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <unistd.h>

namespace dsl::app {

ProgramRun::ProgramRun()
{
    settings.pythonPackageDir = DSTREAMLAB_PYTHON_PACKAGE_DIR;
    if (const char *env = std::getenv("DSTREAMLAB_PYTHON_PACKAGE_DIR")) settings.pythonPackageDir = env;
}

namespace {

std::optional<std::string> readWhole(const std::string &path)
{
    // Read in one piece into a string of the file's size: a stringstream would copy 55 MB of
    // a benchmark corpus twice.
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) return std::nullopt;
    const std::streamoff size = in.tellg();
    std::string text;
    if (size > 0) {
        text.resize(static_cast<std::size_t>(size));
        in.seekg(0);
        if (!in.read(text.data(), size)) return std::nullopt;
    } else {
        std::stringstream ss; // not a regular file (a pipe): read to its end
        in.seekg(0);
        ss << in.rdbuf();
        text = ss.str();
    }
    return text;
}

/// A temporary folder, removed with everything in it when it goes.
class TempDir {
public:
    TempDir()
    {
        std::string pattern = (std::filesystem::temp_directory_path() / "dstreamlab-run-XXXXXX").string();
        if (::mkdtemp(pattern.data())) m_path = pattern;
    }
    ~TempDir()
    {
        std::error_code ec;
        if (!m_path.empty()) std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir &) = delete;
    TempDir &operator=(const TempDir &) = delete;
    const std::string &path() const { return m_path; }

private:
    std::string m_path;
};

/// log4j's "yy/MM/dd HH:mm:ss" with the milliseconds when there are any: a fault's moment.
std::string momentText(SimTime t)
{
    const auto ms = ((t.ms() % 1000) + 1000) % 1000;
    if (ms == 0) return log4jTime(t);
    char buf[8];
    std::snprintf(buf, sizeof buf, ".%03d", static_cast<int>(ms));
    return log4jTime(t) + buf;
}

std::string hex64(std::uint64_t v)
{
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    return buf;
}

std::string quoted(const std::vector<std::string> &lines, std::int64_t total)
{
    std::string s;
    for (const auto &l : lines) s += (s.empty() ? "'" : ", '") + l + "'";
    if (total > static_cast<std::int64_t>(lines.size()))
        s += ", ... (" + std::to_string(total - static_cast<std::int64_t>(lines.size())) + " more)";
    return s;
}

/// What `dstreamlab run` prints when a restarted driver's run ends (recoveryaudit.h): how long
/// the recovery took, from which checkpoint, and the records lost or processed twice.
std::string recoverySummary(const RecoveryReport &r)
{
    std::ostringstream o;
    o << "DStream Lab: ";
    if (!r.caughtUpAt) {
        o << "the new driver completed no batch after the death of the old one\n";
    } else {
        o << "recovered in " << r.recoveryTime()->ms() / 1000.0 << " s: restarted at " << momentText(r.restartAt);
        if (r.checkpointTime) o << " from the checkpoint of " << momentText(*r.checkpointTime);
        o << ", the batch of " << momentText(*r.caughtUpBatch) << " completed at " << momentText(*r.caughtUpAt);
        if (r.stateCheckpointInterval) o << " (state checkpoint interval " << r.stateCheckpointInterval->ms() / 1000.0 << " s)";
        o << "\n";
    }
    auto outputs = [&](const std::vector<int> &ids) {
        std::string s;
        for (int id : ids) {
            const auto it = r.outputNames.find(id);
            s += (s.empty() ? "" : ", ") + (it != r.outputNames.end() ? it->second : "output " + std::to_string(id));
        }
        return s;
    };
    auto where = [&](const AuditedBlock &b) {
        std::string s = b.blockId.empty() ? "received by receiver " + std::to_string(b.streamId) + ", not yet stored"
                                          : b.blockId;
        if (b.batch) s += " (batch " + momentText(*b.batch) + ")";
        return s;
    };
    const std::int64_t lost = r.lostRecords(), twice = r.twiceRecords();
    o << "DStream Lab: lost with the driver: " << lost << " record(s)"
      << (r.writeAheadLog ? "" : " (no receiver write-ahead log)") << "\n";
    for (const auto &b : r.blocks)
        if (b.lost())
            o << "  " << where(b) << ": " << quoted(b.lines, b.numRecords)
              << (b.outputsLost.empty() ? std::string() : "; never seen by " + outputs(b.outputsLost)) << "\n";
    o << "DStream Lab: processed twice: " << twice << " record(s)\n";
    for (const auto &b : r.blocks)
        if (b.twice())
            o << "  " << where(b) << ": " << quoted(b.lines, b.numRecords) << "; seen by the old and the new driver: "
              << outputs(b.outputsTwice) << "\n";
    return o.str();
}

} // namespace

int executeRun(ProgramRun &run, const std::function<int(const std::string &)> &usageError)
{
    python::RunSettings &settings = run.settings;
    const auto steadyNow = RealTimePacer::Clock::now();
    const auto wallNow = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch()).count();
    settings.sim.startTime = run.start.value_or(SimTime(wallNow));
    if (run.kafkaListenPort && !run.realTime)
        return usageError("--kafka-listen needs --real-time: real clients produce on the wall clock, so the "
                          "run's simulated time must follow it");
    if (run.kafkaRecordDir && !run.kafkaListenPort) return usageError("--kafka-record DIR goes with --kafka-listen PORT");
    // Real sockets (livesockets.h): with --real-time, every socket port no --input feeds connects
    // to a real server; --listen opens the class port.
    const LiveSocketOptions &sockets = run.sockets;
    std::set<int> scriptedPorts;
    for (const auto &spec : run.inputs) scriptedPorts.insert(spec.port);
    const bool realSockets = run.realTime && (sockets.listen || !scriptedPorts.count(0));
    if (sockets.limitsGiven && !sockets.listen) return usageError("--listen-limit goes with --listen [ADDR:]PORT");
    if ((sockets.recordInput || !sockets.allowHosts.empty()) && !run.realTime)
        return usageError(std::string(sockets.recordInput ? "--record-input" : "--allow-host") +
                          " goes with --real-time: only a real-time run connects to real sockets");
    if ((sockets.recordInput || !sockets.allowHosts.empty()) && !realSockets)
        return usageError(std::string(sockets.recordInput ? "--record-input" : "--allow-host") +
                          ": this run has no real sockets (--input FILE feeds every socketTextStream)");
    // A real-time run's clock is the wall clock, from the whole second it started in: a replay's
    // --start-time names that second exactly, and the batches fall at the same times.
    auto wallStart = steadyNow;
    if (run.realTime && !run.start) {
        settings.sim.startTime = SimTime(wallNow / 1000 * 1000);
        wallStart -= std::chrono::milliseconds(wallNow % 1000);
    }
    if (run.typing && (!settings.maxDuration || run.realTime))
        return usageError(run.realTime ? "--type feeds a run as fast as possible: it does not go with --real-time"
                                       : "--type needs --seconds S: the auto-typer's input never runs out");
    if (run.typing) settings.finishWhenInputDone = false;
    // Input from real Kafka clients never runs out: only --seconds or a signal ends the run.
    if (run.kafkaListenPort) settings.finishWhenInputDone = false;
    // Nor does input from real sockets (a program without socketTextStream still ends when its
    // scripted input is done).
    if (sockets.listen || (realSockets && programReadsSockets(readWhole(run.program).value_or(std::string()))))
        settings.finishWhenInputDone = false;

    // Read the input scripts and dropped files before starting Python, so that bad input is a
    // usage error.
    std::vector<std::pair<int, std::vector<ScriptLine>>> scripts;
    for (const auto &spec : run.inputs) {
        const auto text = readWhole(spec.file);
        if (!text) return usageError("cannot read input file '" + spec.file + "'");
        std::vector<ScriptLine> lines;
        std::string err;
        if (!parseInputScript(*text, lines, err)) return usageError("input file " + scriptErrorAt(spec.file, err));
        scripts.emplace_back(spec.port, std::move(lines));
    }
    std::vector<FaultLine> faults;
    for (const auto &file : run.faultFiles) {
        const auto text = readWhole(file);
        if (!text) return usageError("--faults: cannot read '" + file + "'");
        std::string err;
        if (!parseFaultScript(*text, file, faults, err)) return usageError("--faults: " + err);
    }
    std::vector<InputRecord> drops;
    for (const auto &d : run.drops) {
        const auto text = readWhole(d.file);
        if (!text) return usageError("--drop: cannot read '" + d.file + "'");
        const auto path = std::filesystem::path(d.directory) / std::filesystem::path(d.file).filename();
        drops.push_back(InputRecord{InputRecord::Kind::File, settings.sim.startTime + d.at, kFileRecordPort,
                                    path.string(), *text}); // moved in whole at that time
    }

    std::vector<std::pair<std::string, std::vector<KafkaScriptLine>>> kafkaScripts; // (topic, messages)
    for (const auto &k : run.kafkaInputs) {
        const auto text = readWhole(k.file);
        if (!text) return usageError("--kafka: cannot read '" + k.file + "'");
        std::vector<KafkaScriptLine> lines;
        std::string err;
        if (!parseKafkaScript(*text, lines, err)) return usageError("--kafka: " + k.file + " " + err);
        kafkaScripts.emplace_back(k.topic, std::move(lines));
    }

    std::ofstream metrics;
    if (run.metricsPath) {
        metrics.open(*run.metricsPath, std::ios::binary | std::ios::trunc);
        if (!metrics) return usageError("cannot write metrics file '" + *run.metricsPath + "'");
    }

    // spark-submit drops the properties outside spark.* with a WARN (SparkSubmitArguments).
    for (const auto &k : run.layer.ignoredKeys)
        std::cerr << log4jTime(settings.sim.startTime) << " WARN SparkSubmitArguments: Ignoring non-Spark config property: "
                  << k << "\n";
    if (!run.note.empty()) std::cerr << run.note;

    // --db: the database the program's pymysql.connect(...) reaches (docs/database.md). A local
    // MariaDB server is declared before the runtime, so it is stopped after the program ends.
    std::optional<LocalMariaDb> mariadb;
    DatabaseOption &db = run.db;
    if (db.kind == DatabaseOption::Kind::Sqlite && db.path.empty())
        db.path = (std::filesystem::path(appDataDir()) / "databases" / (programDatabaseName(run.program) + ".sqlite")).string();
    if (db.kind == DatabaseOption::Kind::Sqlite) {
        std::error_code ec;
        const auto dir = std::filesystem::absolute(db.path, ec).parent_path();
        std::filesystem::create_directories(dir, ec);
        if (ec) return usageError("--db: cannot create the folder " + dir.string() + " for the SQLite database: " + ec.message());
        db.path = std::filesystem::absolute(db.path, ec).string();
    }
    std::vector<std::pair<std::string, std::string>> dbConfig;
    if (db.kind == DatabaseOption::Kind::LocalMariaDb) {
        mariadb.emplace((std::filesystem::path(appDataDir()) / "mariadb").string());
        std::string error;
        if (!mariadb->start(error)) {
            std::cerr << "DStream Lab: " << error << (error.ends_with('\n') ? "" : "\n");
            return 1;
        }
        dbConfig = localMariaDbConfig(db, *mariadb, run.program);
        if (!mariadb->note().empty()) std::cerr << "DStream Lab: " << mariadb->note() << "\n";
        std::cerr << "DStream Lab: started a local MariaDB server (pid " << mariadb->pid() << ", 127.0.0.1:" << db.port
                  << ", data in " << appDataDir() << "/mariadb); it stops when the run ends\n";
    } else {
        dbConfig = databaseConfig(db);
    }
    settings.database = dbConfig;

    // --kafka-listen: the broker real clients reach, started before Python so that a port in use
    // ends the run at once. Declared before the pacers, which feed it.
    std::optional<LiveKafka> liveKafka;
    if (run.kafkaListenPort) {
        std::string error;
        liveKafka.emplace(run, settings.sim.startTime);
        if (!liveKafka->start(error)) {
            std::cerr << "DStream Lab: " << error << "\n";
            return 1;
        }
    }
    // Real sockets: the class port opens before Python starts, so that a port in use ends the
    // run at once; the program's socket streams connect once its context has started.
    std::optional<LiveSockets> liveSockets;
    if (realSockets) {
        std::string error;
        liveSockets.emplace(run, sockets, settings.sim.startTime, scriptedPorts);
        if (!liveSockets->start(error)) {
            std::cerr << "DStream Lab: " << error << "\n";
            return 1;
        }
    }

    // A run whose driver may be killed keeps the Kafka groups' committed offsets in a file, as the
    // brokers keep them across a driver's death (else each driver has a fresh cluster).
    const bool mayKillDriver = std::any_of(faults.begin(), faults.end(), [](const FaultLine &f) {
        const auto *c = std::get_if<ClusterFault>(&f.fault);
        return c && c->kind == ClusterFault::Kind::KillDriver;
    });
    std::optional<TempDir> commitDir;
    if (mayKillDriver && settings.sim.kafkaCommitStore.empty() && !run.realTime) {
        commitDir.emplace();
        if (!commitDir->path().empty())
            settings.sim.kafkaCommitStore = (std::filesystem::path(commitDir->path()) / "offsets").string();
    }

    // Like spark-submit, the CLI never holds simulated time back: every wait runs as fast as
    // possible (the dashboard's session paces instead), unless --real-time. Declared first: the
    // pacers outlive rt.
    AsFastAsPossiblePacer pacer;
    std::optional<RealTimePacer> realTime;
    std::optional<TypingFeed> typing;
    std::optional<FeedingPacer> feeding;
    python::PythonRuntime rt(settings);
    if (run.realTime) {
        realTime.emplace(rt.simulation(), settings.sim.startTime, wallStart);
        realTime->blocking = [&rt](const std::function<void()> &sleep) { rt.withoutGil(sleep); };
        if (liveKafka || liveSockets)
            realTime->onSlice = [&] {
                if (liveKafka) liveKafka->feed(rt.simulation(), *realTime);
                if (liveSockets) liveSockets->feed(rt.simulation(), *realTime);
            };
        python::installTerminateAsInterrupt();
        rt.setPacer(&*realTime);
    } else if (run.typing) {
        typing.emplace(*run.typing, settings.sim.startTime);
        feeding.emplace([&rt]() -> Simulation & { return rt.simulation(); }, *typing);
        rt.setPacer(&*feeding);
    } else {
        rt.setPacer(&pacer);
    }
    std::string notes;
    SubmitLayerInstall layer(run.layer, settings.pythonPackageDir, notes);
    if (!notes.empty()) std::cerr << notes;
    // kill-driver (faults.h): the driver dies and, when its program checkpoints, is started again
    // (spark-submit --supervise) after cost::driverRestartMs: a new "JVM" in the same folder, whose
    // StreamingContext.getOrCreate recovers from the checkpoint.
    const SimTime runStart = settings.sim.startTime;
    std::optional<SimTime> killedAt; // the previous driver's death
    std::uint64_t combined = 0;      // the drivers' fingerprints folded, when there is more than one
    int drivers = 0;
    python::RunStatus status = python::RunStatus::Ok;
    std::optional<MetricsWriter> writer;
    std::optional<RecoveryAudit> recovery;
    for (;;) {
        ++drivers;
        Simulation &sim = rt.simulation();
        // A restarted driver's nc connection gets the lines the dead one had not taken (from its
        // death on); the broker and the dropped files are as they were.
        const auto fresh = [&](Duration offset) { return !killedAt || runStart + offset >= *killedAt; };
        for (auto &[port, lines] : scripts) {
            if (port == 0) sim.inputLog().setListenAll(true);
            else sim.inputLog().listen(port);
            // A recording of a real server (livesockets.h): its receiver follows the recorded
            // connection (connected, refused, closed), as the live run's did.
            if (std::any_of(lines.begin(), lines.end(), [](const ScriptLine &l) { return l.isServer(); }))
                sim.inputLog().followServer(port);
            sim.inputLog().reserve(sim.inputLog().size() + lines.size()); // no reallocation per line
            for (const auto &l : lines)
                if (fresh(l.offset) || l.isKafka() || l.isFile()) addScriptLine(sim.inputLog(), runStart, l, port);
        }
        // Real sockets: the receiver of every port a real server feeds follows what that server
        // does (the Server records LiveSockets adds, and records), as the replay's does; the class
        // port is always there for its receiver, as a simulated `nc -lk`.
        if (liveSockets) {
            if (sockets.listen) sim.inputLog().listen(sockets.listenPort);
            if (!scriptedPorts.count(0)) sim.inputLog().followServer(0);
        }
        if (typing) sim.inputLog().setListenAll(true); // --type types into every socket
        for (const auto &r : drops) sim.inputLog().addFile(r.time, r.path, r.text);
        for (const auto &[topic, n] : run.kafkaPartitions) sim.kafkaAt(runStart).createTopic(topic, n);
        for (const auto &[topic, r] : run.kafkaRetention) sim.kafkaAt(runStart).setRetention(topic, r);
        for (const auto &[topic, lines] : kafkaScripts)
            for (const auto &m : lines) sim.inputLog().addKafkaMessage(runStart + m.offset, topic, m.key, m.value);
        // Faults are part of the run's input: traced when added, so they enter the fingerprint.
        for (const auto &f : faults) {
            if (killedAt && runStart + f.offset <= *killedAt) continue; // the dead driver's
            Fault fault = f.fault;
            setFaultTime(fault, runStart + f.offset);
            sim.addFault(std::move(fault));
        }
        if (run.metricsPath) {
            writer.emplace(metrics, &sim);
            sim.addObserver(&*writer);
        }
        if (recovery) sim.addObserver(&*recovery);
        status = rt.runFile(run.program, run.programArgs);
        if (writer) sim.removeObserver(&*writer);
        if (recovery) {
            sim.removeObserver(&*recovery);
            std::cerr << recoverySummary(recovery->report());
            recovery.reset();
        }
        std::cout.flush();
        combined = combined * 1099511628211ULL ^ sim.fingerprint();
        if (!sim.driverKilled()) break;
        const ClusterFault &kill = *sim.killedBy();
        killedAt = kill.at;
        std::cerr << "DStream Lab: the driver was killed at " << momentText(*killedAt) << " (" << kill.describe(runStart)
                  << ")";
        if (!sim.killedCheckpointDir()) {
            // Only StreamingContext.getOrCreate brings a driver back where it was; without a
            // checkpoint a restarted program would start from nothing, so the run ends here.
            std::cerr << "; the program has no checkpoint to recover from, so the run ends, as Spark's would\n";
            break;
        }
        if (run.realTime) {
            std::cerr << "; a --real-time run is not restarted\n";
            break;
        }
        python::RunSettings next = settings;
        next.sim.startTime = *killedAt + Duration(cost::driverRestartMs);
        if (next.maxDuration) {
            const Duration used = next.sim.startTime - runStart;
            if (used >= *next.maxDuration) {
                std::cerr << "; --seconds ends the run before the driver would start again\n";
                break;
            }
            next.maxDuration = *next.maxDuration - used;
        }
        std::cerr << "; a new driver starts at " << momentText(next.sim.startTime) << " and recovers from "
                  << *sim.killedCheckpointDir() << "\n";
        DriverLedger ledger = sim.deathLedger().value_or(DriverLedger{*killedAt, {}, {}});
        rt.reset(next);
        recovery.emplace(rt.simulation(), std::move(ledger), next.sim.startTime);
        if (feeding) rt.setPacer(&*feeding);
        else rt.setPacer(&pacer);
    }
    if (liveKafka) liveKafka->finish(realTime->interruptedAt());
    if (liveSockets) liveSockets->finish(realTime->interruptedAt());
    if (run.fingerprint)
        std::cerr << "fingerprint: " << (drivers == 1 ? rt.simulation().fingerprintHex() : hex64(combined)) << "\n";
    return static_cast<int>(status);
}

} // namespace dsl::app
