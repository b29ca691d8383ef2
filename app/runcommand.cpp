// `dstreamlab run`: DStream Lab's own way to run a program (simulation options, --master override).
#include "runcommand.h"

#include "programrun.h"

#include <iostream>

namespace dsl::app {

std::string runUsage()
{
    return "usage: dstreamlab run PROGRAM.py [ARGS...] [--input [PORT=]FILE]... [--drop S:FILE:DIR]... [--faults FILE]\n"
           "                      [--conf KEY=VALUE]... [--strict] [--seconds S] [--master local[N]]\n"
           "                      [--start-time 'YYYY-MM-DD HH:MM:SS'] [--seed N] [--metrics FILE.jsonl]\n"
           "                      [--fingerprint] [--task-timeout S] [--kafka TOPIC=FILE]... [--kafka-partitions TOPIC=N]... [--kafka-retention TOPIC=DURATION]...\n"
           "                      [--real-time [--kafka-listen PORT [--kafka-record DIR]]]\n"
           "Runs a PySpark Streaming program on DStream Lab's simulated Spark, like spark-submit.\n"
           "  --master M        overrides the program's master (local, local[N], local[*], local[N,F]: F attempts per task)\n" +
           labOptionsUsage() +
           "  --                end of DStream Lab options: the rest goes to the program\n";
}

namespace {

int usageError(const std::string &msg)
{
    std::cerr << "dstreamlab run: " << msg << "\n" << runUsage();
    return 2;
}

} // namespace

int runCommand(const std::vector<std::string> &args)
{
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
