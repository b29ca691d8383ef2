// The memory limit of a program run: the process's resident size, and a guard on Python's large allocations.
#pragma once

#include <cstddef>

namespace dsl::python {

/// The default limit in MB: half the machine's physical memory, at most 8 GiB (a classroom
/// machine runs the app, the window and the teacher's other tools beside the program).
int defaultMemoryLimitMb();

/// The process's resident set size in bytes (/proc/self/statm), 0 when unknown.
std::size_t residentBytes();

/// Wraps CPython's raw allocator (PYMEM_DOMAIN_RAW, where pymalloc sends every request above
/// 512 bytes and where lists, bytes and dicts get their storage) once per process: a request
/// of at least kGuardedBytes that would take the resident size past the limit returns NULL,
/// so Python raises MemoryError at the program's line before the memory is touched. Small
/// requests cost one comparison. Thread-safe.
void installAllocationGuard();
constexpr std::size_t kGuardedBytes = std::size_t(16) << 20;

/// The limit the guard enforces, in bytes (0: none); set per run.
void setAllocationLimit(std::size_t bytes);

/// The size of the largest request the guard refused since the last call, and forgets it (0: none).
std::size_t takeRefusedAllocation();

} // namespace dsl::python
