// PythonHighlighter: Python syntax colours for the code panel.
#pragma once

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace dsl::ui {

struct Theme;

/// Keywords, builtins, strings (single, double, triple-quoted across lines), numbers,
/// comments, decorators and the pyspark names a course program uses.
class PythonHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    explicit PythonHighlighter(QTextDocument *document);
    void setTheme(const Theme &theme);

protected:
    void highlightBlock(const QString &text) override;

private:
    struct Rule {
        QRegularExpression pattern;
        QTextCharFormat format;
        int group = 0;
    };
    std::vector<Rule> m_rules;
    QTextCharFormat m_string, m_comment;
};

} // namespace dsl::ui
