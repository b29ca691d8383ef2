// DatabaseActivityStrip: two lanes of bars painted from the points given.
#include "databaseactivitystrip.h"

#include <QEvent>
#include <QPainter>

#include <algorithm>

namespace dsl::ui {

DatabaseActivityStrip::DatabaseActivityStrip(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("databaseActivity"));
}

void DatabaseActivityStrip::setPoints(std::vector<Point> points, std::optional<qint64> shownBatchMs)
{
    if (points == m_points && shownBatchMs == m_shown) return;
    m_points = std::move(points);
    m_shown = shownBatchMs;
    update();
}

void DatabaseActivityStrip::setTheme(const Theme &theme)
{
    m_theme = theme;
    updateGeometry();
    update();
}

void DatabaseActivityStrip::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) update();
    QWidget::changeEvent(event);
}

QSize DatabaseActivityStrip::sizeHint() const
{
    const int line = QFontMetrics(m_theme.font(0.9)).height();
    return {200, 2 * (line + qRound(m_theme.px(6)))};
}

void DatabaseActivityStrip::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing, false);
    p.fillRect(rect(), m_theme.surfaceAlt);
    p.setFont(m_theme.font(0.9));
    const QFontMetrics fm(p.font());
    const int laneH = height() / 2;
    const QString labels[2] = {tr("Statements per second"), tr("Connections opened")};
    const int labelW = std::max(fm.horizontalAdvance(labels[0]), fm.horizontalAdvance(labels[1])) + qRound(m_theme.px(70));
    const int barW = qRound(m_theme.px(9)), gap = std::max(1, qRound(m_theme.px(2)));
    const int left = labelW + qRound(m_theme.px(6));
    const int fits = std::max(0, (width() - left - gap) / (barW + gap));
    const std::size_t first = m_points.size() > static_cast<std::size_t>(fits) ? m_points.size() - static_cast<std::size_t>(fits) : 0;
    double maxRate = 0;
    int maxConn = 0;
    for (std::size_t i = first; i < m_points.size(); ++i) {
        maxRate = std::max(maxRate, m_points[i].statementsPerSecond);
        maxConn = std::max(maxConn, m_points[i].connections);
    }
    const QColor colors[2] = {m_theme.processingTime, m_theme.overInterval};
    for (int lane = 0; lane < 2; ++lane) {
        const int top = lane * laneH;
        const QRect labelRect(qRound(m_theme.px(6)), top, labelW, laneH);
        // The lane's name and its largest value (the bars' scale).
        const QString peak = lane == 0 ? QString::number(maxRate, 'g', 4) : QString::number(maxConn);
        p.setPen(m_theme.text);
        p.drawText(labelRect, Qt::AlignLeft | Qt::AlignVCenter, labels[lane]);
        p.setPen(m_theme.mutedText);
        p.drawText(labelRect.adjusted(0, 0, -qRound(m_theme.px(4)), 0), Qt::AlignRight | Qt::AlignVCenter,
                   tr("max %1").arg(peak));
        const int base = top + laneH - qRound(m_theme.px(4));
        const int usable = laneH - qRound(m_theme.px(8));
        p.setPen(m_theme.grid);
        p.drawLine(left, base, width(), base);
        int x = left + gap;
        for (std::size_t i = first; i < m_points.size(); ++i, x += barW + gap) {
            const auto &pt = m_points[i];
            const double v = lane == 0 ? pt.statementsPerSecond : pt.connections;
            const double maxV = lane == 0 ? maxRate : maxConn;
            const int h = maxV > 0 ? std::max(v > 0 ? 1 : 0, qRound(usable * v / maxV)) : 0;
            if (m_shown && pt.batchTimeMs == *m_shown)
                p.fillRect(QRect(x - gap / 2 - 1, top + 1, barW + gap + 1, laneH - 2), m_theme.surface);
            p.fillRect(QRect(x, base - h, barW, h), colors[lane]);
            if (m_shown && pt.batchTimeMs == *m_shown) {
                p.setPen(m_theme.accent);
                p.drawRect(QRect(x - 1, top + 1, barW + 1, laneH - 3));
            }
        }
    }
}

} // namespace dsl::ui
