// TimelinePainter: draws the stream timeline from one paint-params value onto any QPainter
// (screen, screenshot, exported figure), layer by layer (docs/conventions.md §12).
#pragma once

#include "programtext.h"
#include "sessiontypes.h"
#include "theme.h"
#include "timelinemapping.h"
#include "timelinepainterlabelcache.h"
#include "timelinerows.h"
#include "timelinesources.h"

#include <QCoreApplication>
#include <QPainter>
#include <QRectF>

#include <functional>
#include <map>
#include <optional>

namespace dsl::ui {

/// Everything a paint needs, read-only.
struct TimelinePaintParams {
    const RunSnapshot *snapshot = nullptr;
    const Theme *theme = nullptr;
    const ProgramText *program = nullptr;
    TimelineMapping mapping;
    QRectF bounds;               ///< the whole widget
    double labelWidth = 200;     ///< the row-label column
    qint64 clockMs = 0;          ///< the displayed simulated time (the now line)
    std::optional<qint64> selectedBatch;
    int selectedStream = -1;
    /// False once the user has panned away from the run: the axis caption then says how to
    /// follow it again (Home), in the label column where it covers nothing.
    bool following = true;
    /// Batch time -> appearance progress 0..1 (the drop-in animation); absent = 1.
    std::function<double(qint64)> appearProgress;
    /// Optional: reuse the label column from here (and update it); null paints it afresh.
    TimelineLabelCache *labelCache = nullptr;
    /// Optional: reuse appeared batch columns' boxes from here (and update it); null paints
    /// every box afresh (screenshots, figures).
    TimelineColumnCache *columnCache = nullptr;
    /// Optional: batches' lines by sender from here (and update it); null counts them afresh.
    TimelineSourceCache *sourceCache = nullptr;
};

class TimelinePainter {
    Q_DECLARE_TR_FUNCTIONS(TimelinePainter)

public:
    /// Box texts drawn elided since the count was last reset (GUI thread; tst_presenter's
    /// probe that every count, partition label and output status fits its box whole).
    static inline int elidedBoxTexts = 0;
    explicit TimelinePainter(const TimelinePaintParams &p);
    /// The rows drawn for a snapshot (timelineRows).
    /// The axis caption while panned away from the run: Home follows it again.
    static QString followHint() { return tr("Home: follow the run"); }
    static std::vector<TimelineRow> rowsFor(const RunSnapshot &s, const ProgramText &program)
    {
        return timelineRows(s, program);
    }
    const std::vector<TimelineRow> &rows() const { return m_rows; }

    void paint(QPainter &painter) const;
    void paintBackground(QPainter &painter) const;
    void paintGrid(QPainter &painter) const;
    void paintReceiver(QPainter &painter) const;
    void paintBlocks(QPainter &painter) const;
    /// The sources strip (mapping.sourceHeight > 0): over each batch's column, a chip per sender
    /// of its blocks' lines with their count, most lines first, "+N" for those that do not fit.
    void paintSources(QPainter &painter) const;
    /// A sender as its chip and the receiver lane name it: "student 3", "localhost:9999"; the nc
    /// panel's own lines (no source) as "nc panel".
    static QString sourceShortLabel(const std::string &source);
    /// The shortest: a student's number ("#3"), else the short label.
    static QString sourceTinyLabel(const std::string &source);
    /// A sender in full: "student 3 (127.0.0.1:50432)"; "typed into the nc panel".
    static QString sourceLongLabel(const std::string &source);
    /// The tool tip over a batch's or a block's sources: a title, then "student 3 (…): 4 lines"
    /// per sender; empty when there is none.
    static QString sourcesToolTip(const QString &title, const std::vector<SourceCount> &sources);
    /// The tool tip at pos: over the receiver lane or the sources strip the batch's senders, over
    /// the block lane the block's; empty elsewhere or when its lines have no named source.
    QString sourcesToolTipAt(QPointF pos) const;
    void paintBatches(QPainter &painter) const;
    /// A closing batch's records gather into its blocks, then the blocks (the partitions of
    /// the batch's BlockRDD) drop into the first row (the drop-in animation, phases 1 and 2).
    void paintGather(QPainter &painter) const;
    /// Phase 3 for a row: 0 until the row's turn, then 0..1 (rows follow each other down).
    static double rowDropProgress(double progress, int row);
    /// Phases of the drop-in animation (fractions of its clock).
    static constexpr double kGatherEnd = 0.4, kBlocksStart = 0.3, kBlocksEnd = 0.62, kRowsStart = 0.55;
    /// Brackets over the batches each window spans (window rows).
    void paintWindows(QPainter &painter) const;
    /// Arrows from each state RDD to the next batch's (state rows).
    void paintStateChains(QPainter &painter) const;
    void paintLabels(QPainter &painter) const;
    void paintOverlay(QPainter &painter) const;
    void paintScrollBar(QPainter &painter) const;

    /// The box of (batch, row) in widget coordinates.
    QRectF boxRect(qint64 batchTimeMs, int row) const;
    /// Hit test: (batch time, stream id) of the box under pos.
    std::optional<std::pair<qint64, int>> boxAt(QPointF pos) const;

private:
    void paintBox(QPainter &painter, const QRectF &r, const TimelineRow &row, const BatchSnapshot &b, int rowIndex) const;
    qint64 intervalMs() const;
    /// Everything the label column shows and where (the label cache's key).
    QString labelKey(qreal dpr) const;
    /// paintLabels through p.labelCache.
    void paintCachedLabels(QPainter &painter) const;
    /// Everything a batch column's boxes depend on besides the batch and the selection (the
    /// column cache's key).
    QString columnKey(qreal dpr) const;
    /// The boxes of an appeared batch through p.columnCache; false when the column is too large
    /// to keep (then the caller paints the boxes itself).
    bool paintCachedColumn(QPainter &painter, qint64 batchTimeMs, const std::shared_ptr<const BatchSnapshot> &batch) const;
    /// A filled record dot of radius r centred at c: a cached antialiased sprite (hundreds of
    /// dots fly in a gather; a sprite blit costs a fraction of an antialiased ellipse).
    static void drawDot(QPainter &painter, QPointF c, double r, const QColor &color);
    /// drawText(r, align, text) for one line centred horizontally and centred or bottom-aligned
    /// vertically, through a cache of laid-out texts (box counts repeat from paint to paint).
    /// A font as box texts use it: the font, its cache key and line height, made once a paint.
    struct BoxFont {
        QFont font;
        QString key;
        double height = 0;
        explicit BoxFont(const QFont &f);
    };
    /// `text` wider than r is elided when `elide` (labels), else drawn whole (counts).
    static void drawBoxText(QPainter &painter, const QRectF &r, Qt::Alignment align, const QString &text, const BoxFont &font,
                            bool elide = false);
    /// The height text takes laid out in a box font (taller than the font's with a fallback
    /// font, e.g. Chinese in a Latin UI font).
    static double boxTextHeight(const QString &text, const BoxFont &font);
    /// Its laid-out width in a box font.
    static double boxTextWidth(const QString &text, const BoxFont &font);
    /// The fonts of the boxes (counts, partitions, output status, block counts), made on first use.
    struct BoxFonts {
        BoxFont sub, big, small, output, block;
    };
    const BoxFonts &boxFonts() const;
    mutable std::optional<BoxFonts> m_boxFonts;
    double bracketSpace(const TimelineRow &row) const;

    const TimelinePaintParams &m_p;
    const Theme &m_t;
    std::vector<TimelineRow> m_rows;
};

} // namespace dsl::ui
