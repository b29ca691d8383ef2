// SessionJournal across processes: a live journal is not offered, a dead writer's is (its empty
// one removed), a clean end leaves nothing, restoring replays into a ProgramSession at its start,
// and the real app killed with SIGKILL comes back with every typed line. The format's own tests:
// tst_sessionjournal.
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/session/programsession.h"
#include "app/session/runsnapshot.h"
#include "journaltestkit.h"
#endif

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace dsl;
using namespace dsl::session;
using namespace journalkit;

namespace {

QStringList journalFiles(const QString &dir)
{
    return QDir(dir).entryList({QStringLiteral("session-*")}, QDir::Files, QDir::Name);
}

} // namespace

class TestSessionJournalRecovery : public QObject {
    Q_OBJECT
private slots:
    void liveJournalIsNotRecoveredAndCleanEndLeavesNothing();
    void deadWritersEmptyJournalIsRemovedAndTheNextOneOffered();
    void restoreReplaysIntoTheSessionAtItsStart();
    void killedAppRestoresEveryTypedLine();
    void discardSessionOptionRemovesTheJournal();
};

// ---- live, dead and cleanly ended journals ----------------------------------------------------

void TestSessionJournalRecovery::liveJournalIsNotRecoveredAndCleanEndLeavesNothing()
{
    QTemporaryDir dir;
    {
        auto j = SessionJournal::create(dir.path(), start());
        QVERIFY(j);
        j->recordProgram(QStringLiteral("wc.py"), QStringLiteral("pass\n"));
        tell(*j, typed(0, "typed while alive"));
        QCOMPARE(journalFiles(dir.path()).size(), 2); // the journal and its lock
        QVERIFY(!SessionJournal::recover(dir.path())); // its writer (this process) lives
        QCOMPARE(journalFiles(dir.path()).size(), 2);
    }
    QCOMPARE(journalFiles(dir.path()), QStringList());
    QVERIFY(!SessionJournal::recover(dir.path()));
}

void TestSessionJournalRecovery::deadWritersEmptyJournalIsRemovedAndTheNextOneOffered()
{
    // Journals by hand, as a killed process leaves them (no lock: its process is gone).
    QTemporaryDir dir;
    const QString older = dir.filePath(QStringLiteral("session-1-1.journal"));
    const QString newer = dir.filePath(QStringLiteral("session-2-2.journal"));
    QVERIFY(writeFile(older, header() + R"({"op":"typed","port":9999,"t":1795514400000,"text":"kept"})" + '\n'));
    QVERIFY(writeFile(newer, header())); // killed before anything happened
    QFile n(newer);
    QVERIFY(n.open(QIODevice::ReadWrite));
    n.setFileTime(QDateTime::currentDateTime().addSecs(60), QFileDevice::FileModificationTime);
    n.close();
    auto s = SessionJournal::recover(dir.path());
    QVERIFY(s);
    QCOMPARE(s->path, older);
    QCOMPARE(typedTexts(*s), QStringList{QStringLiteral("kept")});
    QVERIFY(!QFileInfo::exists(newer));
    QVERIFY(SessionJournal::discard(*s));
    QCOMPARE(journalFiles(dir.path()), QStringList());
    // A bad journal is kept aside, never read again.
    QVERIFY(writeFile(older, header() + "garbage\n"));
    s = SessionJournal::recover(dir.path());
    QVERIFY(s && !s->error.isEmpty());
    QVERIFY(SessionJournal::discard(*s));
    QVERIFY(QFileInfo::exists(older + QStringLiteral(".bad")));
    QVERIFY(!SessionJournal::recover(dir.path()));
}

// ---- restoring ---------------------------------------------------------------------------------

