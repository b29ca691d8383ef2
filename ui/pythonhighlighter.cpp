// PythonHighlighter: rule-based colouring plus multi-line triple-quoted strings.
#include "pythonhighlighter.h"

#include "theme.h"

namespace dsl::ui {

PythonHighlighter::PythonHighlighter(QTextDocument *document) : QSyntaxHighlighter(document)
{
    setTheme(Theme::make(Theme::Kind::Light, false));
}

void PythonHighlighter::setTheme(const Theme &t)
{
    const bool dark = t.isDark();
    QTextCharFormat keyword, builtin, number, decorator, spark, self;
    keyword.setForeground(dark ? QColor(0xC7, 0x92, 0xEA) : QColor(0x7C, 0x3A, 0xED));
    keyword.setFontWeight(QFont::Bold);
    builtin.setForeground(dark ? QColor(0x82, 0xAA, 0xFF) : QColor(0x1D, 0x4E, 0xD8));
    number.setForeground(dark ? QColor(0xF7, 0x8C, 0x6C) : QColor(0xB4, 0x53, 0x09));
    decorator.setForeground(dark ? QColor(0xFF, 0xCB, 0x6B) : QColor(0x92, 0x40, 0x0E));
    spark.setForeground(dark ? QColor(0x4F, 0xD1, 0xC5) : QColor(0x04, 0x78, 0x57));
    spark.setFontWeight(QFont::DemiBold);
    self.setForeground(dark ? QColor(0xF0, 0x71, 0x78) : QColor(0xB9, 0x1C, 0x1C));
    m_string.setForeground(dark ? QColor(0xC3, 0xE8, 0x8D) : QColor(0x15, 0x80, 0x3D));
    m_comment.setForeground(dark ? QColor(0x8B, 0x95, 0xA5) : QColor(0x6B, 0x72, 0x80));
    m_comment.setFontItalic(true);

    m_rules.clear();
    const QString kw = QStringLiteral(
        "and|as|assert|async|await|break|class|continue|def|del|elif|else|except|finally|for|from|global|if|import|in|is|"
        "lambda|nonlocal|not|or|pass|raise|return|try|while|with|yield|None|True|False");
    const QString bi = QStringLiteral(
        "print|len|range|int|str|float|list|dict|set|tuple|sorted|sum|min|max|open|map|filter|zip|enumerate|isinstance|"
        "type|abs|any|all|iter|next|repr|super|object");
    const QString sp = QStringLiteral(
        "SparkContext|SparkConf|StreamingContext|StorageLevel|KafkaUtils|"
        "socketTextStream|textFileStream|queueStream|flatMap|map|filter|reduceByKey|updateStateByKey|mapWithState|"
        "reduceByKeyAndWindow|countByValueAndWindow|window|transform|foreachRDD|pprint|start|awaitTermination|"
        "awaitTerminationOrTimeout|stop|checkpoint|groupByKey|countByValue|count|union|join");
    m_rules.push_back({QRegularExpression(QStringLiteral("\\b(%1)\\b").arg(kw)), keyword});
    m_rules.push_back({QRegularExpression(QStringLiteral("\\b(%1)(?=\\s*\\()").arg(bi)), builtin});
    m_rules.push_back({QRegularExpression(QStringLiteral("\\b(%1)\\b").arg(sp)), spark});
    m_rules.push_back({QRegularExpression(QStringLiteral("\\bself\\b")), self});
    m_rules.push_back({QRegularExpression(QStringLiteral("\\b[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?\\b")), number});
    m_rules.push_back({QRegularExpression(QStringLiteral("^\\s*@[A-Za-z_][A-Za-z0-9_.]*")), decorator});
    rehighlight();
}

void PythonHighlighter::highlightBlock(const QString &text)
{
    for (const Rule &r : m_rules) {
        auto it = r.pattern.globalMatch(text);
        while (it.hasNext()) {
            const auto m = it.next();
            setFormat(static_cast<int>(m.capturedStart(r.group)), static_cast<int>(m.capturedLength(r.group)), r.format);
        }
    }
    // Strings and comments, scanned left to right so '#' inside a string is not a comment.
    // Block state 1/2: inside a ''' / """ string carried over from the previous line.
    int i = 0;
    const int n = static_cast<int>(text.size());
    int state = previousBlockState() > 0 ? previousBlockState() : 0;
    if (state > 0) {
        const QString delim = state == 1 ? QStringLiteral("'''") : QStringLiteral("\"\"\"");
        const int end = static_cast<int>(text.indexOf(delim));
        if (end < 0) {
            setFormat(0, n, m_string);
            setCurrentBlockState(state);
            return;
        }
        setFormat(0, end + 3, m_string);
        i = end + 3;
    }
    setCurrentBlockState(0);
    while (i < n) {
        const QChar c = text[i];
        if (c == QLatin1Char('#')) {
            setFormat(i, n - i, m_comment);
            return;
        }
        if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            const QString triple(3, c);
            if (text.mid(i, 3) == triple) {
                const int end = static_cast<int>(text.indexOf(triple, i + 3));
                if (end < 0) {
                    setFormat(i, n - i, m_string);
                    setCurrentBlockState(c == QLatin1Char('\'') ? 1 : 2);
                    return;
                }
                setFormat(i, end + 3 - i, m_string);
                i = end + 3;
                continue;
            }
            int j = i + 1;
            while (j < n && text[j] != c) j += text[j] == QLatin1Char('\\') ? 2 : 1;
            setFormat(i, std::min(j + 1, n) - i, m_string);
            i = j + 1;
            continue;
        }
        ++i;
    }
}

} // namespace dsl::ui
