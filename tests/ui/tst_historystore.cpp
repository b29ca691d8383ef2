// Tests: how the session stores its history. BatchHistory must behave as the ordered map it
// replaced (checked against std::map as the reference, on the same operations), and the
// console text a published snapshot holds must never change afterwards, however the builder
// appends or cuts its own copy.
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/session/batchhistory.h"
#include "app/session/runsnapshot.h"
#include "app/session/snapshotbuilder.h"
#include "engine/inputlog.h"
#endif

#include <QTest>

#include <map>
#include <random>

using namespace dsl;
using namespace dsl::session;

namespace {
using Reference = std::map<SimTime, std::shared_ptr<const BatchSnapshot>>;

std::shared_ptr<const BatchSnapshot> batchAt(std::int64_t t)
{
    auto b = std::make_shared<BatchSnapshot>();
    b->info.batchTime = SimTime(t);
    return b;
}

/// The keys in order and each value's batch time, as text: "1000:1000 2000:2000".
template <typename M> QString dump(const M &m)
{
    QStringList out;
    for (const auto &[t, b] : m)
        out << QStringLiteral("%1:%2").arg(t.ms()).arg(b ? b->info.batchTime.ms() : -1);
    return out.join(QLatin1Char(' '));
}

template <typename M> QString probe(const M &m, std::int64_t t)
{
    auto pos = [&](auto it) { return it == m.end() ? QStringLiteral("end") : QString::number(it->first.ms()); };
    return QStringLiteral("find %1 lower %2 upper %3 count %4")
        .arg(pos(m.find(SimTime(t))), pos(m.lower_bound(SimTime(t))), pos(m.upper_bound(SimTime(t))))
        .arg(m.count(SimTime(t)));
}
} // namespace

class TestHistoryStore : public QObject {
    Q_OBJECT
private slots:
    void batchHistoryAnswersAsAnOrderedMap_data();
    void batchHistoryAnswersAsAnOrderedMap();
    void aCopyIsIndependentOfLaterChanges();
    void aPublishedConsoleNeverChanges_data();
    void aPublishedConsoleNeverChanges();
    void publishedInputLinesNeverChange_data();
    void publishedInputLinesNeverChange();
};

void TestHistoryStore::batchHistoryAnswersAsAnOrderedMap_data()
{
    QTest::addColumn<int>("seed");
    QTest::addColumn<int>("operations");
    QTest::newRow("batches arriving in time order, the oldest dropped") << 1 << 300;
    QTest::newRow("late batches inserted before newer ones") << 2 << 300;
    QTest::newRow("entries replaced through operator[]") << 3 << 500;
    QTest::newRow("ranges erased from the front and the back") << 4 << 500;
}

void TestHistoryStore::batchHistoryAnswersAsAnOrderedMap()
{
    QFETCH(int, seed);
    QFETCH(int, operations);
    std::mt19937 rng(static_cast<unsigned>(seed));
    BatchHistory h;
    Reference ref;
    std::int64_t next = 1000;
    for (int i = 0; i < operations; ++i) {
        const int op = static_cast<int>(rng() % 10);
        if (op < 5 || ref.empty()) { // the newest batch, or (seed 2) sometimes a late one
            const std::int64_t t = seed == 2 && rng() % 3 == 0 ? 1000 * static_cast<std::int64_t>(rng() % (next / 1000)) + 500 : next;
            if (t == next) next += 1000;
            const auto a = h.emplace(SimTime(t), batchAt(t));
            const auto b = ref.emplace(SimTime(t), batchAt(t));
            QCOMPARE(a.second, b.second);
            QCOMPARE(a.first->first, b.first->first);
        } else if (op < 7) { // rebuild an entry (the builder's m_batches[t] = ...)
            const std::int64_t t = 1000 * static_cast<std::int64_t>(rng() % (next / 1000 + 1));
            h[SimTime(t)] = batchAt(t + 1);
            ref[SimTime(t)] = batchAt(t + 1);
        } else if (op < 9 && seed >= 3) { // erase a range: the oldest k, or everything after t
            const std::size_t k = rng() % 4;
            if (rng() % 2) {
                h.erase(h.begin(), std::next(h.begin(), static_cast<std::ptrdiff_t>(std::min(k, h.size()))));
                ref.erase(ref.begin(), std::next(ref.begin(), static_cast<std::ptrdiff_t>(std::min(k, ref.size()))));
            } else {
                const SimTime t(1000 * static_cast<std::int64_t>(rng() % (next / 1000 + 1)));
                h.erase(h.upper_bound(t), h.end());
                ref.erase(ref.upper_bound(t), ref.end());
            }
        } else {
            const std::int64_t t = static_cast<std::int64_t>(rng() % static_cast<unsigned>(next + 1000));
            QCOMPARE(probe(h, t), probe(ref, t));
        }
        QCOMPARE(h.size(), ref.size());
        QCOMPARE(h.empty(), ref.empty());
    }
    QCOMPARE(dump(h), dump(ref));
    if (!ref.empty()) QCOMPARE(h.rbegin()->first, ref.rbegin()->first);
}

