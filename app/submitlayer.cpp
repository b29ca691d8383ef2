// SubmitLayer: spark-submit's properties, --py-files and --strict, installed into the interpreter.
#include "submitlayer.h"

#include <pybind11/embed.h>

#include <cstdlib>
#include <fstream>
#include <system_error>

namespace py = pybind11;

namespace dsl::app {

namespace {

// Runs once in the program's interpreter before the program. spark-submit passes its
// properties as JVM system properties; SparkConf(loadDefaults=True) reads them when it is made,
// and the program's own set() overrides them. Compiled under the bundled package's folder, so
// tracebacks leave these frames out as they leave out the package's own.
constexpr const char *kInstaller = R"PY(
import sys
from pyspark import conf as _conf
from pyspark.streaming import dstream as _dstream


def install(defaults, paths, strict):
    for p in reversed(paths):
        sys.path.insert(1, p)
    _dstream._strict = strict
    if not defaults:
        return
    init = _conf.SparkConf.__init__

    def __init__(self, loadDefaults=True, _jvm=None, _jconf=None):
        init(self, loadDefaults, _jvm, _jconf)
        if loadDefaults:
            for k, v in defaults:
                self.set(k, v)

    _conf.SparkConf.__init__ = __init__
)PY";

bool endsWith(const std::string &s, const char *suffix)
{
    const std::string x(suffix);
    return s.size() >= x.size() && s.compare(s.size() - x.size(), x.size(), x) == 0;
}

std::string trim(const std::string &s)
{
    const auto b = s.find_first_not_of(" \t\r\f");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r\f") - b + 1);
}

} // namespace

bool SubmitLayer::addConf(const std::string &pair, std::string &error)
{
    const auto eq = pair.find('=');
    if (eq == std::string::npos) {
        error = "Invalid argument to --conf: " + pair; // the launcher's checkArgument
        return false;
    }
    set(pair.substr(0, eq), pair.substr(eq + 1));
    return true;
}

void SubmitLayer::set(const std::string &key, const std::string &value)
{
    if (key.rfind("spark.", 0) == 0) {
        conf[key] = value;
        return;
    }
    for (const auto &k : ignoredKeys)
        if (k == key) return;
    ignoredKeys.push_back(key);
}

bool SubmitLayer::loadPropertiesFile(const std::string &path, std::string &error)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = "Properties file " + path + " does not exist";
        return false;
    }
    std::string line;
    while (std::getline(in, line)) {
        const std::string l = trim(line);
        if (l.empty() || l[0] == '#' || l[0] == '!') continue;
        // java.util.Properties: the key ends at the first '=', ':' or blank; one '=' or ':'
        // may follow the blanks after it.
        const auto end = l.find_first_of("=: \t");
        const std::string key = l.substr(0, end);
        std::string rest = end == std::string::npos ? std::string() : trim(l.substr(end));
        if (!rest.empty() && (rest[0] == '=' || rest[0] == ':')) rest = trim(rest.substr(1));
        // Honor --conf before the defaults file (SparkSubmitArguments.mergeDefaultSparkProperties).
        if (conf.count(key)) continue;
        set(key, rest);
    }
    return true;
}

SubmitLayerInstall::SubmitLayerInstall(const SubmitLayer &layer, const std::string &pythonPackageDir, std::string &notes)
{
    py::list paths;
    for (const auto &f : layer.pyFiles) {
        namespace fs = std::filesystem;
        if (!endsWith(f, ".py")) {
            paths.append(fs::absolute(f).string());
            continue;
        }
        std::error_code ec;
        if (!fs::is_regular_file(f, ec)) {
            notes += "DStream Lab: --py-files: " + f + " does not exist; skipped (as spark-submit skips it)\n";
            continue;
        }
        // A lone .py file on sys.path does nothing: its folder must be there, and only it
        // (PythonRunner.resolvePyFiles copies each one into a temporary folder of its own).
        std::string tmpl = (fs::temp_directory_path() / "dstreamlab-pyfiles-XXXXXX").string();
        if (!mkdtemp(tmpl.data())) {
            notes += "DStream Lab: --py-files: cannot make a temporary folder for " + f + "; skipped\n";
            continue;
        }
        m_tempDirs.emplace_back(tmpl);
        fs::copy_file(f, m_tempDirs.back() / fs::path(f).filename(), ec);
        paths.append(tmpl);
    }
    py::list defaults;
    for (const auto &[k, v] : layer.conf) defaults.append(py::make_tuple(k, v));
    py::module_ builtins = py::module_::import("builtins");
    py::dict scope;
    const std::string fileName = pythonPackageDir + "/pyspark/_submit_layer.py";
    builtins.attr("exec")(builtins.attr("compile")(kInstaller, fileName, "exec"), scope);
    scope["install"](defaults, paths, layer.strict);
}

SubmitLayerInstall::~SubmitLayerInstall()
{
    for (const auto &d : m_tempDirs) {
        std::error_code ec;
        std::filesystem::remove_all(d, ec);
    }
}

} // namespace dsl::app
