// Tests: Run > Database...: the four choices as `--db` values (what the session is given), read
// back from a value, the password kept in the settings only when asked, and what is missing for a
// server named as a problem before the dialog closes.
#include "ui/databasedialog.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QSpinBox>
#include <QTest>

using namespace dsl;

namespace {
QLineEdit *field(const QDialog &d, const char *name)
{
    auto *e = d.findChild<QLineEdit *>(QLatin1String(name));
    if (!e) qFatal("no field %s", name);
    return e;
}
} // namespace

class TestDatabaseDialog : public QObject {
    Q_OBJECT
private slots:
    void aSpecComesBackAsItWasSet_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::newRow("the-programs-own-sqlite-file-is-the-empty-value") << QString();
        QTest::newRow("a-sqlite-file-of-ones-choosing") << QStringLiteral("sqlite:/tmp/course.sqlite");
        QTest::newRow("dstreamlabs-own-mariadb") << QStringLiteral("local-mariadb");
        QTest::newRow("a-server-with-its-port") << QStringLiteral("mysql://spark:secret@db.example.com:3307/course");
        // '@' and ':' in the password are percent-encoded, as the URL form needs.
        QTest::newRow("a-password-with-at-and-colon") << QStringLiteral("mysql://spark:p%40ss%3Aword@127.0.0.1:3306/course");
        QTest::newRow("the-programs-own-arguments") << QStringLiteral("none");
    }
    void aSpecComesBackAsItWasSet()
    {
        QFETCH(QString, spec);
        ui::DatabaseDialog d;
        d.setSpec(spec);
        QCOMPARE(d.spec(), spec);
        QCOMPARE(d.problem(), QString());
    }

    void theFieldsMakeTheServerUrl()
    {
        ui::DatabaseDialog d;
        d.findChildren<QRadioButton *>().at(2)->setChecked(true); // an existing server
        field(d, "databaseHost")->setText(QStringLiteral("10.0.0.5"));
        field(d, "databaseUser")->setText(QStringLiteral("spark"));
        field(d, "databasePassword")->setText(QStringLiteral("se@cret"));
        field(d, "databaseName")->setText(QStringLiteral("course"));
        d.findChild<QSpinBox *>()->setValue(3310);
        QCOMPARE(d.spec(), QStringLiteral("mysql://spark:se%40cret@10.0.0.5:3310/course"));
        // Not asked to remember: the settings keep everything but the password.
        QCOMPARE(d.specToRemember(), QStringLiteral("mysql://spark@10.0.0.5:3310/course"));
        d.findChild<QCheckBox *>()->setChecked(true);
        QCOMPARE(d.specToRemember(), d.spec());
        // DSTREAMLAB_SHOT=DIR: the dialog as the user sees it, to look at (not compared).
        if (const QString dir = qEnvironmentVariable("DSTREAMLAB_SHOT"); !dir.isEmpty()) {
            d.adjustSize();
            QVERIFY(d.grab().save(dir + QStringLiteral("/databasedialog.png")));
        }
    }

    void aServerWithoutItsNamesIsAProblem_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("database");
        QTest::addColumn<QString>("problem");
        QTest::newRow("no-host") << QString() << QStringLiteral("spark") << QStringLiteral("course")
                                 << QStringLiteral("Name the server's host.");
        QTest::newRow("no-user") << QStringLiteral("127.0.0.1") << QString() << QStringLiteral("course")
                                 << QStringLiteral("Name the user to connect as.");
        QTest::newRow("no-database") << QStringLiteral("127.0.0.1") << QStringLiteral("spark") << QString()
                                     << QStringLiteral("Name the database.");
        QTest::newRow("a-database-name-with-a-slash")
            << QStringLiteral("127.0.0.1") << QStringLiteral("spark") << QStringLiteral("a/b")
            << QStringLiteral("--db: 'a/b' is not a database name; use --db mysql://USER:PASSWORD@HOST:PORT/DATABASE "
                              "(e.g. mysql://spark:secret@127.0.0.1:3306/course)");
    }
    void aServerWithoutItsNamesIsAProblem()
    {
        QFETCH(QString, host);
        QFETCH(QString, user);
        QFETCH(QString, database);
        QFETCH(QString, problem);
        ui::DatabaseDialog d;
        d.setSpec(QStringLiteral("mysql://x:y@h:3306/d"));
        field(d, "databaseHost")->setText(host);
        field(d, "databaseUser")->setText(user);
        field(d, "databaseName")->setText(database);
        QCOMPARE(d.problem(), problem);
        d.accept(); // refused: the dialog stays, the problem shown
        QCOMPARE(d.result(), int(QDialog::Rejected));
        QVERIFY(d.findChild<QLabel *>(QStringLiteral("databaseDialogError"))->text() == problem);
    }
};

QTEST_MAIN(TestDatabaseDialog)
#include "tst_databasedialog.moc"
