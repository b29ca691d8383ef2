// ProgramSession, the working folder: where a lesson's program runs (its checkpoint folder), and a
// driver restarted from the files the stopped one left (StreamingContext.getOrCreate).
#include "programsession.h"

#include <filesystem>

namespace dsl::session {

namespace fs = std::filesystem;

namespace {
/// The folder the program runs in, and the files a restarted driver starts from, side by side.
fs::path runFolder(const std::string &root) { return fs::path(root) / "run"; }
fs::path driverStartFolder(const std::string &root) { return fs::path(root) / "driver-start"; }
} // namespace

void ProgramSession::apply(const command::SetWorkingDirectory &c)
{
    std::lock_guard lk(m_mutex);
    m_workDir = c.directory.toStdString();
    m_takeWorkBase = false;
    m_clearWorkBase = true; // the worker empties it before the next run (no run may write meanwhile)
    abortTo(false);
}

void ProgramSession::apply(const command::RestartDriver &c)
{
    std::lock_guard lk(m_mutex);
    if (m_workDir.empty()) return; // the app's own folder is never copied
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
    if (m_workDir.empty()) return {};
    std::error_code ec;
    const fs::path run = runFolder(m_workDir), start = driverStartFolder(m_workDir);
    if (m_clearWorkBase) fs::remove_all(start, ec);
    if (m_takeWorkBase) {
        // RestartDriver: the stopped driver's files are where every run of the new one starts.
        fs::remove_all(start, ec);
        fs::create_directories(m_workDir, ec);
        if (fs::exists(run, ec)) fs::copy(run, start, fs::copy_options::recursive, ec);
    }
    m_clearWorkBase = m_takeWorkBase = false;
    // Every run and replay of this driver starts from the same files, so it computes the same.
    fs::remove_all(run, ec);
    if (fs::exists(start, ec)) fs::copy(start, run, fs::copy_options::recursive, ec);
    fs::create_directories(run, ec);
    return run.string();
}

} // namespace dsl::session
