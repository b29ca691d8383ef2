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

bool parseSeconds(const std::string &s, double &out)
{
    try {
        std::size_t used = 0;
        out = std::stod(s, &used);
        return used == s.size() && std::isfinite(out);
    } catch (...) {
        return false;
    }
}

std::string labOptionsUsage()
{
    return "  --input FILE      lines for every socket source: 'SECONDS<TAB>TEXT' per line, or plain\n"
           "                    lines sent 0.1 s apart; PORT=FILE feeds only the socket on PORT\n"
           "  --drop S:FILE:DIR FILE appears in DIR S simulated seconds after the start, whole (as if\n"
           "                    moved in): textFileStream(DIR) reads it in the next batch; repeatable\n"
           "  --kafka TOPIC=FILE messages produced to the simulated Kafka TOPIC: 'SECONDS<TAB>VALUE' or\n"
           "                    'SECONDS<TAB>KEY<TAB>VALUE' per line (a key picks the partition as Kafka's\n"
           "                    default partitioner does); KafkaUtils.createDirectStream reads them; repeatable\n"
           "  --kafka-partitions TOPIC=N  the topic's partitions (default 1, Kafka's num.partitions)\n"
           "  --kafka-retention TOPIC=DURATION  the topic's retention.ms (e.g. 5s): older messages are\n"
           "                      deleted (default: none in a run, Kafka's 7 days)\n"
           "  --real-time       simulated time follows the wall clock (1 simulated ms per wall ms) instead\n"
           "                    of running as fast as possible; Ctrl-C or SIGTERM ends the run cleanly. Each\n"
           "                    socketTextStream(HOST, PORT) no --input feeds connects to a real server as Spark's\n"
           "                    receiver does (`nc -lk PORT` in another terminal), trying again every 2 s while\n"
           "                    there is none or after it closed; lines end at \\n, \\r\\n or \\r, invalid UTF-8\n"
           "                    becomes U+FFFD (with a WARN); such a run goes on until --seconds S or Ctrl-C\n"
           "  --kafka-listen PORT  with --real-time: a Kafka broker on 127.0.0.1:PORT (librdkafka's mock\n"
           "                    cluster) that real clients (kcat, confluent_kafka, Java) produce to; each\n"
           "                    message is produced to the simulated topic as it arrives. That input never\n"
           "                    runs out: the run goes on until --seconds S, or Ctrl-C/SIGTERM\n"
           "  --kafka-record DIR  where --kafka-listen records the messages, one --kafka file per topic\n"
           "                    (default: a new folder in the app's data folder); the run's end prints the\n"
           "                    --kafka options that replay it exactly\n"
           "  --listen [ADDR:]PORT  the class port (implies --real-time): students connect with `nc HOST PORT`\n"
           "                    or telnet and type; their lines go to the program's socketTextStream on PORT.\n"
           "                    Bound to 127.0.0.1 unless ADDR is given (0.0.0.0: every interface). Data only:\n"
           "                    nothing received is run or read as a command\n"
           "  --listen-limit KEY=VALUE  a limit of the class port; repeatable. connections=" +
           std::to_string(ListenLimits{}.maxConnections) + " open at once,\n"
           "                    line-bytes=" + std::to_string(ListenLimits{}.maxLineBytes) +
           " (longer lines cut and flagged), lines-per-second=" +
           std::to_string(static_cast<int>(ListenLimits{}.linesPerSecond)) + " per\n"
           "                    connection (0: none; faster senders are read more slowly, nothing is dropped),\n"
           "                    idle-seconds=" + std::to_string(ListenLimits{}.idleSeconds) + " (0: never)\n"
           "  --allow-host HOST  a socketTextStream may connect to HOST though it is not a loopback address\n"
           "                    (only loopback ones otherwise); repeatable\n"
           "  --record-input FILE  with --real-time: where the lines real sockets sent are recorded as an\n"
           "                    --input script (default: a new file in the app's data folder; a second port's\n"
           "                    go to FILE-PORT); the run's end prints the --input options that replay it exactly\n"
           "  --faults FILE     injected faults, 'SECONDS<TAB>ACTION' per line (docs/faults.md). Actions:\n"
           "                    fail-task [stage=N] [output=N] [partition=N]  the first matching task run at or\n"
           "                      after SECONDS fails after its function ran (its writes stand); it is retried\n"
           "                      up to spark.task.maxFailures (local[N,F]: F)\n"
           "                    kill-receiver N  input stream N's receiver dies: what it had not yet stored as\n"
           "                      a block is lost; the ReceiverTracker launches it again\n"
           "                    kill-executor N  executor N of a local-cluster[E,C,M] master dies: its running\n"
           "                      tasks run again elsewhere, a new executor takes its place\n"
           "                    slow-executor N FACTOR  tasks on executor N (0 in local mode) take FACTOR x\n"
           "                    kill-driver  the driver dies; a program with a checkpoint starts again after\n"
           "                      5 s (StreamingContext.getOrCreate recovers it), one without ends\n"
           "  --conf KEY=VALUE  a Spark property every SparkConf() loads (the program's own set() wins,\n"
           "                    as with spark-submit); repeatable\n"
           "  --strict          using what DStream Lab offers beyond PySpark (mapWithState, StateSpec)\n"
           "                    is an error, as under spark-submit (default: one WARN line)\n"
           "  --seconds S       simulated seconds after which a program that waits forever ends\n"
           "  --type SAMPLE:RATE  the nc panel's auto-typer on every socket: SAMPLE english, chinese or\n"
           "                    zipf, RATE lines per simulated second (0.5 to 2000); fed as the clock\n"
           "                    advances and let go once read, so a long run holds little input; needs --seconds\n"
           "  --start-time T    local time the simulated clock starts at (default: now)\n"
           "  --seed N          the simulation's random seed (timing jitter only; default 42)\n"
           "  --metrics FILE    one JSON object per completed batch (Spark's BatchInfo)\n"
           "  --fingerprint     print the run's fingerprint to stderr at the end\n"
           "  --task-timeout S  real seconds one Python call in a task may take (default 5)\n"
           "  --memory-limit MB the program is stopped (MemoryLimitExceeded) when the app's memory\n"
           "                    grows past MB; 0: no limit (default: half the machine's memory, at\n"
           "                    most 8192)\n" +
           databaseOptionUsage();
}

