// AutoTyper: the nc panel's demo load — sample lines (English, Chinese, Zipf) at a rate, in simulated time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace dsl::session {

/// What the auto-typer sends: a sample text and a rate. Line k (k = 0, 1, ...) of a run started
/// at simulated time T0 arrives at T0 + arrivalOffsetMs(k) and says line(k): both depend on
/// the spec and k only, never on wall-clock timers, so a replay gets exactly the same input.
///
/// With a topic it is the auto-producer: line k becomes a message produced to that Kafka topic
/// (keyed "user-(k mod kKeys)" when `keyed`, else a null key), and the rate is per partition of
/// the topic, so `partitions * linesPerSecond` messages arrive per second in all.
struct AutoTyperSpec {
    enum class Sample { English, Chinese, Zipf };
    Sample sample = Sample::English;
    double linesPerSecond = 10.0;   ///< kMinRate .. kMaxRate (a topic: per partition, see totalRate)
    std::uint64_t seed = 1;         ///< the Zipf generator's seed (samples pick lines by it too)
    std::string topic;              ///< empty: socket lines; else the Kafka topic messages go to
    int partitions = 1;             ///< a topic: its partition count when the producer started
    bool keyed = false;             ///< a topic: messages carry key(k), spread by Kafka's partitioner
    bool operator==(const AutoTyperSpec &) const = default;

    static constexpr double kMinRate = 0.5;
    static constexpr double kMaxRate = 2000.0;
    /// The auto-producer's bounds: per partition, and of partitions (the total stays <= kMaxRate).
    static constexpr double kMaxRatePerPartition = 100.0;
    static constexpr int kMaxPartitions = 1000;
    static constexpr int kKeys = 10;
    bool isKafka() const { return !topic.empty(); }
    /// Lines (messages) per second in all: the rate, times the partitions for a topic.
    double totalRate() const { return isKafka() ? linesPerSecond * partitions : linesPerSecond; }
    bool isValid() const
    {
        if (!isKafka()) return linesPerSecond >= kMinRate && linesPerSecond <= kMaxRate;
        return partitions >= 1 && partitions <= kMaxPartitions && linesPerSecond >= kMinRate &&
               linesPerSecond <= kMaxRatePerPartition && totalRate() <= kMaxRate;
    }
};

/// The generator: pure functions of (spec, k).
class AutoTyper {
public:
    /// Milliseconds from the run's first line to line k: floor(k * 1000 / totalRate).
    static std::int64_t arrivalOffsetMs(const AutoTyperSpec &spec, std::uint64_t k);
    /// The text of line k. English and Chinese pick one of their sample sentences (seeded, per
    /// line); Zipf draws 3..8 words from a 1000-word vocabulary where word r
    /// (rank 1..1000) has probability proportional to 1/r. Words are separated by one space.
    static std::string line(const AutoTyperSpec &spec, std::uint64_t k);
    /// The key of message k of an auto-producer: "user-(k mod kKeys)" when keyed, else nullopt.
    static std::optional<std::string> key(const AutoTyperSpec &spec, std::uint64_t k);
    /// Number of sample sentences of a sample text (0 for Zipf).
    static std::size_t sampleSize(AutoTyperSpec::Sample sample);
    /// The Zipf vocabulary's word of rank r (1-based): "w1", "w2", ...
    static std::string zipfWord(int rank);
    static constexpr int kZipfVocabulary = 1000;
};

} // namespace dsl::session
