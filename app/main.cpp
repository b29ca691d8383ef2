// dstreamlab: entry point. `dstreamlab run PROGRAM.py ...` and `dstreamlab submit [options]
// PROGRAM.py ...` run a program headless; without a subcommand (and built with the GUI) it opens
// the dashboard.
#include "comparemodelscommand.h"
#include "runcommand.h"
#include "submitcommand.h"
#ifdef DSTREAMLAB_HAVE_LESSONS
#include "lessoncommand.h"
#endif
#ifdef DSTREAMLAB_HAVE_GUI
#include "guimain.h"
#endif

#include <malloc.h>

#include <iostream>
#include <string>
#include <vector>

namespace {
void printUsage()
{
    std::cout << "DStream Lab: a teaching simulator of Spark Streaming (DStreams).\n\n"
              << "usage: dstreamlab run PROGRAM.py [options]   run a PySpark Streaming program headless\n"
              << "       dstreamlab submit [options] PROGRAM.py [ARGS...]   the same with spark-submit's options\n"
#ifdef DSTREAMLAB_HAVE_LESSONS
              << "       dstreamlab lesson list|run|check|exercise ...   the lessons, headless\n"
#endif
              << "       dstreamlab compare-models [options]   micro-batch vs record-at-a-time, simulated\n"
              << "       dstreamlab --help\n\n"
              << dsl::app::runUsage() << "\n"
              << dsl::app::submitUsage() << "\n"
              << dsl::app::compareModelsUsage();
#ifdef DSTREAMLAB_HAVE_LESSONS
    std::cout << "\n" << dsl::app::lessonUsage();
#endif
#ifdef DSTREAMLAB_HAVE_GUI
    std::cout << "\n" << dsl::app::guiUsage();
#endif
}
} // namespace

int main(int argc, char **argv)
{
    // Batches allocate and free large record vectors; glibc would hand each one back to the
    // kernel (mmap/munmap) and fault the pages in again next batch. Keep them in the heap.
    mallopt(M_MMAP_THRESHOLD, 256 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024);
    std::vector<std::string> args(argv + 1, argv + argc);
#ifdef DSTREAMLAB_HAVE_GUI
    // No subcommand: the dashboard (`dstreamlab`, `dstreamlab PROGRAM.py`, `--screenshot ...`).
    const auto isProgram = [](const std::string &a) { return a.size() > 3 && a.compare(a.size() - 3, 3, ".py") == 0; };
    if (args.empty() || isProgram(args[0]) || (args[0].rfind("--", 0) == 0 && args[0] != "--help"))
        return dsl::app::runGui(argc, argv);
#endif
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        printUsage();
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "run") return dsl::app::runCommand({args.begin() + 1, args.end()});
    if (args[0] == "submit") return dsl::app::submitCommand({args.begin() + 1, args.end()});
    if (args[0] == "compare-models") return dsl::app::compareModelsCommand({args.begin() + 1, args.end()});
#ifdef DSTREAMLAB_HAVE_LESSONS
    if (args[0] == "lesson") return dsl::app::lessonCommand({args.begin() + 1, args.end()});
#endif
    std::cerr << "dstreamlab: unknown command '" << args[0] << "'\n";
    printUsage();
    return 2;
}
