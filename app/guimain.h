// GUI mode of dstreamlab: the dashboard window, and --screenshot rendering.
#pragma once

namespace dsl::app {

/// `dstreamlab [PROGRAM.py] [--input [PORT=]FILE] [--lang zh_CN|en] [--presenter] [--dark]
/// [--master M] [--kafka-listen PORT] [--start-time T] [--screenshot OUT.png --until-batch N [--size WxH]]
/// [--restore-session | --discard-session]`. Typed input is journaled (SessionJournal); after
/// a crash the next start asks whether to restore it, unless one of the last two answers.
/// Returns the exit status.
int runGui(int argc, char **argv);

/// The usage text of the GUI mode.
const char *guiUsage();

} // namespace dsl::app
