// Shared harness for the Qt Tests that replay Spark's own Scala test cases
// (tests/data/scala_cases.json) against the engine: case loading, JSON -> Value conversion by
// the Scala record type, exception matching, and TestSuiteBase's simulated "JVM" (Harness).
// Nothing expected is ever computed by the engine.
//
// Harness (Spark's TestSuiteBase.scala): master local[2] unless the suite says otherwise, clock
// starting at 0, batch i (1-based) at i * batch ms, batch i of the input =
// sc.parallelize(input[i-1], input_partitions), an empty parallelized RDD once the input runs
// out, and no RDD at all for a JSON null entry.
#pragma once

// moc cannot parse the C++20 standard headers the engine pulls in (<concepts>); it needs none of it.
#ifndef Q_MOC_RUN
#include "engine/dstreamops.h"
#include "engine/errors.h"
#include "engine/jobscheduler.h"
#include "engine/rddops.h"
#include "engine/simulation.h"
#include "engine/sparkcontext.h"
#include "engine/streamingcontext.h"
#endif

#include <QtTest>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace scalakit {

using namespace dsl;

inline const char *const kCasesFile = DSTREAMLAB_SOURCE_DIR "/tests/data/scala_cases.json";

// ---- cases and their bookkeeping ------------------------------------------------------------

inline QJsonValue get(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key));
}

inline std::string str(const QJsonValue &v)
{
    return v.toString().toStdString();
}

/// "apache/spark streaming/.../BasicOperationsSuite.scala::map" -> "BasicOperationsSuite".
inline QString suiteOf(const QJsonObject &c)
{
    const QString src = get(c, "source").toString();
    const QString file = src.section(QStringLiteral("::"), 0, 0).section(QLatin1Char('/'), -1);
    return file.endsWith(QStringLiteral(".scala")) ? file.chopped(6) : file;
}

inline QString rowName(const QJsonObject &c)
{
    return suiteOf(c) + QLatin1Char('/') + get(c, "name").toString();
}


/// A case that belongs to later work, with the reason (the coverage tests fail for a case
/// that is neither run nor listed, and for a stale entry).
struct Deferred {
    const char *name; ///< "<Suite>/<case name>"
    const char *reason;
};

/// The cases of some suites, keyed by row name ("<Suite>/<case name>"), in file order.
struct CaseFile {
    std::vector<QString> order;
    std::map<QString, QJsonObject> byRow;
    QString error;
};

inline CaseFile loadCases(const char *path, std::initializer_list<const char *> suites)
{
    CaseFile f;
    QFile in(QString::fromUtf8(path));
    if (!in.open(QIODevice::ReadOnly)) {
        f.error = QStringLiteral("cannot open ") + in.fileName();
        return f;
    }
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(in.readAll(), &err);
    if (!doc.isArray()) {
        f.error = QStringLiteral("not a JSON array: ") + err.errorString();
        return f;
    }
    for (const QJsonValue &v : doc.array()) {
        const QJsonObject c = v.toObject();
        const QString suite = suiteOf(c);
        if (std::none_of(suites.begin(), suites.end(), [&](const char *s) { return suite == QLatin1String(s); }))
            continue;
        const QString row = rowName(c);
        if (f.byRow.count(row)) f.error = QStringLiteral("duplicate case ") + row;
        f.order.push_back(row);
        f.byRow[row] = c;
    }
    return f;
}

// ---- JSON -> Value ----------------------------------------------------------------------------

/// The Scala type of a record, which says how a JSON array inside a record becomes a Value:
/// a Seq (Iterable/Array) is a Value::list, a Scala tuple is a Value::tuple (a 2-tuple is the
/// engine's Value::pair). Scala Option is encoded in the JSON as the value or null (None).
struct Shape {
    enum Kind { Scalar, Seq, Tuple, Set } kind = Scalar;
    std::vector<Shape> items; ///< Seq/Set: the element shape; Tuple: one shape per position
};
inline Shape S()
{
    return {};
}
inline Shape SeqOf(Shape element)
{
    return {Shape::Seq, {std::move(element)}};
}
/// A Scala Set (`x.toSet`): a Value::list sorted in the engine's order, duplicates collapsed.
inline Shape SetOf(Shape element)
{
    return {Shape::Set, {std::move(element)}};
}
inline Shape Tup(std::vector<Shape> items)
{
    return {Shape::Tuple, std::move(items)};
}

