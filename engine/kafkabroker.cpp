#include "kafkabroker.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace dsl::kafka {

std::int32_t murmur2(std::string_view bytes)
{
    // Utils.murmur2, in unsigned arithmetic (Java's int wraps the same way; >>> is unsigned).
    const auto length = static_cast<std::uint32_t>(bytes.size());
    const std::uint32_t seed = 0x9747b28cU, m = 0x5bd1e995U;
    const int r = 24;
    std::uint32_t h = seed ^ length;
    auto byte = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])); };
    const std::size_t length4 = length / 4;
    for (std::size_t i = 0; i < length4; ++i) {
        const std::size_t i4 = i * 4;
        std::uint32_t k = byte(i4) + (byte(i4 + 1) << 8) + (byte(i4 + 2) << 16) + (byte(i4 + 3) << 24);
        k *= m;
        k ^= k >> r;
        k *= m;
        h *= m;
        h ^= k;
    }
    const std::size_t tail = length & ~3U;
    switch (length % 4) {
    case 3:
        h ^= byte(tail + 2) << 16;
        [[fallthrough]];
    case 2:
        h ^= byte(tail + 1) << 8;
        [[fallthrough]];
    case 1:
        h ^= byte(tail);
        h *= m;
    }
    h ^= h >> 13;
    h *= m;
    h ^= h >> 15;
    return static_cast<std::int32_t>(h);
}

int partitionForKey(std::string_view key, int numPartitions)
{
    // Utils.toPositive(number) = number & 0x7fffffff
    const auto positive = static_cast<std::uint32_t>(murmur2(key)) & 0x7fffffffU;
    return static_cast<int>(positive % static_cast<std::uint32_t>(numPartitions));
}

bool KafkaBroker::createTopic(const std::string &topic, int partitions)
{
    if (partitions < 1) throw std::invalid_argument("Number of partitions must be larger than 0.");
    if (m_topics.count(topic)) return false;
    m_topics[topic].logs.resize(static_cast<std::size_t>(partitions));
    return true;
}

int KafkaBroker::partitions(const std::string &topic) const
{
    auto it = m_topics.find(topic);
    return it == m_topics.end() ? 0 : static_cast<int>(it->second.logs.size());
}

std::vector<std::string> KafkaBroker::topics() const
{
    std::vector<std::string> out;
    for (const auto &[name, t] : m_topics) out.push_back(name);
    return out;
}

ProduceResult KafkaBroker::produce(const std::string &topic, std::optional<std::string> key, std::string value, SimTime t,
                                   std::optional<int> partition)
{
    if (!m_topics.count(topic)) createTopic(topic, kDefaultPartitions);
    Topic &tp = m_topics[topic];
    const int n = static_cast<int>(tp.logs.size());
    int p = 0;
    if (partition) {
        if (*partition < 0 || *partition >= n)
            throw std::out_of_range("Invalid partition given with record: " + std::to_string(*partition) +
                                    " is not in the range [0..." + std::to_string(n) + "].");
        p = *partition;
    } else if (key) {
        p = partitionForKey(*key, n);
    } else {
        p = tp.nextRoundRobin;
        tp.nextRoundRobin = (tp.nextRoundRobin + 1) % n;
    }
    auto &log = tp.logs[static_cast<std::size_t>(p)];
    const std::int64_t offset = static_cast<std::int64_t>(log.size());
    log.push_back(Message{offset, t, std::move(key), std::move(value)});
    return {p, offset};
}

const std::vector<Message> *KafkaBroker::log(const TopicPartition &tp) const
{
    auto it = m_topics.find(tp.topic);
    if (it == m_topics.end() || tp.partition < 0 || tp.partition >= static_cast<int>(it->second.logs.size())) return nullptr;
    return &it->second.logs[static_cast<std::size_t>(tp.partition)];
}

void KafkaBroker::setRetention(const std::string &topic, Duration retention)
{
    m_retention[topic] = retention;
}

std::optional<Duration> KafkaBroker::retention(const std::string &topic) const
{
    const auto it = m_retention.find(topic);
    return it == m_retention.end() ? std::nullopt : std::optional<Duration>(it->second);
}

