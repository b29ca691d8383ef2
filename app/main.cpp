// dstreamlab: entry point. `dstreamlab run PROGRAM.py ...` runs a program headless.
#include "runcommand.h"

#include <malloc.h>

#include <iostream>
#include <string>
#include <vector>

namespace {
void printUsage()
{
    std::cout << "DStream Lab: a teaching simulator of Spark Streaming (DStreams).\n\n"
              << "usage: dstreamlab run PROGRAM.py [options]   run a PySpark Streaming program headless\n"
              << "       dstreamlab --help\n\n"
              << dsl::app::runUsage();
}
} // namespace

int main(int argc, char **argv)
{
    // Batches allocate and free large record vectors; glibc would hand each one back to the
    // kernel (mmap/munmap) and fault the pages in again next batch. Keep them in the heap.
    mallopt(M_MMAP_THRESHOLD, 256 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024);
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        printUsage();
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "run") return dsl::app::runCommand({args.begin() + 1, args.end()});
    std::cerr << "dstreamlab: unknown command '" << args[0] << "'\n";
    printUsage();
    return 2;
}