/// Thrown for JSON that does not fit the declared shape (a test-data error, reported by QFAIL).
struct ShapeError {
    std::string what;
};

inline Value scalarFromJson(const QJsonValue &j)
{
    switch (j.type()) {
    case QJsonValue::Null: return Value();
    case QJsonValue::Bool: return Value(j.toBool());
    case QJsonValue::Double: {
        const double d = j.toDouble();
        if (std::trunc(d) == d && std::fabs(d) < 9.0e15) return Value(static_cast<long long>(d));
        return Value(d);
    }
    case QJsonValue::String: return Value(str(j));
    default:
        throw ShapeError{"expected a scalar, got " +
                         QJsonDocument(QJsonArray{j}).toJson(QJsonDocument::Compact).toStdString()};
    }
}

inline Value fromJson(const QJsonValue &j, const Shape &shape)
{
    if (shape.kind == Shape::Scalar || j.isNull()) return scalarFromJson(j);
    if (!j.isArray()) throw ShapeError{"expected an array for a Seq/tuple"};
    const QJsonArray a = j.toArray();
    std::vector<Value> items;
    if (shape.kind == Shape::Seq || shape.kind == Shape::Set) {
        for (const QJsonValue &x : a) items.push_back(fromJson(x, shape.items[0]));
        if (shape.kind == Shape::Set) {
            std::sort(items.begin(), items.end(), engineOrderLess);
            items.erase(std::unique(items.begin(), items.end()), items.end());
        }
        return Value::list(std::move(items));
    }
    if (static_cast<std::size_t>(a.size()) != shape.items.size()) throw ShapeError{"tuple arity mismatch"};
    for (qsizetype i = 0; i < a.size(); ++i) items.push_back(fromJson(a[i], shape.items[static_cast<std::size_t>(i)]));
    return Value::tuple(std::move(items));
}

inline Records batchFromJson(const QJsonValue &batch, const Shape &record)
{
    Records out;
    for (const QJsonValue &x : batch.toArray()) out.push_back(fromJson(x, record));
    return out;
}

inline std::string show(const Records &r)
{
    std::string s = "[";
    for (std::size_t i = 0; i < r.size(); ++i) s += (i ? ", " : "") + r[i].repr();
    return s + "]";
}

/// Scala's toSet: sorted, duplicates collapsed (a deterministic total order over mixed types).
inline Records asSet(Records r)
{
    std::sort(r.begin(), r.end(), engineOrderLess);
    r.erase(std::unique(r.begin(), r.end()), r.end());
    return r;
}

inline Duration batchOf(const QJsonObject &c)
{
    return Duration(std::llround(get(c, "batch_duration_s").toDouble() * 1000.0));
}

// ---- exceptions -------------------------------------------------------------------------------

/// The Java class a case expects, from its "raises" text: "SparkException", or
/// "Exception (IllegalArgumentException from require)" -> "IllegalArgumentException".
inline std::string expectedClass(const QString &raises)
{
    const int open = raises.indexOf(QLatin1Char('('));
    if (open >= 0) return raises.mid(open + 1).section(QLatin1Char(' '), 0, 0).toStdString();
    return raises.trimmed().toStdString();
}

