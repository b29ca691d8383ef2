// CodeGutter: the line-number margin of the code panel, marking the error line.
#pragma once

#include <QWidget>

namespace dsl::ui {

class CodePanel;

class CodeGutter : public QWidget {
    Q_OBJECT
public:
    explicit CodeGutter(CodePanel *panel);
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    CodePanel *m_panel;
};

} // namespace dsl::ui
