// ExperimentsView: the same program and input under 2 or 3 configurations picked from presets
// (batch interval, write-ahead log, backpressure, cores), run as child processes and compared:
// one chart per metric with a line per configuration, the table, a verdict line each.
#pragma once

#include "experimentchart.h"
#include "experimentrunner.h"
#include "theme.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QWidget>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSplitter;
class QTabWidget;
class QTableView;

namespace dsl::ui {

class ExperimentTableModel;

class ExperimentsView : public QWidget {
    Q_OBJECT
public:
    /// A configuration the teacher can pick: its id (stable across languages), its name in the
    /// current language, and the `dstreamlab run` options it adds.
    struct Preset {
        QString id;
        QString name;
        QStringList options;
        QString description; ///< what it changes, one sentence (the picker's tooltip)
    };
    static QList<Preset> presets();

    explicit ExperimentsView(QWidget *parent = nullptr);
    ~ExperimentsView() override;

    /// The dstreamlab executable that runs each configuration (the app itself).
    void setDstreamlabBinary(const QString &path);
    /// The program and its input log file; common options go to every run (e.g. --seconds 10).
    void setProgram(const QString &programPath, const QString &inputLogPath, const QStringList &commonOptions = {});
    /// The same with the text of an input script instead of a file.
    void setProgramWithScript(const QString &programPath, const QString &inputScript,
                              const QStringList &commonOptions = {});
    /// Picks the configurations by preset id (2 or 3; an empty third id: none).
    void setPresets(const QStringList &ids);
    QStringList selectedPresets() const;
    /// The picked configurations, in order.
    QList<ExperimentConfig> configurations() const;

    /// Runs the picked configurations; false when runs are going on or nothing can run.
    bool start();
    /// Kills the running child process; the other runs never start.
    void cancel();
    bool isRunning() const;

    void setTheme(const Theme &theme);

    ExperimentTableModel *tableModel() const { return m_model; }
    ExperimentChart *chart(ExperimentChart::Metric metric) const;
    ExperimentRunner *runner() const { return m_runner; }
    /// The status or verdict line of configuration i ("Batch interval 0.5 s: stable — ...").
    QString verdictLine(int i) const;

signals:
    /// Every run ended (done, failed or canceled).
    void finished();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void fillPickers();
    void refresh();
    QString lineFor(const ExperimentResult &r) const;

    ExperimentRunner *m_runner;
    ExperimentTableModel *m_model;
    QLabel *m_title, *m_subtitle, *m_pickLabels[3], *m_verdicts[3], *m_ruleNote;
    QComboBox *m_pickers[3];
    QPushButton *m_run, *m_cancel;
    QProgressBar *m_progress;
    QTabWidget *m_tabs;
    QSplitter *m_split;
    QList<ExperimentChart *> m_charts;
    QTableView *m_table;
    QString m_programPath, m_inputName;
    Theme m_theme = Theme::make(Theme::Kind::Light, false);
};

} // namespace dsl::ui
