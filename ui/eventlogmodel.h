// EventLogModel: the run's event log (RunSnapshot::events) as a table of Spark driver log lines,
// time, level, logger and message, each linked to the batch it is about.
#pragma once

#include "snapshotfwd.h"

#include <QAbstractTableModel>
#include <QColor>

#include <memory>
#include <optional>

namespace dsl {
struct EventLogSnapshot;
struct EventLogLine;
} // namespace dsl

namespace dsl::ui {

/// Rows grow as lines are logged (rows inserted, never a reset while the run goes on) and the
/// oldest go when the log drops them (rows removed); a new run resets. While the history is
/// browsed, only the lines logged up to the shown batch's completion are rows.
class EventLogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Time, Level, Source, Message, ColumnCount };
    static constexpr int BatchRole = Qt::UserRole + 1; ///< the linked batch time (ms), or invalid
    static constexpr int LevelRole = Qt::UserRole + 2; ///< the level as an int (dsl::LogLevel)
    /// The line as Spark's log4j default pattern prints it ("%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m").
    static constexpr int Log4jRole = Qt::UserRole + 3;

    explicit EventLogModel(QObject *parent = nullptr);
    void setSnapshot(const RunSnapshotPtr &s);
    /// The batch whose lines are marked (the shared selection's); nullopt: none.
    void setMarkedBatch(std::optional<qint64> batchMs);
    /// Text colours of WARN and ERROR rows (the theme's); invalid: the view's own.
    void setLevelColors(const QColor &warn, const QColor &error);
    /// Every line logged since the run started, including those no longer held.
    qint64 totalLines() const;
    const EventLogLine *line(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString levelName(int level);
    static QString log4jText(const EventLogLine &line);

private:
    std::size_t visibleLines(const RunSnapshot &s) const;

    std::shared_ptr<const EventLogSnapshot> m_log;
    std::uint64_t m_runId = 0;
    std::size_t m_dropped = 0; ///< lines before the first row
    int m_rows = 0;
    std::optional<qint64> m_marked;
    QColor m_warn, m_error;
};

} // namespace dsl::ui
