// CodeGutter: paints line numbers through the panel.
#include "codegutter.h"

#include "codepanel.h"

namespace dsl::ui {

CodeGutter::CodeGutter(CodePanel *panel) : QWidget(panel), m_panel(panel) {}

QSize CodeGutter::sizeHint() const
{
    return QSize(m_panel->gutterWidth(), 0);
}

void CodeGutter::paintEvent(QPaintEvent *event)
{
    m_panel->paintGutter(event);
}

} // namespace dsl::ui
