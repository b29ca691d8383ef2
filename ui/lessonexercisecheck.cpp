// LessonExerciseCheck: the child process, its JSON answer, cancel.
#include "lessonexercisecheck.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

namespace dsl::ui {

std::optional<ExerciseReport> ExerciseReport::fromJson(const QByteArray &json)
{
    // The child prints one JSON object as its last line (anything before it is not ours).
    const QList<QByteArray> lines = json.trimmed().split('\n');
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(lines.isEmpty() ? QByteArray() : lines.last(), &err);
    if (!doc.isObject()) return std::nullopt;
    const QJsonObject o = doc.object();
    if (!o.contains(QStringLiteral("passed"))) return std::nullopt;
    ExerciseReport r;
    r.passed = o.value(QStringLiteral("passed")).toBool();
    r.error = o.value(QStringLiteral("error")).toString();
    r.text = o.value(QStringLiteral("text")).toString();
    if (o.contains(QStringLiteral("difference"))) {
        const QJsonObject d = o.value(QStringLiteral("difference")).toObject();
        r.hasDifference = true;
        r.batchText = d.value(QStringLiteral("batchText")).toString();
        r.print = d.value(QStringLiteral("print")).toInt();
        r.line = d.value(QStringLiteral("line")).toInt();
        r.expected = d.value(QStringLiteral("expected")).toString();
        r.got = d.value(QStringLiteral("got")).toString();
        // "the pprint at line 30 (wordCounts.pprint())" (app/lesson/lessonexercise.cpp): its
        // line and statement, so the window can say it in Chinese too.
        static const QRegularExpression name(QStringLiteral("^the pprint at line (\\d+)(?: \\((.*)\\))?$"));
        const auto m = name.match(d.value(QStringLiteral("printName")).toString());
        if (m.hasMatch()) {
            r.printLine = m.captured(1).toInt();
            r.printStatement = m.captured(2);
        }
    }
    return r;
}

LessonExerciseCheck::LessonExerciseCheck(QObject *parent) : QObject(parent) {}

LessonExerciseCheck::~LessonExerciseCheck()
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(2000);
    }
    delete m_dir;
}

bool LessonExerciseCheck::isRunning() const
{
    return m_process != nullptr;
}

bool LessonExerciseCheck::start(const QString &lessonsDir, const QString &lessonId, int step, const QString &source,
                                const QString &fileName)
{
    if (m_process) return false;
    delete m_dir;
    m_dir = new QTemporaryDir;
    const QString path = m_dir->filePath(fileName.isEmpty() ? QStringLiteral("program.py") : fileName);
    QFile f(path);
    if (!m_dir->isValid() || !f.open(QIODevice::WriteOnly) || f.write(source.toUtf8()) < 0) {
        emit failed(tr("Cannot write your program to a temporary file: %1").arg(f.errorString()));
        return true;
    }
    f.close();
    m_canceled = false;
    m_process = new QProcess(this);
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    connect(m_process, &QProcess::finished, this, &LessonExerciseCheck::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart) onFinished();
    });
    m_process->start(m_binary, {QStringLiteral("lesson"), QStringLiteral("exercise"), lessonId, path, QStringLiteral("--step"),
                                QString::number(step + 1), QStringLiteral("--dir"), lessonsDir, QStringLiteral("--json")});
    return true;
}

void LessonExerciseCheck::cancel()
{
    if (!m_process) return;
    m_canceled = true;
    m_process->kill(); // finished() follows; onFinished reports the cancel
}

void LessonExerciseCheck::onFinished()
{
    QProcess *p = m_process;
    if (!p) return;
    m_process = nullptr;
    p->deleteLater();
    if (m_canceled) {
        emit canceled();
        return;
    }
    if (p->error() == QProcess::FailedToStart) {
        emit failed(tr("Cannot start the check (%1): %2").arg(m_binary, p->errorString()));
        return;
    }
    const QByteArray out = p->readAllStandardOutput();
    if (const auto r = ExerciseReport::fromJson(out)) {
        emit finished(*r);
        return;
    }
    const QString err = QString::fromUtf8(p->readAllStandardError()).trimmed();
    emit failed(tr("The check did not finish: %1").arg(err.isEmpty() ? QString::fromUtf8(out).trimmed() : err));
}

} // namespace dsl::ui
