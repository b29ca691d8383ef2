// LanguageManager: installs the dashboard's translation (zh_CN or en), following the system or
// the user's choice; widgets retranslate on QEvent::LanguageChange.
#pragma once

#include <QObject>
#include <QString>

class QTranslator;

namespace dsl::ui {

class LanguageManager : public QObject {
    Q_OBJECT
public:
    explicit LanguageManager(QObject *parent = nullptr);
    /// "zh_CN", "en", or empty for the system's language.
    bool setLanguage(const QString &code);
    QString language() const { return m_code; }
    /// The language in effect ("zh_CN" or "en").
    QString effectiveLanguage() const { return m_effective; }
    static QString systemLanguage();

signals:
    void languageChanged(const QString &effective);

private:
    QString m_code;
    QString m_effective = QStringLiteral("en");
    QTranslator *m_app = nullptr;
    QTranslator *m_session = nullptr;
    QTranslator *m_qt = nullptr;
};

} // namespace dsl::ui
