// MetricsWriter: one JSON object per completed batch (Spark's BatchInfo) for --metrics.
#pragma once

#include "engine/observer.h"
#include "engine/simulation.h"

#include <ostream>

namespace dsl::app {

/// Writes each completed BatchInfo as a JSON line, field names as Spark's BatchInfo.
class MetricsWriter : public SimulationObserver {
public:
    /// With `sim`, each line also gets "stateMetrics": the state metrics of the batch for every
    /// updateStateByKey / mapWithState stream of the active StreamingContext.
    explicit MetricsWriter(std::ostream &out, Simulation *sim = nullptr) : m_out(out), m_sim(sim) {}
    void onBatchCompleted(const BatchInfo &b) override;
    /// The JSON text of one batch (no newline).
    static std::string toJson(const BatchInfo &b);

private:
    std::ostream &m_out;
    Simulation *m_sim;
};

} // namespace dsl::app