std::int64_t KafkaBroker::earliestOffsetAt(const TopicPartition &tp, SimTime t) const
{
    const auto r = retention(tp.topic);
    const auto *l = log(tp);
    if (!r || !l) return 0;
    // The first message not older than the retention: a segment goes once t - its newest
    // timestamp > retention.ms (LogManager's retention check); appends are in time order. Never
    // past the log end as of t.
    const SimTime horizon = t - *r;
    auto it = std::lower_bound(l->begin(), l->end(), horizon, [](const Message &m, SimTime x) { return m.time < x; });
    return std::min(static_cast<std::int64_t>(it - l->begin()), latestOffsetAt(tp, t));
}

std::int64_t KafkaBroker::latestOffset(const TopicPartition &tp) const
{
    const auto *l = log(tp);
    return l ? static_cast<std::int64_t>(l->size()) : 0;
}

std::int64_t KafkaBroker::latestOffsetAt(const TopicPartition &tp, SimTime t) const
{
    const auto *l = log(tp);
    if (!l) return 0;
    // Appends are in time order: the first message after t ends the range.
    auto it = std::upper_bound(l->begin(), l->end(), t, [](SimTime x, const Message &m) { return x < m.time; });
    return static_cast<std::int64_t>(it - l->begin());
}

std::vector<Message> KafkaBroker::read(const TopicPartition &tp, std::int64_t from, std::int64_t until) const
{
    const auto *l = log(tp);
    if (!l) return {};
    const auto size = static_cast<std::int64_t>(l->size());
    from = std::clamp<std::int64_t>(from, 0, size);
    until = std::clamp<std::int64_t>(until, from, size);
    return {l->begin() + from, l->begin() + until};
}

void KafkaBroker::commit(const std::string &group, const TopicPartition &tp, std::int64_t offset)
{
    m_groups[group][tp] = offset;
    writeCommitStore();
}

namespace {
constexpr char kStoreHeader[] = "# DStream Lab: the simulated broker's committed offsets "
                                "(group, topic, partition, offset; '%', tab and newline in a group as %25 %09 %0A)";

std::string escapeGroup(const std::string &g)
{
    std::string out;
    for (char c : g) {
        if (c == '%') out += "%25";
        else if (c == '\t') out += "%09";
        else if (c == '\n') out += "%0A";
        else out += c;
    }
    return out;
}

std::string unescapeGroup(const std::string &g)
{
    std::string out;
    for (std::size_t i = 0; i < g.size(); ++i) {
        if (g[i] == '%' && g.compare(i, 3, "%25") == 0) out += '%', i += 2;
        else if (g[i] == '%' && g.compare(i, 3, "%09") == 0) out += '\t', i += 2;
        else if (g[i] == '%' && g.compare(i, 3, "%0A") == 0) out += '\n', i += 2;
        else out += g[i];
    }
    return out;
}

std::vector<std::string> splitTabs(const std::string &line)
{
    std::vector<std::string> f;
    std::size_t from = 0;
    for (std::size_t tab; (tab = line.find('\t', from)) != std::string::npos; from = tab + 1)
        f.push_back(line.substr(from, tab - from));
    f.push_back(line.substr(from));
    return f;
}

bool parseInt64(const std::string &s, std::int64_t &out)
{
    if (s.empty() || s.size() > 19) return false;
    std::int64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    return true;
}
} // namespace

std::string KafkaBroker::setCommitStore(const std::string &path)
{
    m_commitStore = path;
    std::ifstream in(path, std::ios::binary);
    if (!in) return {}; // none yet
    std::string line, error;
    for (int n = 1; std::getline(in, line); ++n) {
        if (line.empty() || line[0] == '#') continue;
        const auto f = splitTabs(line);
        std::int64_t partition = 0, offset = 0;
        if (f.size() != 4 || f[1].empty() || !parseInt64(f[2], partition) || partition > 1'000'000 ||
            !parseInt64(f[3], offset)) {
            if (error.empty())
                error = path + " line " + std::to_string(n) +
                        ": expected GROUP<TAB>TOPIC<TAB>PARTITION<TAB>OFFSET, ignored";
            continue;
        }
        m_groups[unescapeGroup(f[0])][TopicPartition{f[1], static_cast<int>(partition)}] = offset;
    }
    return error;
}

void KafkaBroker::writeCommitStore() const
{
    if (m_commitStore.empty()) return;
    std::string out = std::string(kStoreHeader) + "\n";
    for (const auto &[group, offsets] : m_groups)
        for (const auto &[tp, offset] : offsets)
            out += escapeGroup(group) + "\t" + tp.topic + "\t" + std::to_string(tp.partition) + "\t" +
                   std::to_string(offset) + "\n";
    // Written whole and renamed over the old file: a crash leaves one or the other.
    const std::string tmp = m_commitStore + ".tmp";
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        if (!f) return;
        f << out;
        if (!f.flush()) return;
    }
    std::error_code ec;
    std::filesystem::rename(tmp, m_commitStore, ec);
}

