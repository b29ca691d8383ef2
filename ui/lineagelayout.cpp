// LineageLayout: columns by dependency depth, stages in bands, scope and stage clusters, edges.
#include "lineagelayout.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>
#include <tuple>

namespace dsl::ui {

namespace {
double widthOf(const LineageLayoutMetrics &m, const std::string &text)
{
    return m.textWidth ? m.textWidth(text) : 7.0 * static_cast<double>(text.size());
}

double siteWidthOf(const LineageLayoutMetrics &m, const std::string &text)
{
    return m.siteWidth ? m.siteWidth(text) : 6.0 * static_cast<double>(text.size());
}

std::string titleOf(const LineageNode &n)
{
    return (n.name.empty() ? std::string() : n.name + " ") + n.className + " [" + std::to_string(n.rddId) + "]";
}

/// Longest path from the root, in edges (Kahn's order over the child -> parent edges).
std::vector<int> depths(const LineageGraph &g)
{
    const std::size_t n = g.nodes.size();
    std::vector<int> depth(n, 0), children(n, 0);
    for (const auto &node : g.nodes)
        for (const auto &e : node.parents) ++children[static_cast<std::size_t>(e.parent)];
    std::deque<int> ready;
    for (std::size_t i = 0; i < n; ++i)
        if (children[i] == 0) ready.push_back(static_cast<int>(i));
    while (!ready.empty()) {
        const int i = ready.front();
        ready.pop_front();
        for (const auto &e : g.nodes[static_cast<std::size_t>(i)].parents) {
            const auto p = static_cast<std::size_t>(e.parent);
            depth[p] = std::max(depth[p], depth[static_cast<std::size_t>(i)] + 1);
            if (--children[p] == 0) ready.push_back(e.parent);
        }
    }
    return depth;
}
} // namespace

LineageLayout LineageLayout::compute(const LineageGraph &g, const LineageLayoutMetrics &m)
{
    LineageLayout L;
    const std::size_t n = g.nodes.size();
    if (n == 0) {
        L.size = QSizeF(2 * m.margin, 2 * m.margin);
        return L;
    }
    L.boxes.resize(n);
    const std::vector<int> depth = depths(g);
    const int maxDepth = *std::max_element(depth.begin(), depth.end());
    L.ranks = maxDepth + 1;
    std::vector<std::vector<int>> childrenOf(n);
    for (std::size_t i = 0; i < n; ++i) {
        L.boxes[i].node = static_cast<int>(i);
        L.boxes[i].rank = maxDepth - depth[i];
        for (const auto &e : g.nodes[i].parents) childrenOf[static_cast<std::size_t>(e.parent)].push_back(static_cast<int>(i));
    }
    const auto stageOf = [&](std::size_t i) { return std::max(0, g.nodes[i].stage); };

    // Bands: a stage takes the first band where no stage already there overlaps its columns.
    const std::size_t stages = std::max<std::size_t>(1, g.stages.size());
    std::vector<int> lo(stages, L.ranks), hi(stages, -1), bandOf(stages, 0);
    for (std::size_t i = 0; i < n; ++i) {
        const auto s = static_cast<std::size_t>(stageOf(i));
        lo[s] = std::min(lo[s], L.boxes[i].rank);
        hi[s] = std::max(hi[s], L.boxes[i].rank);
    }
    std::vector<std::vector<std::pair<int, int>>> bandSpans;
    for (std::size_t s = 0; s < stages; ++s) {
        if (hi[s] < 0) continue;
        std::size_t b = 0;
        for (; b < bandSpans.size(); ++b) {
            const bool clash = std::any_of(bandSpans[b].begin(), bandSpans[b].end(),
                                           [&](const auto &span) { return lo[s] <= span.second && span.first <= hi[s]; });
            if (!clash) break;
        }
        if (b == bandSpans.size()) bandSpans.emplace_back();
        bandSpans[b].push_back({lo[s], hi[s]});
        bandOf[s] = static_cast<int>(b);
    }
    L.bands = static_cast<int>(bandSpans.size());
    for (std::size_t i = 0; i < n; ++i) L.boxes[i].band = bandOf[static_cast<std::size_t>(stageOf(i))];

    // Rows within a band, column by column from the root's: a box takes its children's row when
    // it is free (straight edges), else the next free one.
    std::vector<int> bandRows(static_cast<std::size_t>(L.bands), 1);
    for (int r = L.ranks - 1; r >= 0; --r) {
        std::map<int, std::vector<std::tuple<int, int, int>>> inBand; // band -> (preferred, key, node)
        for (std::size_t i = 0; i < n; ++i) {
            if (L.boxes[i].rank != r) continue;
            int preferred = 0, key = 0;
            bool first = true;
            for (int c : childrenOf[i]) {
                const LineageBox &cb = L.boxes[static_cast<std::size_t>(c)];
                const int k = cb.band * 10000 + cb.slot;
                if (first || k < key) key = k;
                if (cb.band == L.boxes[i].band && (first || cb.slot < preferred)) preferred = cb.slot;
                first = false;
            }
            inBand[L.boxes[i].band].emplace_back(preferred, key, static_cast<int>(i));
        }
        for (auto &[band, list] : inBand) {
            std::sort(list.begin(), list.end(), [](const auto &a, const auto &b) {
                return std::tie(std::get<1>(a), std::get<2>(a)) < std::tie(std::get<1>(b), std::get<2>(b));
            });
            int next = 0;
            for (const auto &[preferred, key, node] : list) {
                const int slot = std::max(next, preferred);
                L.boxes[static_cast<std::size_t>(node)].slot = slot;
                next = slot + 1;
            }
            bandRows[static_cast<std::size_t>(band)] = std::max(bandRows[static_cast<std::size_t>(band)], next);
        }
    }

    // Geometry: every box of a column has the column's width; every box has the same height.
    const double pad = m.clusterPadding, titleH = m.clusterTitleHeight;
    const int squaresMax = std::max(1, m.maxPartitionSquares);
    std::vector<double> colWidth(static_cast<std::size_t>(L.ranks), m.minBoxWidth);
    for (std::size_t i = 0; i < n; ++i) {
        const LineageNode &node = g.nodes[i];
        const int squares = std::min(std::max(node.numPartitions, 0), squaresMax);
        const double squaresW = squares * (m.partitionSize + m.partitionGap) - m.partitionGap;
        const double w = std::max({widthOf(m, titleOf(node)) + 2 * m.boxPadding,
                                   std::min(m.maxBoxWidth, std::max(siteWidthOf(m, node.callSite), squaresW) + 2 * m.boxPadding)});
        auto &cw = colWidth[static_cast<std::size_t>(L.boxes[i].rank)];
        cw = std::max(cw, w);
    }
    const double boxH = 2 * m.boxPadding + 2 * m.lineHeight + m.partitionGap * 2 + m.partitionSize;
    const double pitch = boxH + titleH + 2 * pad + m.slotGap;
    std::vector<double> colLeft(static_cast<std::size_t>(L.ranks));
    double x = m.margin + 2 * pad;
    for (int r = 0; r < L.ranks; ++r) {
        colLeft[static_cast<std::size_t>(r)] = x;
        x += colWidth[static_cast<std::size_t>(r)] + m.rankGap;
    }
    const double width = x - m.rankGap + 2 * pad + m.margin;
    std::vector<double> bandTop(static_cast<std::size_t>(L.bands));
    double y = m.margin;
    for (int b = 0; b < L.bands; ++b) {
        bandTop[static_cast<std::size_t>(b)] = y;
        y += titleH + pad + bandRows[static_cast<std::size_t>(b)] * pitch - m.slotGap + pad + m.bandGap;
    }
    const double height = y - m.bandGap + m.margin;
    L.size = QSizeF(width, height);

    for (std::size_t i = 0; i < n; ++i) {
        LineageBox &b = L.boxes[i];
        const double top = bandTop[static_cast<std::size_t>(b.band)] + titleH + pad + b.slot * pitch + titleH + pad;
        const double w = colWidth[static_cast<std::size_t>(b.rank)];
        b.rect = QRectF(colLeft[static_cast<std::size_t>(b.rank)], top, w, boxH);
        b.titleRect = QRectF(b.rect.left() + m.boxPadding, top + m.boxPadding, w - 2 * m.boxPadding, m.lineHeight);
        b.siteRect = b.titleRect.translated(0, m.lineHeight);
        const int parts = std::max(g.nodes[i].numPartitions, 0);
        const int squares = std::min(parts, squaresMax);
        const double sy = b.siteRect.bottom() + m.partitionGap;
        for (int p = 0; p < squares; ++p)
            b.partitions.emplace_back(b.titleRect.left() + p * (m.partitionSize + m.partitionGap), sy, m.partitionSize,
                                      m.partitionSize);
        b.morePartitions = parts - squares;
    }

    // Scope clusters: runs of boxes in one row (band and slot) of one stage, in adjacent columns,
    // with the same scope; in node order of their first box. Then stage clusters around them.
    const auto around = [&](const std::vector<int> &nodes, double grow) {
        QRectF r;
        for (int i : nodes) r = r.isNull() ? L.boxes[static_cast<std::size_t>(i)].rect : r.united(L.boxes[static_cast<std::size_t>(i)].rect);
        return r.adjusted(-grow, -grow - titleH, grow, grow);
    };
    std::map<std::tuple<int, int, int>, int> atCell; // (band, slot, rank) -> node
    for (std::size_t i = 0; i < n; ++i) atCell[{L.boxes[i].band, L.boxes[i].slot, L.boxes[i].rank}] = static_cast<int>(i);
    std::vector<bool> inRun(n, false);
    for (std::size_t i = 0; i < n; ++i) {
        if (inRun[i] || g.nodes[i].scope.empty()) continue;
        // Extend left and right from box i while the neighbour has the same scope and stage.
        const auto same = [&](int r) -> int {
            auto it = atCell.find({L.boxes[i].band, L.boxes[i].slot, r});
            if (it == atCell.end()) return -1;
            const auto j = static_cast<std::size_t>(it->second);
            return g.nodes[j].scope == g.nodes[i].scope && stageOf(j) == stageOf(i) && !inRun[j] ? it->second : -1;
        };
        int from = L.boxes[i].rank, to = from;
        while (same(from - 1) >= 0) --from;
        while (same(to + 1) >= 0) ++to;
        LineageCluster c{stageOf(i), g.nodes[i].scope, {}, {}, {}};
        for (int r = from; r <= to; ++r) {
            const int j = r == L.boxes[i].rank ? static_cast<int>(i) : same(r);
            inRun[static_cast<std::size_t>(j)] = true;
            c.nodes.push_back(j);
        }
        c.rect = around(c.nodes, pad);
        c.titleRect = QRectF(c.rect.left() + pad / 2, c.rect.top(), c.rect.width() - pad, titleH);
        L.scopes.push_back(std::move(c));
    }
    L.stages.resize(stages);
    for (std::size_t s = 0; s < stages; ++s) L.stages[s].stage = static_cast<int>(s);
    for (std::size_t i = 0; i < n; ++i) L.stages[static_cast<std::size_t>(stageOf(i))].nodes.push_back(static_cast<int>(i));
    for (auto &c : L.stages) {
        if (c.nodes.empty()) continue;
        c.rect = around(c.nodes, 2 * pad).adjusted(0, -titleH, 0, 0);
        c.titleRect = QRectF(c.rect.left() + pad / 2, c.rect.top(), c.rect.width() - pad, titleH);
    }

    // Edges: out of the parent's right side, into the child's left side, a child's several
    // parents spread down its side; bends halfway across the gap before the child's column.
    for (std::size_t i = 0; i < n; ++i) {
        const auto &parents = g.nodes[i].parents;
        const QRectF &child = L.boxes[i].rect;
        for (std::size_t k = 0; k < parents.size(); ++k) {
            const auto p = static_cast<std::size_t>(parents[k].parent);
            const QRectF &parent = L.boxes[p].rect;
            LineageEdgePath e;
            e.parent = parents[k].parent;
            e.child = static_cast<int>(i);
            e.shuffle = parents[k].shuffle;
            e.crossesStages = stageOf(p) != stageOf(i);
            const QPointF start(parent.right(), parent.center().y());
            const QPointF end(child.left(), child.top() + child.height() * static_cast<double>(k + 1) / static_cast<double>(parents.size() + 1));
            e.points.push_back(start);
            if (std::abs(start.y() - end.y()) > 0.5) {
                const double bend = end.x() - m.rankGap / 2;
                e.points.emplace_back(bend, start.y());
                e.points.emplace_back(bend, end.y());
            }
            e.points.push_back(end);
            L.edges.push_back(std::move(e));
        }
    }
    return L;
}

int LineageLayout::nodeAt(QPointF point) const
{
    for (const auto &b : boxes)
        if (b.rect.contains(point)) return b.node;
    return -1;
}

} // namespace dsl::ui