/// Checks that `e` is the C++ exception type standing for the Java class `cls` (and carries that
/// class name); returns its message through `message`.
inline bool matchesClass(const std::exception_ptr &e, const std::string &cls, std::string &message, std::string &got)
{
    try {
        std::rethrow_exception(e);
    } catch (const UserCodeError &x) {
        // A user function's own exception (Spark's tests throw TestException from closures).
        message = x.message();
        got = "UserCodeError(" + x.simpleName() + ")";
        return x.simpleName() == cls;
    } catch (const SparkError &x) {
        message = x.message();
        got = x.className();
        if (x.simpleName() != cls) return false;
        if (cls == "SparkException") return dynamic_cast<const SparkException *>(&x) != nullptr;
        if (cls == "IllegalStateException") return dynamic_cast<const IllegalStateException *>(&x) != nullptr;
        if (cls == "IllegalArgumentException") return dynamic_cast<const IllegalArgumentException *>(&x) != nullptr;
        return true;
    } catch (const std::exception &x) {
        message = x.what();
        got = "std::exception";
        return false;
    }
}

/// message_from_source with its placeholders filled in.
inline std::string expand(std::string text, const std::map<std::string, std::string> &fills)
{
    for (const auto &[key, value] : fills)
        for (auto pos = text.find(key); pos != std::string::npos; pos = text.find(key, pos + value.size()))
            text.replace(pos, key.size(), value);
    return text;
}

// ---- the harness ------------------------------------------------------------------------------

/// Records log lines (warnings are how Spark reports some lifecycle misuse).
struct LogCapture : SimulationObserver {
    std::vector<std::pair<LogLevel, std::string>> lines;
    void onLog(SimTime, LogLevel l, const std::string &, const std::string &m) override { lines.emplace_back(l, m); }
    bool has(LogLevel l, const std::string &m) const
    {
        return std::any_of(lines.begin(), lines.end(), [&](const auto &x) { return x.first == l && x.second == m; });
    }
};

/// One simulated "JVM" with a SparkContext (local[2] unless given) and a StreamingContext, as
/// TestSuiteBase and StreamingContextSuite set them up.
struct Harness {
    explicit Harness(Duration batchDuration, const std::map<std::string, std::string> &extraConf = {},
                     const std::string &master = "local[2]")
        : batch(batchDuration)
    {
        sim.addObserver(&logs);
        SparkConf conf;
        conf.setMaster(master).setAppName("ScalaCases");
        for (const auto &[k, v] : extraConf) conf.set(k, v);
        sc = std::make_unique<SparkContext>(sim, conf);
        ssc = std::make_unique<StreamingContext>(*sc, batch);
    }
    ~Harness()
    {
        ssc.reset();
        sc.reset();
        sim.removeObserver(&logs);
    }

    /// TestInputStream over `batches` (nullopt entry = no RDD for that batch).
    DStreamPtr input(std::vector<std::optional<Records>> batches, int partitions, StreamingContext *on = nullptr)
    {
        StreamingContext &ctx = on ? *on : *ssc;
        SparkContext *spark = &ctx.sparkContext();
        const std::int64_t batchMs = ctx.batchDuration().ms();
        return ctx.functionStream([spark, batches = std::move(batches), partitions, batchMs](SimTime t) -> std::optional<RDDPtr> {
            // TestInputStream.compute: index = (validTime - zeroTime) / slideDuration - 1 (zeroTime 0)
            const auto index = static_cast<std::size_t>(t.ms() / batchMs - 1);
            if (index < batches.size() && !batches[index]) return std::nullopt;
            Records data = index < batches.size() ? *batches[index] : Records{};
            return spark->parallelize(std::move(data), partitions);
        });
    }

    /// The input stream of a JSON case ("input" or "input2"), records of Scala type `record`.
    DStreamPtr input(const QJsonObject &c, const char *key, const Shape &record = S())
    {
        std::vector<std::optional<Records>> batches;
        for (const QJsonValue &b : get(c, key).toArray()) {
            if (b.isNull()) batches.push_back(std::nullopt);
            else batches.push_back(batchFromJson(b, record));
        }
        return input(std::move(batches), get(c, "input_partitions").toInt());
    }

