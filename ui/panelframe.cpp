// PanelFrame: title bar + content; scrollingColumns.
#include "panelframe.h"

#include "theme.h"

#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

namespace dsl::ui {

PanelFrame::PanelFrame(QWidget *content, QWidget *parent) : QFrame(parent), m_title(new QLabel(this)), m_content(content)
{
    setFrameShape(QFrame::StyledPanel);
    auto *l = new QVBoxLayout(this);
    l->setContentsMargins(1, 1, 1, 1);
    l->setSpacing(0);
    m_title->setContentsMargins(8, 3, 8, 3);
    m_title->setAutoFillBackground(true);
    m_title->setWordWrap(true); // a long title wraps in a narrow column rather than widen it
    l->addWidget(m_title);
    content->setParent(this);
    l->addWidget(content, 1);
}

void PanelFrame::setTitle(const QString &title)
{
    m_title->setText(title);
}

QString PanelFrame::title() const
{
    return m_title->text();
}

void PanelFrame::applyTheme(const Theme &t)
{
    m_title->setFont(t.font(1.0, true));
    QPalette p = m_title->palette();
    p.setColor(QPalette::Window, t.surfaceAlt);
    p.setColor(QPalette::WindowText, t.text);
    m_title->setPalette(p);
}

QSplitter *scrollingColumns(QWidget *left, QWidget *right, int leftStretch, int rightStretch)
{
    auto scrolled = [](QWidget *w) {
        auto *area = new QScrollArea;
        area->setWidget(w);
        area->setWidgetResizable(true);
        area->setFrameShape(QFrame::NoFrame);
        return area;
    };
    auto *split = new QSplitter(Qt::Horizontal);
    split->addWidget(scrolled(left));
    split->addWidget(scrolled(right));
    split->setStretchFactor(0, leftStretch);
    split->setStretchFactor(1, rightStretch);
    split->setChildrenCollapsible(false);
    return split;
}

} // namespace dsl::ui
