// libFuzzer entry point of the lesson harness (harness_lesson.cpp, docs/fuzzing.md).
#include "fuzzharness.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    return dsl::fuzz::fuzzLesson(data, size);
}