void TestSessionJournalRecovery::restoreReplaysIntoTheSessionAtItsStart()
{
    // A session started an hour after the killed one: every line keeps its offset from the start.
    const SimTime later = start() + Duration(3'600'000);
    QTemporaryDir dir;
    auto journal = SessionJournal::create(dir.path(), later);
    QVERIFY(journal);
    ProgramSession::Config cfg;
    cfg.startTime = later;
    cfg.pythonPackageDir = DSTREAMLAB_SOURCE_DIR "/resources/python";
    auto session = std::make_unique<ProgramSession>(cfg);
    auto detach = qScopeGuard([&] { session.reset(); }); // the session goes before the journal
    session->setJournal(journal.get());

    RecoveredSession r;
    r.startTime = start();
    r.programFileName = QStringLiteral("wc.py");
    QFile src(QStringLiteral(DSTREAMLAB_SOURCE_DIR "/resources/programs/network_wordcount.py"));
    QVERIFY(src.open(QIODevice::ReadOnly));
    r.programSource = QString::fromUtf8(src.readAll());
    RunOptions o;
    o.master = QStringLiteral("local[4]");
    o.batchIntervalMs = 2000;
    r.options = o;
    AutoTyperSpec spec;
    spec.linesPerSecond = 4;
    r.ops = {typed(0, "forgotten"), clearOp(), script({{500, "hello spark"}, {2500, "hello world"}}, 0),
             typed(1200, "typed one"), typed(1200, "typed two"), autoOp(JournalOp::Kind::AutoStart, 3001, spec),
             autoOp(JournalOp::Kind::AutoAdvance, 4000)};
    session->restore(r);

    QCOMPARE(session->programFileName(), QStringLiteral("wc.py"));
    QVERIFY(session->options() == o);
    const QStringList expected{QStringLiteral("%1 0 hello spark").arg(later.ms() + 500),
                               QStringLiteral("%1 9999 typed one").arg(later.ms() + 1200),
                               QStringLiteral("%1 9999 typed two").arg(later.ms() + 1200),
                               QStringLiteral("%1 0 hello world").arg(later.ms() + 2500)};
    const QStringList got = describe(session->inputLog());
    QCOMPARE(got.size(), 8); // 2 script + 2 typed + the auto-typer's lines at 3.001 .. 4.000 s (4/s)
    QCOMPARE(got.mid(0, 4), expected);
    QVERIFY(got[4].startsWith(QString::number(later.ms() + 3001)));
    // "not started", every line ready (the preview shows them).
    RunSnapshotPtr snap;
    QVERIFY(QTest::qWaitFor(
        [&] {
            snap = session->latestSnapshot();
            return snap && snap->phase == RunPhase::NotStarted && snap->input && snap->input->size == 8;
        },
        30000));
    // The new journal holds it all again: a second crash restores the same.
    const RecoveredSession again = SessionJournal::read(journal->path());
    QVERIFY2(again.error.isEmpty(), qPrintable(again.error));
    QCOMPARE(again.programFileName.value_or(QString()), QStringLiteral("wc.py"));
    QVERIFY(again.options && *again.options == o);
    SessionInputLog log;
    again.replay(log);
    QCOMPARE(describe(log.records()), got);
}

// ---- the real application, killed --------------------------------------------------------------

namespace {

QProcessEnvironment appEnvironment(const QString &dataDir, const QString &home)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("DSTREAMLAB_DATA_DIR"), dataDir);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config")); // no settings touched
    env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
    env.insert(QStringLiteral("TZ"), QStringLiteral("UTC"));
    return env;
}

/// The journal `pid` writes, once it holds `typedLines` typed lines.
bool waitForTypedLines(const QString &dataDir, qint64 pid, int typedLines, RecoveredSession &out)
{
    return QTest::qWaitFor(
        [&] {
            const QStringList mine =
                QDir(dataDir).entryList({QStringLiteral("session-%1-*.journal").arg(pid)}, QDir::Files);
            if (mine.size() != 1) return false;
            out = SessionJournal::read(QDir(dataDir).filePath(mine.front()));
            return out.error.isEmpty() && typedTexts(out).size() >= typedLines;
        },
        90000);
}

} // namespace

