// InputLog: time-ordered, append-mostly log of input lines and files.
#include "inputlog.h"

#include <algorithm>

namespace dsl {

std::size_t InputLog::append(InputRecord r)
{
    ++m_version;
    if (m_records.empty() || m_records.back().time <= r.time) {
        m_records.push_back(std::move(r));
        return m_base + m_records.size() - 1;
    }
    auto it = std::upper_bound(m_records.begin(), m_records.end(), r.time,
                               [](SimTime t, const InputRecord &x) { return t < x.time; });
    auto pos = static_cast<std::size_t>(it - m_records.begin());
    m_records.insert(it, std::move(r));
    return m_base + pos;
}

void InputLog::discardBefore(std::size_t index)
{
    if (m_records.empty() || index <= m_base) return;
    const std::size_t n = std::min(index - m_base, m_records.size() - 1);
    // Erase in bulk once enough has been read, so discarding stays amortized O(1) a record.
    if (n < 4096 && n * 2 < m_records.size()) return;
    m_records.erase(m_records.begin(), m_records.begin() + static_cast<std::ptrdiff_t>(n));
    m_base += n;
    ++m_version;
}

void InputLog::listen(int port)
{
    if (!isListening(port)) m_ports.push_back(port);
}

void InputLog::listen(int port, SimTime from)
{
    auto [it, fresh] = m_listenFrom.emplace(port, from);
    if (!fresh) it->second = std::min(it->second, from);
}

bool InputLog::isListening(int port) const
{
    return m_listenAll || std::find(m_ports.begin(), m_ports.end(), port) != m_ports.end() || m_listenFrom.count(port);
}

bool InputLog::isListening(int port, SimTime at) const
{
    if (m_listenAll || std::find(m_ports.begin(), m_ports.end(), port) != m_ports.end()) return true;
    const auto it = m_listenFrom.find(port);
    return it != m_listenFrom.end() && it->second <= at;
}

void InputLog::followServer(int port)
{
    if (port == 0) m_followAll = true;
    else if (std::find(m_followed.begin(), m_followed.end(), port) == m_followed.end()) m_followed.push_back(port);
}

bool InputLog::followsServer(int port) const
{
    if (std::find(m_followed.begin(), m_followed.end(), port) != m_followed.end()) return true;
    return m_followAll && std::find(m_ports.begin(), m_ports.end(), port) == m_ports.end() && !m_listenFrom.count(port);
}

void InputLog::followServer(int port, SimTime from)
{
    auto [it, fresh] = m_followFrom.emplace(port, from);
    if (!fresh) it->second = std::min(it->second, from);
}

bool InputLog::followsServer(int port, SimTime at) const
{
    if (followsServer(port)) return true;
    for (const int p : {port, 0}) {
        const auto it = m_followFrom.find(p);
        if (it != m_followFrom.end() && it->second <= at) return true;
    }
    return false;
}

void InputLog::closeConnection(int port, SimTime t)
{
    // Records are in time order: the first one after t.
    auto it = std::upper_bound(m_records.begin(), m_records.end(), t,
                               [](SimTime v, const InputRecord &r) { return v < r.time; });
    const std::size_t end = m_base + static_cast<std::size_t>(it - m_records.begin());
    std::size_t &sent = m_sent[port];
    sent = std::max(sent, end);
}

std::size_t InputLog::sentBefore(int port) const
{
    const auto it = m_sent.find(port);
    return it == m_sent.end() ? m_base : std::max(it->second, m_base);
}

} // namespace dsl
