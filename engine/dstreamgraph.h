// DStreamGraph: the program's input and output streams; generates jobs and clears metadata.
#pragma once

#include "dstream.h"

#include <optional>
#include <vector>

namespace dsl {

class InputDStream;
class ForEachDStream;

/// Spark's DStreamGraph (streaming/DStreamGraph.scala).
class DStreamGraph {
public:
    void addInputStream(std::shared_ptr<InputDStream> s) { m_inputs.push_back(std::move(s)); }
    void addOutputStream(std::shared_ptr<ForEachDStream> s);
    const std::vector<std::shared_ptr<InputDStream>> &inputStreams() const { return m_inputs; }
    const std::vector<std::shared_ptr<ForEachDStream>> &outputStreams() const { return m_outputs; }
    /// Every stream reachable from the outputs, parents before children, each once.
    std::vector<DStreamPtr> allStreams() const;

    void setBatchDuration(Duration d) { m_batchDuration = d; }
    Duration batchDuration() const { return m_batchDuration; }
    /// ssc.remember: "Remember duration already set as ... Cannot set it again."
    void setRememberDuration(Duration d);
    std::optional<Duration> rememberDuration() const { return m_remember; }

    /// DStreamGraph.validate: outputs registered, then each output's validateAtStart.
    void validate();
    /// DStreamGraph.start: zeroTime for every output chain, remember durations.
    void start(SimTime zeroTime);
    std::optional<SimTime> zeroTime() const { return m_zeroTime; }
    std::optional<SimTime> startTime() const { return m_startTime; }
    /// One job per output stream that has an RDD at time (definition order).
    std::vector<StreamingJob> generateJobs(SimTime time);
    void clearMetadata(SimTime time);

private:
    std::vector<std::shared_ptr<InputDStream>> m_inputs;
    std::vector<std::shared_ptr<ForEachDStream>> m_outputs;
    Duration m_batchDuration{0};
    std::optional<Duration> m_remember;
    std::optional<SimTime> m_zeroTime;
    std::optional<SimTime> m_startTime;
};

} // namespace dsl
