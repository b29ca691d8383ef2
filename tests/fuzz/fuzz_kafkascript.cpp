// libFuzzer entry point of the kafkascript harness (harness_kafkascript.cpp, docs/fuzzing.md).
#include "fuzzharness.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    return dsl::fuzz::fuzzKafkaScript(data, size);
}
