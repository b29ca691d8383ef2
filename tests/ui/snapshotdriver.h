// SnapshotDriver: a RunDriver for view tests that publishes the snapshots it is given (no
// program runs); shared by the kits of hand-written histories (kafkatestkit.h, streamingtestkit.h).
#pragma once

// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/session/runsnapshot.h"
#include "ui/sessioncommands.h"
#endif

#include <memory>

namespace uitest {

class SnapshotDriver : public dsl::ui::RunDriver {
public:
    /// `fileName`: the program the views are told is loaded.
    explicit SnapshotDriver(QString fileName) : m_fileName(std::move(fileName)) {}
    void execute(const dsl::ui::SessionCommand &) override {}
    QString programFileName() const override { return m_fileName; }
    QString programSource() const override { return {}; }
    dsl::ui::RunOptions options() const override { return {}; }
    std::size_t inputLogSize() const override { return 0; }
    bool saveInputLog(const QString &, QString *) override { return true; }
    bool loadInputLog(const QString &, QString *) override { return true; }
    void show(std::shared_ptr<dsl::session::RunSnapshot> s)
    {
        s->serial = ++m_serial << 16;
        emit snapshotReady(s);
    }

private:
    QString m_fileName;
    std::uint64_t m_serial = 0;
};

} // namespace uitest
