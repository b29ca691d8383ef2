// LiveKafka: what `dstreamlab run --real-time --kafka-listen PORT` adds to a run: the listener
// real clients produce to, the recorder, feeding what arrives into the simulation from the
// real-time pacer, and the `--kafka` options printed at the end that replay the run exactly.
#pragma once

#include "kafkalistener.h"
#include "kafkarecorder.h"

#include "engine/simtime.h"

#include <optional>
#include <string>

namespace dsl {
class Simulation;
}

namespace dsl::app {

struct ProgramRun;
class RealTimePacer;

class LiveKafka {
public:
    /// The recorder's folder: run.kafkaRecordDir, or a new one in the app's data folder.
    explicit LiveKafka(const ProgramRun &run, SimTime start);
    /// Makes the recording folder, starts the mock cluster with the run's topics (their
    /// --kafka-partitions, 1 by default) and listens on 127.0.0.1:PORT; says so on stderr.
    /// False with `error` ("127.0.0.1:9092 is in use: ...").
    bool start(std::string &error);
    /// On the engine's thread, between two pacer slices: every message that has arrived is
    /// produced to the simulated broker at pacer.arrivalTime() (placed by its key as the
    /// simulated broker places any message, see docs/pyspark-api.md) and recorded at the same
    /// time; notes go to stderr.
    void feed(Simulation &sim, const RealTimePacer &pacer);
    /// Stops the listener (every thread ends) and prints how to replay the run: the options
    /// with the time the run ended at (--seconds, or where a Ctrl-C ended it: `interruptedAt`).
    void finish(std::optional<SimTime> interruptedAt);

private:
    void printNotes();

    const ProgramRun &m_run;
    SimTime m_start;
    KafkaRecorder m_recorder;
    KafkaListener m_listener;
    bool m_recordFailed = false;
    bool m_finished = false;
};

} // namespace dsl::app
