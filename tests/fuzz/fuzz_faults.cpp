// libFuzzer entry point of the faults harness (harness_faults.cpp, docs/fuzzing.md).
#include "fuzzharness.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    return dsl::fuzz::fuzzFaults(data, size);
}
