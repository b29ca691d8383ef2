// AutoTyper: the nc panel's demo load — sample lines (English, Chinese, Zipf) at a rate, in simulated time.
#pragma once

#include <cstdint>
#include <string>

namespace dsl::session {

/// What the auto-typer sends: a sample text and a rate. Line k (k = 0, 1, ...) of a run started
/// at simulated time T0 arrives at T0 + arrivalOffsetMs(k) and says line(k): both depend on
/// the spec and k only, never on wall-clock timers, so a replay gets exactly the same input.
struct AutoTyperSpec {
    enum class Sample { English, Chinese, Zipf };
    Sample sample = Sample::English;
    double linesPerSecond = 10.0;   ///< kMinRate .. kMaxRate
    std::uint64_t seed = 1;         ///< the Zipf generator's seed (samples pick lines by it too)
    bool operator==(const AutoTyperSpec &) const = default;

    static constexpr double kMinRate = 0.5;
    static constexpr double kMaxRate = 2000.0;
    bool isValid() const { return linesPerSecond >= kMinRate && linesPerSecond <= kMaxRate; }
};

/// The generator: pure functions of (spec, k).
class AutoTyper {
public:
    /// Milliseconds from the run's first line to line k: floor(k * 1000 / rate).
    static std::int64_t arrivalOffsetMs(const AutoTyperSpec &spec, std::uint64_t k);
    /// The text of line k. English and Chinese pick one of their sample sentences (seeded, per
    /// line); Zipf draws 3..8 words from a 1000-word vocabulary where word r
    /// (rank 1..1000) has probability proportional to 1/r. Words are separated by one space.
    static std::string line(const AutoTyperSpec &spec, std::uint64_t k);
    /// Number of sample sentences of a sample text (0 for Zipf).
    static std::size_t sampleSize(AutoTyperSpec::Sample sample);
    /// The Zipf vocabulary's word of rank r (1-based): "w1", "w2", ...
    static std::string zipfWord(int rank);
    static constexpr int kZipfVocabulary = 1000;
};

} // namespace dsl::session
