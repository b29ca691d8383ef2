// SocketSourceModel: rows of SocketSource, updated in place as counts grow.
#include "socketsourcemodel.h"

#include <QRegularExpression>

namespace dsl::ui {

void SocketSourceModel::setSources(const std::vector<SocketSource> &sources)
{
    const std::size_t shown = m_sources.size();
    bool samePrefix = sources.size() >= shown;
    for (std::size_t i = 0; samePrefix && i < shown; ++i)
        samePrefix = sources[i].name == m_sources[i].name && sources[i].kind == m_sources[i].kind;
    if (!samePrefix) {
        beginResetModel();
        m_sources = sources;
        endResetModel();
        return;
    }
    for (std::size_t i = 0; i < shown; ++i) {
        if (sources[i] == m_sources[i]) continue;
        m_sources[i] = sources[i];
        emit dataChanged(index(int(i), 0), index(int(i), ColumnCount - 1));
    }
    if (sources.size() > shown) {
        beginInsertRows({}, int(shown), int(sources.size()) - 1);
        m_sources.insert(m_sources.end(), sources.begin() + std::ptrdiff_t(shown), sources.end());
        endInsertRows();
    }
}

int SocketSourceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_sources.size());
}

int SocketSourceModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString SocketSourceModel::label(const SocketSource &s)
{
    if (s.kind == SocketSource::Kind::Server) return tr("nc at %1").arg(s.peer);
    // The address without the client's port (its tool tip has both): "student 3 (192.168.1.20)".
    QString host = s.peer;
    const qsizetype colon = host.lastIndexOf(QLatin1Char(':'));
    if (colon > 0 && !host.mid(colon + 1).isEmpty() && host.mid(colon + 1).toInt() > 0) host.truncate(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']'))) host = host.mid(1, host.size() - 2);
    return tr("student %1 (%2)").arg(s.number).arg(host);
}

QString SocketSourceModel::shortLabel(const std::string &sourceName)
{
    // ClassroomListener::Connection::name(): "student N (PEER)".
    static const QRegularExpression student(QStringLiteral("^student (\\d+) \\("));
    const QString name = QString::fromStdString(sourceName);
    const QRegularExpressionMatch m = student.match(name);
    if (m.hasMatch()) return tr("student %1").arg(m.captured(1));
    return name;
}

QString SocketSourceModel::stateText(const SocketSource &s)
{
    switch (s.state) {
    case SocketSource::State::Connecting: return tr("connecting…");
    case SocketSource::State::Connected: return tr("connected");
    case SocketSource::State::Retrying: return tr("retrying every 2 s");
    case SocketSource::State::NotAllowed: return tr("not connected: not this computer");
    case SocketSource::State::Closed: return tr("left");
    }
    return {};
}

QVariant SocketSourceModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) return {};
    const SocketSource &s = m_sources[std::size_t(index.row())];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case SourceColumn: return label(s);
        case LinesColumn: return s.flagged > 0 ? tr("%1 (%2 flagged)").arg(s.lines).arg(s.flagged) : QString::number(s.lines);
        case StateColumn: return stateText(s);
        }
    } else if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case SourceColumn:
            return s.kind == SocketSource::Kind::Server
                       ? tr("A real server (nc -lk) the program's socketTextStream connects to")
                       : tr("%1: a connection to the class port from %2; its lines go to the program's socket as if "
                            "typed here")
                             .arg(label(s), s.peer);
        case LinesColumn:
            return tr("Lines that entered the run; flagged: cut at the line limit or with invalid UTF-8 replaced");
        case StateColumn:
            // Why a student left: "closed by the client", "idle for 600 s", "the class port closed".
            return s.state == SocketSource::State::Closed && !s.closedWhy.isEmpty()
                       ? tr("left: %1").arg(s.closedWhy)
                       : stateText(s);
        }
    } else if (role == Qt::TextAlignmentRole && index.column() == LinesColumn) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    } else if (role == Qt::UserRole) {
        return s.name; // as the input log keeps it
    }
    return {};
}

QVariant SocketSourceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case SourceColumn: return tr("Source");
    case LinesColumn: return tr("Lines");
    case StateColumn: return tr("State");
    }
    return {};
}

void SocketSourceModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_sources.empty()) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

} // namespace dsl::ui
