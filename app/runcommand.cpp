// `dstreamlab run`: option parsing, input scripts, metrics and fingerprint around a program run.
#include "runcommand.h"

#include "engine/inputscript.h"
#include "metricswriter.h"

#include "engine/python/pyruntime.h"
#include "engine/runloop.h"
#include "engine/timeformat.h"

#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

namespace dsl::app {

std::string runUsage()
{
    return "usage: dstreamlab run PROGRAM.py [ARGS...] [--input [PORT=]FILE]... [--seconds S]\n"
           "                      [--master local[N]] [--start-time 'YYYY-MM-DD HH:MM:SS'] [--seed N]\n"
           "                      [--metrics FILE.jsonl] [--fingerprint] [--task-timeout S]\n"
           "Runs a PySpark Streaming program on DStream Lab's simulated Spark, like spark-submit.\n"
           "  --input FILE      lines for every socket source: 'SECONDS<TAB>TEXT' per line, or plain\n"
           "                    lines sent 0.1 s apart; PORT=FILE feeds only the socket on PORT\n"
           "  --seconds S       simulated seconds after which a program that waits forever ends\n"
           "  --master M        overrides the program's master (local, local[N], local[*])\n"
           "  --start-time T    local time the simulated clock starts at (default: now)\n"
           "  --seed N          the simulation's random seed (timing jitter only; default 42)\n"
           "  --metrics FILE    one JSON object per completed batch (Spark's BatchInfo)\n"
           "  --fingerprint     print the run's fingerprint to stderr at the end\n"
           "  --task-timeout S  real seconds one Python call in a task may take (default 5)\n"
           "  --                end of DStream Lab options: the rest goes to the program\n";
}

namespace {

struct InputSpec {
    int port = 0; // 0 = every socket
    std::string file;
};

int usageError(const std::string &msg)
{
    std::cerr << "dstreamlab run: " << msg << "\n" << runUsage();
    return 2;
}

bool parseNumber(const std::string &s, double &out)
{
    try {
        std::size_t used = 0;
        out = std::stod(s, &used);
        return used == s.size() && std::isfinite(out);
    } catch (...) {
        return false;
    }
}

} // namespace

int runCommand(const std::vector<std::string> &args)
{
    python::RunSettings settings;
    settings.pythonPackageDir = DSTREAMLAB_PYTHON_PACKAGE_DIR;
    if (const char *env = std::getenv("DSTREAMLAB_PYTHON_PACKAGE_DIR")) settings.pythonPackageDir = env;
    std::string program;
    std::vector<std::string> programArgs;
    std::vector<InputSpec> inputs;
    std::optional<std::string> metricsPath;
    bool fingerprint = false;
    std::optional<SimTime> start;

    bool optionsDone = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &a = args[i];
        auto value = [&](const char *name) -> std::optional<std::string> {
            if (i + 1 >= args.size()) return std::nullopt;
            (void)name;
            return args[++i];
        };
        if (optionsDone || a.rfind("--", 0) != 0 || (program.empty() && a == "-")) {
            if (program.empty()) program = a;
            else programArgs.push_back(a);
            continue;
        }
        if (a == "--") {
            optionsDone = true;
        } else if (a == "--input") {
            auto v = value("--input");
            if (!v) return usageError("--input needs a FILE (or PORT=FILE)");
            InputSpec spec;
            spec.file = *v;
            auto eq = v->find('=');
            if (eq != std::string::npos && eq > 0 && v->find_first_not_of("0123456789") == eq) {
                spec.port = std::stoi(v->substr(0, eq));
                spec.file = v->substr(eq + 1);
            }
            inputs.push_back(spec);
        } else if (a == "--seconds") {
            auto v = value("--seconds");
            double s = 0;
            if (!v || !parseNumber(*v, s) || s <= 0) return usageError("--seconds needs a positive number of seconds");
            settings.maxDuration = Duration(static_cast<std::int64_t>(std::llround(s * 1000)));
        } else if (a == "--master") {
            auto v = value("--master");
            if (!v) return usageError("--master needs a master URL such as local[2]");
            settings.master = *v;
        } else if (a == "--start-time") {
            auto v = value("--start-time");
            SimTime t;
            if (!v || !parseLocalDateTime(*v, t))
                return usageError("--start-time needs a local time like '2026-11-24 10:00:00'");
            start = t;
        } else if (a == "--seed") {
            auto v = value("--seed");
            double s = 0;
            if (!v || !parseNumber(*v, s) || s < 0) return usageError("--seed needs a non-negative integer");
            settings.sim.seed = static_cast<std::uint64_t>(s);
        } else if (a == "--metrics") {
            auto v = value("--metrics");
            if (!v) return usageError("--metrics needs a FILE.jsonl");
            metricsPath = *v;
        } else if (a == "--fingerprint") {
            fingerprint = true;
        } else if (a == "--task-timeout") {
            auto v = value("--task-timeout");
            double s = 0;
            if (!v || !parseNumber(*v, s) || s <= 0) return usageError("--task-timeout needs a positive number of seconds");
            settings.taskTimeoutMs = static_cast<int>(s * 1000);
        } else if (a == "--help" || a == "-h") {
            std::cout << runUsage();
            return 0;
        } else if (!program.empty()) {
            programArgs.push_back(a); // an option of the program itself
        } else {
            return usageError("unknown option " + a);
        }
    }
    if (program.empty()) return usageError("no PROGRAM.py given");

    const auto wallNow = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch()).count();
    settings.sim.startTime = start.value_or(SimTime(wallNow));

    // Read the input scripts before starting Python so that bad input is a usage error.
    std::vector<std::pair<int, std::vector<ScriptLine>>> scripts;
    for (const auto &spec : inputs) {
        std::ifstream in(spec.file, std::ios::binary);
        if (!in) return usageError("cannot read input file '" + spec.file + "'");
        std::stringstream ss;
        ss << in.rdbuf();
        std::vector<ScriptLine> lines;
        std::string err;
        if (!parseInputScript(ss.str(), lines, err)) return usageError("input file '" + spec.file + "' " + err);
        scripts.emplace_back(spec.port, std::move(lines));
    }

    std::ofstream metrics;
    if (metricsPath) {
        metrics.open(*metricsPath, std::ios::binary | std::ios::trunc);
        if (!metrics) return usageError("cannot write metrics file '" + *metricsPath + "'");
    }

    // Like spark-submit, the CLI never holds simulated time back: every wait runs as fast as
    // possible (the dashboard's session paces instead). Declared first: it outlives rt.
    AsFastAsPossiblePacer pacer;
    python::PythonRuntime rt(settings);
    rt.setPacer(&pacer);
    Simulation &sim = rt.simulation();
    for (const auto &[port, lines] : scripts) {
        if (port == 0) sim.inputLog().setListenAll(true);
        else sim.inputLog().listen(port);
        for (const auto &l : lines) sim.inputLog().addLine(settings.sim.startTime + l.offset, l.text, port);
    }
    std::optional<MetricsWriter> writer;
    if (metricsPath) {
        writer.emplace(metrics, &sim);
        sim.addObserver(&*writer);
    }
    const auto status = rt.runFile(program, programArgs);
    if (writer) sim.removeObserver(&*writer);
    std::cout.flush();
    if (fingerprint) std::cerr << "fingerprint: " << sim.fingerprintHex() << "\n";
    return static_cast<int>(status);
}

} // namespace dsl::app
