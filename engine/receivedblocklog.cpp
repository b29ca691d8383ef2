// The write-ahead logs of received blocks (receivedblocklog.h).
#include "receivedblocklog.h"

#include "checkpoint.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace dsl {

namespace {

/// "log-<start>-<end>" -> (start, end); nullopt for another name.
std::optional<std::pair<std::int64_t, std::int64_t>> logTimes(const std::string &name)
{
    if (name.rfind("log-", 0) != 0) return std::nullopt;
    const std::string rest = name.substr(4);
    // Times may be negative in tests ("log--5000-55000"): split at the '-' after the first digit.
    const std::size_t dash = rest.find('-', 1);
    if (dash == std::string::npos) return std::nullopt;
    try {
        std::size_t used = 0;
        const std::int64_t start = std::stoll(rest.substr(0, dash), &used);
        if (used != dash) return std::nullopt;
        const std::string endText = rest.substr(dash + 1);
        const std::int64_t end = std::stoll(endText, &used);
        if (used != endText.size()) return std::nullopt;
        return std::make_pair(start, end);
    } catch (const std::exception &) {
        return std::nullopt;
    }
}

std::vector<std::string> split(const std::string &s, char sep)
{
    std::vector<std::string> out;
    std::string cur;
    std::istringstream in(s);
    while (std::getline(in, cur, sep)) out.push_back(cur);
    if (!s.empty() && s.back() == sep) out.emplace_back();
    return out;
}

std::optional<std::int64_t> toInt(const std::string &s)
{
    try {
        std::size_t used = 0;
        const std::int64_t v = std::stoll(s, &used);
        if (used != s.size()) return std::nullopt;
        return v;
    } catch (const std::exception &) {
        return std::nullopt;
    }
}

/// The records of one data-log record; throws std::runtime_error naming what is wrong.
Records readRecords(const std::string &checkpointDir, const WalRecordHandle &h)
{
    std::ifstream in(fs::path(checkpointDir) / h.path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + h.path);
    in.seekg(h.offset);
    std::string bytes(static_cast<std::size_t>(std::max<std::int64_t>(0, h.length)), '\0');
    if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size())))
        throw std::runtime_error(h.path + " ends before offset " + std::to_string(h.offset + h.length));
    const char *p = bytes.data();
    const char *end = p + bytes.size();
    const std::uint64_t n = CheckpointFiles::getCount(p, end);
    Records out;
    out.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(n, 1u << 20)));
    for (std::uint64_t i = 0; i < n; ++i) out.push_back(CheckpointFiles::deserialize(p, end));
    if (p != end) throw std::runtime_error("trailing bytes in the record at " + std::to_string(h.offset));
    return out;
}

} // namespace

// ---- RollingLogFiles ---------------------------------------------------------------------------

RollingLogFiles::RollingLogFiles(std::string checkpointDir, std::string subDir, Duration rollingInterval)
    : m_checkpointDir(std::move(checkpointDir)), m_subDir(std::move(subDir)), m_rolling(rollingInterval)
{
}

std::pair<std::string, std::int64_t> RollingLogFiles::append(const std::string &bytes, SimTime now)
{
    // FileBasedWriteAheadLog.getLogWriter: a new file once the current one's time is over.
    if (m_current.empty() || now >= m_currentEnd) {
        m_currentEnd = now + m_rolling;
        m_current = (fs::path(m_subDir) / ("log-" + std::to_string(now.ms()) + "-" + std::to_string(m_currentEnd.ms())))
                        .generic_string();
        std::error_code ec;
        fs::create_directories(fs::path(m_checkpointDir) / m_subDir, ec);
    }
    const fs::path file = fs::path(m_checkpointDir) / m_current;
    std::ofstream out(file, std::ios::binary | std::ios::app);
    if (!out) throw std::runtime_error("cannot write " + file.string());
    out.seekp(0, std::ios::end);
    const std::int64_t offset = static_cast<std::int64_t>(out.tellp());
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) throw std::runtime_error("cannot write " + file.string());
    return {m_current, offset};
}

void RollingLogFiles::clean(SimTime threshold)
{
    std::error_code ec;
    for (const std::string &rel : listLogs(m_checkpointDir, m_subDir)) {
        const auto times = logTimes(fs::path(rel).filename().string());
        if (!times || times->second >= threshold.ms()) continue;
        if (rel == m_current) m_current.clear();
        fs::remove(fs::path(m_checkpointDir) / rel, ec);
    }
}

