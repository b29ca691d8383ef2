// Fuzz harness: `run --input` scripts (engine/inputscript.h parseInputScript), and the writers
// that must read back exactly.
#include "fuzzharness.h"

#include "engine/inputscript.h"

#include <algorithm>

namespace dsl::fuzz {

namespace {

bool sameLine(const ScriptLine &a, const ScriptLine &b)
{
    return a.offset == b.offset && a.text == b.text && a.path == b.path && a.topic == b.topic && a.key == b.key;
}

/// Writes a record with the writer meant for it. Plain socket lines are written as they are (no
/// escapes, inputscript.h), so a text ending in '\r' cannot come back: false for those.
bool write(std::string &out, const ScriptLine &l)
{
    if (l.isFile()) {
        appendScriptFile(out, l.offset, l.path, l.text);
    } else if (l.isKafka()) {
        appendScriptKafka(out, l.offset, l.topic, l.key, l.text);
    } else {
        if (!l.text.empty() && l.text.back() == '\r') return false;
        appendScriptLine(out, l.offset, l.text);
    }
    return true;
}

} // namespace

int fuzzInputScript(const std::uint8_t *data, std::size_t size)
{
    const std::string_view content(reinterpret_cast<const char *>(data), size);
    std::vector<ScriptLine> lines;
    std::string error;
    // Documented: false and a message on bad input; it throws nothing.
    if (!parseInputScript(content, lines, error)) {
        FUZZ_CHECK(error.starts_with("line "), "error: " + printable(error));
        return 0;
    }
    FUZZ_CHECK(error.empty(), "error set on success: " + printable(error));
    std::string again;
    std::vector<ScriptLine> expected;
    for (const ScriptLine &l : lines) {
        // SECONDS is finite and >= 0: a record's time is never before the run's start.
        FUZZ_CHECK(l.offset.ms() >= 0, "negative offset " + std::to_string(l.offset.ms()) + " from " + printable(content));
        FUZZ_CHECK(!(l.isFile() && l.isKafka()), "a record both file and Kafka message");
        if (l.isKafka()) FUZZ_CHECK(kafkaTopicError(l.topic).empty(), "accepted topic " + printable(l.topic));
        if (write(again, l)) expected.push_back(l);
    }
    std::vector<ScriptLine> reread;
    FUZZ_CHECK(parseInputScript(again, reread, error), "written script does not parse: " + printable(error));
    FUZZ_CHECK(reread.size() == expected.size(),
               "re-read " + std::to_string(reread.size()) + " records of " + std::to_string(expected.size()));
    for (std::size_t i = 0; i < expected.size(); ++i)
        FUZZ_CHECK(sameLine(reread[i], expected[i]), "record " + std::to_string(i) + " differs after writing: " +
                                                         printable(again));
    return 0;
}

} // namespace dsl::fuzz
