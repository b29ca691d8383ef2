// KafkaClientFeed: KafkaListener's messages into the session as the nc panel's ProduceKafka commands.
#include "kafkaclientfeed.h"

#include "app/session/runsnapshot.h"
#include "ui/simulationcontroller.h"

#include <QTimer>

#include <algorithm>
#include <iostream>

namespace dsl::app {

KafkaClientFeed::KafkaClientFeed(ui::SimulationController *controller, QObject *parent)
    : ui::KafkaClientListener(parent), m_controller(controller), m_timer(new QTimer(this))
{
    m_timer->setInterval(kPollMs);
    connect(m_timer, &QTimer::timeout, this, &KafkaClientFeed::poll);
}

KafkaClientFeed::~KafkaClientFeed()
{
    m_timer->stop();
    m_listener.stop(); // every thread joined before the controller it feeds goes
}

std::map<std::string, int> KafkaClientFeed::topics() const
{
    std::map<std::string, int> out;
    for (const auto &[topic, n] : m_controller->driver()->options().kafkaPartitions) out[topic.toStdString()] = n;
    const ui::RunSnapshotPtr &s = m_controller->snapshot();
    if (!s) return out;
    for (const auto &st : s->streams)
        for (const std::string &t : st.kafkaTopics) out.emplace(t, 1);
    for (auto &[topic, n] : out) {
        // The newest batch that read the topic knows its partitions (a lesson may have set them).
        int seen = 0;
        for (auto it = s->batches.rbegin(); it != s->batches.rend() && seen == 0; ++it)
            if (it->second && it->second->kafka)
                for (const auto &p : *it->second->kafka)
                    if (p.topic == topic) seen = std::max(seen, p.partition + 1);
        if (seen > 0) n = seen;
    }
    return out;
}

bool KafkaClientFeed::listen(int port, QString *error)
{
    close();
    std::string why;
    if (port <= 0 || port > 65535) why = "the port must be from 1 to 65535";
    else if (!m_listener.start(port, topics(), why)) m_listener.stop();
    if (!why.empty()) {
        if (error) *error = QString::fromStdString(why);
        return false;
    }
    m_port = port;
    m_messages = 0;
    m_timer->start();
    emit changed();
    return true;
}

void KafkaClientFeed::close()
{
    if (!isListening()) return;
    m_timer->stop();
    poll(); // what arrived before the stop still goes in
    m_listener.stop();
    poll();
    m_port = 0;
    emit changed();
}

void KafkaClientFeed::poll()
{
    std::size_t taken = 0;
    for (ReceivedKafkaMessage &m : m_listener.take()) {
        // As the nc panel's Kafka target sends a typed message (NcInputPanel::onLineEntered).
        ui::command::ProduceKafka c{QString::fromStdString(m.topic),
                                    m.key ? std::optional<QString>(QString::fromStdString(*m.key)) : std::nullopt,
                                    QString::fromStdString(m.value)};
        if (!c.isValid()) {
            emit note(tr("A message to topic '%1' was not taken: the simulated broker refuses that topic name")
                          .arg(c.topic));
            continue;
        }
        m_controller->execute(c);
        ++taken;
    }
    for (const std::string &n : m_listener.takeNotes()) {
        std::cerr << "DStream Lab: " << n << "\n";
        emit note(QString::fromStdString(n));
    }
    if (taken == 0) return;
    m_messages += taken;
    emit changed();
}

} // namespace dsl::app
