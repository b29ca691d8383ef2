// PresenterLayout: column shares per window size, the settings toolbar's row, full screen.
#include "presenterlayout.h"

#include <QEvent>
#include <QMainWindow>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>

#include <algorithm>

namespace dsl::ui {

DashboardShares DashboardShares::forWindow(QSize window, bool presenter)
{
    DashboardShares s;
    if (!presenter) return s;
    // The timeline needs its label column and four batches of boxes large enough for a count and
    // "2 partitions" (StreamTimelineView): the side columns give way, the narrower the window the more.
    if (window.width() < 1600) {
        s.left = 26;
        s.center = 53;
        s.right = 21;
    } else {
        s.left = 22;
        s.center = 54;
        s.right = 24;
    }
    // 720 px high: the rows of the timeline, not the delay chart (its tab stays, drag to open).
    s.timelinePercent = window.height() < 900 ? 100 : 75;
    s.compact = window.width() < 1600;
    return s;
}

PresenterLayout::PresenterLayout(QMainWindow *window, const Parts &parts)
    : QObject(window), m_window(window), m_parts(parts)
{
    window->installEventFilter(this);
}

double PresenterLayout::scale() const
{
    return scaleFor(m_window->size());
}

void PresenterLayout::setPresenter(bool on)
{
    m_presenter = on;
    m_tabsOpened = false;
    // Before any resize: a window made smaller next (--size 1280x720) must not meet the
    // minimum of the desk layout and grow past the screen.
    m_parts.tabs->setMinimumSize(on ? QSize(1, 1) : QSize(0, 0));
    m_scale = scale();
    m_appliedFor = QSize();
    apply();
}

void PresenterLayout::apply()
{
    applyNow(false);
    // After a pending resize (setPresenterMode before show, a theme's larger fonts, leaving full
    // screen), so the shares are of the final width.
    QTimer::singleShot(0, this, [this] { applyNow(true); });
}

void PresenterLayout::applyNow(bool final)
{
    placeSettingsBar();
    const QSize size = m_window->size();
    m_appliedFor = size;
    if (!m_splittersBeforeFullScreen.isEmpty()) {
        // Out of full screen: the splitters as they were before it.
        for (int i = 0; i < m_parts.all.size() && i < m_splittersBeforeFullScreen.size(); ++i)
            m_parts.all[i]->restoreState(m_splittersBeforeFullScreen[i]);
        if (final) m_splittersBeforeFullScreen.clear();
        return;
    }
    const DashboardShares s = DashboardShares::forWindow(size, m_presenter);
    // In presenter mode the bottom tabs ask for no room (their chart's minimum made a 720 px
    // window taller), and a narrow screen shows the program without the editor's buttons
    // (their row made the left column wider than its share; Ctrl+Z and the menus remain).
    m_parts.tabs->setMinimumSize(m_presenter ? QSize(1, 1) : QSize(0, 0));
    if (m_parts.editorBar) m_parts.editorBar->setVisible(!(m_presenter && s.compact));
    const int w = std::max(400, m_parts.columns->width());
    m_parts.columns->setSizes({w * s.left / 100, w * s.center / 100, w * s.right / 100});
    setCenterSizes(s);
}

void PresenterLayout::setCenterSizes(const DashboardShares &s)
{
    const int h = std::max(200, m_parts.center->height());
    int bottom = h - h * s.timelinePercent / 100;
    if (s.timelinePercent == 100) {
        // Folded: the tab bar stays, so a click on a tab opens them (revealTabs).
        bottom = m_tabsOpened ? h * kOpenedTabsPercent / 100 : m_parts.tabs->tabBar()->sizeHint().height() + 2;
    }
    m_parts.center->setSizes({h - bottom, bottom});
}

void PresenterLayout::revealTabs()
{
    if (!m_presenter || m_tabsOpened) return;
    const DashboardShares s = DashboardShares::forWindow(m_window->size(), m_presenter);
    if (s.timelinePercent != 100) return; // not folded at this size
    m_tabsOpened = true;
    if (m_splittersBeforeFullScreen.isEmpty()) setCenterSizes(s);
}

void PresenterLayout::placeSettingsBar()
{
    QToolBar *run = m_parts.runBar, *settings = m_parts.settingsBar;
    if (!run || !settings) return;
    const int needed = run->sizeHint().width() + settings->sizeHint().width() + 8;
    const bool twoRows = needed > m_window->width();
    if (twoRows != m_window->toolBarBreak(settings)) {
        if (twoRows) m_window->insertToolBarBreak(settings);
        else m_window->removeToolBarBreak(settings);
    }
}

void PresenterLayout::enterFullScreen(bool presenterBefore)
{
    if (m_window->isFullScreen()) return;
    m_presenterBeforeFullScreen = presenterBefore;
    m_geometryBeforeFullScreen = m_window->saveGeometry();
    m_wasMaximized = m_window->isMaximized();
    QList<QByteArray> states;
    for (QSplitter *sp : m_parts.all) states << sp->saveState();
    m_savedSplitters = states;
    m_window->showFullScreen();
}

bool PresenterLayout::leaveFullScreen()
{
    if (!m_window->isFullScreen()) return m_presenter;
    // Back to the window as it was: normal or maximized, its place, size and splitters.
    if (m_wasMaximized) m_window->showMaximized();
    else m_window->showNormal();
    if (!m_geometryBeforeFullScreen.isEmpty()) m_window->restoreGeometry(m_geometryBeforeFullScreen);
    m_splittersBeforeFullScreen = m_savedSplitters;
    return m_presenterBeforeFullScreen;
}

bool PresenterLayout::eventFilter(QObject *watched, QEvent *event)
{
    // A user's splitter positions outside presenter mode are theirs (restored from the settings).
    if (watched == m_window && event->type() == QEvent::Resize && m_presenter && scale() != m_scale) {
        m_scale = scale();
        emit scaleChanged();
    }
    if (watched == m_window && event->type() == QEvent::Resize && m_window->size() != m_appliedFor) {
        if (m_presenter || !m_splittersBeforeFullScreen.isEmpty()) QTimer::singleShot(0, this, [this] { applyNow(true); });
        else QTimer::singleShot(0, this, [this] { placeSettingsBar(); });
    }
    return QObject::eventFilter(watched, event);
}

} // namespace dsl::ui
