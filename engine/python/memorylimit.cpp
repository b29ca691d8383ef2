// The memory limit (memorylimit.h): resident size from /proc, and the raw-allocator guard.
#include "memorylimit.h"

#include <Python.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>

namespace dsl::python {

namespace {
std::atomic<std::size_t> g_limit{0};
std::atomic<std::size_t> g_refused{0};
PyMemAllocatorEx g_raw{};

bool refuse(std::size_t size)
{
    const std::size_t limit = g_limit.load(std::memory_order_relaxed);
    if (limit == 0 || size < kGuardedBytes) return false;
    if (residentBytes() + size <= limit) return false;
    std::size_t seen = g_refused.load();
    while (seen < size && !g_refused.compare_exchange_weak(seen, size)) {
    }
    return true;
}

void *guardedMalloc(void *ctx, std::size_t size)
{
    if (size >= kGuardedBytes && refuse(size)) return nullptr;
    return g_raw.malloc(ctx, size);
}

void *guardedCalloc(void *ctx, std::size_t n, std::size_t elsize)
{
    if (elsize != 0 && n >= kGuardedBytes / elsize && (n > SIZE_MAX / elsize || refuse(n * elsize))) return nullptr;
    return g_raw.calloc(ctx, n, elsize);
}

void *guardedRealloc(void *ctx, void *ptr, std::size_t size)
{
    if (size >= kGuardedBytes && refuse(size)) return nullptr;
    return g_raw.realloc(ctx, ptr, size);
}

void guardedFree(void *ctx, void *ptr)
{
    g_raw.free(ctx, ptr);
}
} // namespace

int defaultMemoryLimitMb()
{
    const long pages = sysconf(_SC_PHYS_PAGES), pageSize = sysconf(_SC_PAGESIZE);
    if (pages <= 0 || pageSize <= 0) return 8192;
    const long long physicalMb = static_cast<long long>(pages) * pageSize / (1024 * 1024);
    return static_cast<int>(std::clamp<long long>(physicalMb / 2, 256, 8192));
}

std::size_t residentBytes()
{
    // Read with plain syscalls: the guard may run inside malloc, where stdio would allocate.
    const int fd = ::open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    char buf[128];
    const ssize_t n = ::read(fd, buf, sizeof buf - 1);
    ::close(fd);
    if (n <= 0) return 0;
    buf[n] = '\0';
    // "size resident shared ..." in pages.
    const char *p = buf;
    while (*p && *p != ' ') ++p;
    unsigned long long resident = 0;
    for (++p; *p >= '0' && *p <= '9'; ++p) resident = resident * 10 + static_cast<unsigned>(*p - '0');
    return static_cast<std::size_t>(resident) * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

void installAllocationGuard()
{
    static bool installed = false;
    if (installed) return;
    installed = true;
    PyMem_GetAllocator(PYMEM_DOMAIN_RAW, &g_raw);
    PyMemAllocatorEx guard{nullptr, guardedMalloc, guardedCalloc, guardedRealloc, guardedFree};
    guard.ctx = g_raw.ctx;
    PyMem_SetAllocator(PYMEM_DOMAIN_RAW, &guard);
}

void setAllocationLimit(std::size_t bytes)
{
    g_limit.store(bytes);
}

std::size_t takeRefusedAllocation()
{
    return g_refused.exchange(0);
}

} // namespace dsl::python
