// libFuzzer entry point of the lineframer harness (harness_lineframer.cpp, docs/fuzzing.md).
#include "fuzzharness.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    return dsl::fuzz::fuzzLineFramer(data, size);
}
