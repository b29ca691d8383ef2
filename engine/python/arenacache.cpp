// The arena cache (arenacache.h): PyObject_SetArenaAllocator with a free list in front of mmap.
#include "arenacache.h"

#include <Python.h>

#include <sys/mman.h>

#include <cstddef>
#include <vector>

namespace dsl::python {

namespace {
/// 64 MiB at most stay mapped while unused: the working set of the largest partition of the
/// benchmarks (a 200k-word partition), without holding on to a program's peak for good.
constexpr std::size_t kMaxCachedArenas = 64;

struct Cache {
    std::size_t size = 0; ///< the arena size CPython asks for (all its arenas have one size)
    std::vector<void *> free;
};

Cache &cache()
{
    static Cache c;
    return c;
}

// CPython calls both with the GIL held (obmalloc is not thread-safe either), so the free list
// needs no lock of its own.
void *allocArena(void *, std::size_t size)
{
    Cache &c = cache();
    if (size == c.size && !c.free.empty()) {
        void *p = c.free.back();
        c.free.pop_back();
        return p;
    }
    void *p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? nullptr : p;
}

void freeArena(void *, void *ptr, std::size_t size)
{
    Cache &c = cache();
    if (c.size == 0) c.size = size;
    if (size == c.size && c.free.size() < kMaxCachedArenas) {
        c.free.push_back(ptr);
        return;
    }
    munmap(ptr, size);
}
} // namespace

void installArenaCache()
{
    static bool installed = false;
    if (installed) return;
    installed = true;
    cache().free.reserve(kMaxCachedArenas);
    PyObjectArenaAllocator a{nullptr, allocArena, freeArena};
    PyObject_SetArenaAllocator(&a);
}

} // namespace dsl::python
