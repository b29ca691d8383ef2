// MetricsWriter: one JSON object per completed batch (Spark's BatchInfo) for --metrics.
#pragma once

#include "engine/observer.h"

#include <ostream>

namespace dsl::app {

/// Writes each completed BatchInfo as a JSON line, field names as Spark's BatchInfo.
class MetricsWriter : public SimulationObserver {
public:
    explicit MetricsWriter(std::ostream &out) : m_out(out) {}
    void onBatchCompleted(const BatchInfo &b) override;
    /// The JSON text of one batch (no newline).
    static std::string toJson(const BatchInfo &b);

private:
    std::ostream &m_out;
};

} // namespace dsl::app
