// Fuzz harness: `--faults FILE` (engine/faults.h parseFaultScript, parseFaultAction).
#include "fuzzharness.h"

#include "engine/faults.h"

namespace dsl::fuzz {

int fuzzFaults(const std::uint8_t *data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);
    std::vector<FaultLine> lines;
    std::string error;
    if (!parseFaultScript(text, "fuzz.tsv", lines, error)) {
        FUZZ_CHECK(error.starts_with("fuzz.tsv line "), "error: " + printable(error));
        return 0;
    }
    for (const FaultLine &l : lines) {
        FUZZ_CHECK(l.offset.ms() >= 0, "negative offset " + std::to_string(l.offset.ms()) + " from " + printable(text));
        // The action as the trace writes it reads back as the same action (a slow-executor's
        // factor is printed with 6 digits, so compare the texts, not the factors).
        const std::string action = faultActionText(l.fault);
        Fault again;
        FUZZ_CHECK(parseFaultAction(action, "again", again, error), "'" + action + "' does not parse: " + error);
        FUZZ_CHECK(faultActionText(again) == action, "'" + action + "' reads back as '" + faultActionText(again) + "'");
        FUZZ_CHECK(l.fault.index() == again.index(), "'" + action + "' changes kind");
        if (const auto *c = std::get_if<ClusterFault>(&l.fault)) {
            FUZZ_CHECK(c->target >= 0, "negative target in '" + action + "'");
            FUZZ_CHECK(c->factor >= 1 && c->factor <= 1000, "factor out of 1..1000 in '" + action + "'");
        }
    }
    return 0;
}

} // namespace dsl::fuzz
