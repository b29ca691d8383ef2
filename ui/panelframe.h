// PanelFrame: a titled frame around one dashboard view, so a projected screen reads at a glance.
#pragma once

#include <QFrame>

class QLabel;
class QSplitter;

namespace dsl::ui {

struct Theme;

class PanelFrame : public QFrame {
    Q_OBJECT
public:
    PanelFrame(QWidget *content, QWidget *parent = nullptr);
    void setTitle(const QString &title);
    QString title() const;
    QWidget *content() const { return m_content; }
    void applyTheme(const Theme &t);

private:
    QLabel *m_title;
    QWidget *m_content;
};

/// Two columns side by side in a splitter, each scrolling on its own: a tab with little height
/// (presenter mode at 720 px) scrolls instead of squeezing labels into each other.
QSplitter *scrollingColumns(QWidget *left, QWidget *right, int leftStretch = 1, int rightStretch = 1);

} // namespace dsl::ui
