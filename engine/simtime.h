// Simulated time for the engine: int64 milliseconds since the Unix epoch, never double.
#pragma once

#include <compare>
#include <cstdint>
#include <string>

namespace dsl {

/// A span of simulated time in whole milliseconds (Spark's `Duration`).
class Duration {
public:
    constexpr Duration() = default;
    constexpr explicit Duration(std::int64_t ms) : m_ms(ms) {}
    constexpr std::int64_t ms() const { return m_ms; }
    constexpr bool isZero() const { return m_ms == 0; }
    /// Spark's Duration.isMultipleOf: `millis % that.millis == 0` (that must be non-zero).
    constexpr bool isMultipleOf(Duration d) const { return d.m_ms != 0 && m_ms % d.m_ms == 0; }
    constexpr Duration operator+(Duration o) const { return Duration(m_ms + o.m_ms); }
    constexpr Duration operator-(Duration o) const { return Duration(m_ms - o.m_ms); }
    constexpr Duration operator*(std::int64_t k) const { return Duration(m_ms * k); }
    constexpr std::int64_t operator/(Duration o) const { return m_ms / o.m_ms; }
    constexpr Duration &operator+=(Duration o) { m_ms += o.m_ms; return *this; }
    constexpr auto operator<=>(const Duration &) const = default;
    /// Spark's Duration.toString: "<ms> ms".
    std::string toString() const { return std::to_string(m_ms) + " ms"; }

private:
    std::int64_t m_ms = 0;
};

/// A point of simulated time, ms since the Unix epoch (Spark's `Time`).
class SimTime {
public:
    constexpr SimTime() = default;
    constexpr explicit SimTime(std::int64_t ms) : m_ms(ms) {}
    constexpr std::int64_t ms() const { return m_ms; }
    constexpr SimTime operator+(Duration d) const { return SimTime(m_ms + d.ms()); }
    constexpr SimTime operator-(Duration d) const { return SimTime(m_ms - d.ms()); }
    constexpr Duration operator-(SimTime o) const { return Duration(m_ms - o.m_ms); }
    constexpr SimTime &operator+=(Duration d) { m_ms += d.ms(); return *this; }
    constexpr auto operator<=>(const SimTime &) const = default;
    /// Spark's Time.floor: the latest multiple of d at or before this time.
    constexpr SimTime floor(Duration d) const {
        std::int64_t q = m_ms / d.ms();
        if (m_ms % d.ms() < 0) --q;
        return SimTime(q * d.ms());
    }
    /// Spark's Time.toString: "<ms> ms".
    std::string toString() const { return std::to_string(m_ms) + " ms"; }

private:
    std::int64_t m_ms = 0;
};

inline namespace literals {
constexpr Duration operator""_ms(unsigned long long v) { return Duration(static_cast<std::int64_t>(v)); }
constexpr Duration operator""_s(unsigned long long v) { return Duration(static_cast<std::int64_t>(v) * 1000); }
constexpr Duration operator""_min(unsigned long long v) { return Duration(static_cast<std::int64_t>(v) * 60000); }
} // namespace literals

} // namespace dsl
