// Fuzz harness: checkpoint files (engine/checkpoint.h): the Value encoding of state RDDs, and
// CheckpointFiles::readLatest over a metadata file and a state file made of the input.
#include "fuzzharness.h"

#include "engine/checkpoint.h"
#include "engine/errors.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace dsl::fuzz {

namespace {

constexpr std::string_view kStateMagic = "DSTREAMLAB-STATE-1\n";

/// Every value the bytes decode to: encoding it again gives bytes that decode to a value with
/// the same encoding (a decoded value is already in its one canonical form).
void decodeValues(std::string_view bytes)
{
    const char *p = bytes.data(), *end = bytes.data() + bytes.size();
    while (p < end) {
        Value v;
        try {
            v = CheckpointFiles::deserialize(p, end); // documented: std::runtime_error on bad input
        } catch (const std::runtime_error &) {
            return;
        }
        FUZZ_CHECK(p <= end, "read past the end");
        std::string once, twice;
        CheckpointFiles::serialize(v, once);
        const char *q = once.data();
        const Value again = CheckpointFiles::deserialize(q, once.data() + once.size());
        FUZZ_CHECK(q == once.data() + once.size(), "a value's encoding is not read to its end");
        CheckpointFiles::serialize(again, twice);
        FUZZ_CHECK(once == twice, "encoding changes on a second round: " + printable(once) + " vs " + printable(twice));
    }
}

void writeFile(const std::filesystem::path &path, std::string_view bytes)
{
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    FUZZ_CHECK(f.good(), "cannot write " + path.string());
}

} // namespace

int fuzzCheckpoint(const std::uint8_t *data, std::size_t size)
{
    const std::string_view bytes(reinterpret_cast<const char *>(data), size);
    decodeValues(bytes);

    // The metadata file is the input up to a state file's magic; from there on is the state file
    // that stream 0 and stream 1 checkpointed at 1000 ms (the seeds name those).
    namespace fs = std::filesystem;
    const fs::path dir = fs::path(scratchDir()) / "checkpoint";
    std::error_code ec;
    fs::remove_all(dir, ec);
    fs::create_directories(dir, ec);
    const auto cut = bytes.find(kStateMagic);
    // Named after the batch time it holds (the 8 bytes after the 24-byte magic), as the writer
    // names it, so that the reader goes on past that check.
    std::int64_t time = 1000;
    if (bytes.size() >= 32) {
        std::uint64_t t = 0;
        for (int i = 0; i < 8; ++i) t |= std::uint64_t(static_cast<unsigned char>(bytes[24 + i])) << (8 * i);
        if (static_cast<std::int64_t>(t) >= 0) time = static_cast<std::int64_t>(t);
    }
    writeFile(dir / ("checkpoint-" + std::to_string(time)), bytes.substr(0, cut));
    if (cut != std::string_view::npos) {
        writeFile(dir / "state-0-1000", bytes.substr(cut));
        writeFile(dir / "state-1-1000", bytes.substr(cut));
    }
    std::optional<CheckpointData> read;
    try {
        read = CheckpointFiles::readLatest(dir.string());
    } catch (const SparkException &e) {
        // Documented: "Failed to read checkpoint from directory DIR" with the cause.
        FUZZ_CHECK(std::string_view(e.what()).find("Failed to read checkpoint from directory") != std::string_view::npos,
                   e.what());
        return 0;
    }
    FUZZ_CHECK(read.has_value(), "no checkpoint although checkpoint-1000 exists");

    // What was read writes and reads back the same.
    const fs::path dir2 = fs::path(scratchDir()) / "checkpoint-again";
    fs::remove_all(dir2, ec);
    for (const auto &[index, parts] : read->states)
        CheckpointFiles::writeState(dir2.string(), index, read->stateTimes.at(index), parts);
    CheckpointFiles::write(dir2.string(), *read);
    const auto back = CheckpointFiles::readLatest(dir2.string());
    FUZZ_CHECK(back.has_value(), "a written checkpoint is not found");
    FUZZ_CHECK(back->batchTime == read->batchTime && back->batchDuration == read->batchDuration &&
                   back->zeroTime == read->zeroTime && back->graph == read->graph &&
                   back->pendingTimes == read->pendingTimes && back->stateTimes == read->stateTimes &&
                   back->kafka == read->kafka,
               "a checkpoint reads back different");
    FUZZ_CHECK(back->states.size() == read->states.size(), "state streams differ after writing");
    for (const auto &[index, parts] : read->states) {
        const auto &other = back->states.at(index);
        FUZZ_CHECK(other.size() == parts.size(), "partition count differs after writing");
        for (std::size_t i = 0; i < parts.size(); ++i) {
            std::string a, b;
            for (const Value &v : parts[i]) CheckpointFiles::serialize(v, a);
            for (const Value &v : other[i]) CheckpointFiles::serialize(v, b);
            FUZZ_CHECK(a == b, "state records differ after writing");
        }
    }
    return 0;
}

} // namespace dsl::fuzz
