// ProgramThread: a thread with the stack a Python program needs (PythonRuntime::kProgramStackBytes).
#pragma once

#include <cstddef>
#include <functional>
#include <memory>

#include <pthread.h>

namespace dsl::python {

/// std::thread's default stack is the process's RLIMIT_STACK (often 8 MB), which recursion
/// through built-in functions (sorted with a key, map, repr) overflows well below
/// PythonRuntime::kMaxRecursionLimit: the app would crash. A thread that runs programs (the
/// dashboard's session worker) is started with `stackBytes` instead. The stack is reserved
/// address space; only the pages a program touches take memory. Same use as std::thread:
/// join() or detach() before destruction.
class ProgramThread {
public:
    ProgramThread() = default;
    ProgramThread(std::size_t stackBytes, std::function<void()> body);
    ~ProgramThread();
    ProgramThread(ProgramThread &&other) noexcept;
    ProgramThread &operator=(ProgramThread &&other) noexcept;
    ProgramThread(const ProgramThread &) = delete;
    ProgramThread &operator=(const ProgramThread &) = delete;

    bool joinable() const { return m_started; }
    void join();
    void detach();

private:
    pthread_t m_thread{};
    bool m_started = false;
};

} // namespace dsl::python
