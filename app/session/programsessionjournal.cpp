// ProgramSession, journal side: attaching the session journal and restoring a killed session.
#include "programsession.h"
#include "sessionjournal.h"

namespace dsl::session {

void ProgramSession::setJournal(SessionJournal *journal)
{
    std::lock_guard lk(m_mutex);
    m_journal = journal;
    m_log.setObserver(journal);
    if (!journal) return;
    SessionJournal::Batch batch(journal);
    if (!m_source.empty()) journal->recordProgram(QString::fromStdString(m_fileName), QString::fromStdString(m_source));
    journal->recordOptions(m_options);
}

void ProgramSession::restore(const RecoveredSession &recovered)
{
    std::lock_guard lk(m_mutex);
    std::optional<SessionJournal::Batch> batch; // one sync for the whole session
    if (m_journal) batch.emplace(m_journal);
    if (recovered.programFileName) {
        m_fileName = recovered.programFileName->toStdString();
        m_source = recovered.programSource.toStdString();
        m_dbImage.reset();
        if (m_journal) m_journal->recordProgram(*recovered.programFileName, recovered.programSource);
    }
    if (recovered.options) {
        m_options = *recovered.options;
        if (m_journal) m_journal->recordOptions(m_options);
    }
    abortTo(false); // back to "not started", then the restored log (as loadInputLog does)
    m_pendingLines.clear();
    m_pendingDrops.clear();
    m_pendingFaults.clear();
    m_pendingAutoStart.reset();
    m_pendingAutoStop = false;
    m_log.clear();
    m_followPorts.clear();
    const Duration shift = m_startTime - recovered.startTime;
    recovered.replay(m_log, shift);
    std::size_t kept = 0; // the ops the log holds: after the last clear
    for (std::size_t i = 0; i < recovered.ops.size(); ++i)
        if (recovered.ops[i].kind == JournalOp::Kind::Clear) kept = i + 1;
    for (std::size_t i = kept; i < recovered.ops.size(); ++i) {
        const JournalOp &op = recovered.ops[i];
        // A real server's event: its port follows the server from the first one, as it did.
        if (op.kind == JournalOp::Kind::Server) followFrom(op.port, op.time + shift);
    }
    for (const JournalOp &op : recovered.ops) {
        if (op.kind != JournalOp::Kind::Script && op.kind != JournalOp::Kind::Typed && op.kind != JournalOp::Kind::AutoStart)
            continue;
        if (op.port == 0) m_listenAll = true;
        else if (op.kind == JournalOp::Kind::Typed) listenFrom(op.port, op.time + shift);
        else listenFrom(op.port, SimTime(INT64_MIN));
    }
    m_inputReloaded = true;
    m_cv.notify_all();
}

} // namespace dsl::session
