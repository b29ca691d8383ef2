// SubmitLayer: what spark-submit puts around a Python program, for `dstreamlab run` and `submit`.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace dsl::app {

/// spark-submit's part of a run (SparkSubmitArguments, SparkSubmit, PythonRunner): the spark.*
/// properties it passes as system properties, which every SparkConf() of the program loads
/// (loadDefaults) and its own set() then overrides; the --py-files on sys.path; and DStream
/// Lab's own --strict.
struct SubmitLayer {
    /// --conf, --properties-file, --master and --name, spark.* keys only (the last value wins).
    std::map<std::string, std::string> conf;
    /// Keys that do not start with "spark." (dropped with spark-submit's WARN line).
    std::vector<std::string> ignoredKeys;
    /// --py-files: .py files (each copied into a folder of its own, as PythonRunner does), .zip
    /// and .egg files (on sys.path as they are).
    std::vector<std::string> pyFiles;
    /// --strict: what DStream Lab offers beyond PySpark's API (mapWithState) is an error.
    bool strict = false;

    /// One --conf KEY=VALUE (split at the first '='). False, with spark-submit's launcher
    /// message, without an '='.
    bool addConf(const std::string &pair, std::string &error);
    /// Sets a property (keys outside spark.* go to ignoredKeys).
    void set(const std::string &key, const std::string &value);
    /// Properties from a Java .properties file (spark-submit's --properties-file) that --conf
    /// has not set: "key=value", "key: value" or "key value" lines, # and ! comments, values
    /// trimmed. False with a message when the file cannot be read.
    bool loadPropertiesFile(const std::string &path, std::string &error);
};

/// Installs a layer into the interpreter of the process's PythonRuntime (GIL held, before the
/// program runs); the copies of --py-files' .py files live until it is destroyed. Missing .py
/// files are skipped as PythonRunner skips them, with a note in `notes`.
class SubmitLayerInstall {
public:
    SubmitLayerInstall(const SubmitLayer &layer, const std::string &pythonPackageDir, std::string &notes);
    ~SubmitLayerInstall();
    SubmitLayerInstall(const SubmitLayerInstall &) = delete;
    SubmitLayerInstall &operator=(const SubmitLayerInstall &) = delete;

private:
    std::vector<std::filesystem::path> m_tempDirs;
};

} // namespace dsl::app