std::vector<std::string> RollingLogFiles::listLogs(const std::string &checkpointDir, const std::string &subDir)
{
    std::vector<std::pair<std::int64_t, std::string>> found;
    std::error_code ec;
    const fs::path dir = fs::path(checkpointDir) / subDir;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (const auto times = logTimes(name)) found.emplace_back(times->first, (fs::path(subDir) / name).generic_string());
    }
    std::sort(found.begin(), found.end());
    std::vector<std::string> out;
    for (auto &f : found) out.push_back(std::move(f.second));
    return out;
}

// ---- ReceivedBlockLog --------------------------------------------------------------------------

ReceivedBlockLog::ReceivedBlockLog(std::string checkpointDir, bool receiverLog, Duration driverRolling,
                                   Duration receiverRolling)
    : m_checkpointDir(std::move(checkpointDir)), m_receiverLog(receiverLog), m_receiverRolling(receiverRolling),
      m_metadata(m_checkpointDir, kMetadataDir, driverRolling)
{
}

std::optional<WalRecordHandle> ReceivedBlockLog::writeData(const Block &block, SimTime now, std::string &error)
{
    std::string payload;
    CheckpointFiles::putCount(payload, block.records.size());
    try {
        for (const Value &v : block.records) CheckpointFiles::serialize(v, payload);
        auto it = m_data.find(block.streamId);
        if (it == m_data.end())
            it = m_data
                     .emplace(block.streamId, RollingLogFiles(m_checkpointDir,
                                                              std::string(kDataDir) + "/" + std::to_string(block.streamId),
                                                              m_receiverRolling))
                     .first;
        const auto [path, offset] = it->second.append(payload, now);
        return WalRecordHandle{path, offset, static_cast<std::int64_t>(payload.size())};
    } catch (const std::exception &e) {
        error = e.what();
        return std::nullopt;
    }
}

std::string ReceivedBlockLog::formatBlock(const Block &b)
{
    std::string s = std::to_string(b.streamId) + "," + b.id + "," + std::to_string(b.numRecords) + "," +
                    std::to_string(b.time.ms());
    if (b.wal) s += "," + b.wal->path + "," + std::to_string(b.wal->offset) + "," + std::to_string(b.wal->length);
    return s;
}

std::optional<Block> ReceivedBlockLog::parseBlock(const std::string &text)
{
    const auto f = split(text, ',');
    if (f.size() != 4 && f.size() != 7) return std::nullopt;
    const auto stream = toInt(f[0]), n = toInt(f[2]), t = toInt(f[3]);
    if (!stream || !n || !t || f[1].empty() || *n < 0) return std::nullopt;
    Block b;
    b.streamId = static_cast<int>(*stream);
    b.id = f[1];
    b.numRecords = *n;
    b.time = SimTime(*t);
    if (f.size() == 7) {
        const auto off = toInt(f[5]), len = toInt(f[6]);
        if (f[4].empty() || !off || !len || *off < 0 || *len < 8) return std::nullopt; // at least the count
        b.wal = WalRecordHandle{f[4], *off, *len};
    }
    return b;
}

void ReceivedBlockLog::writeEvent(const std::string &line, SimTime now)
{
    try {
        m_metadata.append(line + "\n", now);
    } catch (const std::exception &e) {
        m_error = e.what();
    }
}

void ReceivedBlockLog::addBlock(const Block &block, SimTime now)
{
    writeEvent("add\t" + formatBlock(block), now);
}

void ReceivedBlockLog::allocate(SimTime batch, const std::map<int, std::vector<BlockPtr>> &blocks, SimTime now)
{
    std::string line = "alloc\t" + std::to_string(batch.ms()) + "\t";
    bool first = true;
    for (const auto &[stream, list] : blocks)
        for (const auto &b : list) {
            line += (first ? "" : ";") + formatBlock(*b);
            first = false;
        }
    writeEvent(line, now);
}

