// ProgramRun: the options `run` and `submit` share, and the run itself (input, drops, metrics).
#include "programrun.h"

#include "metricswriter.h"

#include "engine/inputscript.h"
#include "engine/runloop.h"
#include "engine/timeformat.h"

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

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
           "  --conf KEY=VALUE  a Spark property every SparkConf() loads (the program's own set() wins,\n"
           "                    as with spark-submit); repeatable\n"
           "  --strict          using what DStream Lab offers beyond PySpark (mapWithState, StateSpec)\n"
           "                    is an error, as under spark-submit (default: one WARN line)\n"
           "  --seconds S       simulated seconds after which a program that waits forever ends\n"
           "  --start-time T    local time the simulated clock starts at (default: now)\n"
           "  --seed N          the simulation's random seed (timing jitter only; default 42)\n"
           "  --metrics FILE    one JSON object per completed batch (Spark's BatchInfo)\n"
           "  --fingerprint     print the run's fingerprint to stderr at the end\n"
           "  --task-timeout S  real seconds one Python call in a task may take (default 5)\n";
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
    } else if (opt == "--conf" || opt == "-c") {
        auto v = value();
        if (!v) return fail("Missing argument for option '--conf'.");
        if (!run.layer.addConf(*v, error)) return OptionParse::Error;
    } else if (opt == "--strict" && !inlineValue) {
        run.layer.strict = true;
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

} // namespace

int executeRun(ProgramRun &run, const std::function<int(const std::string &)> &usageError)
{
    python::RunSettings &settings = run.settings;
    const auto wallNow = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch()).count();
    settings.sim.startTime = run.start.value_or(SimTime(wallNow));

    // Read the input scripts and dropped files before starting Python, so that bad input is a
    // usage error.
    std::vector<std::pair<int, std::vector<ScriptLine>>> scripts;
    for (const auto &spec : run.inputs) {
        const auto text = readWhole(spec.file);
        if (!text) return usageError("cannot read input file '" + spec.file + "'");
        std::vector<ScriptLine> lines;
        std::string err;
        if (!parseInputScript(*text, lines, err)) return usageError("input file '" + spec.file + "' " + err);
        scripts.emplace_back(spec.port, std::move(lines));
    }
    std::vector<InputRecord> drops;
    for (const auto &d : run.drops) {
        const auto text = readWhole(d.file);
        if (!text) return usageError("--drop: cannot read '" + d.file + "'");
        const auto path = std::filesystem::path(d.directory) / std::filesystem::path(d.file).filename();
        drops.push_back(InputRecord{InputRecord::Kind::File, settings.sim.startTime + d.at, kFileRecordPort,
                                    path.string(), *text}); // moved in whole at that time
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

    // Like spark-submit, the CLI never holds simulated time back: every wait runs as fast as
    // possible (the dashboard's session paces instead). Declared first: it outlives rt.
    AsFastAsPossiblePacer pacer;
    python::PythonRuntime rt(settings);
    rt.setPacer(&pacer);
    std::string notes;
    SubmitLayerInstall layer(run.layer, settings.pythonPackageDir, notes);
    if (!notes.empty()) std::cerr << notes;
    Simulation &sim = rt.simulation();
    for (auto &[port, lines] : scripts) {
        if (port == 0) sim.inputLog().setListenAll(true);
        else sim.inputLog().listen(port);
        sim.inputLog().reserve(sim.inputLog().size() + lines.size()); // no reallocation per line
        for (auto &l : lines) sim.inputLog().addLine(settings.sim.startTime + l.offset, std::move(l.text), port);
    }
    for (auto &r : drops) sim.inputLog().addFile(r.time, std::move(r.path), std::move(r.text));
    std::optional<MetricsWriter> writer;
    if (run.metricsPath) {
        writer.emplace(metrics, &sim);
        sim.addObserver(&*writer);
    }
    const auto status = rt.runFile(run.program, run.programArgs);
    if (writer) sim.removeObserver(&*writer);
    std::cout.flush();
    if (run.fingerprint) std::cerr << "fingerprint: " << sim.fingerprintHex() << "\n";
    return static_cast<int>(status);
}

} // namespace dsl::app
