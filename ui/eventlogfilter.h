// EventLogFilter: the event log's rows at or above a level, containing a text, optionally only
// the selected batch's.
#pragma once

#include <QSortFilterProxyModel>

#include <optional>

namespace dsl::ui {

class EventLogFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit EventLogFilter(QObject *parent = nullptr);
    /// Rows whose level (EventLogModel::LevelRole, dsl::LogLevel) is at least this.
    void setMinimumLevel(int level);
    int minimumLevel() const { return m_level; }
    /// Rows whose logger or message contains the text (case-insensitive); empty: every row.
    void setText(const QString &text);
    QString text() const { return m_text; }
    /// Only rows linked to this batch; nullopt: any row.
    void setBatch(std::optional<qint64> batchMs);
    std::optional<qint64> batch() const { return m_batch; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    int m_level = 1; // LogLevel::Info: Spark's default root level
    QString m_text;
    std::optional<qint64> m_batch;
};

} // namespace dsl::ui
