// SocketSourceModel: the class port's connections and the real servers as a table (the nc panel's
// list of who is typing): source, lines that entered the run, state.
#pragma once

#include "socketclientlistener.h"

#include <QAbstractTableModel>

#include <string>
#include <vector>

namespace dsl::ui {

class SocketSourceModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { SourceColumn, LinesColumn, StateColumn, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    /// The sources now: rows already shown are updated in place, new ones appended (a changed
    /// order resets the model).
    void setSources(const std::vector<SocketSource> &sources);
    const std::vector<SocketSource> &sources() const { return m_sources; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// "student 3 (192.168.1.20)", "nc at localhost:9999" in the window's language.
    static QString label(const SocketSource &s);
    /// The short name a transcript line is prefixed with: "student 3" for the class port's
    /// "student 3 (192.168.1.20:50432)", the server's "localhost:9999" as it is.
    static QString shortLabel(const std::string &sourceName);
    /// "connected", "retrying every 2 s", "left" (why: the tool tip), ...
    static QString stateText(const SocketSource &s);

    /// Emits headerData and data changes after a change of language.
    void retranslate();

private:
    std::vector<SocketSource> m_sources;
};

} // namespace dsl::ui
