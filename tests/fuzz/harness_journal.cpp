// Fuzz harness: the session journal (app/session SessionJournal::read, RecoveredSession::replay),
// and a restored session journaled again reading back as the same input.
#include "fuzzharness.h"

#include "sessionjournal.h"

#include <QDir>
#include <QFile>

namespace dsl::fuzz {

namespace {

bool sameRecord(const InputRecord &a, const InputRecord &b)
{
    const bool sameSource = (!a.source && !b.source) || (a.source && b.source && *a.source == *b.source);
    return a.kind == b.kind && a.time == b.time && a.port == b.port && a.path == b.path && a.text == b.text &&
           a.key == b.key && a.partition == b.partition && a.server == b.server && sameSource;
}

/// Records are compared one by one only for logs this small (an auto-typer run regenerates its
/// lines; a long one holds millions).
constexpr std::size_t kCompareRecords = 2000;

} // namespace

int fuzzJournal(const std::uint8_t *data, std::size_t size)
{
    using session::RecoveredSession;
    using session::SessionInputLog;
    using session::SessionJournal;
    const QString dir = QString::fromStdString(scratchDir());
    const QString path = dir + QStringLiteral("/fuzz.journal");
    {
        QFile f(path);
        FUZZ_CHECK(f.open(QIODevice::WriteOnly | QIODevice::Truncate), "cannot write " + path.toStdString());
        f.write(reinterpret_cast<const char *>(data), qint64(size));
    }
    const RecoveredSession s = SessionJournal::read(path);
    if (!s.error.isEmpty()) {
        FUZZ_CHECK(s.error.startsWith(path + QLatin1Char(':')), "error: " + s.error.toStdString());
        return 0;
    }
    // Reading stops at the first bad line, else at the end: a last line without its newline is
    // the torn tail of a killed writer.
    FUZZ_CHECK(s.tornTail == (size > 0 && data[size - 1] != '\n'), "tornTail wrong");
    SessionInputLog log;
    s.replay(log);
    FUZZ_CHECK(log.size() == s.inputLines(), "inputLines() disagrees with replay()");

    // Restoring a session journals it again (the log's observer is the new journal); a second
    // crash must restore the same input.
    const QString again = dir + QStringLiteral("/again");
    QString why;
    auto journal = SessionJournal::create(again, s.startTime, &why);
    FUZZ_CHECK(journal != nullptr, "cannot create a journal: " + why.toStdString());
    SessionInputLog restored;
    restored.setObserver(journal.get());
    {
        SessionJournal::Batch batch(journal.get());
        s.replay(restored);
    }
    journal->flush();
    restored.setObserver(nullptr);
    const RecoveredSession s2 = SessionJournal::read(journal->path());
    FUZZ_CHECK(s2.error.isEmpty(), "the journal written on restore does not read back: " + s2.error.toStdString());
    SessionInputLog log2;
    s2.replay(log2);
    FUZZ_CHECK(log2.size() == log.size(), "restored " + std::to_string(log2.size()) + " input records of " +
                                              std::to_string(log.size()));
    if (log.size() <= kCompareRecords) {
        const auto a = log.records(), b = log2.records();
        for (std::size_t i = 0; i < a.size(); ++i)
            FUZZ_CHECK(sameRecord(a[i], b[i]), "record " + std::to_string(i) + " differs after restoring");
    }
    return 0;
}

} // namespace dsl::fuzz
