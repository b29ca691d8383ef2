// LineageView: the selected batch's lineage DAG for the selected DStream, drawn as Spark's DAG
// view draws a job (stages, scopes, narrow and shuffle dependencies), with toDebugString beside it.
#pragma once

#include "snapshotfwd.h"
#ifndef Q_MOC_RUN // Qt 6.4's moc cannot parse <compare>, which the engine's headers include
#include "lineagecanvas.h"
#include "lineagelegendbar.h"
#endif

#include <QWidget>

#include <optional>
#include <tuple>

class QLabel;
class QPlainTextEdit;
class QScrollArea;
class QSplitter;

namespace dsl::session {
struct WindowSpanSnapshot;
}

namespace dsl::ui {

class SimulationController;

/// Follows the controller's snapshot and the shared BatchSelection (docs/conventions.md §14): the
/// batch is controller->effectiveBatch(), the DStream the selected one, else the RDD the last
/// output operation reads. Shows that RDD's captured LineageGraph (RddBoxSnapshot::lineage).
class LineageView : public QWidget {
    Q_OBJECT
public:
    explicit LineageView(SimulationController *controller, QWidget *parent = nullptr);

    /// The DStream whose RDD is shown, or -1.
    int shownStreamId() const { return m_streamId; }
    /// The batch shown (ms), or nullopt.
    std::optional<qint64> shownBatch() const { return m_batch; }
    /// The graph shown, or null (no batch, not captured yet, or a summarized old batch).
    const LineageGraph *graph() const { return m_canvas->content().graph.get(); }
    const LineageLayout &layout() const { return m_canvas->content().layout; }
    /// What each node's batch RDD did in an incremental window (empty: no window in the graph).
    const std::vector<LineageWindowRole> &windowRoles() const { return m_canvas->content().roles; }
    /// The heading ("wordCounts · batch 10:00:03 · ShuffledRDD [11] · 2 stages") or what is missing.
    QString titleText() const;
    /// The notes under it: stages, a checkpoint cut, a window's added and subtracted batches.
    QString notesText() const;
    /// The monospace pane: the RDD's toDebugString.
    QString debugText() const;
    /// The legend's entries, as drawn: the edges, cache and checkpoint marks, and those of the
    /// checkpoint data and an incremental window when the graph has them.
    QStringList legendTexts() const;
    LineageCanvas *canvas() const { return m_canvas; }
    LineageLegendBar *legend() const { return m_legendBar; }

    /// The roles of a graph's nodes for a window whose RDD at the batch has scope
    /// `windowScope`: a node whose batch is in span.added (subtracted) and that an RDD of that
    /// scope reads directly is the batch RDD the window added (subtracted).
    static std::vector<LineageWindowRole> windowRoles(const LineageGraph &graph, const std::string &windowScope,
                                                      const session::WindowSpanSnapshot &span);

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();
    void applyTheme(const Theme &theme);

    SimulationController *m_controller;
    QLabel *m_title;
    QLabel *m_notes;
    LineageCanvas *m_canvas;
    QLabel *m_debugTitle;
    QPlainTextEdit *m_debug;
    QSplitter *m_split;
    QScrollArea *m_scroll = nullptr;
    LineageLegendBar *m_legendBar = nullptr;
    unsigned m_legend = 0;
    /// The theme the canvas' layout was computed for (kind, scale, base point size).
    std::tuple<int, double, int> m_layoutFor{-1, 0.0, 0};
    int m_streamId = -1;
    std::optional<qint64> m_batch;
};

} // namespace dsl::ui
