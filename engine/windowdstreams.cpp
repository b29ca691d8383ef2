// Window DStreams (WindowedDStream.scala, ReducedWindowedDStream.scala, PythonDStream.scala's
// PythonReducedWindowedDStream) and the window operations of PairDStreamFunctions.
#include "windowdstreams.h"

#include "costmodel.h"
#include "dstreamops.h"
#include "keyindex.h"
#include "rdds.h"
#include "errors.h"
#include "sparkcontext.h"
#include "streamingcontext.h"

namespace dsl {

namespace {
std::vector<SimTime> batchTimes(const std::vector<RDDPtr> &rdds)
{
    std::vector<SimTime> out;
    for (const auto &r : rdds)
        if (r->batchTime()) out.push_back(*r->batchTime());
    return out;
}
} // namespace

WindowDStreamBase::WindowDStreamBase(const DStreamPtr &parent, std::string className, std::string opName,
                                     Duration window, Duration slide)
    : DStream(parent->context(), std::move(className), std::move(opName)), m_window(window), m_slide(slide)
{
    // Spark itself accepts a zero or negative window/slide here (0 is a "multiple" of anything) and
    // then fails later with "/ by zero" or silently empty windows; DStream Lab rejects them at once,
    // in the words of Scala's require (DStream Lab's own wording, see docs/spark-semantics.md §6.1).
    require(window.ms() > 0, "The window duration of " + this->className() + " (" + window.toString() +
                                 ") must be positive");
    require(slide.ms() > 0, "The slide duration of " + this->className() + " (" + slide.toString() +
                                ") must be positive");
}

void WindowDStreamBase::clearMetadata(SimTime time)
{
    const SimTime threshold = time - rememberDuration();
    m_computations.erase(m_computations.begin(), m_computations.upper_bound(threshold));
    DStream::clearMetadata(time);
}

// ---- WindowedDStream -------------------------------------------------------------------------

WindowedDStream::WindowedDStream(const DStreamPtr &parent, Duration window, Duration slide)
    : WindowDStreamBase(parent, "WindowedDStream", "window", window, slide), m_parent(parent)
{
    // WindowedDStream: plain java.lang.Exception (newer wording, see docs/spark-semantics.md §6.1)
    if (!window.isMultipleOf(parent->slideDuration()))
        throw JavaException("The window duration of windowed DStream (" + window.toString() +
                            ") must be a multiple of the slide duration of parent DStream (" +
                            parent->slideDuration().toString() + ")");
    if (!slide.isMultipleOf(parent->slideDuration()))
        throw JavaException("The slide duration of windowed DStream (" + slide.toString() +
                            ") must be a multiple of the slide duration of parent DStream (" +
                            parent->slideDuration().toString() + ")");
    // "Persist parent level by default, as those RDDs are going to be obviously reused."
    parent->persist(StorageLevel::MEMORY_ONLY_SER());
}

DStream &WindowedDStream::persist(const StorageLevel &level)
{
    // WindowedDStream.persist: the window's RDDs are unions; persisting the parent is what helps
    m_parent->persist(level);
    return *this;
}

std::optional<RDDPtr> WindowedDStream::compute(SimTime validTime)
{
    const SimTime begin = validTime - m_window + m_parent->slideDuration();
    auto rdds = m_parent->slice(begin, validTime);
    WindowComputation c;
    c.time = validTime;
    c.windowBegin = validTime - m_window;
    c.covered = batchTimes(rdds);
    c.added = c.covered;
    record(std::move(c));
    return context().sparkContext().unionRDDs(rdds);
}

namespace {
bool g_fusedWindowStep = true;

/// ReducedWindowedDStream's mergeValues for one key: previous window value (if any), the old
/// slices' values reduced together, the new slices' values reduced together.
Value mergeWindowValue(const Value *previous, const std::optional<Value> &oldV, const std::optional<Value> &newV,
                       const ops::ReduceFn &reduce, const ops::ReduceFn &inv)
{
    if (!previous) {
        if (!newV)
            throw SparkException("Neither previous window has value for key, nor new values found. Are you sure "
                                 "your key class hashes consistently?");
        return *newV;
    }
    Value temp = *previous;
    if (oldV) temp = inv(temp, *oldV);
    if (newV) temp = reduce(temp, *newV);
    return temp;
}

/// The fused partition step: one key lookup per input record; per key the previous value and
/// the reduced old and new values, then mergeWindowValue in cogroup's first-seen key order.
MapPartitionsRDD::FusedCompute fusedWindowStep(const RDDPtr &cogrouped, std::size_t numOld, std::size_t numNew,
                                               ops::ReduceFn reduce, ops::ReduceFn inv)
{
    std::weak_ptr<RDD> weak = cogrouped;
    return [weak, numOld, numNew, reduce = std::move(reduce), inv = std::move(inv)](
               int split, TaskContext &ctx) -> std::optional<Records> {
        const RDDPtr cg = weak.lock();
        if (!cg || cg->storageLevel() != StorageLevel::NONE() || cg->checkpointPartitions()) return std::nullopt;
        const auto &deps = cg->dependencies();
        if (deps.size() != 1 + numOld + numNew) return std::nullopt;
        for (const auto &d : deps)
            if (d.isShuffle) return std::nullopt;
        KeyIndex index;
        std::vector<std::optional<Value>> prevV, oldV, newV;
        std::vector<std::uint32_t> lastInput; // the input that last gave the key a value (+1)
        for (std::size_t i = 0; i < deps.size(); ++i) {
            Records recs = deps[i].rdd->iterator(split, ctx);
            if (i == 0) {
                index = KeyIndex(recs.size() + recs.size() / 4);
                prevV.reserve(recs.size());
            }
            for (Value &r : recs) {
                if (!r.isPair())
                    throw UserCodeError("org.apache.spark.SparkException",
                                        "cogroup needs (key, value) records, got " + r.repr());
                const auto [k, inserted] = index.insert(r.key());
                if (inserted) {
                    prevV.emplace_back();
                    oldV.emplace_back();
                    newV.emplace_back();
                    lastInput.push_back(0);
                }
                // cogroup + lists[i][0]: only the first value of a key in each input counts
                if (lastInput[k] == i + 1) continue;
                lastInput[k] = static_cast<std::uint32_t>(i + 1);
                if (i == 0) {
                    prevV[k] = r.value();
                } else {
                    auto &acc = i <= numOld ? oldV[k] : newV[k];
                    acc = acc ? reduce(*acc, r.value()) : r.value();
                }
            }
        }
        const std::vector<Value> &keys = index.keys();
        // mapValues over the cogroup's records (MapPartitionsRDD::compute's charge)
        ctx.costNs += static_cast<std::int64_t>(keys.size()) * cost::nativeRecordNs;
        Records out;
        out.reserve(keys.size());
        for (std::size_t k = 0; k < keys.size(); ++k)
            out.push_back(Value::pair(keys[k], mergeWindowValue(prevV[k] ? &*prevV[k] : nullptr, oldV[k], newV[k], reduce, inv)));
        return out;
    };
}
} // namespace

// ---- ReducedWindowedDStream ------------------------------------------------------------------

ReducedWindowedDStream::ReducedWindowedDStream(const DStreamPtr &parent, ops::ReduceFn reduce, ops::ReduceFn invReduce,
                                               std::optional<ops::PredicateFn> filter, Duration window, Duration slide,
                                               int numPartitions)
    : WindowDStreamBase(parent, "ReducedWindowedDStream", "reduceByKeyAndWindow", window, slide),
      m_reduce(std::move(reduce)), m_inv(std::move(invReduce)), m_filter(std::move(filter)),
      m_numPartitions(numPartitions)
{
    require(window.isMultipleOf(parent->slideDuration()),
            "The window duration of ReducedWindowedDStream (" + window.toString() +
                ") must be multiple of the slide duration of parent DStream (" + parent->slideDuration().toString() + ")");
    require(slide.isMultipleOf(parent->slideDuration()),
            "The slide duration of ReducedWindowedDStream (" + slide.toString() +
                ") must be multiple of the slide duration of parent DStream (" + parent->slideDuration().toString() + ")");
    m_reduced = ops::reduceByKey(parent, m_reduce, numPartitions);
    DStream::persist(StorageLevel::MEMORY_ONLY_SER());
    m_reduced->persist(StorageLevel::MEMORY_ONLY_SER());
    setMustCheckpoint(true);
}

void ReducedWindowedDStream::setFusedWindowStep(bool on)
{
    g_fusedWindowStep = on;
}

DStream &ReducedWindowedDStream::persist(const StorageLevel &level)
{
    DStream::persist(level);
    m_reduced->persist(level);
    return *this;
}

std::optional<RDDPtr> ReducedWindowedDStream::compute(SimTime validTime)
{
    SparkContext &sc = context().sparkContext();
    const Duration parentSlide = m_reduced->slideDuration();
    // currentWindow = (t - window + parentSlide .. t); previousWindow = currentWindow - slide
    const SimTime curBegin = validTime - m_window + parentSlide, curEnd = validTime;
    const SimTime prevBegin = curBegin - m_slide, prevEnd = curEnd - m_slide;
    auto oldRdds = m_reduced->slice(prevBegin, curBegin - parentSlide);
    auto newRdds = m_reduced->slice(prevEnd + parentSlide, curEnd);
    auto prev = getOrCompute(prevEnd);
    RDDPtr previousWindowRdd = prev ? *prev : sc.parallelize({}, 1);

    std::vector<RDDPtr> all{previousWindowRdd};
    all.insert(all.end(), oldRdds.begin(), oldRdds.end());
    all.insert(all.end(), newRdds.begin(), newRdds.end());
    auto cogrouped = ops::cogroup(sc, all, Partitioner(m_numPartitions), "reduceByKeyAndWindow");
    const std::size_t numOld = oldRdds.size(), numNew = newRdds.size();
    auto reduce = m_reduce, inv = m_inv;
    auto merged = ops::mapValues(cogrouped, [numOld, numNew, reduce, inv](const Value &lists) {
        if (lists.size() != 1 + numOld + numNew) throw SparkException("Unexpected number of sequences of reduced values");
        auto reduceAll = [&](std::size_t from, std::size_t count, std::optional<Value> &out) {
            for (std::size_t i = from; i < from + count; ++i)
                if (lists[i].size() > 0) out = out ? reduce(*out, lists[i][0]) : lists[i][0];
        };
        std::optional<Value> oldV, newV;
        reduceAll(1, numOld, oldV);
        reduceAll(1 + numOld, numNew, newV);
        return mergeWindowValue(lists[0].size() > 0 ? &lists[0][0] : nullptr, oldV, newV, reduce, inv);
    });
    // The same arithmetic without materializing the cogroup when every input is already
    // partitioned like the window (narrow dependencies): the CoGroupedRDD stays in the lineage
    // and the charges are the ones its compute and mapValues' would make.
    if (auto *mp = dynamic_cast<MapPartitionsRDD *>(merged.get()); mp && g_fusedWindowStep)
        mp->setFusedCompute(fusedWindowStep(cogrouped, numOld, numNew, reduce, inv));
    merged->setOpName("reduceByKeyAndWindow");
    WindowComputation c;
    c.time = validTime;
    c.windowBegin = validTime - m_window;
    c.added = batchTimes(newRdds);
    c.subtracted = batchTimes(oldRdds);
    c.covered = batchTimes(m_reduced->slice(curBegin, curEnd));
    c.incremental = prev.has_value();
    record(std::move(c));
    if (m_filter) {
        auto out = ops::filter(merged, *m_filter);
        out->setOpName("reduceByKeyAndWindow");
        return out;
    }
    return merged;
}

// ---- RddReducedWindowedDStream ---------------------------------------------------------------

RddReducedWindowedDStream::RddReducedWindowedDStream(const DStreamPtr &parent, RddFn reduce, RddFn invReduce,
                                                     Duration window, Duration slide)
    : WindowDStreamBase(parent, "PythonReducedWindowedDStream", "reduceByKeyAndWindow", window, slide),
      m_parent(parent), m_reduce(std::move(reduce)), m_inv(std::move(invReduce))
{
    DStream::persist(StorageLevel::MEMORY_ONLY());
    setMustCheckpoint(true);
}

std::optional<RDDPtr> RddReducedWindowedDStream::compute(SimTime validTime)
{
    SparkContext &sc = context().sparkContext();
    const Duration ps = m_parent->slideDuration();
    // current = (t - window, t], previous = current - slide
    const SimTime curBegin = validTime - m_window, curEnd = validTime;
    const SimTime prevBegin = curBegin - m_slide, prevEnd = curEnd - m_slide;
    auto previous = getOrCompute(prevEnd);
    WindowComputation c;
    c.time = validTime;
    c.windowBegin = curBegin;
    c.covered = batchTimes(m_parent->slice(curBegin + ps, curEnd));
    // "for small window, reduce once will be better than twice"
    if (m_inv && previous && m_window >= m_slide * 5) {
        auto oldRdds = m_parent->slice(prevBegin + ps, curBegin);
        RDDPtr subtracted = *previous;
        if (!oldRdds.empty()) subtracted = m_inv(*previous, sc.unionRDDs(oldRdds), validTime);
        auto newRdds = m_parent->slice(prevEnd + ps, curEnd);
        c.incremental = true;
        c.subtracted = batchTimes(oldRdds);
        c.added = batchTimes(newRdds);
        record(std::move(c));
        if (!newRdds.empty()) return m_reduce(subtracted, sc.unionRDDs(newRdds), validTime);
        return subtracted;
    }
    auto current = m_parent->slice(curBegin + ps, curEnd);
    c.added = batchTimes(current);
    record(std::move(c));
    if (current.empty()) return std::nullopt;
    RDDPtr out = m_reduce(nullptr, sc.unionRDDs(current), validTime);
    if (!out) return std::nullopt;
    return out;
}

// ---- operations ------------------------------------------------------------------------------

namespace ops {

namespace {
int partitionsOf(const DStreamPtr &s, std::optional<int> n)
{
    return n.value_or(s->context().sparkContext().defaultParallelism());
}

Value plus(const Value &a, const Value &b)
{
    if (a.isInt() && b.isInt()) return Value(a.asInt() + b.asInt());
    return Value(a.asFloat() + b.asFloat());
}

Value minus(const Value &a, const Value &b)
{
    if (a.isInt() && b.isInt()) return Value(a.asInt() - b.asInt());
    return Value(a.asFloat() - b.asFloat());
}
} // namespace

DStreamPtr window(const DStreamPtr &s, Duration windowDuration, std::optional<Duration> slideDuration)
{
    return std::make_shared<WindowedDStream>(s, windowDuration, slideDuration.value_or(s->slideDuration()));
}

DStreamPtr reduceByKeyAndWindow(const DStreamPtr &s, ReduceFn f, Duration w, std::optional<Duration> slide,
                                std::optional<int> numPartitions)
{
    const int n = partitionsOf(s, numPartitions);
    return reduceByKey(window(reduceByKey(s, f, n), w, slide), f, n);
}

DStreamPtr reduceByKeyAndWindow(const DStreamPtr &s, ReduceFn f, ReduceFn inv, Duration w, std::optional<Duration> slide,
                                std::optional<int> numPartitions, std::optional<PredicateFn> filter)
{
    return std::make_shared<ReducedWindowedDStream>(s, std::move(f), std::move(inv), std::move(filter), w,
                                                    slide.value_or(s->slideDuration()), partitionsOf(s, numPartitions));
}

DStreamPtr reduceByWindow(const DStreamPtr &s, ReduceFn f, Duration w, Duration slide)
{
    // DStream.reduceByWindow: reduce(f).window(w, slide).reduce(f)
    return reduce(window(reduce(s, f), w, slide), f);
}

DStreamPtr reduceByWindow(const DStreamPtr &s, ReduceFn f, ReduceFn inv, Duration w, Duration slide)
{
    // map((1, _)).reduceByKeyAndWindow(f, inv, w, slide, 1).map(_._2)
    auto keyed = map(s, [](const Value &v) { return Value::pair(Value(1), v); });
    auto reduced = reduceByKeyAndWindow(keyed, std::move(f), std::move(inv), w, slide, 1);
    return map(reduced, [](const Value &kv) { return kv.value(); });
}

DStreamPtr countByWindow(const DStreamPtr &s, Duration w, Duration slide)
{
    return reduceByWindow(map(s, [](const Value &) { return Value(1); }), plus, minus, w, slide);
}

DStreamPtr countByValueAndWindow(const DStreamPtr &s, Duration w, Duration slide, std::optional<int> numPartitions)
{
    auto keyed = map(s, [](const Value &v) { return Value::pair(v, Value(1)); });
    return reduceByKeyAndWindow(keyed, plus, minus, w, slide, numPartitions,
                                PredicateFn([](const Value &kv) { return kv.value().asInt() != 0; }));
}

DStreamPtr groupByKeyAndWindow(const DStreamPtr &s, Duration w, Duration slide, std::optional<int> numPartitions)
{
    // groupByKey(partitioner).window(w, slide).combineByKey(buffer ++ iterable, ...)
    const int n = partitionsOf(s, numPartitions);
    auto windowed = window(groupByKey(s, n), w, slide);
    auto concat = [](const Value &a, const Value &b) {
        std::vector<Value> items(a.itemsBegin(), a.itemsEnd());
        items.insert(items.end(), b.itemsBegin(), b.itemsEnd());
        return Value::list(std::move(items));
    };
    Aggregator agg;
    agg.createCombiner = [](const Value &v) { return v; };
    agg.mergeValue = concat;
    agg.mergeCombiners = concat;
    return combineByKey(windowed, agg, n);
}

} // namespace ops

} // namespace dsl
