// A cache of CPython's object arenas, so a run does not map and unmap memory per partition.
#pragma once

namespace dsl::python {

/// Installs the arena allocator (before the interpreter starts; idempotent). CPython's small
/// objects live in 1 MiB arenas that it unmaps as soon as one empties; a partition of a word
/// count fills and empties dozens (its words, pairs and dict), so each partition paid the
/// kernel to unmap them and then page faults to map them again (14 % of a run's CPU time in
/// `perf`). Freed arenas are kept, up to kMaxCachedArenas, and handed out again.
void installArenaCache();

} // namespace dsl::python
