// TopWordsView: an animated horizontal bar chart of the top-N counts of a WordCountModel.
#pragma once

#include <QElapsedTimer>
#include <QStringList>
#include <QTimer>
#include <QWidget>

#include <map>

namespace dsl::ui {

class WordCountModel;
struct Theme;

/// Bars grow to new values over a short animation (its own clock, docs/conventions.md §8).
class TopWordsView : public QWidget {
    Q_OBJECT
public:
    TopWordsView(WordCountModel *model, QWidget *parent = nullptr);
    void setTheme(const Theme &theme);
    void setTopN(int n) { m_topN = n; update(); }
    /// What an empty chart says (e.g. "no words in batch 10:00:03").
    void setEmptyText(const QString &text) { m_emptyText = text; update(); }
    QSize sizeHint() const override;

    /// Where the bars go (geometry apart from painting): how many fit at the text's height, and
    /// the label column as wide as the longest shown word needs.
    struct Layout {
        int shown = 0;
        double top = 0, gap = 0, barH = 0, labelW = 0, valueW = 0, barMax = 0;
        /// The room a word's label has (drawn right-aligned before its bar).
        double labelRoom(const Theme &t) const;
    };
    static Layout layoutFor(QSizeF size, const Theme &t, const QStringList &words, double maxValue, int topN);
    /// The layout of the bars shown now (tests).
    Layout currentLayout() const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void onModelChanged();

    WordCountModel *m_model;
    const Theme *m_theme = nullptr;
    int m_topN = 8;
    QString m_emptyText;
    // View-local animation cache: word -> (value shown at animation start, target).
    std::map<QString, std::pair<double, double>> m_bars;
    QElapsedTimer m_clock;
    qint64 m_animStart = 0;
    QTimer m_timer;
};

} // namespace dsl::ui
