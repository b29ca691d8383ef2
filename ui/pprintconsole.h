// PprintConsole: exactly the text the program prints (pprint's batch headers included).
#pragma once

#include "snapshotfwd.h"

#include <QPlainTextEdit>

#include <string>

namespace dsl::ui {

class SimulationController;

/// Appends what is new since the last snapshot; a replay (text no longer extending what is
/// shown) redraws. Stays at the bottom unless the user scrolled up.
class PprintConsole : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit PprintConsole(SimulationController *controller, QWidget *parent = nullptr);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void onSnapshot(const RunSnapshotPtr &s);
    void retranslateUi();
    /// Removes the last `chars` characters of the document; false when it holds fewer.
    bool removeTail(qsizetype chars);

    std::shared_ptr<const std::string> m_shown;
    std::size_t m_shownDropped = 0; ///< m_shown's absolute offset in the run's output (consoleDropped)
    bool m_atEnd = true; ///< follow new output; false once the user scrolled up
    bool m_layingOut = false;
};

} // namespace dsl::ui