void TestSessionJournalRecovery::killedAppRestoresEveryTypedLine()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString data = tmp.filePath(QStringLiteral("data"));
    QStringList first;
    for (int i = 0; i < 12; ++i) first << QStringLiteral("line %1 hello spark").arg(i);
    first << QStringLiteral("你好 世界 spark") << QStringLiteral("  spaced\tand tabbed  ");
    const QStringList second{QStringLiteral("after restore 1"), QStringLiteral("after restore 2")};
    QVERIFY(writeFile(tmp.filePath(QStringLiteral("first.txt")), first.join(QLatin1Char('\n')).toUtf8() + '\n'));
    QVERIFY(writeFile(tmp.filePath(QStringLiteral("second.txt")), second.join(QLatin1Char('\n')).toUtf8()));
    // The script also drops a file (an `@file` record, inputscript.h): journaled as a File op.
    QVERIFY(writeFile(tmp.filePath(QStringLiteral("script.txt")),
                      "0.5\tfrom the script\n1.0\t@file 2 watched/k.txt\n\tkilled file\n\t\n1.5\tscript again\n"));

    QProcess app;
    app.setProcessEnvironment(appEnvironment(data, tmp.path()));
    app.setProcessChannelMode(QProcess::ForwardedChannels);
    auto endApp = qScopeGuard([&] {
        if (app.state() != QProcess::NotRunning) {
            app.kill();
            app.waitForFinished(10000);
        }
    });
    auto killApp = [&] {
        QVERIFY(app.state() == QProcess::Running);
        app.kill(); // SIGKILL: no destructor runs, nothing is flushed by the app
        QVERIFY(app.waitForFinished(10000));
        QCOMPARE(app.exitStatus(), QProcess::CrashExit);
    };

    // 1. Lines typed into the nc panel, then kill -9 once the journal holds them.
    app.start(QStringLiteral(DSTREAMLAB_BIN),
              {QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--start-time"),
               QStringLiteral("2026-11-24 10:00:00"), QStringLiteral("--input"), tmp.filePath(QStringLiteral("script.txt")),
               QStringLiteral("--type-lines"), tmp.filePath(QStringLiteral("first.txt"))});
    QVERIFY(app.waitForStarted(10000));
    RecoveredSession live;
    QVERIFY2(waitForTypedLines(data, app.processId(), int(first.size()), live), qPrintable(live.error));
    QVERIFY(!SessionJournal::recover(data)); // its writer lives: not offered, its lock untouched
    QCOMPARE(journalFiles(data).size(), 2);
    killApp();
    if (QTest::currentTestFailed()) return;

    std::optional<RecoveredSession> s = SessionJournal::recover(data);
    QVERIFY(s);
    QVERIFY2(s->error.isEmpty(), qPrintable(s->error));
    QCOMPARE(s->startTime.ms(), start().ms());
    QCOMPARE(s->programFileName.value_or(QString()), QStringLiteral("network_wordcount.py"));
    QCOMPARE(typedTexts(*s), first);
    for (const auto &op : s->ops)
        if (op.kind == JournalOp::Kind::Typed) {
            QCOMPARE(op.time.ms(), start().ms()); // typed before the run started: at its start
            QCOMPARE(op.port, 9999);
        }
    const auto isFile = [](const JournalOp &op) { return op.kind == JournalOp::Kind::File; };
    QCOMPARE(std::count_if(s->ops.begin(), s->ops.end(), isFile), 1);
    const JournalOp &file = *std::find_if(s->ops.begin(), s->ops.end(), isFile);
    QCOMPARE(file.directory, std::string("watched"));
    QCOMPARE(file.name, std::string("k.txt"));
    QCOMPARE(file.text, std::string("killed file\n"));
    QCOMPARE(file.time.ms(), start().ms() + 1000);
    QCOMPARE(s->inputLines(), std::size_t(first.size() + 3)); // typed, 2 script lines, the file
    const QString killedJournal = s->path;

    // 2. Restored without asking (the start time comes back too), more lines typed, killed again.
    app.start(QStringLiteral(DSTREAMLAB_BIN),
              {QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--restore-session"), QStringLiteral("--type-lines"),
               tmp.filePath(QStringLiteral("second.txt"))});
    QVERIFY(app.waitForStarted(10000));
    QVERIFY2(waitForTypedLines(data, app.processId(), int(first.size() + second.size()), live), qPrintable(live.error));
    QVERIFY(!QFileInfo::exists(killedJournal)); // restored into the new journal, then removed
    killApp();
    if (QTest::currentTestFailed()) return;

    s = SessionJournal::recover(data);
    QVERIFY(s);
    QVERIFY2(s->error.isEmpty(), qPrintable(s->error));
    QCOMPARE(s->startTime.ms(), start().ms());
    QCOMPARE(typedTexts(*s), first + second);
    SessionInputLog log;
    s->replay(log);
    QStringList texts;
    int files = 0;
    for (const auto &r : log.records()) {
        QVERIFY(r.time.ms() >= start().ms());
        if (r.kind == InputRecord::Kind::File) {
            ++files;
            QCOMPARE(r.path, std::string("watched/k.txt"));
            QCOMPARE(r.text, std::string("killed file\n"));
            continue;
        }
        texts << QString::fromStdString(r.text);
    }
    QCOMPARE(files, 1); // the dropped file survived both kills
    const QStringList scriptLines{QStringLiteral("from the script"), QStringLiteral("script again")};
    QCOMPARE(texts, first + second + scriptLines);

    // 3. Restored and rendered: a clean exit leaves nothing to restore.
    const QString png = tmp.filePath(QStringLiteral("restored.png"));
    app.start(QStringLiteral(DSTREAMLAB_BIN),
              {QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--restore-session"), QStringLiteral("--screenshot"),
               png, QStringLiteral("--until-batch"), QStringLiteral("2"), QStringLiteral("--size"), QStringLiteral("1280x800")});
    QVERIFY(app.waitForStarted(10000));
    QVERIFY(app.waitForFinished(180000));
    QCOMPARE(app.exitStatus(), QProcess::NormalExit);
    QCOMPARE(app.exitCode(), 0);
    QVERIFY(QFileInfo(png).size() > 0);
    QVERIFY(!SessionJournal::recover(data));
    QCOMPARE(journalFiles(data), QStringList());
}

