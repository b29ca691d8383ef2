// ProgramRun: one headless program run, as `dstreamlab run` and `dstreamlab submit` set it up.
#pragma once

#include "app/session/autotyper.h"

#include "databaseoption.h"
#include "socketlimits.h"
#include "submitlayer.h"

#include "engine/python/pyruntime.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dsl::app {

/// --input [PORT=]FILE: lines for the socket sources.
struct InputSpec {
    int port = 0; ///< 0 = every socket
    std::string file;
};

/// --drop S:FILE:DIR: FILE appears whole in DIR at S simulated seconds after the start.
struct DropSpec {
    Duration at{0};
    std::string file;
    std::string directory;
};

/// --kafka TOPIC=FILE: messages produced to TOPIC ('SECONDS<TAB>VALUE' or
/// 'SECONDS<TAB>KEY<TAB>VALUE' per line).
struct KafkaInputSpec {
    std::string topic;
    std::string file;
};

/// Everything a headless run needs; the commands fill it from their options.
struct ProgramRun {
    ProgramRun();
    python::RunSettings settings; ///< the bundled package, or $DSTREAMLAB_PYTHON_PACKAGE_DIR
    std::string program;
    std::vector<std::string> programArgs;
    std::vector<InputSpec> inputs;
    LiveSocketOptions sockets; ///< --listen, --listen-limit, --allow-host, --record-input
    std::vector<DropSpec> drops;
    std::vector<KafkaInputSpec> kafkaInputs;
    std::map<std::string, int> kafkaPartitions; ///< --kafka-partitions TOPIC=N
    std::map<std::string, Duration> kafkaRetention; ///< --kafka-retention TOPIC=DURATION
    /// --faults FILE: injected faults, `SECONDS<TAB>ACTION [ARGS]` lines (engine/faults.h).
    std::vector<std::string> faultFiles;
    std::optional<std::string> metricsPath;
    bool fingerprint = false;
    std::optional<SimTime> start; ///< unset: now
    SubmitLayer layer;
    /// One "DStream Lab: ..." line printed before the run (submit's ignored options).
    std::string note;
    /// --db: where the program's pymysql.connect(...) goes (docs/database.md).
    DatabaseOption db;
    /// --real-time: simulated time follows the wall clock (RealTimePacer) instead of running as
    /// fast as possible.
    bool realTime = false;
    /// --kafka-listen PORT (with --real-time): real Kafka clients produce into the run (LiveKafka).
    std::optional<int> kafkaListenPort;
    /// --kafka-record DIR: where --kafka-listen records what they produce (default: a new folder
    /// in the app's data folder).
    std::optional<std::string> kafkaRecordDir;
    /// --type SAMPLE:RATE: the nc panel's auto-typer feeds every socket as the clock advances
    /// (app/typingfeed.h); with --seconds.
    std::optional<session::AutoTyperSpec> typing;
};

enum class OptionParse {
    NotMine, ///< not one of DStream Lab's run options
    Taken,   ///< parsed; `i` is at its last argument
    Error,   ///< bad use; the message is in `error`
};

/// DStream Lab's run options that `run` and `submit` share: --input, --drop, --faults, --seconds,
/// --start-time, --seed, --metrics, --fingerprint, --task-timeout, --memory-limit, --strict, --conf, --db,
/// --kafka, --kafka-partitions, --real-time, --kafka-listen and --kafka-record, as
/// `--opt VALUE` or `--opt=VALUE`. `i` is the index of the option in `args`.
OptionParse parseLabOption(const std::vector<std::string> &args, std::size_t &i, ProgramRun &run, std::string &error);

/// Their usage lines (after a command's own).
std::string labOptionsUsage();

/// Reads the input scripts and dropped files (a bad one is reported through usageError, whose
/// result is returned), prints spark-submit's WARN for ignored properties and the note, then
/// runs the program. Returns the exit status: 0 ok, 1 the program raised.
int executeRun(ProgramRun &run, const std::function<int(const std::string &)> &usageError);

/// Parses a number of seconds ("2", "0.5"); false unless the whole text is a finite number.
bool parseSeconds(const std::string &s, double &out);

} // namespace dsl::app
