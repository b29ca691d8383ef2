// benchkit.h (benchmarks only): the measuring helpers bench_gui and bench_history share.
#pragma once

#include <QByteArray>
#include <QFile>

#include <algorithm>
#include <cstring>
#include <vector>

namespace dsl::bench {

/// VmRSS / VmHWM (any "Key:" line of /proc/self/status), in MB; -1 when unreadable.
inline double procStatusMb(const char *key)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly)) return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(key)) return line.mid(static_cast<int>(std::strlen(key))).trimmed().split(' ').front().toDouble() / 1024.0;
    return -1;
}

/// The p-th percentile (0..1) of v, nearest rank.
inline double percentile(std::vector<double> v, double p)
{
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(std::min<double>(v.size() - 1, p * (v.size() - 1) + 0.5));
    return v[i];
}

} // namespace dsl::bench
