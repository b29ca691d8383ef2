// PresenterLayout: how the dashboard's panels share the window, above all a projected one.
#pragma once

#include <QList>
#include <QObject>
#include <QSize>

class QMainWindow;
class QSplitter;
class QTabWidget;
class QToolBar;
class QWidget;

namespace dsl::ui {

/// The shares of the three columns and what folds away, for a window size: a value, tested
/// without a widget (tests/ui/tst_presenter.cpp).
struct DashboardShares {
    int left = 24, center = 53, right = 23; ///< percent of the columns' width
    int timelinePercent = 60;               ///< of the centre column's height; the rest is the bottom tabs
    bool compact = false;                   ///< presenter mode under 1600 px: the editor's button row hidden
    bool operator==(const DashboardShares &) const = default;

    /// Presenter mode gives the timeline the room: the program and the counts narrower, and
    /// on a short screen (720 px) the bottom tabs fold to their tab bar, opened by choosing a tab.
    static DashboardShares forWindow(QSize window, bool presenter);
};

/// Applies DashboardShares when presenter mode changes and whenever the window is resized or
/// goes full screen and back (an event filter on the window), and moves the settings toolbar
/// to a second row when the two toolbars do not fit side by side.
class PresenterLayout : public QObject {
    Q_OBJECT
public:
    struct Parts {
        QSplitter *columns = nullptr, *center = nullptr;
        QList<QSplitter *> all; ///< every splitter, saved and restored around full screen
        QTabWidget *tabs = nullptr;
        QToolBar *runBar = nullptr, *settingsBar = nullptr;
        QWidget *editorBar = nullptr; ///< hidden in compact presenter mode
    };
    PresenterLayout(QMainWindow *window, const Parts &parts);

    /// The presenter theme's scale for a window: 1.5, or 1.25 below 900 px of height (a 720p
    /// projector: the smallest grey text is still 14 px).
    static double scaleFor(QSize window) { return window.height() < 900 ? 1.25 : 1.5; }
    double scale() const;

signals:
    /// Resized across scaleFor's threshold in presenter mode: the theme is to be made again.
    void scaleChanged();

public:
    void setPresenter(bool on);
    bool isPresenter() const { return m_presenter; }
    /// F11: real full screen. Entering keeps the window's geometry, its splitters and whether
    /// it was in presenter mode; leaving restores the geometry and splitters and returns that.
    void enterFullScreen(bool presenterBefore);
    bool leaveFullScreen();
    /// Now, and again once pending resizes are done.
    void apply();
    /// A bottom tab was chosen (clicked, or shown by a lesson step, a clicked box, an error): in
    /// presenter mode on a short screen the folded tabs open to kOpenedTabsPercent of the centre
    /// column, and stay open across resizes until presenter mode is entered again.
    void revealTabs();
    static constexpr int kOpenedTabsPercent = 45;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void applyNow(bool final);
    void placeSettingsBar();
    void setCenterSizes(const DashboardShares &s);

    QMainWindow *m_window;
    Parts m_parts;
    bool m_presenter = false;
    bool m_tabsOpened = false; ///< revealTabs since presenter mode was entered
    QSize m_appliedFor;
    double m_scale = 1.5; ///< of the theme last applied
    QByteArray m_geometryBeforeFullScreen;
    QList<QByteArray> m_savedSplitters;            ///< on entering full screen
    QList<QByteArray> m_splittersBeforeFullScreen; ///< restored by the next apply
    bool m_wasMaximized = false;
    bool m_presenterBeforeFullScreen = false;
};

} // namespace dsl::ui
