// TopWordsView: top-N bars with eased growth.
#include "topwordsview.h"

#include "theme.h"
#include "wordcountmodel.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace dsl::ui {

namespace {
constexpr qint64 kAnimMs = 450;
}

TopWordsView::TopWordsView(WordCountModel *model, QWidget *parent) : QWidget(parent), m_model(model)
{
    m_clock.start();
    m_timer.setInterval(16);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_clock.elapsed() - m_animStart > kAnimMs) m_timer.stop();
        update();
    });
    connect(model, &QAbstractItemModel::modelReset, this, &TopWordsView::onModelChanged);
    connect(model, &QAbstractItemModel::dataChanged, this, &TopWordsView::onModelChanged);
    setMinimumHeight(120);
}

QSize TopWordsView::sizeHint() const
{
    return QSize(300, 240);
}

void TopWordsView::setTheme(const Theme &theme)
{
    m_theme = &theme;
    update();
}

void TopWordsView::onModelChanged()
{
    const double p = std::clamp(static_cast<double>(m_clock.elapsed() - m_animStart) / kAnimMs, 0.0, 1.0);
    std::map<QString, std::pair<double, double>> next;
    for (const auto &r : m_model->rows()) {
        double shown = 0;
        if (auto it = m_bars.find(r.word); it != m_bars.end())
            shown = it->second.first + (it->second.second - it->second.first) * p;
        next[r.word] = {shown, r.count};
    }
    m_bars = std::move(next);
    m_animStart = m_clock.elapsed();
    m_timer.start();
    update();
}

double TopWordsView::Layout::labelRoom(const Theme &t) const
{
    return labelW - t.px(8);
}

TopWordsView::Layout TopWordsView::layoutFor(QSizeF size, const Theme &t, const QStringList &words, double maxValue, int topN)
{
    Layout l;
    const QFontMetricsF fm(t.font(1.0, true));
    l.top = t.px(6);
    l.gap = t.px(6);
    // Only as many bars as fit at the text's height: bars thinner than their labels overlapped.
    const double minBarH = fm.height() + 2;
    const int fit = std::max(1, static_cast<int>((size.height() - l.top) / (minBarH + l.gap)));
    l.shown = std::min({topN, static_cast<int>(words.size()), fit});
    // Words whole: the label column takes what the longest needs, leaving the bars at least a
    // fifth of the width (only a word longer than that elides).
    l.valueW = fm.horizontalAdvance(QString::number(std::llround(std::max(1.0, maxValue)))) + t.px(10);
    double labelW = 0;
    for (int i = 0; i < l.shown; ++i) labelW = std::max(labelW, fm.horizontalAdvance(words[i]));
    labelW = std::min(labelW + t.px(12), size.width() - l.valueW - std::max(t.px(24), size.width() * 0.2) - t.px(12));
    l.labelW = std::max(labelW, t.px(24));
    l.barH = std::max(minBarH, std::min(t.px(30), (size.height() - l.top - l.gap * l.shown) / std::max(1, l.shown)));
    l.barMax = std::max(10.0, size.width() - l.labelW - l.valueW - t.px(12));
    return l;
}

TopWordsView::Layout TopWordsView::currentLayout() const
{
    const Theme fallback = Theme::make(Theme::Kind::Light, false);
    const Theme &t = m_theme ? *m_theme : fallback;
    double maxV = 0;
    QStringList words;
    const auto &rows = m_model->rows();
    for (std::size_t i = 0; i < rows.size() && static_cast<int>(i) < m_topN; ++i) {
        maxV = std::max(maxV, rows[i].count);
        words << rows[i].word;
    }
    return layoutFor(size(), t, words, maxV, m_topN);
}

void TopWordsView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const Theme fallback = Theme::make(Theme::Kind::Light, false);
    const Theme &t = m_theme ? *m_theme : fallback;
    painter.fillRect(rect(), t.surface);
    const auto &rows = m_model->rows();
    if (rows.empty()) {
        painter.setPen(t.mutedText);
        painter.setFont(t.font(1.0));
        painter.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap,
                         m_emptyText);
        return;
    }
    double maxV = 0;
    QStringList words;
    for (std::size_t i = 0; i < rows.size() && static_cast<int>(i) < m_topN; ++i) {
        maxV = std::max(maxV, rows[i].count);
        words << rows[i].word;
    }
    const Layout l = layoutFor(size(), t, words, maxV, m_topN);
    const int n = l.shown;
    const double top = l.top, gap = l.gap, barH = l.barH, labelW = l.labelW, valueW = l.valueW, barMax = l.barMax;
    if (maxV <= 0) maxV = 1;
    const double p = 1.0 - std::pow(1.0 - std::clamp(static_cast<double>(m_clock.elapsed() - m_animStart) / kAnimMs, 0.0, 1.0), 3.0);
    painter.setFont(t.font(1.0, true));
    const QFontMetricsF fm(painter.font());
    const QColor colors[] = {t.processingTime, t.schedulingDelay, t.ok, t.totalDelay};
    for (int i = 0; i < n; ++i) {
        const auto &r = rows[static_cast<std::size_t>(i)];
        double shown = r.count;
        if (auto it = m_bars.find(r.word); it != m_bars.end()) shown = it->second.first + (it->second.second - it->second.first) * p;
        const double y = top + i * (barH + gap);
        painter.setPen(t.text);
        painter.drawText(QRectF(t.px(4), y, labelW - t.px(8), barH), Qt::AlignRight | Qt::AlignVCenter,
                         fm.elidedText(r.word, Qt::ElideRight, labelW - t.px(8)));
        const double w = barMax * std::max(0.0, shown) / maxV;
        painter.setPen(Qt::NoPen);
        painter.setBrush(colors[i % 4]);
        painter.drawRoundedRect(QRectF(labelW, y + barH * 0.12, std::max(2.0, w), barH * 0.76), 3, 3);
        painter.setPen(t.text);
        painter.drawText(QRectF(labelW + w + t.px(6), y, valueW, barH), Qt::AlignLeft | Qt::AlignVCenter,
                         QString::number(std::llround(shown)));
    }
}

} // namespace dsl::ui
