// KafkaView: the Kafka partitions the program's direct streams read, after the batch shown: each
// partition's log with the batch's range, the checkpoint and the committed offset; the lag over
// the batches; the kafka-consumer-groups table; the messages; the batch's input metadata.
#pragma once

#include "snapshotfwd.h"

#include <QWidget>

#include <optional>

class QLabel;
class QScrollArea;
class QSortFilterProxyModel;
class QSplitter;
class QTabWidget;
class QTableView;

namespace dsl::ui {

class KafkaLagChart;
class KafkaLogStrip;
class KafkaMessageBrowser;
class KafkaTableModel;
class SimulationController;

/// Reads only snapshot values (BatchSnapshot::kafka and kafkaMessages, captured by the session
/// when the batch completed) and follows the BatchSelection, so any batch of the history shows
/// its ranges. Three pages: the logs over the table, the lag trend, the message browser.
class KafkaView : public QWidget {
    Q_OBJECT
public:
    enum Page { LogPage, LagPage, MessagePage };
    explicit KafkaView(SimulationController *controller, QWidget *parent = nullptr);
    KafkaTableModel *model() const { return m_model; }
    QTableView *grid() const { return m_grid; }
    KafkaLogStrip *strip() const { return m_strip; }
    KafkaLagChart *lagChart() const { return m_chart; }
    KafkaMessageBrowser *browser() const { return m_browser; }
    QTabWidget *pages() const { return m_pages; }
    std::optional<qint64> shownBatch() const { return m_batch; }
    QString summaryText() const;
    /// The consumer group as kafka-consumer-groups --describe --state reports it.
    QString groupText() const;
    /// The batch's input metadata as Spark's batch page lists it (one line per partition).
    QString metadataText() const { return m_metadata; }
    /// The program reads Kafka (a direct stream): the window shows the tab only then.
    static bool programReadsKafka(const RunSnapshot *s);
    /// Spark's batch page "Input Metadata": each direct stream's description lines, with the
    /// stream's name and its backpressure rate when it has one.
    static QString inputMetadataText(const RunSnapshot &s, const BatchSnapshot &b);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    /// A short tab (presenter mode at 720 px opens it at under 250 px): one line of summary (the
    /// group and the input metadata in its tooltip), no note, no legend over the logs, so the
    /// first partition's log shows whole.
    void applyCompact(bool force = false);
    void updateTooltips();
    void refresh();
    void retranslateUi();
    void applyTheme();

    SimulationController *m_controller;
    QLabel *m_summary;
    QLabel *m_group;
    QLabel *m_input;
    QLabel *m_note;
    QTabWidget *m_pages;
    QSplitter *m_split;
    QScrollArea *m_stripScroll;
    KafkaLogStrip *m_strip;
    QTableView *m_grid;
    KafkaTableModel *m_model;
    QSortFilterProxyModel *m_sorted;
    KafkaLagChart *m_chart;
    KafkaMessageBrowser *m_browser;
    std::optional<qint64> m_batch;
    QString m_metadata;
    bool m_readsKafka = false;
    bool m_compact = false;
};

} // namespace dsl::ui
