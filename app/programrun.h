// ProgramRun: one headless program run, as `dstreamlab run` and `dstreamlab submit` set it up.
#pragma once

#include "submitlayer.h"

#include "engine/python/pyruntime.h"

#include <functional>
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

/// Everything a headless run needs; the commands fill it from their options.
struct ProgramRun {
    ProgramRun();
    python::RunSettings settings; ///< the bundled package, or $DSTREAMLAB_PYTHON_PACKAGE_DIR
    std::string program;
    std::vector<std::string> programArgs;
    std::vector<InputSpec> inputs;
    std::vector<DropSpec> drops;
    std::optional<std::string> metricsPath;
    bool fingerprint = false;
    std::optional<SimTime> start; ///< unset: now
    SubmitLayer layer;
    /// One "DStream Lab: ..." line printed before the run (submit's ignored options).
    std::string note;
};

enum class OptionParse {
    NotMine, ///< not one of DStream Lab's run options
    Taken,   ///< parsed; `i` is at its last argument
    Error,   ///< bad use; the message is in `error`
};

/// DStream Lab's run options that `run` and `submit` share: --input, --drop, --seconds,
/// --start-time, --seed, --metrics, --fingerprint, --task-timeout, --strict and --conf, as
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