void TestHistoryStore::aCopyIsIndependentOfLaterChanges()
{
    // A RunSnapshot copies the builder's history; the builder then goes on changing its own.
    BatchHistory h;
    for (std::int64_t t = 1000; t <= 5000; t += 1000) h.emplace(SimTime(t), batchAt(t));
    const BatchHistory published = h;
    h[SimTime(3000)] = batchAt(9999);
    h.erase(h.begin(), std::next(h.begin(), 2));
    h.emplace(SimTime(6000), batchAt(6000));
    QCOMPARE(dump(published), QStringLiteral("1000:1000 2000:2000 3000:3000 4000:4000 5000:5000"));
    QCOMPARE(dump(h), QStringLiteral("3000:9999 4000:4000 5000:5000 6000:6000"));
}

void TestHistoryStore::aPublishedConsoleNeverChanges_data()
{
    QTest::addColumn<int>("lineBytes");
    QTest::addColumn<int>("lines");
    // The builder keeps the newest 2 MB and cuts its front a quarter of that at a time.
    QTest::newRow("a few lines, far below the cap") << 20 << 50;
    QTest::newRow("past the cap: the front is cut (3 MB printed)") << 1000 << 3 * 1024;
}

void TestHistoryStore::aPublishedConsoleNeverChanges()
{
    QFETCH(int, lineBytes);
    QFETCH(int, lines);
    SnapshotBuilder builder(CaptureLimits{}, HistoryRetention{});
    std::vector<std::pair<RunSnapshotPtr, std::string>> published;
    std::string everything;
    for (int i = 0; i < lines; ++i) {
        std::string line = std::to_string(i) + ":";
        line.resize(static_cast<std::size_t>(lineBytes - 1), 'x');
        line += '\n';
        builder.onOutput(SimTime(0), line);
        everything += line;
        if (i % 97 == 0 || i == lines - 1) {
            auto s = builder.snapshot(RunPhase::Running, SimTime(0), SimTime(0));
            published.emplace_back(s, *s->console);
        }
    }
    for (const auto &[s, text] : published) QCOMPARE(*s->console, text); // unchanged since
    const auto &last = *published.back().first;
    // The newest text, whole lines, and where it starts in everything printed.
    QVERIFY(last.console->size() <= std::size_t(2 * 1024 * 1024 + 512 * 1024));
    QCOMPARE(last.consoleDropped + last.console->size(), everything.size());
    QCOMPARE(*last.console, everything.substr(last.consoleDropped));
    QVERIFY(last.consoleDropped == 0 || everything[last.consoleDropped - 1] == '\n');
    if (lines * lineBytes > 2 * 1024 * 1024 + 512 * 1024) QVERIFY(last.consoleDropped > 0);
}

void TestHistoryStore::publishedInputLinesNeverChange_data()
{
    QTest::addColumn<int>("before");   // lines in the log when snapshot A is published
    QTest::addColumn<int>("appended"); // lines added at the end after it
    QTest::addColumn<int>("insertAt"); // then one line inserted at this time (s), -1: none
    QTest::addColumn<bool>("shared");  // B holds A's newest chunk itself (nothing copied)
    // Chunks hold 1,024 lines (InputLogSnapshot::kChunk).
    QTest::newRow("lines appended: the open chunk grows in place, shared") << 10 << 10 << -1 << true;
    QTest::newRow("appended across a chunk boundary") << 1000 << 100 << -1 << true;
    QTest::newRow("a line inserted before the end: the chunk is copied") << 10 << 10 << 3 << false;
}

void TestHistoryStore::publishedInputLinesNeverChange()
{
    // A snapshot reads only its first `size` lines: later appends may share its storage, but
    // the lines it shows never change (the dashboard renders old snapshots while the session
    // types on).
    QFETCH(int, before);
    QFETCH(int, appended);
    QFETCH(int, insertAt);
    QFETCH(bool, shared);
    InputLog log;
    SnapshotBuilder builder(CaptureLimits{}, HistoryRetention{});
    builder.attach(nullptr, log);
    auto add = [&](int i) {
        const std::size_t at = log.append(InputRecord{InputRecord::Kind::SocketLine, SimTime(i * 1000), 0, {}, "line " + std::to_string(i)});
        builder.inputInserted(at);
    };
    for (int i = 0; i < before; ++i) add(10 + i);
    const RunSnapshotPtr a = builder.snapshot(RunPhase::Running, SimTime(0), SimTime(0));
    std::vector<std::string> seen;
    for (std::size_t i = 0; i < a->input->size; ++i) seen.push_back(a->input->at(i).text);
    for (int i = 0; i < appended; ++i) add(10 + before + i);
    if (insertAt >= 0) add(insertAt); // earlier than every line: goes first
    const RunSnapshotPtr b = builder.snapshot(RunPhase::Running, SimTime(0), SimTime(0));
    QCOMPARE(a->input->size, std::size_t(before));
    for (std::size_t i = 0; i < a->input->size; ++i) QCOMPARE(a->input->at(i).text, seen[i]);
    const std::size_t total = static_cast<std::size_t>(before + appended + (insertAt >= 0 ? 1 : 0));
    QCOMPARE(b->input->size, total);
    for (std::size_t i = 0; i < b->input->size; ++i) QCOMPARE(b->input->at(i).text, log[i].text);
    QCOMPARE(a->input->firstChunk, b->input->firstChunk);
    QCOMPARE(a->input->chunks.back().get() == b->input->chunks[a->input->chunks.size() - 1].get(), shared);
}

QTEST_APPLESS_MAIN(TestHistoryStore)
#include "tst_historystore.moc"
