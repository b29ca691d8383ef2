// `dstreamlab run ... --compare`: each configuration is a child `dstreamlab run` of this same binary,
// one after another, each in a fresh working folder; their --metrics lines become one table.
#include "comparecommand.h"

#include "runcommand.h"

#include <sys/prctl.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;

namespace dsl::app {

namespace {

// The running child, for the signal handler: Ctrl-C or SIGTERM ends it and then the comparison.
volatile sig_atomic_t g_interrupted = 0;
volatile sig_atomic_t g_child = 0;

void onSignal(int sig)
{
    g_interrupted = sig;
    if (g_child > 0) ::kill(static_cast<pid_t>(g_child), SIGTERM);
}

/// Installs onSignal for SIGINT, SIGTERM and SIGHUP (without SA_RESTART, so waitpid returns) and
/// puts the previous handlers back.
class SignalGuard {
public:
    SignalGuard()
    {
        g_interrupted = 0;
        struct sigaction sa {};
        sa.sa_handler = onSignal;
        sigemptyset(&sa.sa_mask);
        for (std::size_t i = 0; i < kSignals.size(); ++i) sigaction(kSignals[i], &sa, &m_old[i]);
    }
    ~SignalGuard()
    {
        for (std::size_t i = 0; i < kSignals.size(); ++i) sigaction(kSignals[i], &m_old[i], nullptr);
    }
    SignalGuard(const SignalGuard &) = delete;
    SignalGuard &operator=(const SignalGuard &) = delete;

private:
    static constexpr std::array<int, 3> kSignals{SIGINT, SIGTERM, SIGHUP};
    std::array<struct sigaction, 3> m_old{};
};

/// A folder of its own for the runs' files, removed with everything in it on every way out.
class TempFolder {
public:
    TempFolder()
    {
        const char *tmp = std::getenv("TMPDIR");
        std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/dstreamlab-compare-XXXXXX";
        if (::mkdtemp(pattern.data())) m_path = pattern;
    }
    ~TempFolder()
    {
        std::error_code ec;
        if (!m_path.empty()) fs::remove_all(m_path, ec);
    }
    TempFolder(const TempFolder &) = delete;
    TempFolder &operator=(const TempFolder &) = delete;
    const fs::path &path() const { return m_path; }

private:
    fs::path m_path;
};

std::string readText(const fs::path &p)
{
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The run options that take a value (`--opt VALUE` or `--opt=VALUE`), as runCommand and
// parseLabOption read them: needed to tell a value from the program's name.
bool takesValue(const std::string &opt)
{
    static const char *const names[] = {"--input", "--drop", "--kafka", "--kafka-partitions", "--kafka-retention",
                                        "--kafka-listen", "--kafka-record", "--faults", "--conf", "--seconds",
                                        "--start-time", "--seed", "--metrics", "--task-timeout", "--memory-limit", "--db", "--master",
                                        "--batch-interval"};
    for (const char *n : names)
        if (opt == n) return true;
    return false;
}

std::string absolute(const std::string &path, const fs::path &cwd)
{
    if (path.empty() || fs::path(path).is_absolute()) return path;
    return (cwd / path).lexically_normal().string();
}

/// The value of a path option, made absolute: each run's working folder is a fresh one, and
/// the files the user named are relative to where the comparison was started.
std::string absoluteValue(const std::string &opt, const std::string &v, const fs::path &cwd)
{
    if (opt == "--faults" || opt == "--kafka-record") return absolute(v, cwd);
    if (opt == "--input" || opt == "--kafka") { // [PORT=]FILE, TOPIC=FILE
        const auto eq = v.find('=');
        const bool prefixed = opt == "--kafka" || (eq != std::string::npos && eq > 0 && v.find_first_not_of("0123456789") == eq);
        if (!prefixed || eq == std::string::npos) return absolute(v, cwd);
        return v.substr(0, eq + 1) + absolute(v.substr(eq + 1), cwd);
    }
    if (opt == "--drop") { // S:FILE:DIR; DIR stays relative: the program's own folder is the run's
        const auto a = v.find(':');
        const auto b = a == std::string::npos ? a : v.find(':', a + 1);
        if (b == std::string::npos) return v;
        return v.substr(0, a + 1) + absolute(v.substr(a + 1, b - a - 1), cwd) + v.substr(b);
    }
    if (opt == "--db" && v.rfind("sqlite:", 0) == 0) return "sqlite:" + absolute(v.substr(7), cwd);
    return v;
}

/// What a walk over run arguments finds: paths made absolute, the program's name, and the
/// options a comparison cannot take.
struct ArgWalk {
    std::vector<std::string> args;  ///< before any `--`
    std::vector<std::string> rest;  ///< `--` and after
    bool hasProgram = false;
    bool hasDb = false;
    bool hasStart = false;
    std::string refused;            ///< an option --compare cannot run with
};

void walkArgs(const std::vector<std::string> &in, const fs::path &cwd, ArgWalk &w)
{
    for (std::size_t i = 0; i < in.size(); ++i) {
        const std::string &a = in[i];
        if (a == "--") {
            w.rest.assign(in.begin() + static_cast<std::ptrdiff_t>(i), in.end());
            return;
        }
        if (a.rfind("--", 0) != 0) {
            w.args.push_back(w.hasProgram ? a : absolute(a, cwd));
            w.hasProgram = true;
            continue;
        }
        const auto eq = a.find('=');
        const std::string opt = a.substr(0, eq);
        if (opt == "--metrics" || opt == "--kafka-listen") w.refused = opt;
        if (opt == "--start-time") w.hasStart = true;
        if (opt == "--db") w.hasDb = true;
        if (!takesValue(opt)) {
            w.args.push_back(a);
        } else if (eq != std::string::npos) {
            w.args.push_back(opt + "=" + absoluteValue(opt, a.substr(eq + 1), cwd));
        } else {
            w.args.push_back(a);
            if (i + 1 < in.size()) w.args.push_back(absoluteValue(opt, in[++i], cwd));
        }
    }
}

int usageError(const std::string &msg)
{
    std::cerr << "dstreamlab run: " << msg << "\n" << runUsage();
    return 2;
}

/// Why a child failed: the line it gave (experiment::failureLine), else how it ended.
std::string errorOf(int status, const std::string &err)
{
    if (WIFSIGNALED(status)) return std::string("ended by signal ") + std::to_string(WTERMSIG(status)) + " (" + strsignal(WTERMSIG(status)) + ")";
    const std::string line = experiment::failureLine(err);
    return line.empty() ? "exit status " + std::to_string(WEXITSTATUS(status)) : line;
}

struct ChildResult {
    int status = 0;
    bool started = false;
};

/// Runs `argv` in `cwd` with stdout and stderr to files, and waits; on a signal it ends the child
/// (SIGTERM, then SIGKILL after 2 s) before returning.
ChildResult runChild(const std::string &exe, const std::vector<std::string> &argv, const fs::path &cwd,
                     const fs::path &outFile, const fs::path &errFile)
{
    std::vector<char *> cargv;
    for (const auto &a : argv) cargv.push_back(const_cast<char *>(a.c_str()));
    cargv.push_back(nullptr);
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) return {};
    if (pid == 0) {
        // The child dies with the comparison, even when that is killed outright.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) ::_exit(127);
        const int out = ::open(outFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int err = ::open(errFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int nul = ::open("/dev/null", O_RDONLY);
        if (out < 0 || err < 0 || nul < 0 || ::chdir(cwd.c_str()) != 0) ::_exit(127);
        ::dup2(nul, 0);
        ::dup2(out, 1);
        ::dup2(err, 2);
        ::execv(exe.c_str(), cargv.data());
        const std::string msg = "cannot start " + exe + ": " + std::strerror(errno) + "\n";
        (void)!::write(2, msg.data(), msg.size());
        ::_exit(127);
    }
    g_child = pid;
    if (g_interrupted) ::kill(pid, SIGTERM);
    ChildResult r;
    r.started = true;
    for (;;) {
        const pid_t w = ::waitpid(pid, &r.status, 0);
        if (w == pid) break;
        if (w < 0 && errno != EINTR) break;
        if (!g_interrupted) continue;
        bool gone = false;
        for (int i = 0; i < 40 && !gone; ++i) {
            gone = ::waitpid(pid, &r.status, WNOHANG) == pid;
            if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        if (!gone) {
            ::kill(pid, SIGKILL);
            while (::waitpid(pid, &r.status, 0) < 0 && errno == EINTR) {
            }
        }
        break;
    }
    g_child = 0;
    return r;
}

} // namespace

bool hasCompareOption(const std::vector<std::string> &args)
{
    for (const auto &a : args) {
        if (a == "--") return false;
        if (a == "--compare" || a.rfind("--compare=", 0) == 0) return true;
    }
    return false;
}

std::string compareUsage()
{
    return "  --compare 'NAME: OPTIONS'  run the program 2 or 3 times, once per --compare, with OPTIONS\n"
           "                    (run options, split as a shell splits them) added to the others; each run\n"
           "                    in a fresh folder, one after another; prints one table of batches, records,\n"
           "                    delays, a stable/unstable verdict and the fingerprint (docs/experiments.md)\n";
}

std::optional<CompareSpec> parseCompareSpec(const std::string &text, std::string &error)
{
    const auto colon = text.find(':');
    CompareSpec spec;
    if (colon != std::string::npos) {
        const auto b = text.find_first_not_of(" \t");
        const auto e = text.find_last_not_of(" \t", colon == 0 ? 0 : colon - 1);
        if (b < colon && e != std::string::npos && e >= b) spec.name = text.substr(b, e - b + 1);
    }
    if (spec.name.empty()) {
        error = "--compare needs 'NAME: OPTIONS', e.g. --compare '0.5 s: --batch-interval 0.5', not '" + text + "'";
        return std::nullopt;
    }
    // Words as a POSIX shell splits them: '...' literally, "..." with \" \\ \$ \`, \ outside quotes.
    std::string word;
    bool inWord = false;
    char quote = 0;
    for (std::size_t i = colon + 1; i < text.size(); ++i) {
        const char c = text[i];
        if (quote == '\'') {
            if (c == '\'') quote = 0;
            else word += c;
        } else if (quote == '"') {
            if (c == '"') quote = 0;
            else if (c == '\\' && i + 1 < text.size() && std::strchr("\"\\$`", text[i + 1])) word += text[++i];
            else word += c;
        } else if (c == '\'' || c == '"') {
            quote = c;
            inWord = true;
        } else if (c == '\\' && i + 1 < text.size()) {
            word += text[++i];
            inWord = true;
        } else if (c == ' ' || c == '\t' || c == '\n') {
            if (inWord) spec.options.push_back(word);
            word.clear();
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (quote) {
        error = "--compare '" + spec.name + "': a " + std::string(1, quote) + " quote is not closed";
        return std::nullopt;
    }
    if (inWord) spec.options.push_back(word);
    return spec;
}

namespace {

/// Columns of CJK text take two cells in a terminal; everything else here one.
std::size_t displayWidth(const std::string &s)
{
    std::size_t w = 0;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const int len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        w += len >= 3 ? 2 : 1; // 3- and 4-byte sequences are (nearly all) wide CJK and emoji here
        i += static_cast<std::size_t>(len);
    }
    return w;
}

std::string fixed(double v, int decimals)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

} // namespace

std::string formatCompareTable(const std::vector<CompareRow> &rows)
{
    const std::vector<std::string> head = {"configuration", "batches", "records", "records/s", "proc mean",
                                           "proc max", "sched mean", "sched max", "sched last", "total mean",
                                           "verdict", "fingerprint"};
    std::vector<std::vector<std::string>> cells;
    for (const CompareRow &r : rows) {
        if (!r.summary) {
            cells.push_back({r.name, "failed: " + r.error});
            continue;
        }
        const experiment::RunSummary &s = *r.summary;
        cells.push_back({r.name, std::to_string(s.batches), std::to_string(s.records), fixed(s.throughput, 0),
                         fixed(s.meanProcessingMs, 1), std::to_string(s.maxProcessingMs), fixed(s.meanSchedulingMs, 1),
                         std::to_string(s.maxSchedulingMs), std::to_string(s.lastSchedulingMs), fixed(s.meanTotalMs, 1),
                         experiment::stabilityName(s.verdict.stability), r.fingerprint.empty() ? "-" : r.fingerprint});
    }
    std::vector<std::size_t> width(head.size());
    for (std::size_t c = 0; c < head.size(); ++c) width[c] = displayWidth(head[c]);
    for (const auto &row : cells)
        for (std::size_t c = 0; c < row.size() && row.size() == head.size(); ++c)
            width[c] = std::max(width[c], displayWidth(row[c]));
    for (const auto &row : cells) width[0] = std::max(width[0], displayWidth(row[0]));
    // Names and words left-aligned, numbers right-aligned, two spaces between columns.
    auto line = [&](const std::vector<std::string> &row) {
        std::string out;
        for (std::size_t c = 0; c < row.size(); ++c) {
            const bool left = c == 0 || c >= head.size() - 2 || row.size() != head.size();
            const std::string pad(width[c] > displayWidth(row[c]) ? width[c] - displayWidth(row[c]) : 0, ' ');
            const bool last = c + 1 == row.size();
            out += (c ? "  " : "") + (left ? row[c] + (last ? "" : pad) : pad + row[c]);
        }
        return out + "\n";
    };
    std::string out = line(head);
    for (const auto &row : cells) out += line(row);
    out += "times in ms of simulated time; records/s = records / total processing time; the verdict: "
           "docs/experiments.md\n";
    return out;
}

int compareCommand(const std::vector<std::string> &args)
{
    std::vector<std::string> common;
    std::vector<CompareSpec> specs;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &a = args[i];
        if (a == "--") {
            common.insert(common.end(), args.begin() + static_cast<std::ptrdiff_t>(i), args.end());
            break;
        }
        if (a == "--help" || a == "-h") {
            std::cout << runUsage();
            return 0;
        }
        if (a != "--compare" && a.rfind("--compare=", 0) != 0) {
            common.push_back(a);
            continue;
        }
        if (a == "--compare" && i + 1 >= args.size()) return usageError("--compare needs 'NAME: OPTIONS'");
        std::string error;
        const auto spec = parseCompareSpec(a == "--compare" ? args[++i] : a.substr(10), error);
        if (!spec) return usageError(error);
        specs.push_back(*spec);
    }
    if (specs.size() < 2 || specs.size() > 3)
        return usageError("--compare compares 2 or 3 configurations, one --compare each (got " +
                          std::to_string(specs.size()) + ")");
    std::error_code ec;
    const fs::path cwd = fs::current_path(ec);
    ArgWalk base;
    walkArgs(common, cwd, base);
    if (!base.hasProgram) return usageError("no PROGRAM.py given");
    if (!base.refused.empty()) return usageError(base.refused + " cannot be used with --compare");
    const std::string exe = fs::read_symlink("/proc/self/exe", ec).string();
    if (ec) return usageError("cannot find the dstreamlab binary: " + ec.message());

    // One start time for every configuration, so their batches and blocks fall at the same times.
    std::string startTime;
    if (!base.hasStart) {
        const std::time_t now = std::time(nullptr);
        char buf[32];
        std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", std::localtime(&now));
        startTime = buf;
    }
    TempFolder temp;
    if (temp.path().empty()) {
        std::cerr << "dstreamlab run: cannot create a temporary folder: " << std::strerror(errno) << "\n";
        return 1;
    }
    SignalGuard signals;
    std::vector<CompareRow> rows;
    bool failed = false;
    for (std::size_t k = 0; k < specs.size() && !g_interrupted; ++k) {
        const CompareSpec &spec = specs[k];
        CompareRow row;
        row.name = spec.name;
        ArgWalk own;
        own.hasProgram = true;
        walkArgs(spec.options, cwd, own);
        const std::string n = std::to_string(k + 1);
        const fs::path dir = temp.path() / n;
        fs::create_directory(dir, ec);
        std::vector<std::string> argv = {exe, "run"};
        argv.insert(argv.end(), base.args.begin(), base.args.end());
        argv.insert(argv.end(), own.args.begin(), own.args.end());
        if (!startTime.empty() && !own.hasStart) argv.insert(argv.end(), {"--start-time", startTime});
        argv.insert(argv.end(), {"--metrics", (temp.path() / (n + ".jsonl")).string(), "--fingerprint"});
        // Each configuration starts from an empty database of its own (a program's rows of one
        // run would otherwise be there for the next), unless --db names one.
        if (!base.hasDb && !own.hasDb) argv.insert(argv.end(), {"--db", "sqlite:" + (temp.path() / (n + ".sqlite")).string()});
        argv.insert(argv.end(), base.rest.begin(), base.rest.end());
        argv.insert(argv.end(), own.rest.begin(), own.rest.end());

        std::cerr << "dstreamlab run --compare: [" << n << "/" << specs.size() << "] " << spec.name << " ..." << std::flush;
        const auto t0 = std::chrono::steady_clock::now();
        const ChildResult r = own.refused.empty()
                                  ? runChild(exe, argv, dir, temp.path() / (n + ".out"), temp.path() / (n + ".err"))
                                  : ChildResult{};
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const std::string err = readText(temp.path() / (n + ".err"));
        row.fingerprint = experiment::fingerprintOf(err);
        if (!own.refused.empty()) {
            row.error = own.refused + " cannot be used with --compare";
        } else if (!r.started) {
            row.error = std::string("cannot start a run: ") + std::strerror(errno);
        } else if (g_interrupted) {
            row.error = "interrupted";
        } else if (!WIFEXITED(r.status) || WEXITSTATUS(r.status) != 0) {
            row.error = errorOf(r.status, err);
        } else {
            row.summary = experiment::summarize(experiment::parseMetrics(readText(temp.path() / (n + ".jsonl"))));
        }
        failed = failed || !row.error.empty();
        std::cerr << (row.error.empty() ? " done in " + fixed(secs, 1) + " s" : " failed") << "\n";
        rows.push_back(std::move(row));
    }
    if (g_interrupted) {
        std::cerr << "dstreamlab run --compare: interrupted; the runs are ended and their files removed\n";
        return 130;
    }
    std::cout << formatCompareTable(rows) << std::flush;
    return failed ? 1 : 0;
}

} // namespace dsl::app