std::optional<std::int64_t> KafkaBroker::committed(const std::string &group, const TopicPartition &tp) const
{
    auto g = m_groups.find(group);
    if (g == m_groups.end()) return std::nullopt;
    auto it = g->second.find(tp);
    if (it == g->second.end()) return std::nullopt;
    return it->second;
}

std::map<TopicPartition, std::int64_t> KafkaBroker::committedOffsets(const std::string &group) const
{
    auto g = m_groups.find(group);
    return g == m_groups.end() ? std::map<TopicPartition, std::int64_t>{} : g->second;
}

void KafkaBroker::joinGroup(const std::string &group, const std::string &member)
{
    m_members[group].insert(member);
}

void KafkaBroker::leaveGroup(const std::string &group, const std::string &member)
{
    if (auto it = m_members.find(group); it != m_members.end()) it->second.erase(member);
}

std::string KafkaBroker::groupState(const std::string &group) const
{
    if (auto it = m_members.find(group); it != m_members.end() && !it->second.empty()) return "Stable";
    if (auto g = m_groups.find(group); g != m_groups.end() && !g->second.empty()) return "Empty";
    return "Dead";
}

std::optional<std::map<TopicPartition, std::int64_t>>
maxMessagesPerPartition(const std::map<TopicPartition, std::int64_t> &latest,
                        const std::map<TopicPartition, std::int64_t> &current, double batchSeconds,
                        std::optional<double> estimatedRate, const std::map<TopicPartition, std::int64_t> &maxRate,
                        const std::map<TopicPartition, std::int64_t> &minRate)
{
    auto rateOf = [](const std::map<TopicPartition, std::int64_t> &m, const TopicPartition &tp, std::int64_t dflt) {
        auto it = m.find(tp);
        return it == m.end() ? dflt : it->second;
    };
    std::map<TopicPartition, double> effective;
    if (estimatedRate && *estimatedRate > 0) {
        // A per-partition share of the estimated rate by lag, capped by maxRatePerPartition.
        std::map<TopicPartition, std::int64_t> lag;
        std::int64_t totalLag = 0;
        for (const auto &[tp, offset] : latest) {
            lag[tp] = std::max<std::int64_t>(offset - rateOf(current, tp, 0), 0);
            totalLag += lag[tp];
        }
        for (const auto &[tp, l] : lag) {
            const std::int64_t cap = rateOf(maxRate, tp, 0);
            const double backpressureRate = static_cast<double>(l) / static_cast<double>(totalLag) * *estimatedRate;
            effective[tp] = cap > 0 ? std::min(backpressureRate, static_cast<double>(cap)) : backpressureRate;
        }
    } else {
        for (const auto &[tp, offset] : latest) effective[tp] = static_cast<double>(rateOf(maxRate, tp, 0));
    }
    // No lag anywhere makes every share 0/0 = NaN: the sum is not > 0 and nothing is limited.
    double sum = 0;
    for (const auto &[tp, r] : effective) sum += r;
    if (!(sum > 0)) return std::nullopt;
    std::map<TopicPartition, std::int64_t> out;
    for (const auto &[tp, limit] : effective) {
        // Scala's Double.toLong: NaN -> 0, truncation toward zero.
        const double messages = batchSeconds * limit;
        const auto asLong = std::isnan(messages) ? std::int64_t(0) : static_cast<std::int64_t>(messages);
        out[tp] = std::max(asLong, rateOf(minRate, tp, 1));
    }
    return out;
}

std::map<TopicPartition, std::int64_t>
clampOffsets(const std::map<TopicPartition, std::int64_t> &latest, const std::map<TopicPartition, std::int64_t> &current,
             const std::optional<std::map<TopicPartition, std::int64_t>> &maxMessages)
{
    if (!maxMessages) return latest;
    std::map<TopicPartition, std::int64_t> out;
    for (const auto &[tp, messages] : *maxMessages) {
        auto cur = current.find(tp);
        const std::int64_t from = cur == current.end() ? 0 : cur->second;
        out[tp] = std::min(from + messages, latest.at(tp));
    }
    return out;
}

} // namespace dsl::kafka
