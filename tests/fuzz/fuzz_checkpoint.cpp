// libFuzzer entry point of the checkpoint harness (harness_checkpoint.cpp, docs/fuzzing.md).
#include "fuzzharness.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    return dsl::fuzz::fuzzCheckpoint(data, size);
}
