// LiveKafka: the listener and the recorder of a `--kafka-listen` run, fed from the real-time pacer.
#include "kafkalive.h"

#include "databaseoption.h"
#include "programrun.h"
#include "realtimepacer.h"

#include "engine/kafkabroker.h"
#include "engine/simulation.h"
#include "engine/timeformat.h"

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>

namespace dsl::app {

namespace {

/// A new folder for this run's recordings: kafka-recordings/PROGRAM-YYYYMMDD-HHMMSS in the app's
/// data folder (next to the programs' SQLite databases), with -2, -3 ... when taken.
std::string defaultRecordDir(const std::string &program, SimTime start)
{
    const std::time_t secs = static_cast<std::time_t>(start.ms() / 1000);
    std::tm tm{};
    localtime_r(&secs, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    const auto base = std::filesystem::path(appDataDir()) / "kafka-recordings" / (programDatabaseName(program) + "-" + stamp);
    auto dir = base;
    for (int n = 2; std::filesystem::exists(dir); ++n) dir = base.string() + "-" + std::to_string(n);
    return dir.string();
}

/// An argument as a POSIX shell reads it back: as is when it is plain, else in single quotes.
std::string shellQuote(const std::string &s)
{
    const bool plain = !s.empty() && s.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                                         "0123456789_./=:,+@%-") == std::string::npos;
    if (plain) return s;
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

/// "6", "12.345": seconds with millisecond precision, as --seconds reads them back exactly.
std::string seconds(Duration d)
{
    char buf[48];
    std::snprintf(buf, sizeof buf, "%lld.%03lld", static_cast<long long>(d.ms() / 1000), static_cast<long long>(d.ms() % 1000));
    std::string s = buf;
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s;
}

} // namespace

LiveKafka::LiveKafka(const ProgramRun &run, SimTime start)
    : m_run(run), m_start(start),
      m_recorder(run.kafkaRecordDir ? *run.kafkaRecordDir : defaultRecordDir(run.program, start))
{
}

bool LiveKafka::start(std::string &error)
{
    if (!m_recorder.open(error)) {
        error = "--kafka-record: " + error;
        return false;
    }
    // The mock cluster gets the run's topics with their partitions; a topic a client produces
    // to first is auto-created there (with the mock's default of 4 partitions) and in the
    // simulation (with Kafka's num.partitions, 1) when its first message arrives.
    std::map<std::string, int> topics = m_run.kafkaPartitions;
    for (const auto &k : m_run.kafkaInputs) topics.emplace(k.topic, kafka::KafkaBroker::kDefaultPartitions);
    if (!m_listener.start(*m_run.kafkaListenPort, topics, error)) {
        error = "--kafka-listen: " + error;
        return false;
    }
    const std::string at = "127.0.0.1:" + std::to_string(*m_run.kafkaListenPort);
    std::cerr << "DStream Lab: Kafka clients can produce to this run at " << at << " (bootstrap.servers=" << at
              << "); each message enters the run when it arrives and is recorded in " << m_recorder.dir() << "\n";
    if (!m_run.settings.maxDuration)
        std::cerr << "DStream Lab: input from Kafka clients never runs out: the run goes on until Ctrl-C (or "
                     "SIGTERM); --seconds S ends it after S seconds\n";
    return true;
}

void LiveKafka::feed(Simulation &sim, const RealTimePacer &pacer)
{
    for (ReceivedKafkaMessage &m : m_listener.take()) {
        const SimTime at = pacer.arrivalTime();
        std::string error;
        if (!m_recordFailed && !m_recorder.record(m.topic, at - m_start, m.key, m.value, error)) {
            m_recordFailed = true; // once: the run goes on, but can no longer be replayed exactly
            std::cerr << "DStream Lab: --kafka-record: " << error << "; the run goes on unrecorded\n";
        }
        // The simulated broker places the message by its key (Kafka's murmur2, round-robin for
        // a null key), not in the partition the client's partitioner chose: librdkafka's default
        // (consistent_random, CRC32) differs from Java's, the mock's auto-created topics have 4
        // partitions where the simulation's have 1, and a replay from the recorded file, which
        // has no partitions, must place it the same way.
        sim.inputLog().addKafkaMessage(at, std::move(m.topic), std::move(m.key), std::move(m.value));
    }
    printNotes();
}

void LiveKafka::printNotes()
{
    for (const std::string &n : m_listener.takeNotes()) std::cerr << "DStream Lab: " << n << "\n";
}

void LiveKafka::finish(std::optional<SimTime> interruptedAt)
{
    if (m_finished) return;
    m_finished = true;
    m_listener.stop();
    printNotes();
    // Everything a replay needs besides the program, its arguments and the other options: the
    // same start and end, the topics' partitions, and the messages at the times they entered.
    std::string args = "--start-time " + shellQuote(pythonDateTimeStr(m_start));
    if (m_run.settings.maxDuration) args += " --seconds " + seconds(*m_run.settings.maxDuration);
    else if (interruptedAt) args += " --seconds " + seconds(*interruptedAt - m_start);
    for (const auto &[topic, n] : m_run.kafkaPartitions) args += " --kafka-partitions " + shellQuote(topic + "=" + std::to_string(n));
    for (const auto &[topic, r] : m_run.kafkaRetention)
        args += " --kafka-retention " + shellQuote(topic + "=" + std::to_string(r.ms()) + "ms");
    for (const auto &k : m_run.kafkaInputs) args += " --kafka " + shellQuote(k.topic + "=" + k.file);
    for (const auto &[topic, file] : m_recorder.files()) args += " --kafka " + shellQuote(topic + "=" + file);
    std::cerr << "DStream Lab: received " << m_recorder.messages() << " Kafka message"
              << (m_recorder.messages() == 1 ? "" : "s") << ", recorded in " << m_recorder.dir()
              << (m_recordFailed ? " (incompletely: see above)" : "")
              << ". To replay this run deterministically, run the same program with the same options, without "
                 "--real-time, --kafka-listen and --kafka-record, and with:\n"
              << "  " << args << "\n";
}

} // namespace dsl::app
