// LineagePainter: draws a batch's lineage DAG (stages, scopes, dependencies, RDD boxes, legend)
// from one paint-params value onto any QPainter, layer by layer (docs/conventions.md §12).
#pragma once

#include "lineagelayout.h"
#include "theme.h"

#include <QCoreApplication>
#include <QPainter>
#include <QRectF>

#include <vector>

namespace dsl::ui {

/// What an incremental window did with a node's batch RDD (BatchSnapshot::windows).
enum class LineageWindowRole { None, Added, Subtracted };

/// Everything a paint needs, read-only.
struct LineagePaintParams {
    const LineageGraph *graph = nullptr;
    const LineageLayout *layout = nullptr;
    const Theme *theme = nullptr;
    std::vector<LineageWindowRole> roles; ///< by node index (may be empty)
    QRectF bounds;          ///< the whole canvas
    double legendHeight = 0; ///< the legend strip at the top of bounds (0: none)
    double scale = 1.0;     ///< the graph (below the legend) is drawn at this scale
    /// Stage and role labels that depend on the batch ("Stage 6", "+ batch 10:00:07").
    std::vector<QString> stageTitles; ///< by stage index
    std::vector<QString> roleLabels;  ///< by node index, empty for none
    /// Which legend entries to draw, as bits of LineagePainter::legendTexts() (default: all).
    unsigned legendEntries = ~0u;
};

class LineagePainter {
    Q_DECLARE_TR_FUNCTIONS(LineagePainter)

public:
    explicit LineagePainter(const LineagePaintParams &p) : m_p(p) {}
    void paint(QPainter &painter) const;

    void paintBackground(QPainter &painter) const;
    void paintLegend(QPainter &painter) const;
    void paintStages(QPainter &painter) const;
    void paintScopes(QPainter &painter) const;
    void paintEdges(QPainter &painter) const;
    void paintBoxes(QPainter &painter) const;

    /// Legend entries, as bits of a LineagePaintParams::legendEntries mask.
    enum LegendEntry : unsigned {
        Narrow = 1, Shuffle = 2, Cached = 4, Cut = 8, CheckpointData = 16, Added = 32, Subtracted = 64,
        /// What every graph may show: the edges, the cache and the checkpoint marks.
        BasicEntries = Narrow | Shuffle | Cached | Cut,
    };
    /// The legend's entries in order (what paintLegend draws beside its symbols), those of `mask`.
    static QStringList legendTexts(unsigned mask = ~0u);
    /// Height of the legend strip for a canvas `width` px wide (its entries flow into rows).
    static double legendHeight(const Theme &theme, double width, unsigned mask = ~0u);
    /// Layout metrics for a theme: sizes grow with presenter mode, text widths from its fonts.
    static LineageLayoutMetrics metricsFor(const Theme &theme);
    /// The fonts of a box's two lines and of cluster titles.
    static QFont titleFont(const Theme &theme) { return theme.font(1.0, true); }
    static QFont siteFont(const Theme &theme) { return theme.font(0.85); }
    static QFont clusterFont(const Theme &theme) { return theme.font(0.85, true); }

private:
    void paintCut(QPainter &painter, const LineageEdgePath &edge) const;
    const LineagePaintParams &m_p;
};

} // namespace dsl::ui