    /// StreamingContextSuite.addInputStream: batch i has the records 1..i.
    DStreamPtr addInputStream(int partitions, StreamingContext *on = nullptr)
    {
        std::vector<std::optional<Records>> batches;
        for (int i = 1; i <= 100; ++i) {
            Records r;
            for (int x = 1; x <= i; ++x) r.emplace_back(x);
            batches.push_back(std::move(r));
        }
        return input(std::move(batches), partitions, on);
    }

    /// TestOutputStream: collects every generated RDD, empty ones included.
    void collect(const DStreamPtr &s)
    {
        ops::foreachRDD(s, [this](const RDDPtr &rdd, SimTime) { collected.push_back(sc->collect(rdd)); });
    }
    /// TestOutputStreamWithPartitions: collects every RDD partition by partition.
    void collectPartitions(const DStreamPtr &s)
    {
        ops::foreachRDD(s, [this](const RDDPtr &rdd, SimTime) {
            std::vector<int> parts;
            for (int p = 0; p < rdd->numPartitions(); ++p) parts.push_back(p);
            partitioned.push_back(sc->runJob(rdd, parts, "collect"));
        });
    }

    /// TestSuiteBase.setupStreams: `if (checkpointDir != null) ssc.checkpoint(checkpointDir)`, a
    /// fresh temporary directory per test.
    void setCheckpointDir()
    {
        QVERIFY(checkpointDir.isValid());
        ssc->checkpoint(checkpointDir.path().toStdString());
    }

    /// TestSuiteBase.runStreams: start, advance the clock numBatches x batch, then wait for the
    /// last batch's output. The ManualClock never reaches batch numBatches + 1, so the wait here
    /// is the simulated time up to (not including) that batch's timer.
    void run(int numBatches)
    {
        ssc->start();
        ssc->awaitTerminationOrTimeout(batch * numBatches);
        ssc->awaitTerminationOrTimeout(batch - Duration(1));
    }

    Simulation sim{SimulationConfig{SimTime(0)}};
    LogCapture logs;
    QTemporaryDir checkpointDir;
    Duration batch;
    std::unique_ptr<SparkContext> sc;
    std::unique_ptr<StreamingContext> ssc;
    std::vector<Records> collected;
    std::vector<std::vector<Records>> partitioned;
};

/// Compares collected batches with JSON batches: toList (order matters) or toSet.
inline void compareBatches(const std::vector<Records> &got, const QJsonArray &expected, const Shape &record, bool useSet)
{
    QCOMPARE(static_cast<qsizetype>(got.size()), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        Records want = batchFromJson(expected[i], record);
        Records have = got[static_cast<std::size_t>(i)];
        if (useSet) {
            want = asSet(std::move(want));
            have = asSet(std::move(have));
        }
        QVERIFY2(have == want, ("batch " + std::to_string(i + 1) + ": got " + show(got[static_cast<std::size_t>(i)]) +
                                ", expected " + show(batchFromJson(expected[i], record)))
                                   .c_str());
    }
}


/// Runs body and returns what it threw (null when nothing).
template <class F> inline std::exception_ptr thrownBy(F &&body)
{
    try {
        body();
    } catch (...) {
        return std::current_exception();
    }
    return nullptr;
}

/// Checks that `errorExpr` (evaluated once) is an exception of Java class `cls`; its message goes
/// to `messageVar`.
#define EXPECT_RAISES(errorExpr, cls, messageVar)                                                               \
    do {                                                                                                        \
        const std::exception_ptr error_ = (errorExpr);                                                          \
        const std::string cls_ = (cls);                                                                         \
        QVERIFY2(error_, "no exception was raised");                                                            \
        std::string got_;                                                                                       \
        QVERIFY2(matchesClass(error_, cls_, (messageVar), got_),                                                \
                 ("expected " + cls_ + ", got " + got_ + ": " + (messageVar)).c_str());                         \
    } while (false)

inline int partitionsOf(const QJsonObject &c)
{
    return get(c, "input_partitions").toInt();
}

} // namespace scalakit
