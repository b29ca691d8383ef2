// SessionInputLog: the dashboard's input log — compact enough for an hour of auto-typed load.
#pragma once

#include "engine/inputlog.h"
#include "autotyper.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace dsl::session {

/// Told of each change to a SessionInputLog the moment it is accepted (the session journal).
/// Calls come from whichever thread changes the log, under the lock that guards it.
class InputLogObserver {
public:
    virtual ~InputLogObserver() = default;
    /// A script run, its lines sorted by time (before the log takes them over).
    virtual void onScriptAdded(const std::vector<std::pair<SimTime, std::string>> &lines, int port)
    {
        (void)lines, (void)port;
    }
    virtual void onTyped(const InputRecord &r) { (void)r; }
    virtual void onAutoStarted(const AutoTyperSpec &spec, SimTime t0, int port) { (void)spec, (void)t0, (void)port; }
    /// The open auto-typer run's lines up to `t` exist now (called whenever their count grows:
    /// often at high rates, so an observer must keep it cheap).
    virtual void onAutoAdvanced(SimTime t) { (void)t; }
    virtual void onAutoStopped(SimTime at) { (void)at; }
    virtual void onCleared() {}
};

/// Everything the run's sockets receive, kept as three kinds of source so that hours of input
/// stay small: script runs (loaded files: times and text in one buffer), typed lines (an
/// InputLog: few, in any order) and auto-typer runs (a spec, a start time and a count — their
/// lines, or the auto-producer's Kafka messages, are regenerated, never stored). Nothing is ever dropped. Records are read in arrival
/// order through a Cursor; at equal times script lines come first, then typed, then auto-typed.
class SessionInputLog {
public:
    /// One file of lines (any order; kept stably sorted by time).
    void addScript(std::vector<std::pair<SimTime, std::string>> lines, int port);
    /// A typed line, placed after every line with the same or an earlier time.
    void addTyped(InputRecord r);
    /// Starts an auto-typer run whose line 0 arrives at t0 (stopping an open one at t0 first).
    void startAuto(const AutoTyperSpec &spec, SimTime t0, int port);
    /// No line of the open auto-typer run after `at`.
    void stopAuto(SimTime at);
    bool autoRunning() const { return !m_auto.empty() && m_auto.back().open; }
    /// The open auto-typer run's lines with arrival time <= t now exist.
    void advanceAuto(SimTime t);
    void clear();
    /// Told of every change from now on (nullptr: none); not owned.
    void setObserver(InputLogObserver *observer) { m_observer = observer; }

    std::size_t size() const;
    bool empty() const { return size() == 0; }
    /// All records in arrival order (tests, small logs).
    std::vector<InputRecord> records() const;
    /// The log as an input script (`SECONDS<TAB>TEXT`, seconds from `start` with millisecond
    /// precision; dropped files as `@file` records), the format `dstreamlab run --input` and
    /// `--input` read (engine/inputscript.h).
    void writeScript(SimTime start, const std::function<void(const std::string &)> &write) const;

    /// Reads the log in arrival order; lines added behind it later (at later times) are seen.
    class Cursor {
    public:
        explicit Cursor(const SessionInputLog *log = nullptr) : m_log(log) {}
        /// The next record if its time is <= upTo.
        bool next(SimTime upTo, InputRecord &out);
        std::size_t position() const { return m_read; }
    private:
        const SessionInputLog *m_log;
        std::vector<std::size_t> m_script, m_auto;
        std::size_t m_typed = 0, m_read = 0;
    };
    Cursor cursor() const { return Cursor(this); }

private:
    struct ScriptRun {
        int port = 0;
        std::vector<std::int64_t> times;
        std::vector<std::uint64_t> ends; ///< text i is text[ends[i-1] .. ends[i])
        std::string text;
        std::string at(std::size_t i) const;
    };
    struct AutoRun {
        AutoTyperSpec spec;
        SimTime t0;
        int port = 0;
        std::uint64_t count = 0;
        bool open = true;
        SimTime time(std::uint64_t k) const { return t0 + Duration(AutoTyper::arrivalOffsetMs(spec, k)); }
    };
    std::vector<ScriptRun> m_scripts;
    InputLog m_typed;
    std::vector<AutoRun> m_auto;
    InputLogObserver *m_observer = nullptr;
};

} // namespace dsl::session
