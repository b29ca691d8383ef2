// KafkaRecorder: what real clients produced into a `--kafka-listen` run, written as it arrives to
// one `--kafka TOPIC=FILE` script per topic, so that `--kafka` replays the run deterministically.
#pragma once

#include "engine/simtime.h"

#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace dsl::app {

class KafkaRecorder {
public:
    /// Records into `dir` (made when missing).
    explicit KafkaRecorder(std::string dir) : m_dir(std::move(dir)) {}
    /// Makes the folder; false with `error` naming it when it cannot be made.
    bool open(std::string &error);

    /// Appends a message received `offset` after the run's start to TOPIC.kafka
    /// (appendKafkaScriptLine), flushed at once: a run that is killed keeps what it received.
    /// False with `error` when the file cannot be written.
    bool record(const std::string &topic, Duration offset, const std::optional<std::string> &key,
                std::string_view value, std::string &error);

    const std::string &dir() const { return m_dir; }
    /// Topic -> its file, for the topics that received messages.
    std::map<std::string, std::string> files() const;
    std::size_t messages() const { return m_messages; }

private:
    struct File {
        std::string path;
        std::ofstream out;
    };
    std::string m_dir;
    std::map<std::string, File> m_files;
    std::size_t m_messages = 0;
};

} // namespace dsl::app
