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
    const int n = std::min<int>(m_topN, static_cast<int>(rows.size()));
    const double p = 1.0 - std::pow(1.0 - std::clamp(static_cast<double>(m_clock.elapsed() - m_animStart) / kAnimMs, 0.0, 1.0), 3.0);
    double maxV = 0;
    for (int i = 0; i < n; ++i) maxV = std::max(maxV, rows[static_cast<std::size_t>(i)].count);
    if (maxV <= 0) maxV = 1;
    painter.setFont(t.font(1.0, true));
    const QFontMetricsF fm(painter.font());
    double labelW = 0;
    for (int i = 0; i < n; ++i) labelW = std::max(labelW, fm.horizontalAdvance(rows[static_cast<std::size_t>(i)].word));
    labelW = std::min(labelW + t.px(10), width() * 0.4);
    const double top = t.px(6), gap = t.px(6);
    const double barH = std::min(t.px(30), (height() - top - gap * n) / std::max(1, n));
    const double valueW = fm.horizontalAdvance(QStringLiteral("00000")) + t.px(8);
    const double barMax = std::max(10.0, width() - labelW - valueW - t.px(12));
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