namespace {

bool parseDrop(const std::string &v, DropSpec &out, std::string &error)
{
    // S:FILE:DIR; DIR may hold colons of its own (file:///tmp/in).
    const auto a = v.find(':');
    const auto b = a == std::string::npos ? a : v.find(':', a + 1);
    double s = 0;
    if (b == std::string::npos || !parseSeconds(v.substr(0, a), s) || s < 0 || b == a + 1 || b + 1 == v.size()) {
        error = "--drop needs SECONDS:FILE:DIR, e.g. --drop 2.5:words.txt:in";
        return false;
    }
    out.at = Duration(static_cast<std::int64_t>(std::llround(s * 1000)));
    out.file = v.substr(a + 1, b - a - 1);
    out.directory = v.substr(b + 1);
    const std::string name = std::filesystem::path(out.file).filename().string();
    if (name.empty() || name[0] == '.') {
        // FileInputDStream.defaultFilter: a hidden file is never read.
        error = "--drop: textFileStream ignores hidden files, and '" + out.file + "' is one";
        return false;
    }
    return true;
}

} // namespace

OptionParse parseLabOption(const std::vector<std::string> &args, std::size_t &i, ProgramRun &run, std::string &error)
{
    std::string opt = args[i];
    std::optional<std::string> inlineValue;
    if (const auto eq = opt.find('='); opt.rfind("--", 0) == 0 && eq != std::string::npos) {
        inlineValue = opt.substr(eq + 1);
        opt = opt.substr(0, eq);
    }
    auto value = [&]() -> std::optional<std::string> {
        if (inlineValue) return inlineValue;
        if (i + 1 >= args.size()) return std::nullopt;
        return args[++i];
    };
    auto fail = [&](std::string msg) {
        error = std::move(msg);
        return OptionParse::Error;
    };
    double s = 0;
    if (opt == "--input") {
        auto v = value();
        if (!v) return fail("--input needs a FILE (or PORT=FILE)");
        InputSpec spec;
        spec.file = *v;
        auto eq = v->find('=');
        if (eq != std::string::npos && eq > 0 && v->find_first_not_of("0123456789") == eq) {
            spec.port = std::stoi(v->substr(0, eq));
            spec.file = v->substr(eq + 1);
        }
        run.inputs.push_back(spec);
    } else if (opt == "--drop") {
        auto v = value();
        DropSpec d;
        if (!v) return fail("--drop needs SECONDS:FILE:DIR, e.g. --drop 2.5:words.txt:in");
        if (!parseDrop(*v, d, error)) return OptionParse::Error;
        run.drops.push_back(d);
    } else if (opt == "--kafka") {
        auto v = value();
        const auto eq = v ? v->find('=') : std::string::npos;
        if (!v || eq == 0 || eq == std::string::npos || eq + 1 == v->size())
            return fail("--kafka needs TOPIC=FILE, e.g. --kafka test=messages.txt");
        run.kafkaInputs.push_back(KafkaInputSpec{v->substr(0, eq), v->substr(eq + 1)});
    } else if (opt == "--kafka-partitions") {
        auto v = value();
        std::string topic;
        int n = 0;
        if (!v || !parseTopicPartitions(*v, topic, n))
            return fail("--kafka-partitions needs TOPIC=N with N >= 1, e.g. --kafka-partitions test=3");
        run.kafkaPartitions[topic] = n;
    } else if (opt == "--kafka-retention") {
        auto v = value();
        std::string topic;
        Duration retention{0};
        if (!v || !parseTopicRetention(*v, topic, retention))
            return fail("--kafka-retention needs TOPIC=DURATION with a positive duration, e.g. --kafka-retention test=5s");
        run.kafkaRetention[topic] = retention;
    } else if (opt == "--real-time" && !inlineValue) {
        run.realTime = true;
    } else if (opt == "--kafka-listen") {
        auto v = value();
        int port = 0;
        try {
            std::size_t used = 0;
            port = v ? std::stoi(*v, &used) : 0;
            if (used != v->size()) port = 0;
        } catch (...) {
            port = 0;
        }
        if (port < 1 || port > 65535)
            return fail("--kafka-listen needs a TCP port from 1 to 65535, e.g. --kafka-listen 9092" +
                        (v ? ", not '" + *v + "'" : std::string()));
        run.kafkaListenPort = port;
    } else if (opt == "--kafka-record") {
        auto v = value();
        if (!v || v->empty()) return fail("--kafka-record needs a folder DIR for the recorded messages");
        run.kafkaRecordDir = *v;
    } else if (opt == "--listen") {
        // Real sockets (livesockets.h).
        auto v = value();
        LiveSocketOptions &o = run.sockets;
        if (!v) return fail("--listen needs [ADDR:]PORT, e.g. --listen 9999 or --listen 0.0.0.0:9999");
        if (!parseListenAddress(*v, o.listenAddress, o.listenPort, error)) return OptionParse::Error;
        o.listen = *v;
        run.realTime = true; // students type on the wall clock
    } else if (opt == "--listen-limit") {
        auto v = value();
        LiveSocketOptions &o = run.sockets;
        if (!v || !parseListenLimit(*v, o.limits, error))
            return fail(v ? error : "--listen-limit needs KEY=VALUE, e.g. --listen-limit connections=40");
        o.limitsGiven = true;
    } else if (opt == "--allow-host") {
        auto v = value();
        if (!v || v->empty()) return fail("--allow-host needs a HOST a socketTextStream may connect to");
        run.sockets.allowHosts.push_back(*v);
    } else if (opt == "--record-input") {
        auto v = value();
        if (!v || v->empty()) return fail("--record-input needs a FILE for the lines real sockets send");
        run.sockets.recordInput = *v;
    } else if (opt == "--faults") {
        auto v = value();
        if (!v) return fail("--faults needs a FILE of 'SECONDS<TAB>ACTION' lines");
        run.faultFiles.push_back(*v);
    } else if (opt == "--conf" || opt == "-c") {
        auto v = value();
        if (!v) return fail("Missing argument for option '--conf'.");
        if (!run.layer.addConf(*v, error)) return OptionParse::Error;
    } else if (opt == "--strict" && !inlineValue) {
        run.layer.strict = true;
    } else if (opt == "--type") {
        auto v = value();
        session::AutoTyperSpec spec;
        if (!v) return fail("--type needs SAMPLE:RATE, e.g. --type english:1000");
        if (!parseTypeOption(*v, spec, error)) return OptionParse::Error;
        run.typing = spec;
    } else if (opt == "--seconds") {
        auto v = value();
        if (!v || !parseSeconds(*v, s) || s <= 0) return fail("--seconds needs a positive number of seconds");
        run.settings.maxDuration = Duration(static_cast<std::int64_t>(std::llround(s * 1000)));
    } else if (opt == "--start-time") {
        auto v = value();
        SimTime t;
        if (!v || !parseLocalDateTime(*v, t)) return fail("--start-time needs a local time like '2026-11-24 10:00:00'");
        run.start = t;
    } else if (opt == "--seed") {
        auto v = value();
        if (!v || !parseSeconds(*v, s) || s < 0) return fail("--seed needs a non-negative integer");
        run.settings.sim.seed = static_cast<std::uint64_t>(s);
    } else if (opt == "--metrics") {
        auto v = value();
        if (!v) return fail("--metrics needs a FILE.jsonl");
        run.metricsPath = *v;
    } else if (opt == "--fingerprint" && !inlineValue) {
        run.fingerprint = true;
    } else if (opt == "--task-timeout") {
        auto v = value();
        if (!v || !parseSeconds(*v, s) || s <= 0) return fail("--task-timeout needs a positive number of seconds");
        run.settings.taskTimeoutMs = static_cast<int>(s * 1000);
    } else if (opt == "--memory-limit") {
        auto v = value();
        if (!v || !parseSeconds(*v, s) || s < 0 || s > 1 << 24 || s != static_cast<int>(s))
            return fail("--memory-limit needs a whole number of MB (0: no limit), e.g. --memory-limit 2048");
        run.settings.memoryLimitMb = static_cast<int>(s);
    } else if (opt == "--db") {
        auto v = value();
        if (!v) return fail("--db needs a database: sqlite, sqlite:PATH, local-mariadb, none or mysql://USER:PASSWORD@HOST:PORT/DATABASE");
        if (!parseDatabaseOption(*v, run.db, error)) return OptionParse::Error;
    } else {
        return OptionParse::NotMine;
    }
    return OptionParse::Taken;
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
