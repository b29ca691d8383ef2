// libFuzzer entry point of the inputscript harness (harness_inputscript.cpp, docs/fuzzing.md).
#include "fuzzharness.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    return dsl::fuzz::fuzzInputScript(data, size);
}
