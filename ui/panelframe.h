// PanelFrame: a titled frame around one dashboard view, so a projected screen reads at a glance.
#pragma once

#include <QFrame>

class QLabel;

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

} // namespace dsl::ui
