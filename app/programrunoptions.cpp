// ProgramRun's options: the usage text of the options `run` and `submit` share, and their parser
// (the run itself is in programrun.cpp).
#include "programrun.h"
#include "classroomlistener.h"
#include "typingfeed.h"

#include "engine/inputscript.h"
#include "engine/timeformat.h"

#include <cmath>
#include <filesystem>

namespace dsl::app {

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

} // namespace dsl::app