void ReceivedBlockLog::cleanup(const std::vector<SimTime> &times, SimTime threshold, SimTime now)
{
    if (!times.empty()) {
        std::string line = "cleanup\t";
        for (std::size_t i = 0; i < times.size(); ++i) line += (i ? "," : "") + std::to_string(times[i].ms());
        writeEvent(line, now);
    }
    m_metadata.clean(threshold);
    for (auto &[stream, files] : m_data) files.clean(threshold);
}

std::string ReceivedBlockLog::takeError()
{
    return std::exchange(m_error, {});
}

RecoveredBlocks ReceivedBlockLog::recover(const std::string &checkpointDir)
{
    // Replay every event first (ReceivedBlockTracker.recoverPastEvents), then read the records
    // of the blocks the tracker still knows, once each.
    using Parsed = std::shared_ptr<Block>;
    std::map<int, std::vector<Parsed>> unallocated;
    std::map<SimTime, std::map<int, std::vector<Parsed>>> allocated;
    std::map<const Block *, std::string> origin; // where each block was first met, for warnings
    RecoveredBlocks r;
    for (const std::string &rel : RollingLogFiles::listLogs(checkpointDir, kMetadataDir)) {
        std::ifstream in(fs::path(checkpointDir) / rel);
        std::string line;
        int lineNo = 0;
        while (std::getline(in, line)) {
            ++lineNo;
            const std::string where = rel + " line " + std::to_string(lineNo);
            const auto f = split(line, '\t');
            bool ok = false;
            if (f.size() == 2 && f[0] == "add") {
                // insertAddedBlock
                if (auto b = parseBlock(f[1])) {
                    auto p = std::make_shared<Block>(std::move(*b));
                    origin[p.get()] = where;
                    unallocated[p->streamId].push_back(std::move(p));
                    ok = true;
                }
            } else if (f.size() == 3 && f[0] == "alloc") {
                // insertAllocatedBatch: the queues were emptied when the batch was allocated.
                if (const auto t = toInt(f[1])) {
                    std::map<std::string, Parsed> added;
                    for (const auto &[stream, list] : unallocated)
                        for (const auto &b : list) added[b->id] = b;
                    std::map<int, std::vector<Parsed>> alloc;
                    ok = true;
                    for (const std::string &text : f[2].empty() ? std::vector<std::string>{} : split(f[2], ';')) {
                        auto b = parseBlock(text);
                        if (!b) {
                            ok = false;
                            break;
                        }
                        auto known = added.find(b->id);
                        Parsed p = known != added.end() ? known->second : std::make_shared<Block>(std::move(*b));
                        origin.emplace(p.get(), where);
                        alloc[p->streamId].push_back(std::move(p));
                    }
                    if (ok) {
                        unallocated.clear();
                        allocated[SimTime(*t)] = std::move(alloc);
                        r.lastAllocated = SimTime(*t);
                    }
                }
            } else if (f.size() == 2 && f[0] == "cleanup") {
                // cleanupBatches
                ok = true;
                for (const std::string &text : split(f[1], ',')) {
                    const auto t = toInt(text);
                    if (!t) {
                        ok = false;
                        break;
                    }
                    allocated.erase(SimTime(*t));
                }
            }
            if (!ok) r.warnings.push_back(where + ": not an event of the received block log, skipped");
        }
    }
    std::map<const Block *, BlockPtr> done;
    auto materialize = [&](const Parsed &p) -> BlockPtr {
        if (auto it = done.find(p.get()); it != done.end()) return it->second;
        Block b = *p;
        bool read = false;
        if (b.wal) {
            try {
                b.records = readRecords(checkpointDir, *b.wal);
                b.numRecords = static_cast<std::int64_t>(b.records.size());
                b.replayed = read = true;
                ++r.replayedBlocks;
            } catch (const std::exception &e) {
                r.warnings.push_back(origin[p.get()] + ": the records of " + b.id +
                                     " cannot be read from the write-ahead log (" + e.what() + ")");
            }
        }
        if (!read) {
            b.lost = true;
            ++r.lostBlocks;
        }
        return done[p.get()] = std::make_shared<const Block>(std::move(b));
    };
    for (const auto &[t, streams] : allocated)
        for (const auto &[stream, list] : streams)
            for (const auto &p : list) r.allocated[t][stream].push_back(materialize(p));
    for (const auto &[stream, list] : unallocated)
        for (const auto &p : list) r.unallocated[stream].push_back(materialize(p));
    return r;
}

} // namespace dsl
