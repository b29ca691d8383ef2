// KafkaRecorder: one append-only `--kafka` script per topic.
#include "kafkarecorder.h"

#include "engine/inputscript.h"

#include <filesystem>
#include <set>

namespace dsl::app {

namespace {
/// Kafka's legal topic characters (Topic.validate: [a-zA-Z0-9._-]) are safe in a file name; a
/// client of the mock cluster, which checks none, may use others: those become '_'.
std::string fileStem(const std::string &topic)
{
    std::string s = topic;
    for (char &c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
            c = '_';
    if (s.empty() || s == "." || s == "..") s = "topic" + s;
    return s;
}
} // namespace

bool KafkaRecorder::open(std::string &error)
{
    std::error_code ec;
    std::filesystem::create_directories(m_dir, ec);
    if (ec || !std::filesystem::is_directory(m_dir)) {
        error = "cannot make the folder '" + m_dir + "' for the recorded messages" + (ec ? ": " + ec.message() : "");
        return false;
    }
    return true;
}

bool KafkaRecorder::record(const std::string &topic, Duration offset, const std::optional<std::string> &key,
                           std::string_view value, std::string &error)
{
    auto it = m_files.find(topic);
    if (it == m_files.end()) {
        // Two topics that differ only in characters fileStem replaces get files of their own.
        std::set<std::string> taken;
        for (const auto &[t, f] : m_files) taken.insert(f.path);
        std::string path = (std::filesystem::path(m_dir) / (fileStem(topic) + ".kafka")).string();
        for (int n = 2; taken.count(path); ++n)
            path = (std::filesystem::path(m_dir) / (fileStem(topic) + "-" + std::to_string(n) + ".kafka")).string();
        it = m_files.emplace(topic, File{path, std::ofstream(path, std::ios::binary | std::ios::trunc)}).first;
    }
    std::string line;
    appendKafkaScriptLine(line, offset, key, value);
    File &f = it->second;
    f.out << line;
    f.out.flush();
    if (!f.out) {
        error = "cannot write the recorded messages of topic '" + topic + "' to '" + f.path + "'";
        return false;
    }
    ++m_messages;
    return true;
}

std::map<std::string, std::string> KafkaRecorder::files() const
{
    std::map<std::string, std::string> out;
    for (const auto &[topic, f] : m_files) out[topic] = f.path;
    return out;
}

} // namespace dsl::app