void TestSessionJournalRecovery::discardSessionOptionRemovesTheJournal()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString data = tmp.filePath(QStringLiteral("data"));
    QVERIFY(QDir().mkpath(data));
    const QString killed = QDir(data).filePath(QStringLiteral("session-1-1.journal"));
    QVERIFY(writeFile(killed, header() + R"({"op":"typed","port":9999,"t":1795514400000,"text":"unwanted"})" + '\n'));
    QVERIFY(SessionJournal::recover(data));

    QProcess app;
    app.setProcessEnvironment(appEnvironment(data, tmp.path()));
    app.setProcessChannelMode(QProcess::ForwardedChannels);
    auto endApp = qScopeGuard([&] {
        if (app.state() != QProcess::NotRunning) {
            app.kill();
            app.waitForFinished(10000);
        }
    });
    app.start(QStringLiteral(DSTREAMLAB_BIN),
              {QStringLiteral("--discard-session"), QStringLiteral("--screenshot"), tmp.filePath(QStringLiteral("x.png")),
               QStringLiteral("--until-batch"), QStringLiteral("1"), QStringLiteral("--size"), QStringLiteral("800x600")});
    QVERIFY(app.waitForStarted(10000));
    QVERIFY(app.waitForFinished(180000));
    QCOMPARE(app.exitCode(), 0);
    QVERIFY(!QFileInfo::exists(killed));
    QVERIFY(!SessionJournal::recover(data));
}

QTEST_GUILESS_MAIN(TestSessionJournalRecovery)
#include "tst_sessionjournalrecovery.moc"
