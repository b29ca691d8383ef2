// `dstreamlab run`: DStream Lab's own way to run a program (simulation options, --master override).
#include "runcommand.h"

#include "comparecommand.h"
#include "programrun.h"

#include "engine/sparkconf.h"

#include <cmath>
#include <iostream>
#include <optional>

namespace dsl::app {

std::string runUsage()
{
    return "usage: dstreamlab run PROGRAM.py [ARGS...] [--input [PORT=]FILE]... [--drop S:FILE:DIR]... [--faults FILE]\n"
           "                      [--conf KEY=VALUE]... [--strict] [--seconds S] [--type SAMPLE:RATE] [--master local[N]]\n"
           "                      [--start-time 'YYYY-MM-DD HH:MM:SS'] [--seed N] [--metrics FILE.jsonl]\n"
           "                      [--fingerprint] [--task-timeout S] [--memory-limit MB] [--kafka TOPIC=FILE]... [--kafka-partitions TOPIC=N]... [--kafka-retention TOPIC=DURATION]...\n"
           "                      [--real-time [--kafka-listen PORT [--kafka-record DIR]] [--record-input FILE] [--allow-host HOST]...]\n"
           "                      [--listen [ADDR:]PORT [--listen-limit KEY=VALUE]...] [--batch-interval DURATION]\n"
           "                      [--compare 'NAME: OPTIONS' --compare 'NAME: OPTIONS' [--compare 'NAME: OPTIONS']]\n"
           "Runs a PySpark Streaming program on DStream Lab's simulated Spark, like spark-submit.\n"
           "  --master M        overrides the program's master (local, local[N], local[*], local[N,F]: F attempts per task)\n"
           "  --batch-interval D  overrides the interval the program gives StreamingContext: seconds (0.5)\n"
           "                    or a Spark time string (500ms, 2s)\n" +
           labOptionsUsage() + compareUsage() +
           "  --                end of DStream Lab options: the rest goes to the program\n";
}

namespace {

int usageError(const std::string &msg)
{
    std::cerr << "dstreamlab run: " << msg << "\n" << runUsage();
    return 2;
}

/// --batch-interval: plain seconds as StreamingContext(sc, 0.5) takes them, or Spark's "500ms".
std::optional<Duration> parseBatchInterval(const std::string &v)
{
    double s = 0;
    if (parseSeconds(v, s)) {
        const auto ms = std::llround(s * 1000);
        return ms > 0 ? std::optional(Duration(ms)) : std::nullopt;
    }
    try {
        const Duration d = SparkConf::parseTimeAsMs(v, "--batch-interval");
        return d.ms() > 0 ? std::optional(d) : std::nullopt;
    } catch (...) {
        return std::nullopt;
    }
}

} // namespace

int runCommand(const std::vector<std::string> &args)
{
    if (hasCompareOption(args)) return compareCommand(args);
    ProgramRun run;
    bool optionsDone = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &a = args[i];
        if (optionsDone || a.rfind("--", 0) != 0 || (run.program.empty() && a == "-")) {
            if (run.program.empty()) run.program = a;
            else run.programArgs.push_back(a);
            continue;
        }
        std::string error;
        switch (parseLabOption(args, i, run, error)) {
        case OptionParse::Taken: continue;
        case OptionParse::Error: return usageError(error);
        case OptionParse::NotMine: break;
        }
        if (a == "--") {
            optionsDone = true;
        } else if (a == "--master" || a.rfind("--master=", 0) == 0) {
            if (a == "--master" && i + 1 >= args.size()) return usageError("--master needs a master URL such as local[2]");
            run.settings.master = a == "--master" ? args[++i] : a.substr(9);
        } else if (a == "--batch-interval" || a.rfind("--batch-interval=", 0) == 0) {
            // As --master, it replaces what the program passes (RunSettings::batchDuration).
            const bool split = a == "--batch-interval";
            if (split && i + 1 >= args.size()) return usageError("--batch-interval needs a duration such as 0.5 or 500ms");
            const std::string v = split ? args[++i] : a.substr(17);
            const auto d = parseBatchInterval(v);
            if (!d) return usageError("--batch-interval needs a positive duration such as 0.5 or 500ms, not '" + v + "'");
            run.settings.batchDuration = d;
        } else if (a == "--help" || a == "-h") {
            std::cout << runUsage();
            return 0;
        } else if (!run.program.empty()) {
            run.programArgs.push_back(a); // an option of the program itself
        } else {
            return usageError("unknown option " + a);
        }
    }
    if (run.program.empty()) return usageError("no PROGRAM.py given");
    return executeRun(run, usageError);
}

} // namespace dsl::app
