// Fuzz harness: `--kafka TOPIC=FILE` message files (engine/inputscript.h parseKafkaScript), and
// appendKafkaScriptLine, which the recorder writes and which must read back exactly.
#include "fuzzharness.h"

#include "engine/inputscript.h"

namespace dsl::fuzz {

int fuzzKafkaScript(const std::uint8_t *data, std::size_t size)
{
    const std::string_view content(reinterpret_cast<const char *>(data), size);
    std::vector<KafkaScriptLine> lines;
    std::string error;
    if (!parseKafkaScript(content, lines, error)) {
        FUZZ_CHECK(error.starts_with("line "), "error: " + printable(error));
        return 0;
    }
    std::string again;
    for (const KafkaScriptLine &l : lines) {
        FUZZ_CHECK(l.offset.ms() >= 0, "negative offset " + std::to_string(l.offset.ms()) + " from " + printable(content));
        appendKafkaScriptLine(again, l.offset, l.key, l.value);
    }
    std::vector<KafkaScriptLine> reread;
    FUZZ_CHECK(parseKafkaScript(again, reread, error), "written script does not parse: " + printable(error));
    FUZZ_CHECK(reread.size() == lines.size(), "re-read " + std::to_string(reread.size()) + " of " +
                                                  std::to_string(lines.size()) + " messages");
    for (std::size_t i = 0; i < lines.size(); ++i)
        FUZZ_CHECK(reread[i].offset == lines[i].offset && reread[i].key == lines[i].key &&
                       reread[i].value == lines[i].value,
                   "message " + std::to_string(i) + " differs after writing: " + printable(again));
    return 0;
}

} // namespace dsl::fuzz
