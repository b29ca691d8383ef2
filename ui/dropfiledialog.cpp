// DropFileDialog: the fields, their checks, and the directories a program's source names.
#include "dropfiledialog.h"

#include "simulationcontroller.h"
#include "timetext.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace dsl::ui {

DropFileDialog::DropFileDialog(const QStringList &directories, const QString &fileName, QWidget *parent)
    : QDialog(parent), m_directory(new QComboBox(this)), m_name(new QLineEdit(fileName, this)),
      m_text(new QPlainTextEdit(this)), m_problem(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("dropFileDialog"));
    setWindowTitle(tr("Drop a file into the watched directory"));
    m_directory->setEditable(true);
    m_directory->addItems(directories);
    m_directory->setObjectName(QStringLiteral("dropDirectory"));
    m_name->setObjectName(QStringLiteral("dropFileName"));
    m_text->setObjectName(QStringLiteral("dropText"));
    m_text->setPlaceholderText(tr("one record per line"));
    m_text->setTabChangesFocus(true);
    auto *intro = new QLabel(tr("The file appears whole in the directory at the current simulated time, as if "
                                "written elsewhere and moved in (Spark's guide asks for that). "
                                "textFileStream reads it in the next batch, one record per line."),
                             this);
    intro->setWordWrap(true);
    m_problem->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Directory:"), m_directory);
    form->addRow(tr("File name:"), m_name);
    form->addRow(tr("Text:"), m_text);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form, 1);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Drop"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_directory, &QComboBox::editTextChanged, this, &DropFileDialog::validate);
    connect(m_name, &QLineEdit::textChanged, this, &DropFileDialog::validate);
    resize(520, 380);
    validate();
    m_text->setFocus();
}

command::DropFile DropFileDialog::dropCommand() const
{
    QString text = m_text->toPlainText();
    if (!text.isEmpty() && !text.endsWith(QLatin1Char('\n'))) text += QLatin1Char('\n');
    return command::DropFile{m_directory->currentText().trimmed(), m_name->text().trimmed(), text};
}

void DropFileDialog::setText(const QString &text)
{
    m_text->setPlainText(text);
}

void DropFileDialog::setFileName(const QString &name)
{
    m_name->setText(name);
}

void DropFileDialog::setDirectory(const QString &directory)
{
    m_directory->setEditText(directory);
}

bool DropFileDialog::canAccept() const
{
    return m_buttons->button(QDialogButtonBox::Ok)->isEnabled();
}

void DropFileDialog::validate()
{
    const command::DropFile c = dropCommand();
    QString problem;
    if (c.directory.isEmpty()) problem = tr("Name the directory the program's textFileStream watches.");
    else if (c.fileName.isEmpty()) problem = tr("Give the file a name.");
    else if (c.fileName.contains(QLatin1Char('/'))) problem = tr("A file name has no '/': put the folder under Directory.");
    else if (c.fileName.startsWith(QLatin1Char('.')))
        problem = tr("textFileStream never reads hidden files (names starting with '.').");
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty() && c.isValid());
}

QStringList DropFileDialog::watchedDirectories(const QString &source)
{
    static const QRegularExpression call(QStringLiteral(R"(textFileStream\(\s*(?:directory\s*=\s*)?(["'])(.*?)\1)"));
    QStringList dirs;
    for (auto it = call.globalMatch(source); it.hasNext();) {
        const QString d = it.next().captured(2);
        if (!d.isEmpty() && !dirs.contains(d)) dirs << d;
    }
    return dirs;
}

QString DropFileDialog::ask(SimulationController *controller, QWidget *parent)
{
    static int dropped = 0; // suggested names go on from the last drop of this session
    const QStringList dirs = watchedDirectories(controller->driver()->programSource());
    DropFileDialog dialog(dirs, QStringLiteral("file-%1.txt").arg(dropped + 1), parent);
    if (dialog.exec() != QDialog::Accepted) return {};
    const command::DropFile c = dialog.dropCommand();
    ++dropped;
    controller->execute(c);
    return tr("%1 dropped into %2 at %3: the next batch of textFileStream reads it")
        .arg(c.fileName, c.directory, clockText(controller->clockMs()));
}

} // namespace dsl::ui
