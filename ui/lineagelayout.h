// LineageLayout: where the lineage view draws each RDD, scope, stage and dependency — a pure value
// computed from a LineageGraph, tested with data rows and no widget (docs/conventions.md §11).
#pragma once

#include "engine/lineagegraph.h"

#include <QPointF>
#include <QRectF>
#include <QSizeF>

#include <functional>
#include <string>
#include <vector>

namespace dsl::ui {

/// Sizes the layout works with, in px (the view scales them with the theme).
struct LineageLayoutMetrics {
    double margin = 10;
    double lineHeight = 16;       ///< one text line of a box
    double boxPadding = 6;
    double minBoxWidth = 120;
    double maxBoxWidth = 230;     ///< a longer call site is elided (the title never is)
    double partitionSize = 10;    ///< one partition square
    double partitionGap = 3;
    int maxPartitionSquares = 16; ///< more partitions: the last square stands for the rest
    double rankGap = 48;          ///< between two columns of boxes (the edges run here)
    double slotGap = 16;          ///< between two boxes of one column
    double clusterPadding = 8;    ///< around the boxes of a scope cluster
    double clusterTitleHeight = 16;
    double bandGap = 18;          ///< between two bands of stages
    /// Width of a box title in its font; the default counts 7 px per character.
    std::function<double(const std::string &)> textWidth;
    /// Width of a call-site line in its (smaller) font; the default counts 6 px per character.
    std::function<double(const std::string &)> siteWidth;
};

/// One RDD box: a title (class and id), a call-site line and a row of partition squares.
struct LineageBox {
    int node = -1;  ///< index into LineageGraph::nodes
    int rank = 0;   ///< column, 0 = leftmost (the sources); the root is in the last column
    int band = 0;   ///< horizontal band of its stage
    int slot = 0;   ///< row within the band
    QRectF rect;
    QRectF titleRect;
    QRectF siteRect;
    std::vector<QRectF> partitions; ///< at most maxPartitionSquares
    int morePartitions = 0;         ///< partitions beyond the squares drawn
};

/// A rectangle around the boxes of one stage, or around a run of boxes of one scope: adjacent
/// columns of one row of one stage (so scope rectangles never overlap one another).
struct LineageCluster {
    int stage = -1;    ///< index into LineageGraph::stages
    std::string scope; ///< empty for a stage cluster
    QRectF rect;
    QRectF titleRect;
    std::vector<int> nodes;
};

/// A dependency, drawn from the parent's right side to the child's left side.
struct LineageEdgePath {
    int parent = -1;
    int child = -1;
    bool shuffle = false;
    bool crossesStages = false; ///< parent and child are in different stage clusters
    std::vector<QPointF> points; ///< a polyline, first at the parent, last at the child
};

/// Left to right by dependency depth: a node's column is one left of its leftmost child's
/// (longest path from the root), so every edge points right. Each stage keeps its boxes in one
/// horizontal band; stages whose columns do not overlap share a band (the first that fits), so
/// a shuffle's two sides sit side by side. Within a column of a band, boxes follow their
/// children's rows, then their breadth-first order. Deterministic: the same graph and metrics
/// give the same positions.
struct LineageLayout {
    std::vector<LineageBox> boxes;        ///< by node index
    std::vector<LineageCluster> stages;   ///< by stage index
    std::vector<LineageCluster> scopes;   ///< runs of boxes with the same non-empty scope
    std::vector<LineageEdgePath> edges;   ///< in node order, then dependency order
    int ranks = 0;
    int bands = 0;
    QSizeF size;                          ///< everything, margins included

    static LineageLayout compute(const LineageGraph &graph, const LineageLayoutMetrics &metrics = {});
    /// The box under `point`, or -1.
    int nodeAt(QPointF point) const;
};

} // namespace dsl::ui
