// Run-control icons drawn in the theme's text colour, so they keep their contrast in light,
// dark and presenter modes (the platform's media icons do not).
#pragma once

#include <QColor>
#include <QIcon>

namespace dsl::ui {

enum class RunIcon { Play, Pause, StepBatch, StepEvent, StepBack, Reset, Open };

QIcon runIcon(RunIcon which, const QColor &color, int sizePx = 32);

} // namespace dsl::ui
