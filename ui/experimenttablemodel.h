// ExperimentTableModel: the Experiments view's comparison table, one row per configuration (the
// columns of `dstreamlab run --compare`'s table, docs/experiments.md).
#pragma once

#include "experimentrunner.h"

#include <QAbstractTableModel>
#include <QColor>

namespace dsl::ui {

class ExperimentTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Configuration, Verdict, Batches, Records, Throughput, ProcessingMean, ProcessingMax, SchedulingMean,
        SchedulingMax, SchedulingLast, TotalMean, Fingerprint, ColumnCount
    };

    explicit ExperimentTableModel(QObject *parent = nullptr);

    /// Takes the runs as they are now: the same configurations keep their rows (changed cells
    /// are reported), other ones reset the model.
    void setResults(const QList<ExperimentResult> &results);
    const QList<ExperimentResult> &results() const { return m_results; }
    /// The colours of a good and a bad verdict (the theme's ok and error).
    void setColors(const QColor &ok, const QColor &bad);
    /// The language changed: headers and cells are worded again.
    void retranslate();

    /// The verdict cell's words for a run ("stable", "running…", "failed: …").
    static QString verdictText(const ExperimentResult &r);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const ExperimentResult &r, int column) const;

    QList<ExperimentResult> m_results;
    QColor m_ok, m_bad;
};

} // namespace dsl::ui
