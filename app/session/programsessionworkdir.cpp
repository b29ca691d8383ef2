// ProgramSession, the working folder: where a lesson's program runs (its checkpoint folder), and a
// driver restarted from the files the stopped one left (StreamingContext.getOrCreate).
#include "programsession.h"
#include "snapshotbuilder.h"

#include "engine/costmodel.h"
#include "engine/python/pyruntime.h"
#include "engine/simulation.h"
#include "engine/timeformat.h"

#include <filesystem>

namespace dsl::session {

namespace fs = std::filesystem;

namespace {
/// The folder the program runs in, and the files a restarted driver starts from, side by side.
fs::path runFolder(const std::string &root) { return fs::path(root) / "run"; }
fs::path driverStartFolder(const std::string &root) { return fs::path(root) / "driver-start"; }
/// The first driver's starting files while restarted drivers run (a Reset puts them back).
fs::path originStartFolder(const std::string &root) { return fs::path(root) / "driver-start-first"; }
} // namespace

void ProgramSession::apply(const command::SetWorkingDirectory &c)
{
    std::lock_guard lk(m_mutex);
    forgetRestartedDrivers(false);
    m_workDir = c.directory.toStdString();
    m_takeWorkBase = false;
    m_clearWorkBase = true; // the worker empties it before the next run (no run may write meanwhile)
    abortTo(false);
}

void ProgramSession::apply(const command::RestartDriver &c)
{
    std::lock_guard lk(m_mutex);
    if (workRoot().empty()) return; // no folder of its own could be made: the app's is never copied
    // The driver stops here: the run is aborted where it stands (the pacer holds it there), so
    // its checkpoint is what it wrote up to this point, as when a real driver is killed.
    m_startTime = SimTime(c.startTimeMs);
    m_takeWorkBase = true;
    m_clearWorkBase = false;
    m_dbImage.reset(); // the new driver finds the database as the stopped one left it
    abortTo(false);
}

std::string ProgramSession::prepareWorkingDirectory()
{
    // Worker, m_mutex held, no program running: nothing writes into the folder meanwhile.
    const std::string root = workRoot();
    if (root.empty()) return {};
    std::error_code ec;
    const fs::path run = runFolder(root), start = driverStartFolder(root), origin = originStartFolder(root);
    if (m_clearWorkBase) fs::remove_all(start, ec);
    if (m_saveOriginFiles) {
        // The first restart of a chain: the first driver's starting files go aside for a Reset.
        fs::remove_all(origin, ec);
        fs::create_directories(root, ec);
        if (fs::exists(start, ec)) fs::rename(start, origin, ec);
        else fs::create_directories(origin, ec);
    }
    if (m_restoreOriginFiles) {
        fs::remove_all(start, ec);
        if (fs::exists(origin, ec)) fs::rename(origin, start, ec);
    }
    if (!m_originStart) fs::remove_all(origin, ec);
    m_saveOriginFiles = m_restoreOriginFiles = false;
    if (m_takeWorkBase) {
        // RestartDriver: the stopped driver's files are where every run of the new one starts.
        fs::remove_all(start, ec);
        fs::create_directories(root, ec);
        if (fs::exists(run, ec)) fs::copy(run, start, fs::copy_options::recursive, ec);
    }
    m_clearWorkBase = m_takeWorkBase = false;
    // Every run and replay of this driver starts from the same files, so it computes the same.
    fs::remove_all(run, ec);
    if (fs::exists(start, ec)) fs::copy(start, run, fs::copy_options::recursive, ec);
    fs::create_directories(run, ec);
    return run.string();
}

bool ProgramSession::restartKilledDriver(bool raised)
{
    // Worker, m_mutex held, the program returned.
    const Simulation &sim = m_rt->simulation();
    if (!sim.driverKilled() || raised) return false;
    const SimTime killedAt = sim.deathLedger() ? sim.deathLedger()->killedAt : std::max(sim.killedBy()->at, m_startTime);
    if (!sim.killedCheckpointDir()) {
        // Only StreamingContext.getOrCreate brings a driver back where it was; without a
        // checkpoint a restarted program would start from nothing.
        m_builder->appendStderr("DStream Lab: the driver was killed at " + log4jTime(killedAt) +
                                "; the program has no checkpoint to recover from, so the run ends, as Spark's would\n");
        return false;
    }
    if (workRoot().empty()) {
        m_builder->appendStderr("DStream Lab: the driver was killed at " + log4jTime(killedAt) +
                                "; it cannot start again: no working folder could be made for its checkpoint\n");
        return false;
    }
    m_previousDriver = sim.deathLedger().value_or(DriverLedger{killedAt, {}, {}});
    if (!m_originStart) {
        m_originStart = m_startTime;
        m_originDbImage = m_dbImage;
        m_saveOriginFiles = true;
    }
    // spark-submit --supervise: a new driver, cost::driverRestartMs later, in the same folder
    // (a copy of the stopped one's files, the start of every replay of the new driver), with
    // the database as the stopped one left it.
    m_startTime = killedAt + Duration(cost::driverRestartMs);
    m_takeWorkBase = true;
    m_clearWorkBase = false;
    m_dbImage.reset();
    m_startRequested = true;
    return true;
}

void ProgramSession::forgetRestartedDrivers(bool restoreFiles, bool restoreStart)
{
    // m_mutex held.
    if (!m_originStart) return;
    if (restoreStart) m_startTime = *m_originStart;
    m_originStart.reset();
    m_previousDriver.reset();
    m_dbImage = m_originDbImage;
    m_originDbImage.reset();
    m_takeWorkBase = false;
    m_restoreOriginFiles = restoreFiles;
}

} // namespace dsl::session
