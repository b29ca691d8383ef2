// KafkaClientFeed: the dashboard's `--kafka-listen PORT` — real Kafka clients produce into the
// session as if each message had been typed into the nc panel with a topic as its target.
#pragma once

#include "kafkalistener.h"

#include "ui/kafkaclientlistener.h"

#include <map>
#include <string>

class QTimer;

namespace dsl::ui {
class SimulationController;
}

namespace dsl::app {

/// A KafkaListener (librdkafka's mock cluster behind 127.0.0.1:PORT, app/kafkalistener.h) whose
/// messages the GUI thread takes every 50 ms and sends through the controller as the ProduceKafka
/// command the nc panel sends: into the input log at the current simulated time, journaled, seen
/// by replays and step back like a typed message. The simulated broker places each by its key, as
/// `dstreamlab run --kafka-listen` does. Its threads end on close() and in the destructor.
class KafkaClientFeed : public ui::KafkaClientListener {
    Q_OBJECT
public:
    explicit KafkaClientFeed(ui::SimulationController *controller, QObject *parent = nullptr);
    ~KafkaClientFeed() override;

    /// The mock cluster gets the topics the session knows (`topics()`) with their partitions.
    bool listen(int port, QString *error) override;
    void close() override;
    bool isListening() const override { return m_port != 0; }
    int port() const override { return m_port; }
    std::size_t messages() const override { return m_messages; }

    /// The program's Kafka topics (its direct streams' topics and --kafka-partitions) with their
    /// partitions as the run knows them: the newest batch that read them, else the settings,
    /// else Kafka's default of one. A topic a client produces to first is created then.
    std::map<std::string, int> topics() const;

    /// Takes what has arrived now (the timer's work; tests call it to not wait 50 ms).
    void poll();

    static constexpr int kPollMs = 50;

private:
    ui::SimulationController *m_controller;
    KafkaListener m_listener;
    QTimer *m_timer;
    int m_port = 0;
    std::size_t m_messages = 0;
};

} // namespace dsl::app
