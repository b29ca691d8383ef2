// timelineboxcount.h (benchmarks only): how many RDD boxes the stream timeline draws, counted
// by rendering the real widget (its paintEvent, at its current mapping and snapshot) onto a
// paint device whose engine records shapes instead of rasterizing them.
#pragma once

#include "ui/streamtimelineview.h"

#include <QPaintDevice>
#include <QPaintEngine>
#include <QPainterPath>
#include <QTransform>

#include <climits>
#include <cstdio>
#include <vector>

namespace dsl::bench {

/// A paint engine that rasterizes nothing: it keeps the bounding rectangle (in device
/// coordinates) of every path drawn. QPainter hands a non-QPaintEngineEx engine each
/// drawRoundedRect as a path; rectangles, ellipses, lines, text and pixmaps are dropped here,
/// so the paths left are rounded rectangles and explicit drawPath calls.
class ShapeRecordingEngine : public QPaintEngine {
public:
    ShapeRecordingEngine() : QPaintEngine(QPaintEngine::AllFeatures) {}
    bool begin(QPaintDevice *) override { return true; }
    bool end() override { return true; }
    void updateState(const QPaintEngineState &state) override
    {
        if (state.state() & QPaintEngine::DirtyTransform) m_transform = state.transform();
    }
    void drawPath(const QPainterPath &path) override { paths.push_back(m_transform.map(path).boundingRect()); }
    void drawRects(const QRect *, int) override {}
    void drawRects(const QRectF *, int) override {}
    void drawLines(const QLine *, int) override {}
    void drawLines(const QLineF *, int) override {}
    void drawEllipse(const QRectF &) override {}
    void drawEllipse(const QRect &) override {}
    void drawPoints(const QPointF *, int) override {}
    void drawPoints(const QPoint *, int) override {}
    void drawPolygon(const QPointF *, int, PolygonDrawMode) override {}
    void drawPolygon(const QPoint *, int, PolygonDrawMode) override {}
    void drawPixmap(const QRectF &, const QPixmap &, const QRectF &) override {}
    void drawTiledPixmap(const QRectF &, const QPixmap &, const QPointF &) override {}
    void drawImage(const QRectF &, const QImage &, const QRectF &, Qt::ImageConversionFlags) override {}
    void drawTextItem(const QPointF &, const QTextItem &) override {}
    Type type() const override { return QPaintEngine::User; }

    std::vector<QRectF> paths;

private:
    QTransform m_transform;
};

class ShapeRecordingDevice : public QPaintDevice {
public:
    explicit ShapeRecordingDevice(QSize size) : m_size(size) {}
    ~ShapeRecordingDevice() override = default;
    QPaintEngine *paintEngine() const override { return &m_engine; }
    const std::vector<QRectF> &paths() const { return m_engine.paths; }

protected:
    int metric(PaintDeviceMetric m) const override
    {
        switch (m) {
        case PdmWidth: return m_size.width();
        case PdmHeight: return m_size.height();
        case PdmWidthMM: return m_size.width() * 254 / 960;
        case PdmHeightMM: return m_size.height() * 254 / 960;
        case PdmNumColors: return INT_MAX;
        case PdmDepth: return 32;
        case PdmDpiX:
        case PdmDpiY:
        case PdmPhysicalDpiX:
        case PdmPhysicalDpiY: return 96;
        case PdmDevicePixelRatio: return 1;
        case PdmDevicePixelRatioScaled: return static_cast<int>(devicePixelRatioFScale());
        }
        return 0;
    }

private:
    QSize m_size;
    mutable ShapeRecordingEngine m_engine;
};

/// RDD and output-operation boxes the timeline draws now: rounded rectangles in the DStream
/// rows' area (right of the label column, below the block lane) at least half a row high.
/// (Window brackets, state-chain arrows, blocks and the scroll bar are smaller or elsewhere.)
inline int countTimelineBoxes(ui::StreamTimelineView *timeline)
{
    ShapeRecordingDevice device(timeline->size());
    timeline->render(&device, QPoint(), QRegion(), QWidget::DrawChildren);
    const ui::TimelineMapping &m = timeline->mapping();
    const QRectF rowsArea(m.left, m.rowsTop(), timeline->width() - m.left, timeline->height() - m.rowsTop());
    int boxes = 0;
    if (qEnvironmentVariableIsSet("DSL_BOXCOUNT_DEBUG")) {
        std::fprintf(stderr, "boxcount: size %dx%d left %.1f rowsTop %.1f rowH %.1f origin %lld pxPerMs %.4f paths %zu\n", timeline->width(),
                     timeline->height(), m.left, m.rowsTop(), m.rowHeight, static_cast<long long>(m.originMs), m.pxPerMs, device.paths().size());
        for (const QRectF &r : device.paths()) std::fprintf(stderr, "   %.1f,%.1f %.1fx%.1f\n", r.x(), r.y(), r.width(), r.height());
    }
    for (const QRectF &r : device.paths())
        if (r.height() >= 0.5 * m.rowHeight && r.width() >= 4 && r.intersects(rowsArea)) ++boxes;
    return boxes;
}

} // namespace dsl::bench
