// TcpForwarder: serves 127.0.0.1:PORT and relays every connection to another loopback address,
// byte for byte. `--kafka-listen PORT` needs it because librdkafka 2.0.2's mock cluster binds a
// random port (rdkafka_mock.c, rd_kafka_mock_broker_new listens on port 0) and its API cannot
// choose one.
#pragma once

#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace dsl::app {

class TcpForwarder {
public:
    TcpForwarder() = default;
    ~TcpForwarder();
    TcpForwarder(const TcpForwarder &) = delete;
    TcpForwarder &operator=(const TcpForwarder &) = delete;

    /// Listens on 127.0.0.1:port and relays to 127.0.0.1:targetPort in a thread of its own.
    /// False, with `error` naming the address and the reason ("127.0.0.1:9092 is in use: ..."),
    /// when it cannot listen.
    bool start(int port, int targetPort, std::string &error);
    /// Closes the listening socket and every relayed connection, and joins the thread.
    void stop();
    /// What went wrong with single connections (the target refused one), oldest first.
    std::vector<std::string> takeNotes();

private:
    void loop();
    void note(std::string text);

    int m_listen = -1;
    int m_wake[2] = {-1, -1}; ///< a pipe: stop() writes to it to end loop()'s poll
    int m_targetPort = 0;
    std::thread m_thread;
    std::mutex m_mutex;
    std::vector<std::string> m_notes;
};

} // namespace dsl::app
