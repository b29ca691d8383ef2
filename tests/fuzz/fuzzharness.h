// The fuzz harnesses: one plain function per target, called by its libFuzzer entry point
// (fuzz_NAME.cpp) and by tst_fuzzregressions (docs/fuzzing.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace dsl::fuzz {

/// Each takes any bytes and returns 0; a broken invariant aborts with a message on stderr (so
/// libFuzzer keeps the input as a crash), and an exception other than the parser's documented
/// error type escapes (libFuzzer reports it; Qt Test fails the row).
int fuzzInputScript(const std::uint8_t *data, std::size_t size);
int fuzzKafkaScript(const std::uint8_t *data, std::size_t size);
int fuzzFaults(const std::uint8_t *data, std::size_t size);
int fuzzLesson(const std::uint8_t *data, std::size_t size);
int fuzzJournal(const std::uint8_t *data, std::size_t size);
int fuzzCheckpoint(const std::uint8_t *data, std::size_t size);
int fuzzLineFramer(const std::uint8_t *data, std::size_t size);
int fuzzSqlTranslate(const std::uint8_t *data, std::size_t size);
int fuzzValue(const std::uint8_t *data, std::size_t size);

/// Prints "fuzz invariant broken at FILE:LINE: CONDITION (WHAT)" and aborts.
[[noreturn]] void fail(const char *file, int line, const char *condition, const std::string &what);

/// A per-process scratch folder (created on first use, removed at exit) for harnesses that must
/// go through files.
const std::string &scratchDir();

/// Bytes as printable text for a message: at most 200 of them, others as \xNN.
std::string printable(std::string_view bytes);

} // namespace dsl::fuzz

#define FUZZ_CHECK(cond, what)                                                                                          \
    do {                                                                                                                \
        if (!(cond)) ::dsl::fuzz::fail(__FILE__, __LINE__, #cond, (what));                                             \
    } while (0)
