// LanguageManager: compiled .qm files from the resources (:/i18n), plus Qt's own when present.
#include "languagemanager.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace dsl::ui {

LanguageManager::LanguageManager(QObject *parent) : QObject(parent) {}

QString LanguageManager::systemLanguage()
{
    const QLocale l = QLocale::system();
    return l.language() == QLocale::Chinese ? QStringLiteral("zh_CN") : QStringLiteral("en");
}

bool LanguageManager::setLanguage(const QString &code)
{
    m_code = code;
    const QString want = code.isEmpty() ? systemLanguage() : code;
    for (QTranslator **t : {&m_app, &m_session, &m_qt}) {
        if (*t) {
            QCoreApplication::removeTranslator(*t);
            delete *t;
            *t = nullptr;
        }
    }
    bool ok = true;
    if (want != QLatin1String("en")) {
        m_app = new QTranslator(this);
        ok = m_app->load(QStringLiteral(":/i18n/dstreamlab_%1.qm").arg(want));
        if (ok) QCoreApplication::installTranslator(m_app);
        // The session layer's own messages (app/session has its own .ts).
        m_session = new QTranslator(this);
        if (m_session->load(QStringLiteral(":/i18n/dstreamlab_session_%1.qm").arg(want)))
            QCoreApplication::installTranslator(m_session);
        else
            ok = false;
        m_qt = new QTranslator(this);
        if (m_qt->load(QStringLiteral("qtbase_%1").arg(want), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(m_qt);
        QLocale::setDefault(QLocale(want));
    } else {
        // English needs no translation but the plural forms of its %n messages ("1 block").
        m_app = new QTranslator(this);
        if (m_app->load(QStringLiteral(":/i18n/dstreamlab_en.qm"))) QCoreApplication::installTranslator(m_app);
        QLocale::setDefault(QLocale(QLocale::English));
    }
    m_effective = ok ? want : QStringLiteral("en");
    emit languageChanged(m_effective);
    return ok;
}

} // namespace dsl::ui
