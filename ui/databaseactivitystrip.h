// DatabaseActivityStrip: statements per second and connections opened, one bar pair per batch.
#pragma once

#include "theme.h"

#include <QWidget>

#include <vector>

namespace dsl::ui {

/// Two lanes of bars over the newest batches that fit, the batch shown marked: statements per
/// second (the batch's statements over its interval) and connections its tasks opened. A
/// connection per record shows as a connections lane as tall as the statements one.
class DatabaseActivityStrip : public QWidget {
    Q_OBJECT
public:
    struct Point {
        qint64 batchTimeMs = 0;
        double statementsPerSecond = 0;
        int connections = 0;
        bool operator==(const Point &) const = default;
    };
    explicit DatabaseActivityStrip(QWidget *parent = nullptr);
    void setPoints(std::vector<Point> points, std::optional<qint64> shownBatchMs);
    void setTheme(const Theme &theme);
    const std::vector<Point> &points() const { return m_points; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    std::vector<Point> m_points;
    std::optional<qint64> m_shown;
    Theme m_theme = Theme::make(Theme::Kind::Light, false);
};

} // namespace dsl::ui
