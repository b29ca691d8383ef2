// What every fuzz harness shares: the failure report, a scratch folder, printable bytes.
#include "fuzzharness.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <unistd.h>

namespace dsl::fuzz {

void fail(const char *file, int line, const char *condition, const std::string &what)
{
    std::fprintf(stderr, "fuzz invariant broken at %s:%d: %s (%s)\n", file, line, condition, what.c_str());
    std::fflush(stderr);
    std::abort();
}

namespace {
struct Scratch {
    std::string path;
    Scratch()
    {
        // In memory where there is /dev/shm: the journal and checkpoint harnesses write files on
        // every input.
        std::error_code ec;
        std::filesystem::path base = std::filesystem::temp_directory_path(ec);
        if (ec) base = "/tmp";
        if (::access("/dev/shm", W_OK) == 0) base = "/dev/shm";
        std::string templ = base.string() + "/dstreamlab-fuzz-XXXXXX";
        if (!::mkdtemp(templ.data())) fail(__FILE__, __LINE__, "mkdtemp", "cannot create a scratch folder");
        path = templ;
    }
    ~Scratch()
    {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};
} // namespace

const std::string &scratchDir()
{
    static const Scratch scratch;
    return scratch.path;
}

std::string printable(std::string_view bytes)
{
    std::string out;
    for (std::size_t i = 0; i < bytes.size() && i < 200; ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (c >= 0x20 && c < 0x7f && c != '\\') {
            out += static_cast<char>(c);
        } else {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        }
    }
    if (bytes.size() > 200) out += "...";
    return out;
}

} // namespace dsl::fuzz
