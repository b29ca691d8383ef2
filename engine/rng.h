// The simulation's only source of randomness: a seeded xoshiro256** generator.
#pragma once

#include <cstdint>

namespace dsl {

/// Deterministic RNG owned by the Simulation. Only timing jitter and placement choices draw from
/// it, never results: a different seed changes when things happen, not what is computed.
class Rng {
public:
    explicit Rng(std::uint64_t seed = 42) { reseed(seed); }
    void reseed(std::uint64_t seed)
    {
        std::uint64_t x = seed;
        for (auto &s : m_s) {
            // splitmix64 to spread the seed over the state
            x += 0x9e3779b97f4a7c15ULL;
            std::uint64_t z = x;
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
            s = z ^ (z >> 31);
        }
    }
    std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
        const std::uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }
    /// Uniform in [0, 1).
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    /// Uniform integer in [0, n).
    std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : next() % n; }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t m_s[4];
};

} // namespace dsl
