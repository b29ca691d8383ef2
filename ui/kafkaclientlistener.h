// KafkaClientListener: what the dashboard asks of a broker real Kafka clients produce to.
#pragma once

#include <QObject>
#include <QString>

#include <cstddef>

namespace dsl::ui {

/// A broker on 127.0.0.1:port that Kafka clients (kcat, a Java or confluent_kafka producer) can
/// produce to; what they send becomes the nc panel's ProduceKafka commands, journaled and
/// replayed as typed messages are. The app implements it (app/kafkaclientfeed.h: librdkafka's
/// mock cluster); the ui library only drives it (KafkaListenAction), so it never links librdkafka.
class KafkaClientListener : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    /// Starts listening; false, with `error` saying why (the port is in use, no librdkafka).
    virtual bool listen(int port, QString *error) = 0;
    /// Stops listening; every thread of the listener has ended on return. Nothing if not listening.
    virtual void close() = 0;
    virtual bool isListening() const = 0;
    /// The port listened on (0: none).
    virtual int port() const = 0;
    /// Messages handed to the run since listen().
    virtual std::size_t messages() const = 0;

signals:
    /// Listening started or stopped, or messages() grew.
    void changed();
    /// Something went wrong with one client or message (a message over the size cap, a
    /// librdkafka error); the listener goes on.
    void note(const QString &text);
};

} // namespace dsl::ui
