// MasterSpec: a `--master` value the dashboard can build and read back, local[N] or
// local-cluster[executors, cores per executor, memory MB] (engine/sparkcontext.cpp parses the same
// forms); a plain value, tested without a widget.
#pragma once

#include <QString>

#include <optional>

namespace dsl::ui {

struct MasterSpec {
    enum class Mode { Local, LocalCluster };
    Mode mode = Mode::Local;
    int cores = 2;            ///< local[N]: the driver's executor's cores
    int executors = 2;        ///< local-cluster: executors
    int coresPerExecutor = 2; ///< local-cluster: cores of each
    int memoryMb = 1024;      ///< local-cluster: memory of each, in MB
    bool operator==(const MasterSpec &) const = default;

    /// "local[2]", "local-cluster[2,2,1024]".
    QString toString() const;
    /// Every core the master has (local[N]: N; local-cluster: executors x cores per executor).
    int totalCores() const { return mode == Mode::Local ? cores : executors * coresPerExecutor; }
    /// Reads "local", "local[N]", "local[N,F]" (F, the task retries, is dropped) and
    /// "local-cluster[E,C,M]" (spaces allowed); nullopt for anything else ("local[*]" included:
    /// its cores are the machine's).
    static std::optional<MasterSpec> parse(const QString &master);
};

} // namespace dsl::ui
