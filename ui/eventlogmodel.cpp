// The event log as a table (eventlogmodel.h).
#include "eventlogmodel.h"

#include "app/session/runsnapshot.h"
#include "engine/eventlog.h"
#include "timetext.h"

#include <QDateTime>
#include <QFont>
#include <QTimeZone>

#include <algorithm>

namespace dsl::ui {

EventLogModel::EventLogModel(QObject *parent) : QAbstractTableModel(parent) {}

std::size_t EventLogModel::visibleLines(const RunSnapshot &s) const
{
    const EventLogSnapshot &log = *s.events;
    std::size_t n = log.size();
    if (!s.cursor) return n;
    // Browsing: the lines up to the shown batch's completion (lines are in time order).
    const BatchSnapshot *b = s.batch(*s.cursor);
    const SimTime end = b && b->info.processingEndTime ? *b->info.processingEndTime : *s.cursor;
    std::size_t lo = 0, hi = n;
    while (lo < hi) {
        const std::size_t mid = (lo + hi) / 2;
        if (log.at(mid).time <= end) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

void EventLogModel::setSnapshot(const RunSnapshotPtr &s)
{
    if (!s || !s->events) {
        if (m_rows > 0 || m_log) {
            beginResetModel();
            m_log.reset();
            m_rows = 0;
            m_dropped = 0;
            endResetModel();
        }
        return;
    }
    const std::size_t dropped = s->events->dropped;
    const int rows = static_cast<int>(visibleLines(*s));
    const bool sameRun = m_log && s->runId == m_runId && dropped >= m_dropped;
    if (!sameRun) {
        beginResetModel();
        m_log = s->events;
        m_runId = s->runId;
        m_dropped = dropped;
        m_rows = rows;
        endResetModel();
        return;
    }
    // The same run: drop the rows of lines the log let go, then add or remove at the end.
    const int gone = static_cast<int>(std::min<std::size_t>(dropped - m_dropped, static_cast<std::size_t>(m_rows)));
    if (gone > 0) {
        beginRemoveRows({}, 0, gone - 1);
        // The new log's first line is the old row `gone` (when fewer rows were shown than
        // dropped, no row is left to read until the insertion below).
        m_log = s->events;
        m_dropped = dropped;
        m_rows -= gone;
        endRemoveRows();
    }
    m_dropped = dropped;
    m_log = s->events;
    if (rows > m_rows) {
        beginInsertRows({}, m_rows, rows - 1);
        m_rows = rows;
        endInsertRows();
    } else if (rows < m_rows) { // browsing back: the later lines are not shown
        beginRemoveRows({}, rows, m_rows - 1);
        m_rows = rows;
        endRemoveRows();
    }
}

void EventLogModel::setMarkedBatch(std::optional<qint64> batchMs)
{
    if (m_marked == batchMs) return;
    m_marked = batchMs;
    if (m_rows > 0) emit dataChanged(index(0, 0), index(m_rows - 1, ColumnCount - 1), {Qt::FontRole});
}

void EventLogModel::setLevelColors(const QColor &warn, const QColor &error)
{
    m_warn = warn;
    m_error = error;
    if (m_rows > 0) emit dataChanged(index(0, 0), index(m_rows - 1, ColumnCount - 1), {Qt::ForegroundRole});
}

qint64 EventLogModel::totalLines() const
{
    return m_log ? static_cast<qint64>(m_log->dropped + m_log->size()) : 0;
}

const EventLogLine *EventLogModel::line(int row) const
{
    if (!m_log || row < 0 || row >= m_rows) return nullptr;
    return &m_log->at(static_cast<std::size_t>(row));
}

int EventLogModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : m_rows; }

int EventLogModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QString EventLogModel::levelName(int level)
{
    switch (static_cast<LogLevel>(level)) {
    case LogLevel::Debug: return QStringLiteral("DEBUG");
    case LogLevel::Info: return QStringLiteral("INFO");
    case LogLevel::Warn: return QStringLiteral("WARN");
    case LogLevel::Error: return QStringLiteral("ERROR");
    }
    return QStringLiteral("INFO");
}

QString EventLogModel::log4jText(const EventLogLine &l)
{
    // log4j2-defaults.properties: "%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n"; the date in local time.
    const QString date = QDateTime::fromMSecsSinceEpoch(l.time.ms()).toString(QStringLiteral("yy/MM/dd HH:mm:ss"));
    return date + QLatin1Char(' ') + levelName(static_cast<int>(l.level)) + QLatin1Char(' ') +
           QString::fromStdString(l.source) + QStringLiteral(": ") + QString::fromStdString(l.message);
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    const EventLogLine *l = index.isValid() ? line(index.row()) : nullptr;
    if (!l) return {};
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time: return clockText(l->time.ms(), true);
        case Level: return levelName(static_cast<int>(l->level));
        case Source: return QString::fromStdString(l->source);
        case Message: return QString::fromStdString(l->message);
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Message) return log4jText(*l);
        return {};
    case Qt::FontRole:
        if (m_marked && l->batch && l->batch->ms() == *m_marked) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::ForegroundRole:
        if (l->level == LogLevel::Error && m_error.isValid()) return m_error;
        if (l->level == LogLevel::Warn && m_warn.isValid()) return m_warn;
        return {};
    case BatchRole: return l->batch ? QVariant(static_cast<qint64>(l->batch->ms())) : QVariant();
    case LevelRole: return static_cast<int>(l->level);
    case Log4jRole: return log4jText(*l);
    }
    return {};
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Time: return tr("Time");
    case Level: return tr("Level");
    case Source: return tr("Logger");
    case Message: return tr("Message");
    }
    return {};
}

} // namespace dsl::ui
