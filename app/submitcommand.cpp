// `dstreamlab submit`: spark-submit's options (SparkSubmitOptionParser), its messages, a local run.
#include "submitcommand.h"

#include "programrun.h"

#include <array>
#include <iostream>
#include <string_view>

namespace dsl::app {

std::string submitUsage()
{
    return "usage: dstreamlab submit [options] PROGRAM.py [app arguments]\n"
           "Runs a PySpark Streaming program on DStream Lab's simulated local Spark with spark-submit's\n"
           "command line: replace `spark-submit` by `dstreamlab submit`. Options come before the program;\n"
           "everything after it is the program's sys.argv[1:].\n"
           "spark-submit options:\n"
           "  --master MASTER_URL         local, local[N] or local[*] (default local[*]); the program's own\n"
           "                              setMaster wins, as with spark-submit\n"
           "  --name NAME                 spark.app.name (the program's own appName wins)\n"
           "  --conf, -c KEY=VALUE        a Spark property every SparkConf() loads; repeatable\n"
           "  --properties-file FILE      more properties (--conf wins over them)\n"
           "  --py-files FILES            comma-separated .py, .zip or .egg files put on sys.path\n"
           "  --deploy-mode client        accepted (cluster mode needs a cluster)\n"
           "  --driver-memory, --executor-memory, --num-executors, --executor-cores, --jars, --packages,\n"
           "  --files and the other cluster options: accepted and ignored, with one note on stderr (the\n"
           "                              simulation has one local driver, its cores set by --master)\n"
           "  --help, -h                  this text;  --version  the version\n"
           "DStream Lab options (also before the program):\n" +
           labOptionsUsage() +
           "Exit status: 0 the program ended, 1 it raised, 2 bad command-line use.\n";
}

namespace {

/// spark-submit options that take a value and mean nothing in a simulated local run.
constexpr std::array<std::string_view, 20> kIgnoredWithValue{
    "--class",        "--driver-memory",  "--driver-cores",       "--driver-java-options", "--driver-library-path",
    "--driver-class-path", "--executor-memory", "--executor-cores", "--num-executors", "--total-executor-cores",
    "--queue",        "--files",          "--archives",           "--jars",                "--packages",
    "--exclude-packages", "--repositories", "--proxy-user",        "--principal",           "--keytab",
};

bool contains(const auto &list, std::string_view s)
{
    for (const auto &x : list)
        if (x == s) return true;
    return false;
}

int usageError(const std::string &msg)
{
    // As spark-submit's launcher: "Error: MESSAGE", then the usage.
    std::cerr << "Error: " << msg << "\n\n" << submitUsage();
    return 2;
}

std::vector<std::string> splitCommas(const std::string &s)
{
    std::vector<std::string> out;
    std::size_t from = 0;
    while (from <= s.size()) {
        const auto comma = s.find(',', from);
        const std::string part = s.substr(from, comma == std::string::npos ? std::string::npos : comma - from);
        if (!part.empty()) out.push_back(part);
        if (comma == std::string::npos) break;
        from = comma + 1;
    }
    return out;
}

} // namespace

int submitCommand(const std::vector<std::string> &args)
{
    ProgramRun run;
    std::optional<std::string> master, name, deployMode, propertiesFile;
    std::vector<std::string> ignored;
    std::size_t i = 0;
    for (; i < args.size(); ++i) {
        const std::string &a = args[i];
        if (a.empty() || a[0] != '-') break; // the primary resource: the rest is the program's
        std::string error;
        switch (parseLabOption(args, i, run, error)) {
        case OptionParse::Taken: continue;
        case OptionParse::Error: return usageError(error);
        case OptionParse::NotMine: break;
        }
        // --opt=VALUE is --opt VALUE (SparkSubmitOptionParser's eqSeparatedOpt).
        std::string opt = a;
        std::optional<std::string> value;
        if (const auto eq = a.find('='); a.rfind("--", 0) == 0 && eq != std::string::npos) {
            opt = a.substr(0, eq);
            value = a.substr(eq + 1);
        }
        const bool takesValue = contains(kIgnoredWithValue, opt) ||
                                contains(std::array<std::string_view, 7>{"--master", "--name", "--py-files",
                                                                         "--properties-file", "--deploy-mode",
                                                                         "--kill", "--status"},
                                         opt);
        if (takesValue && !value) {
            if (i + 1 >= args.size()) return usageError("Missing argument for option '" + opt + "'.");
            value = args[++i];
        }
        if (opt == "--help" || opt == "-h") {
            std::cout << submitUsage();
            return 0;
        } else if (opt == "--version") {
            std::cout << "DStream Lab: a simulated local Spark for PySpark Streaming programs (DStreams)\n";
            return 0;
        } else if (opt == "--master") {
            master = value;
        } else if (opt == "--name") {
            name = value;
        } else if (opt == "--py-files") {
            for (auto &f : splitCommas(*value)) run.layer.pyFiles.push_back(f);
        } else if (opt == "--properties-file") {
            propertiesFile = value;
        } else if (opt == "--deploy-mode") {
            if (*value != "client" && *value != "cluster")
                return usageError("--deploy-mode must be either \"client\" or \"cluster\"");
            deployMode = value;
            ignored.push_back(opt + " " + *value);
        } else if (opt == "--kill" || opt == "--status") {
            return usageError(opt == "--kill" ? "Killing submissions is only supported in standalone or Mesos mode!"
                                              : "Requesting submission statuses is only supported in standalone or Mesos mode!");
        } else if (takesValue) {
            ignored.push_back(opt + " " + *value);
        } else if (opt == "--supervise" || opt == "--verbose" || opt == "-v") {
            ignored.push_back(opt);
        } else {
            return usageError("Unrecognized option: " + a);
        }
    }
    if (i >= args.size()) return usageError("Must specify a primary resource (JAR or Python or R file)");
    run.program = args[i];
    run.programArgs.assign(args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
    if (run.program.size() < 4 || run.program.compare(run.program.size() - 3, 3, ".py") != 0)
        return usageError("DStream Lab runs PySpark programs: " + run.program + " is not a .py file");

    std::string error;
    if (propertiesFile && !run.layer.loadPropertiesFile(*propertiesFile, error)) return usageError(error);
    // --master and --name win over the same properties (SparkSubmitArguments.loadEnvironmentArguments).
    if (master) run.layer.conf["spark.master"] = *master;
    if (name) run.layer.conf["spark.app.name"] = *name;
    const std::string effective = run.layer.conf.count("spark.master") ? run.layer.conf["spark.master"] : "local[*]";
    if (effective.rfind("local", 0) != 0) {
        for (const char *cluster : {"yarn", "spark", "mesos", "k8s"})
            if (effective.rfind(cluster, 0) == 0)
                return usageError("DStream Lab simulates a local Spark: master '" + effective +
                                  "' is a cluster; use local[N] (e.g. --master local[2])");
        return usageError("Master must either be yarn or start with spark, mesos, k8s, or local");
    }
    if (deployMode == "cluster") return usageError("Cluster deploy mode is not compatible with master \"local\"");
    if (!ignored.empty()) {
        run.note = "DStream Lab: ignored";
        for (std::size_t k = 0; k < ignored.size(); ++k) run.note += (k ? ", " : " ") + ignored[k];
        run.note += " (the simulation has one local driver; its cores come from --master)\n";
    }
    return executeRun(run, usageError);
}

} // namespace dsl::app
