// A driver that stops and comes back, for the restart and write-ahead log tests: a socket
// program (socketTextStream(9999), then updateStateByKey's running count or a window) run from
// a checkpoint directory, stopped at a time as a killed driver is, and run again from it.
#pragma once

#include "streamingtestkit.h"
#include "windowstatekit.h"

#include "engine/runloop.h"

#include <QList>
#include <QTest>

#include <memory>
#include <utility>
#include <vector>

namespace restartkit {

using namespace dsl;
using testkit::kT0;

inline constexpr int kPort = 9999;

/// One batch of the state stream's output operation: its time, the clock when it ran, the state.
struct Ran {
    SimTime batch;
    SimTime at;
    Records state;
};

/// What a SocketRun is given besides its checkpoint directory.
struct SocketRunOptions {
    bool recover = false;
    Duration clock{0};               ///< when the driver (re)starts, after kT0
    QList<qint64> lineOffsets;       ///< "a" at these ms after kT0
    std::vector<std::pair<qint64, std::string>> lines; ///< other lines: (ms after kT0, text)
    int failingBatch = 0;            ///< a second output on the lines fails in this batch (s)
    bool window = false;             ///< window(2 s, 2 s) instead of the running count
    std::map<std::string, std::string> conf; ///< SparkConf settings
    bool checkpoint = true;          ///< ssc.checkpoint(dir) on a first run
};

/// lines = socketTextStream(9999); lines.map((_, 1)).updateStateByKey(runningSum) collected per
/// batch (or a window of the lines); the class of each batch's lines RDD is kept.
struct SocketRun {
    SocketRun(const std::string &dir, SocketRunOptions o) : d("local[2]", kT0, 42, o.conf)
    {
        d.sim.inputLog().listen(kPort);
        std::vector<std::pair<qint64, std::string>> all = o.lines;
        for (qint64 off : o.lineOffsets) all.emplace_back(off, "a");
        std::stable_sort(all.begin(), all.end(), [](const auto &x, const auto &y) { return x.first < y.first; });
        for (const auto &[off, text] : all) d.sim.inputLog().addLine(kT0 + Duration(off), text, kPort);
        awaitWithoutContext(d.sim, kT0 + o.clock, pacer);
        ssc = std::make_unique<StreamingContext>(*d.sc, Duration(1000));
        const DStreamPtr lines = ssc->socketTextStream("localhost", kPort);
        const DStreamPtr out = o.window ? ops::window(lines, Duration(2000), Duration(2000))
                                        : ops::updateStateByKey(wskit::keyedBy(lines, 1), wskit::runningSum);
        ops::foreachRDD(out, [this](const RDDPtr &rdd, SimTime t) {
            ran.push_back({t, d.sim.now(), scalakit::asSet(d.sc->collect(rdd))});
        });
        const int failing = o.failingBatch;
        const bool recover = o.recover;
        ops::foreachRDD(lines, [this, failing, recover](const RDDPtr &rdd, SimTime t) {
            lineRddClasses.emplace_back(t, rdd->className());
            if (!recover && failing && t == kT0 + Duration(1000 * failing))
                throw UserCodeError("ValueError", "batch " + std::to_string(failing) + " fails");
        });
        if (o.recover) {
            if (!ssc->recoverFromCheckpoint(dir)) QTest::qFail("no checkpoint", __FILE__, __LINE__);
        } else if (o.checkpoint) {
            ssc->checkpoint(dir);
        }
        ssc->start();
    }
    /// time.sleep to `until` (after kT0), then stop at once, as a killed driver does.
    void runTo(Duration until)
    {
        sleepOnDriver(d.sim, kT0 + until, pacer);
        ssc->stop(false, false);
    }
    std::int64_t recordsOf(SimTime batch) const
    {
        for (const BatchInfo &b : d.rec.completed)
            if (b.batchTime == batch) return b.numRecords();
        return -1;
    }
    bool logged(LogLevel level, const std::string &part) const
    {
        for (const auto &l : d.rec.logs)
            if (l.level == level && l.message.find(part) != std::string::npos) return true;
        return false;
    }
    /// The state the output saw in batch `s` (seconds after kT0); fails the test when absent.
    Records stateAt(int s) const
    {
        for (const Ran &r : ran)
            if (r.batch == kT0 + Duration(1000 * s)) return r.state;
        QTest::qFail(("no batch at " + std::to_string(s) + " s").c_str(), __FILE__, __LINE__);
        return {};
    }
    testkit::Driver d;
    AsFastAsPossiblePacer pacer;
    std::unique_ptr<StreamingContext> ssc;
    std::vector<Ran> ran;
    std::vector<std::pair<SimTime, std::string>> lineRddClasses;
};

} // namespace restartkit
