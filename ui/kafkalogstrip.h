// KafkaLogStrip: each Kafka partition the program reads as a log from its log start to its log
// end, the batch's offset range over it, the stream's checkpoint and the group's committed offset
// marked apart, and the lag as a bracket.
#pragma once

#include "kafkalogmapping.h"
#include "snapshotfwd.h"
#include "theme.h"

#include <QWidget>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace dsl::ui {

/// Paints values only (rowsFor reads them off the snapshot): one row per partition, lanes from
/// the top: the checkpoint marker, the committed marker, the log, its offsets, the lag. Every row
/// shares one KafkaLogMapping, so a longer log is a longer strip.
class KafkaLogStrip : public QWidget {
    Q_OBJECT
public:
    struct Row {
        std::string topic;
        int partition = 0;
        qint64 logStart = 0, logEnd = 0;
        qint64 from = 0, until = 0;           ///< the batch's range [from, until)
        std::optional<qint64> committed;      ///< the group's committed offset (nullopt: none)
        std::string group;                    ///< empty: the stream has no group.id
        bool checkpointed = false;            ///< `until` is in the program's checkpoint
        std::vector<std::pair<qint64, qint64>> earlier; ///< earlier batches' ranges, oldest first
        qint64 lag() const { return logEnd - until; }
        bool operator==(const Row &) const = default;
    };
    /// The partitions `batch` read, each with up to maxEarlier ranges of the batches before it
    /// (those that still reach past the log start).
    static std::vector<Row> rowsFor(const RunSnapshot &s, const BatchSnapshot &batch, int maxEarlier = 400);
    /// The offsets every row's strip spans: the smallest log start to the largest log end.
    static KafkaLogMapping mappingFor(const std::vector<Row> &rows, double left, double width);

    explicit KafkaLogStrip(QWidget *parent = nullptr);
    void setRows(std::vector<Row> rows);
    void setTheme(const Theme &theme);
    /// The line naming the fills (off when the tab is short: presenter mode at 720 px).
    void setLegendVisible(bool on);
    const std::vector<Row> &rows() const { return m_rows; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    /// One value the layers paint from.
    struct PaintParams {
        KafkaLogMapping map;
        double gutter = 0;   ///< width of the label column
        double line = 16;    ///< a lane of text
        double bar = 22;     ///< the log itself
        double gap = 6;      ///< between rows
        double rowHeight() const { return 4 * line + bar + gap; }
    };
    PaintParams paintParams() const;
    double legendHeight() const;
    void paintLegend(QPainter &p, const PaintParams &pp) const;
    void paintLog(QPainter &p, const PaintParams &pp, const Row &r, double top) const;
    void paintMarkers(QPainter &p, const PaintParams &pp, const Row &r, double top) const;
    void paintLag(QPainter &p, const PaintParams &pp, const Row &r, double top) const;

    std::vector<Row> m_rows;
    bool m_legend = true;
    Theme m_theme = Theme::make(Theme::Kind::Light, false);
};

} // namespace dsl::ui
