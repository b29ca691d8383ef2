// libFuzzer entry point of the sqltranslate harness (harness_sqltranslate.cpp, docs/fuzzing.md).
#include "fuzzharness.h"

// The embedded interpreter lives until the process ends and keeps its objects (interned strings,
// module dicts, the re cache): LeakSanitizer would report them at exit. They are not leaks of the
// translation, whose Python objects LeakSanitizer cannot see anyway.
extern "C" const char *__asan_default_options()
{
    return "detect_leaks=0";
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    return dsl::fuzz::fuzzSqlTranslate(data, size);
}
