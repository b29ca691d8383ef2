// Views as images, tables as CSV (viewexporter.h).
#include "viewexporter.h"

#include "app/session/runsnapshot.h"

#include <QAbstractItemModel>
#include <QDateTime>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QWidget>

namespace dsl::ui {

namespace {

bool fail(QString *error, const QString &text)
{
    if (error) *error = text;
    return false;
}

} // namespace

bool ViewExporter::savePng(QWidget *widget, const QString &path, QString *error, double scale)
{
    if (!widget || widget->size().isEmpty()) return fail(error, QObject::tr("The view is not shown: nothing to save."));
    QImage image(widget->size() * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(widget->palette().window().color());
    QPainter p(&image);
    widget->render(&p, QPoint(), QRegion(), QWidget::DrawWindowBackground | QWidget::DrawChildren);
    p.end();
    if (!image.save(path, "PNG")) return fail(error, QObject::tr("Could not write %1.").arg(path));
    return true;
}

bool ViewExporter::saveSvg(QWidget *widget, const QString &path, const QString &title, QString *error)
{
    if (!widget || widget->size().isEmpty()) return fail(error, QObject::tr("The view is not shown: nothing to save."));
    {
        QFile probe(path); // QSvgGenerator reports no error of its own
        if (!probe.open(QIODevice::WriteOnly)) return fail(error, QObject::tr("Could not write %1.").arg(path));
    }
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(widget->size());
    svg.setViewBox(QRect(QPoint(), widget->size()));
    svg.setTitle(title);
    svg.setDescription(QStringLiteral("DStream Lab"));
    QPainter p;
    if (!p.begin(&svg)) return fail(error, QObject::tr("Could not write %1.").arg(path));
    widget->render(&p, QPoint(), QRegion(), QWidget::DrawWindowBackground | QWidget::DrawChildren);
    p.end();
    return true;
}

bool ViewExporter::saveImage(QWidget *widget, const QString &path, const QString &title, QString *error)
{
    return path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive) ? saveSvg(widget, path, title, error)
                                                                     : savePng(widget, path, error);
}

QString ViewExporter::csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n')) &&
        !text.contains(QLatin1Char('\r')))
        return text;
    QString q = text;
    q.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

QString ViewExporter::csvOf(const QAbstractItemModel &model)
{
    QString out;
    const int columns = model.columnCount();
    QStringList header;
    for (int c = 0; c < columns; ++c) header << csvField(model.headerData(c, Qt::Horizontal).toString());
    out += header.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    for (int r = 0; r < model.rowCount(); ++r) {
        QStringList row;
        for (int c = 0; c < columns; ++c) row << csvField(model.data(model.index(r, c)).toString());
        out += row.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    }
    return out;
}

QString ViewExporter::batchesCsv(const RunSnapshot &s)
{
    QString out = QStringLiteral("batch_time_ms,batch_time,records,scheduling_delay_ms,processing_time_ms,total_delay_ms,"
                                 "output_ops_succeeded,output_ops_total,first_error\r\n");
    const auto ms = [](const std::optional<Duration> &d) { return d ? QString::number(d->ms()) : QString(); };
    for (const auto &[t, b] : s.batches) {
        const BatchInfo &info = b->info;
        int ok = 0;
        QString error;
        for (const auto &[id, op] : info.outputOperationInfos) {
            if (op.failureReason && error.isEmpty())
                error = QString::fromStdString(*op.failureReason).section(QLatin1Char('\n'), 0, 0);
            ok += op.endTime && !op.failureReason ? 1 : 0;
        }
        QStringList row{QString::number(t.ms()),
                        QDateTime::fromMSecsSinceEpoch(t.ms()).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")),
                        QString::number(info.numRecords()),
                        ms(info.schedulingDelay()),
                        ms(info.processingDelay()),
                        ms(info.totalDelay()),
                        QString::number(ok),
                        QString::number(info.outputOperationInfos.size()),
                        csvField(error)};
        out += row.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    }
    return out;
}

bool ViewExporter::saveText(const QString &text, const QString &path, QString *error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) return fail(error, QObject::tr("Could not write %1: %2").arg(path, f.errorString()));
    f.write(text.toUtf8());
    if (!f.commit()) return fail(error, QObject::tr("Could not write %1: %2").arg(path, f.errorString()));
    return true;
}

} // namespace dsl::ui
