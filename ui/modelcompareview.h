// ModelCompareView: micro-batch vs record-at-a-time for the word count (app/session/modelcomparison.h,
// docs/throughput-latency.md): settings, a Compare button that runs the comparison off the GUI
// thread, bar charts of latency and maximum throughput, the rows as a table, the assumptions.
#pragma once

#include "theme.h"

// The comparison's values; the view runs it through the session layer (session::compareModels),
// so it holds no engine object (docs/architecture.md, Layers).
#include "engine/modelcomparison.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <memory>

class QAbstractItemModel;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;
class QThread;

namespace dsl::ui {

class ModelCompareCharts;
class ModelCompareTableModel;

class ModelCompareView : public QWidget {
    Q_OBJECT
public:
    explicit ModelCompareView(QWidget *parent = nullptr);
    /// Waits for a comparison still running (about a second at the defaults).
    ~ModelCompareView() override;

    /// Cores, rate and words go to the spin boxes; the intervals, span and seed are kept as given.
    void setSettings(const models::ModelComparisonSettings &settings);
    /// What Compare runs: the spin boxes' values with the kept intervals, span and seed.
    models::ModelComparisonSettings settings() const;

    /// Starts the comparison on a worker thread; false (nothing started) while one runs.
    bool runComparison();
    bool isRunning() const;
    /// The last finished comparison (no rows before the first).
    const models::ModelComparison &result() const { return *m_result; }
    /// Why the last comparison failed; empty when it did not.
    QString errorText() const { return m_error; }

    void setTheme(const Theme &theme);
    const Theme &theme() const { return m_theme; }

    QAbstractItemModel *tableModel() const;
    /// What a bar chart shows, read back from its bar sets: a category per row, a list of values
    /// per set (latency: mean and p99 in ms; throughput: lines/s), in category order.
    struct ChartValues {
        QStringList categories;
        QStringList setNames;
        QList<QList<double>> values;
    };
    ChartValues latencyChart() const;
    ChartValues throughputChart() const;
    /// A figure as its bar holds it (and its label shows it): whole from 100 on, else three
    /// significant digits (2.08 ms, 380 ms, 78,647 lines/s).
    static double barValue(double v);
    /// The conclusion shown above the charts (empty before a result).
    QString summaryText() const;

signals:
    void comparisonStarted();
    /// A comparison ended: result() holds it, or errorText() says why it failed.
    void comparisonFinished();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void onProgress(int done, int total);
    void onFinished();
    void showResult();
    void updateSummary();
    void fitTable();

    Theme m_theme = Theme::make(Theme::Kind::Light, false);
    models::ModelComparisonSettings m_settings;
    std::shared_ptr<models::ModelComparison> m_result;
    QString m_error;
    QThread *m_thread = nullptr;

    QLabel *m_title = nullptr;
    QLabel *m_coresLabel = nullptr, *m_rateLabel = nullptr, *m_wordsLabel = nullptr;
    QSpinBox *m_cores = nullptr, *m_rate = nullptr, *m_words = nullptr;
    QPushButton *m_compare = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_summary = nullptr;
    ModelCompareCharts *m_charts = nullptr;
    ModelCompareTableModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_assumptionsTitle = nullptr;
    QLabel *m_assumptions = nullptr;
};

} // namespace dsl::ui
