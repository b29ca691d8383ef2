<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>LessonPanel</name>
    <message>
        <source>en</source>
        <comment>language code of the lesson texts: zh_CN in Chinese</comment>
        <translation>zh_CN</translation>
    </message>
</context>
<context>
    <name>LineagePainter</name>
    <message>
        <source>narrow dependency</source>
        <translation>窄依赖</translation>
    </message>
    <message>
        <source>shuffle dependency (new stage)</source>
        <translation>宽依赖（shuffle，开始新的阶段）</translation>
    </message>
    <message>
        <source>cached (persisted)</source>
        <translation>已缓存（persist）</translation>
    </message>
    <message>
        <source>checkpoint: lineage cut</source>
        <translation>检查点：血缘在此截断</translation>
    </message>
    <message>
        <source>read from the checkpoint</source>
        <translation>从检查点读取</translation>
    </message>
    <message>
        <source>added to the window</source>
        <translation>加入窗口</translation>
    </message>
    <message>
        <source>subtracted from the window</source>
        <translation>移出窗口</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>The view is not shown: nothing to save.</source>
        <translation>这个视图没有显示出来：没有可保存的内容。</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>stream %1</source>
        <translation>流 %1</translation>
    </message>
    <message>
        <source>%1 (line %2)</source>
        <translation>%1（第 %2 行）</translation>
    </message>
</context>
<context>
    <name>RestorePrompt</name>
    <message>
        <source>DStream Lab</source>
        <translation>DStream Lab</translation>
    </message>
    <message numerus="yes">
        <source>DStream Lab did not close properly. Restore the last session (program %1, %n input line(s))?</source>
        <translation>
            <numerusform>DStream Lab 上次没有正常关闭。要恢复上一次会话吗（程序 %1，%n 行输入）？</numerusform>
        </translation>
    </message>
    <message>
        <source>Part of the journal could not be read: %1</source>
        <translation>会话日志有一部分无法读取：%1</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
</context>
<context>
    <name>RowFaultActions</name>
    <message>
        <source>Start the run first: faults hit a running cluster</source>
        <translation>请先开始运行：故障只能作用于运行中的集群</translation>
    </message>
    <message>
        <source>The run has ended: reset it (Ctrl+R) to break a running cluster</source>
        <translation>运行已结束：先重置（Ctrl+R），才能破坏正在运行的集群</translation>
    </message>
    <message>
        <source>Replaying the run: wait until it is back at its latest batch</source>
        <translation>正在重放运行：请等它回到最新批次</translation>
    </message>
    <message>
        <source>Browsing the history: follow the latest batch again (Home) to break the running cluster</source>
        <translation>正在浏览历史：回到最新批次（Home）才能破坏正在运行的集群</translation>
    </message>
    <message>
        <source>Kill receiver %1</source>
        <translation>杀掉接收器 %1</translation>
    </message>
    <message>
        <source>kill receiver %1</source>
        <translation>杀掉接收器 %1</translation>
    </message>
    <message>
        <source>Input stream %1 has no receiver</source>
        <translation>输入流 %1 没有接收器</translation>
    </message>
    <message>
        <source>Receiver %1 is not running now: it is being launched again</source>
        <translation>接收器 %1 现在没有运行：正在重新启动</translation>
    </message>
    <message>
        <source>Kill the driver&apos;s executor</source>
        <translation>杀掉 driver 内的执行器</translation>
    </message>
    <message>
        <source>Kill executor %1</source>
        <translation>杀掉执行器 %1</translation>
    </message>
    <message>
        <source>kill executor %1</source>
        <translation>杀掉执行器 %1</translation>
    </message>
    <message>
        <source>In local mode the one executor runs inside the driver: choose a local-cluster master (Faults &gt; Cluster…) to kill executors</source>
        <translation>local 模式下唯一的执行器运行在 driver 内：请选择 local-cluster master（故障 &gt; 集群…）才能杀掉执行器</translation>
    </message>
    <message>
        <source>Executor %1 is no longer alive: a new executor with the next id replaces it</source>
        <translation>执行器 %1 已不在：编号为下一个 id 的新执行器会替代它</translation>
    </message>
    <message>
        <source>Executor %1 is the last one alive: DStream Lab keeps one, so that received blocks survive</source>
        <translation>执行器 %1 是最后一个存活的执行器：DStream Lab 至少保留一个，让已接收的块得以保存</translation>
    </message>
    <message>
        <source>Make the driver&apos;s executor slow (×%1)</source>
        <translation>让 driver 内的执行器变慢（×%1）</translation>
    </message>
    <message>
        <source>Make executor %1 slow (×%2)</source>
        <translation>让执行器 %1 变慢（×%2）</translation>
    </message>
    <message>
        <source>slow down executor %1: its tasks take %2 times as long</source>
        <translation>让执行器 %1 变慢：它的任务耗时变为 %2 倍</translation>
    </message>
</context>
<context>
    <name>StatisticsText</name>
    <message>
        <source>1 second</source>
        <translation>1 秒</translation>
    </message>
    <message>
        <source>%1 seconds</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation>1 分钟</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 天</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <source>1 week</source>
        <translation>1 周</translation>
    </message>
    <message>
        <source>%1 weeks</source>
        <translation>%1 周</translation>
    </message>
    <message>
        <source>1 year</source>
        <translation>1 年</translation>
    </message>
    <message>
        <source>%1 years</source>
        <translation>%1 年</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>Running batches of %1 for %2 since %3 (%4 completed batches, %5 records)</source>
        <translation>批次间隔 %1，自 %3 起已运行 %2（已完成 %4 个批次，共 %5 条记录）</translation>
    </message>
    <message>
        <source>Avg: %1</source>
        <translation>平均：%1</translation>
    </message>
    <message>
        <source>Avg: %1 records/sec</source>
        <translation>平均：%1 条记录/秒</translation>
    </message>
    <message>
        <source>Failed due to Spark job error</source>
        <translation>因 Spark 作业出错而失败</translation>
    </message>
    <message>
        <source>Failed due to error: %1</source>
        <translation>因错误而失败：%1</translation>
    </message>
    <message>
        <source>(%1 running)</source>
        <translation>（%1 个运行中）</translation>
    </message>
    <message>
        <source>(%1 failed)</source>
        <translation>（%1 个失败）</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Unstable: processing takes %1 per %2 batch — the scheduling delay grows every batch (%3 → %4)</source>
        <translation>不稳定：每个 %2 的批次要处理 %1 — 调度延迟每个批次都在增长（%3 → %4）</translation>
    </message>
    <message>
        <source>Unstable: processing takes %1 per %2 batch — batches queue up and the scheduling delay grows</source>
        <translation>不稳定：每个 %2 的批次要处理 %1 — 批次排队等待，调度延迟不断增长</translation>
    </message>
    <message>
        <source>Stable: batches are processed within the batch interval (%1 per %2 batch)</source>
        <translation>稳定：批次在批处理间隔内处理完（每个 %2 的批次处理 %1）</translation>
    </message>
    <message>
        <source>Stability: judged once %1 batches with records have completed</source>
        <translation>稳定性：待 %1 个有数据的批次完成后判断</translation>
    </message>
</context>
<context>
    <name>TimelinePainter</name>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>1 partition</source>
        <translation>1 个分区</translation>
    </message>
    <message>
        <source>%1 partitions</source>
        <translation>%1 个分区</translation>
    </message>
    <message>
        <source>simulated time</source>
        <translation>模拟时间</translation>
    </message>
    <message>
        <source>receiver</source>
        <translation>接收器</translation>
    </message>
    <message>
        <source>input lines</source>
        <translation>输入行</translation>
    </message>
    <message>
        <source>blocks</source>
        <translation>数据块</translation>
    </message>
    <message>
        <source>L%1</source>
        <translation>L%1</translation>
    </message>
    <message>
        <source>window %1, slide %2</source>
        <translation>窗口 %1，滑动 %2</translation>
    </message>
    <message>
        <source>state, carried to the next batch</source>
        <translation>状态，传给下一批次</translation>
    </message>
    <message>
        <source>Home: follow the run</source>
        <translation>Home：跟随运行</translation>
    </message>
    <message>
        <source>sources</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>nc panel</source>
        <translation>nc 面板</translation>
    </message>
    <message>
        <source>#%1</source>
        <comment>a student&apos;s number, in a narrow chip of the sources strip</comment>
        <translation>%1号</translation>
    </message>
    <message>
        <source>typed into the nc panel</source>
        <translation>在 nc 面板中输入</translation>
    </message>
    <message>
        <source>nc at %1</source>
        <translation>%1 上的 nc</translation>
    </message>
    <message>
        <source>%1: 1 line</source>
        <translation>%1：1 行</translation>
    </message>
    <message>
        <source>%1: %2 lines</source>
        <translation>%1：%2 行</translation>
    </message>
    <message>
        <source>Block cut at %1, lines by sender:</source>
        <translation>在 %1 切出的数据块，各来源的行数：</translation>
    </message>
    <message>
        <source>Batch %1, lines by sender:</source>
        <translation>批次 %1，各来源的行数：</translation>
    </message>
</context>
<context>
    <name>dsl::app::KafkaClientFeed</name>
    <message>
        <source>A message to topic &apos;%1&apos; was not taken: the simulated broker refuses that topic name</source>
        <translation>发往主题“%1”的一条消息没有被接收：模拟的代理不接受这个主题名</translation>
    </message>
</context>
<context>
    <name>dsl::app::SocketClientFeed</name>
    <message>
        <source>closed by the client</source>
        <translation>客户端关闭了连接</translation>
    </message>
    <message>
        <source>the run ended</source>
        <translation>运行已结束</translation>
    </message>
    <message>
        <source>the class port closed</source>
        <translation>课堂端口已关闭</translation>
    </message>
    <message>
        <source>idle for %1 s</source>
        <translation>空闲了 %1 秒</translation>
    </message>
    <message>
        <source>connection error: %1</source>
        <translation>连接出错：%1</translation>
    </message>
    <message>
        <source>cut at the %1-byte limit (1 byte dropped)</source>
        <translation>在 %1 字节的上限处截断（丢弃了 1 个字节）</translation>
    </message>
    <message>
        <source>cut at the %1-byte limit (%2 bytes dropped)</source>
        <translation>在 %1 字节的上限处截断（丢弃了 %2 个字节）</translation>
    </message>
    <message>
        <source>1 ill-formed UTF-8 sequence replaced by U+FFFD</source>
        <translation>1 个无效的 UTF-8 序列被替换为 U+FFFD</translation>
    </message>
    <message>
        <source>%1 ill-formed UTF-8 sequences replaced by U+FFFD</source>
        <translation>%1 个无效的 UTF-8 序列被替换为 U+FFFD</translation>
    </message>
    <message>
        <source>line %1 from %2: %3</source>
        <translation>来自%2的第 %1 行：%3</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>further flagged lines from %1 are counted, not shown</source>
        <translation>来自%1的更多有问题的行只计数，不再逐条显示</translation>
    </message>
    <message>
        <source>%1 connected to the class port %2</source>
        <translation>%1 连接到了课堂端口 %2</translation>
    </message>
    <message>
        <source>%1 left (%2) after 1 line</source>
        <translation>%1 已离开（%2），共发送 1 行</translation>
    </message>
    <message>
        <source>%1 left (%2) after %3 lines</source>
        <translation>%1 已离开（%2），共发送 %3 行</translation>
    </message>
    <message>
        <source>the class port cannot accept more connections now: %1</source>
        <translation>课堂端口现在无法接受更多连接：%1</translation>
    </message>
    <message>
        <source>the class port is full (%1 connections): refused 1 more connection; Run &gt; Open the class port… allows more</source>
        <translation>课堂端口已满（%1 个连接）：又拒绝了 1 个连接；可在“运行 &gt; 打开课堂端口…”中允许更多连接</translation>
    </message>
    <message>
        <source>the class port is full (%1 connections): refused %2 more connections; Run &gt; Open the class port… allows more</source>
        <translation>课堂端口已满（%1 个连接）：又拒绝了 %2 个连接；可在“运行 &gt; 打开课堂端口…”中允许更多连接</translation>
    </message>
    <message>
        <source>the class port stopped: %1</source>
        <translation>课堂端口已停止：%1</translation>
    </message>
    <message>
        <source>cannot start the connection to %1: %2</source>
        <translation>无法发起到 %1 的连接：%2</translation>
    </message>
    <message>
        <source>socketTextStream(&quot;%1&quot;, %2): cannot resolve %1 (%3); tried again every %4 s</source>
        <translation>socketTextStream(&quot;%1&quot;, %2)：无法解析 %1（%3）；每 %4 秒重试一次</translation>
    </message>
    <message>
        <source>socketTextStream(&quot;%1&quot;, %2): %1 is not this computer, so the dashboard does not connect to it; its receiver gets no lines</source>
        <translation>socketTextStream(&quot;%1&quot;, %2)：%1 不是本机，所以仪表盘不会连接它；它的接收器收不到任何行</translation>
    </message>
    <message>
        <source>nothing listens on %1 yet: start the server (nc -lk %2); the receiver tries again every %3 s, as Spark&apos;s does</source>
        <translation>%1 上还没有服务在监听：请先启动服务（nc -lk %2）；接收器会像 Spark 的一样每 %3 秒重试一次</translation>
    </message>
    <message>
        <source>connected to %1 (a real server): its lines go to socketTextStream(&quot;%2&quot;, %3)</source>
        <translation>已连接到 %1（真实服务器）：它发来的行进入 socketTextStream(&quot;%2&quot;, %3)</translation>
    </message>
    <message>
        <source>%1 bytes of an unfinished line from %2 are lost with the connection</source>
        <translation>来自 %2 的一行未写完，其中 %1 个字节随连接一起丢失</translation>
    </message>
</context>
<context>
    <name>dsl::ui::AutoTyperBar</name>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Auto-type</source>
        <translation>自动输入</translation>
    </message>
    <message>
        <source>English sentences</source>
        <translation>英文句子</translation>
    </message>
    <message>
        <source>Chinese sentences</source>
        <translation>中文句子</translation>
    </message>
    <message>
        <source>Zipf words</source>
        <translation>Zipf 分布单词</translation>
    </message>
    <message>
        <source> lines/s</source>
        <translation> 行/秒</translation>
    </message>
    <message>
        <source>Sends sample lines at this rate in simulated time, as if typed</source>
        <translation>按此速率在模拟时间中发送示例行，如同手动输入</translation>
    </message>
    <message>
        <source>Auto-produce</source>
        <translation>自动生产</translation>
    </message>
    <message>
        <source> msg/s per partition</source>
        <translation> 条/秒/分区</translation>
    </message>
    <message numerus="yes">
        <source>Messages per second for each of the topic&apos;s %n partition(s), in simulated time</source>
        <translation>
            <numerusform>主题 %n 个分区中每个分区每秒的消息数（模拟时间）</numerusform>
        </translation>
    </message>
    <message>
        <source>Keyed</source>
        <translation>带键</translation>
    </message>
    <message>
        <source>Give the messages keys user-0 … user-9: Kafka&apos;s default partitioner (murmur2 of the key) places each key on one partition, so the spread may be uneven. Unkeyed messages go to the partitions in turn.</source>
        <translation>给消息加上键 user-0 … user-9：Kafka 的默认分区器（对键做 murmur2）把每个键放到一个分区，所以分布可能不均匀。不带键的消息轮流进入各个分区。</translation>
    </message>
    <message>
        <source>Produces sample messages to topic %1 at this rate per partition (%2 messages/s in all) in simulated time, as if typed</source>
        <translation>按模拟时间以每个分区的这个速率向主题 %1 生产示例消息（共 %2 条/秒），如同手动输入</translation>
    </message>
    <message>
        <source>Lines per second, in simulated time</source>
        <translation>每秒行数（模拟时间）</translation>
    </message>
</context>
<context>
    <name>dsl::ui::BatchDelayChart</name>
    <message>
        <source>scheduling delay</source>
        <translation>调度延迟</translation>
    </message>
    <message>
        <source>processing time</source>
        <translation>处理时间</translation>
    </message>
    <message>
        <source>total delay</source>
        <translation>总延迟</translation>
    </message>
    <message>
        <source>batch interval</source>
        <translation>批处理间隔</translation>
    </message>
    <message>
        <source>slower than the interval</source>
        <translation>慢于批处理间隔</translation>
    </message>
    <message>
        <source>batch time (s since start)</source>
        <translation>批次时间（自启动起的秒数）</translation>
    </message>
    <message>
        <source>Interval %1 ms: far above these delays (off the scale)</source>
        <translation>批处理间隔 %1 毫秒：远高于这些延迟（超出刻度）</translation>
    </message>
</context>
<context>
    <name>dsl::ui::BatchDetailView</name>
    <message numerus="yes">
        <source>%1 [%2]: %n block(s),</source>
        <translation>
            <numerusform>%1 [%2]：%n 个块，</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n records</source>
        <translation>
            <numerusform>%n 条记录</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n records</source>
        <translation>
            <numerusform>%1：%n 条记录</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Bottleneck: stage %1 (%2) took the most core time, %3 in %n tasks.</source>
        <translation>
            <numerusform>瓶颈：阶段 %1（%2）占用的核时间最多，%n 个任务共 %3。</numerusform>
        </translation>
    </message>
    <message>
        <source>Skew: in stage %1 the task of partition %2 took %3, the median task %4.</source>
        <translation>数据倾斜：阶段 %1 中分区 %2 的任务用了 %3，而任务中位数只有 %4。</translation>
    </message>
    <message numerus="yes">
        <source>%n core(s) ran no task of this batch.</source>
        <translation>
            <numerusform>有 %n 个核没有运行这个批次的任何任务。</numerusform>
        </translation>
    </message>
    <message>
        <source>No batch yet: run the program, then pick a batch in any view.</source>
        <translation>还没有批次：先运行程序，再在任意视图中选择一个批次。</translation>
    </message>
    <message>
        <source>Details of batch at %1</source>
        <translation>批次详情：%1</translation>
    </message>
    <message>
        <source>Input Metadata: none</source>
        <translation>输入元数据：无</translation>
    </message>
    <message>
        <source>Input Metadata:</source>
        <translation>输入元数据：</translation>
    </message>
    <message>
        <source>Batch Duration: %1</source>
        <translation>批次间隔：%1</translation>
    </message>
    <message numerus="yes">
        <source>Input data size: %n records</source>
        <translation>
            <numerusform>输入数据量：%n 条记录</numerusform>
        </translation>
    </message>
    <message>
        <source>Scheduling delay: %1</source>
        <translation>调度延迟：%1</translation>
    </message>
    <message>
        <source>Processing time: %1</source>
        <translation>处理时间：%1</translation>
    </message>
    <message>
        <source>Total delay: %1</source>
        <translation>总延迟：%1</translation>
    </message>
    <message>
        <source>(an old batch: its jobs and blocks are no longer kept)</source>
        <translation>（较早的批次：其作业和块已不再保留）</translation>
    </message>
    <message>
        <source>Output operations</source>
        <translation>输出操作</translation>
    </message>
    <message>
        <source>Tasks on the executor&apos;s cores</source>
        <translation>执行器各个核上的任务</translation>
    </message>
    <message>
        <source>Its hottest key: &apos;%1&apos;, %2 of its %3 records.</source>
        <translation>其中最热的键：“%1”，占 %3 条记录中的 %2 条。</translation>
    </message>
    <message>
        <source>Fault %1: back at %2.</source>
        <translation>故障 %1：%2 恢复。</translation>
    </message>
    <message>
        <source>Fault %1 at %2 not applied: %3.</source>
        <translation>故障 %1（%2）没有生效：%3。</translation>
    </message>
    <message>
        <source>Fault %1 at %2.</source>
        <translation>故障 %1，发生于 %2。</translation>
    </message>
    <message numerus="yes">
        <source>%n running task(s) lost with the executor ran again elsewhere.</source>
        <translation>
            <numerusform>随 executor 丢失的 %n 个运行中的任务在别处重新运行。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) lost: received, not yet stored in a block</source>
        <translation>
            <numerusform>%n 条记录丢失：已经收到，还没存成块</numerusform>
        </translation>
    </message>
    <message>
        <source>read back from the write-ahead log</source>
        <translation>从预写日志读回</translation>
    </message>
    <message>
        <source>lost with the stopped driver&apos;s memory (no write-ahead log)</source>
        <translation>随停止的 driver 的内存一起丢失（没有预写日志）</translation>
    </message>
    <message>
        <source>output %1</source>
        <translation>输出操作 %1</translation>
    </message>
    <message>
        <source>The restarted driver caught up with this batch: recovered in %1 s after the old driver died at %2</source>
        <translation>重启后的驱动程序在这个批次赶上了进度：旧驱动程序在 %2 挂掉后，用了 %1 秒恢复</translation>
    </message>
    <message>
        <source>(from the checkpoint of %1)</source>
        <translation>（从 %1 的检查点恢复）</translation>
    </message>
    <message>
        <source>with a state checkpoint every %1 s</source>
        <translation>，状态每 %1 秒做一次检查点</translation>
    </message>
    <message numerus="yes">
        <source>Lost with the old driver: %n record(s) its receiver %1 had received but not yet stored: %2.</source>
        <translation>
            <numerusform>随旧驱动程序丢失：接收器 %1 已收到但还没存成块的 %n 条记录：%2。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Processed twice: the %n record(s) of the block cut at %1 (%2) were read back from the write-ahead log, and the old driver had already completed this batch with them: %3 saw them in both drivers.</source>
        <translation>
            <numerusform>处理了两次：%1 切出的块里的 %n 条记录（%2）从预写日志中读了回来，而旧驱动程序已经用它们完成过这个批次：%3 在两个驱动程序里都见到了它们。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Lost with the old driver: the %n record(s) of the block cut at %1 (%2) were in its executors&apos; memory only (no write-ahead log); %3 never saw them.</source>
        <translation>
            <numerusform>随旧驱动程序丢失：%1 切出的块里的 %n 条记录（%2）只在它的执行器内存里（没有预写日志）；%3 从未见到它们。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dsl::ui::BatchTableModel</name>
    <message>
        <source>%1 records</source>
        <translation>%1 条记录</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>processing</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Batch Time</source>
        <translation>批次时间</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <source>Scheduling Delay</source>
        <translation>调度延迟</translation>
    </message>
    <message>
        <source>Processing Time</source>
        <translation>处理时间</translation>
    </message>
    <message>
        <source>Total Delay</source>
        <translation>总延迟</translation>
    </message>
    <message>
        <source>Output Ops: Succeeded/Total</source>
        <translation>输出操作：成功/总数</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Time taken by Streaming scheduler to submit jobs of a batch</source>
        <translation>Streaming 调度器提交一个批次的作业所用的时间</translation>
    </message>
    <message>
        <source>Time taken to process all jobs of a batch</source>
        <translation>处理一个批次全部作业所用的时间</translation>
    </message>
    <message>
        <source>Total time taken to handle a batch</source>
        <translation>处理一个批次所用的总时间</translation>
    </message>
</context>
<context>
    <name>dsl::ui::ClassPortDialog</name>
    <message>
        <source>Anyone on this network can connect and type into the run; what they send is only data, never a command.</source>
        <translation>此网络上的任何人都能连接并向运行中输入；他们发送的只是数据，绝不会被当作命令。</translation>
    </message>
    <message>
        <source>Open the class port</source>
        <translation>打开课堂端口</translation>
    </message>
    <message>
        <source>Students connect to this computer with nc or telnet and type. Each line they send goes to the program&apos;s socket on port %1, as if typed into the nc panel, and the panel shows who sent it.</source>
        <translation>学生用 nc 或 telnet 连接到这台计算机并输入。他们发送的每一行都会进入程序在端口 %1 上的套接字，如同在 nc 面板中输入的一样，面板会显示是谁发送的。</translation>
    </message>
    <message>
        <source>%1 — only this computer</source>
        <translation>%1 — 仅限本机</translation>
    </message>
    <message>
        <source>%1 — every network of this computer</source>
        <translation>%1 — 本机的所有网络</translation>
    </message>
    <message>
        <source>%1 — this network (%2)</source>
        <translation>%1 — 此网络（%2）</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>限制</translation>
    </message>
    <message>
        <source>One more connection is told the port is full and closed</source>
        <translation>超出的连接会被告知端口已满并被关闭</translation>
    </message>
    <message>
        <source> bytes</source>
        <translation> 字节</translation>
    </message>
    <message>
        <source>The rest of a longer line is dropped; the line is kept and flagged</source>
        <translation>过长行的其余部分被丢弃；该行保留并被标记</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>A faster sender is read more slowly: its lines wait in TCP&apos;s buffers, none is dropped</source>
        <translation>发送过快的一方会被放慢读取：它的行在 TCP 缓冲区中等待，一行也不会丢</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>A connection that sends nothing for this long is told so and closed</source>
        <translation>在这段时间内未发送任何内容的连接会被告知并关闭</translation>
    </message>
    <message>
        <source>Connections at once:</source>
        <translation>同时连接数：</translation>
    </message>
    <message>
        <source>Longest line:</source>
        <translation>最长的行：</translation>
    </message>
    <message>
        <source>Lines per second per connection:</source>
        <translation>每个连接每秒行数：</translation>
    </message>
    <message>
        <source>Close a silent connection after:</source>
        <translation>静默连接关闭时间：</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>From this computer: nc %1 %2</source>
        <translation>在本机上：nc %1 %2</translation>
    </message>
    <message>
        <source>THIS-COMPUTER</source>
        <translation>本机地址</translation>
    </message>
    <message>
        <source>Students type: nc %1 %2 (or telnet %1 %2)</source>
        <translation>学生输入：nc %1 %2（或 telnet %1 %2）</translation>
    </message>
    <message>
        <source>Cannot open the class port: %1</source>
        <translation>无法打开课堂端口：%1</translation>
    </message>
    <message>
        <source>%1 — every network of this computer, IPv6 and IPv4</source>
        <translation>%1 — 本机的所有网络（IPv6 和 IPv4）</translation>
    </message>
    <message>
        <source>THEIR-INTERFACE</source>
        <translation>学生的网卡名</translation>
    </message>
</context>
<context>
    <name>dsl::ui::ClusterDialog</name>
    <message>
        <source>One executor inside the driver: each receiver holds one of its cores, the tasks share the rest (local[1] with a receiver never processes). It cannot be killed.</source>
        <translation>driver 内的一个执行器：每个接收器占用它的一个核，任务共用其余的核（有接收器时 local[1] 永远不会处理数据）。它不能被杀掉。</translation>
    </message>
    <message>
        <source>%1 × %2 = %3 cores, %4 MB per executor. A killed executor&apos;s tasks run again on the others, and the Worker starts a new executor after 3 s.</source>
        <translation>%1 × %2 = %3 个核，每个执行器 %4 MB。被杀掉的执行器上的任务会在其他执行器上重新运行，Worker 会在 3 秒后启动一个新的执行器。</translation>
    </message>
    <message>
        <source>No run yet: its executors show here once it starts.</source>
        <translation>还没有运行：开始后它的执行器会显示在这里。</translation>
    </message>
    <message>
        <source>Local mode: the one executor runs inside the driver. It can be slowed down, not killed.</source>
        <translation>local 模式：唯一的执行器运行在 driver 内。它可以变慢，但不能被杀掉。</translation>
    </message>
    <message>
        <source>Kill an executor: its running tasks run again elsewhere and a new one replaces it. Slow one down: its tasks take %1 times as long (a straggler).</source>
        <translation>杀掉执行器：它上面正在运行的任务会在别处重新运行，并由一个新的执行器替代它。让执行器变慢：它的任务耗时变为 %1 倍（掉队者）。</translation>
    </message>
    <message>
        <source>Kill</source>
        <translation>杀掉</translation>
    </message>
    <message>
        <source>Slow ×%1</source>
        <translation>变慢 ×%1</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>The simulated Spark the run gets, as spark-submit&apos;s --master. Applying it restarts the run from its input log.</source>
        <translation>本次运行使用的模拟 Spark，相当于 spark-submit 的 --master。应用后会按输入日志重新开始运行。</translation>
    </message>
    <message>
        <source>local[N]: one executor inside the driver</source>
        <translation>local[N]：driver 内的一个执行器</translation>
    </message>
    <message>
        <source>local-cluster[E,C,M]: executors a standalone Worker launches (they can be killed)</source>
        <translation>local-cluster[E,C,M]：由 standalone Worker 启动的执行器（可以被杀掉）</translation>
    </message>
    <message>
        <source>Cores:</source>
        <translation>核数：</translation>
    </message>
    <message>
        <source>Executors:</source>
        <translation>执行器数：</translation>
    </message>
    <message>
        <source>Cores per executor:</source>
        <translation>每个执行器的核数：</translation>
    </message>
    <message>
        <source>Memory per executor:</source>
        <translation>每个执行器的内存：</translation>
    </message>
    <message>
        <source>Master:</source>
        <translation>Master：</translation>
    </message>
    <message>
        <source>Apply: restart the run</source>
        <translation>应用：重新开始运行</translation>
    </message>
    <message>
        <source>Executors of the run</source>
        <translation>本次运行的执行器</translation>
    </message>
</context>
<context>
    <name>dsl::ui::ClusterExecutorModel</name>
    <message>
        <source>lost at %1</source>
        <translation>在 %1 丢失</translation>
    </message>
    <message>
        <source>slow: tasks take %1× as long</source>
        <translation>变慢：任务耗时为 %1 倍</translation>
    </message>
    <message>
        <source>alive</source>
        <translation>存活</translation>
    </message>
    <message>
        <source>driver (local mode)</source>
        <translation>driver（local 模式）</translation>
    </message>
    <message>
        <source>Executor</source>
        <translation>执行器</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Cores</source>
        <translation>核数</translation>
    </message>
    <message>
        <source>Tasks (latest batch)</source>
        <translation>任务数（最新批次）</translation>
    </message>
    <message>
        <source>Break it</source>
        <translation>破坏它</translation>
    </message>
    <message>
        <source>Task attempts the executor ran in the latest completed batch</source>
        <translation>该执行器在最新完成的批次中运行的任务尝试数</translation>
    </message>
</context>
<context>
    <name>dsl::ui::CodePanelBar</name>
    <message>
        <source>Save the program as</source>
        <translation>程序另存为</translation>
    </message>
    <message>
        <source>Python programs (*.py);;All files (*)</source>
        <translation>Python 程序 (*.py);;所有文件 (*)</translation>
    </message>
    <message>
        <source>DStream Lab</source>
        <translation>DStream Lab</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Saved as %1</source>
        <translation>已另存为 %1</translation>
    </message>
    <message>
        <source>Syntax error at line %1: %2</source>
        <translation>第 %1 行有语法错误：%2</translation>
    </message>
    <message>
        <source>Edited: Run edited restarts the run with it</source>
        <translation>已修改：点“运行修改后的程序”会用它重新开始运行</translation>
    </message>
    <message>
        <source>▶ Run edited</source>
        <translation>▶ 运行修改后的程序</translation>
    </message>
    <message>
        <source>Restart the run with the program as it is in the editor (typed input is kept)</source>
        <translation>用编辑器里现在的程序重新开始运行（已输入的数据会保留）</translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Write the program in the editor to a file</source>
        <translation>把编辑器里的程序保存到文件</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>Back to the program as opened (the lesson&apos;s or the file&apos;s); Undo brings the edits back</source>
        <translation>回到打开时的程序（课程或文件里的原样）；撤销可以找回修改</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Undo (Ctrl+Z)</source>
        <translation>撤销（Ctrl+Z）</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Redo (Ctrl+Shift+Z)</source>
        <translation>重做（Ctrl+Shift+Z）</translation>
    </message>
</context>
<context>
    <name>dsl::ui::DatabaseActivityStrip</name>
    <message>
        <source>Statements per second</source>
        <translation>每秒语句数</translation>
    </message>
    <message>
        <source>Connections opened</source>
        <translation>打开的连接数</translation>
    </message>
    <message>
        <source>max %1</source>
        <translation>最大 %1</translation>
    </message>
</context>
<context>
    <name>dsl::ui::DatabaseDialog</name>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>The program&apos;s pymysql.connect(...) reaches the database chosen here, whatever host, user and password it names. A change restarts the run from its input log.</source>
        <translation>程序里的 pymysql.connect(...) 不管写的是哪台主机、哪个用户和密码，都连到这里选择的数据库。修改后运行会从输入日志重新开始。</translation>
    </message>
    <message>
        <source>Its own SQLite file (nothing to install; MySQL&apos;s syntax is translated)</source>
        <translation>程序自己的 SQLite 文件（无需安装；MySQL 语法会被翻译）</translation>
    </message>
    <message>
        <source>the program&apos;s file in the app&apos;s data folder</source>
        <translation>应用数据文件夹里该程序的文件</translation>
    </message>
    <message>
        <source>A MariaDB server DStream Lab runs itself (Debian&apos;s mariadb-server)</source>
        <translation>DStream Lab 自己运行的 MariaDB 服务器（Debian 的 mariadb-server）</translation>
    </message>
    <message>
        <source>An existing MySQL or MariaDB server</source>
        <translation>已有的 MySQL 或 MariaDB 服务器</translation>
    </message>
    <message>
        <source>Remember the password (the settings file keeps it as plain text)</source>
        <translation>记住密码（设置文件会以明文保存）</translation>
    </message>
    <message>
        <source>As the program&apos;s own connect() names it, as on a cluster</source>
        <translation>按程序自己的 connect() 参数连接，和在集群上一样</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>主机：</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <source>Name the server&apos;s host.</source>
        <translation>请填写服务器的主机。</translation>
    </message>
    <message>
        <source>Name the user to connect as.</source>
        <translation>请填写连接所用的用户。</translation>
    </message>
    <message>
        <source>Name the database.</source>
        <translation>请填写数据库名。</translation>
    </message>
</context>
<context>
    <name>dsl::ui::DatabaseTableModel</name>
    <message>
        <source>before this run</source>
        <translation>本次运行之前</translation>
    </message>
    <message>
        <source>driver</source>
        <translation>驱动程序</translation>
    </message>
    <message>
        <source>%1 (attempt %2)</source>
        <translation>%1（第 %2 次重试）</translation>
    </message>
    <message>
        <source>New in this batch</source>
        <translation>本批次新增</translation>
    </message>
    <message>
        <source>Changed in this batch</source>
        <translation>本批次修改</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>分区</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>The task that last wrote the row (its transaction committed)</source>
        <translation>最后写入该行的任务（其事务已提交）</translation>
    </message>
</context>
<context>
    <name>dsl::ui::DatabaseView</name>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>No batch has completed yet.</source>
        <translation>还没有批次完成。</translation>
    </message>
    <message>
        <source>Batch %1: no database read (the program has not connected to it).</source>
        <translation>批次 %1：未读取数据库（程序尚未连接它）。</translation>
    </message>
    <message>
        <source>Batch %1: the database could not be read: %2</source>
        <translation>批次 %1：无法读取数据库：%2</translation>
    </message>
    <message>
        <source>Batch %1: the program has not written to its database yet.</source>
        <translation>批次 %1：程序还没有写入它的数据库。</translation>
    </message>
    <message>
        <source>Batch %1: the database has no table.</source>
        <translation>批次 %1：数据库中没有表。</translation>
    </message>
    <message>
        <source>The first %1 rows of %2 are shown.</source>
        <translation>显示了 %2 行中的前 %1 行。</translation>
    </message>
    <message>
        <source>Database: none yet (the program has not started)</source>
        <translation>数据库：暂无（程序尚未启动）</translation>
    </message>
    <message>
        <source>%1 (rows: %2)</source>
        <translation>%1（%2 行）</translation>
    </message>
    <message>
        <source>The host, user and password in pymysql.connect(...) are not used: every connection reaches this SQLite file.</source>
        <translation>pymysql.connect(...) 中的主机、用户名和密码不会被使用：所有连接都指向这个 SQLite 文件。</translation>
    </message>
    <message>
        <source>After batch %1: %2 new rows (green), %3 changed (amber). Its tasks sent %4 statements and opened %5 connections.</source>
        <translation>批次 %1 之后：新增 %2 行（绿色），修改 %3 行（琥珀色）。该批次的任务发送了 %4 条语句，打开了 %5 个连接。</translation>
    </message>
    <message>
        <source>Database time: %1 ms simulated, %2 ms real.</source>
        <translation>数据库耗时：模拟 %1 毫秒，实际 %2 毫秒。</translation>
    </message>
    <message>
        <source>The program&apos;s own pymysql.connect(...) arguments are used, as on a cluster.</source>
        <translation>程序自己的 pymysql.connect(...) 参数照原样使用，和在集群上一样。</translation>
    </message>
    <message>
        <source>The host, user and password in pymysql.connect(...) are not used: every connection reaches this server.</source>
        <translation>pymysql.connect(...) 中的主机、用户名和密码不会被使用：所有连接都指向这台服务器。</translation>
    </message>
    <message>
        <source>The program&apos;s connections go where its own pymysql.connect(...) says, a place this tab does not know, so it shows no rows. Run &gt; Database... chooses a SQLite file or a server to watch.</source>
        <translation>程序的连接去往它自己的 pymysql.connect(...) 指定的地方，本页不知道那是哪里，所以不显示任何行。用“运行 &gt; 数据库…”选择一个 SQLite 文件或一台服务器来观察。</translation>
    </message>
    <message>
        <source>On a server the batch that wrote a row is known, its partition and task are not.</source>
        <translation>在服务器上只能知道是哪个批次写入了某一行，不知道是哪个分区、哪个任务。</translation>
    </message>
    <message>
        <source>Double-click a row to trace it back to the lines typed.</source>
        <translation>双击一行，把它追溯回输入的那些行。</translation>
    </message>
</context>
<context>
    <name>dsl::ui::DropFileDialog</name>
    <message>
        <source>Drop a file into the watched directory</source>
        <translation>向被监视的目录放入文件</translation>
    </message>
    <message>
        <source>one record per line</source>
        <translation>每行一条记录</translation>
    </message>
    <message>
        <source>The file appears whole in the directory at the current simulated time, as if written elsewhere and moved in (Spark&apos;s guide asks for that). textFileStream reads it in the next batch, one record per line.</source>
        <translation>文件在当前模拟时间完整地出现在目录中，如同先在别处写好再移入（Spark 编程指南正是这样要求的）。textFileStream 在下一批次读取它，每行一条记录。</translation>
    </message>
    <message>
        <source>Directory:</source>
        <translation>目录：</translation>
    </message>
    <message>
        <source>File name:</source>
        <translation>文件名：</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>内容：</translation>
    </message>
    <message>
        <source>Drop</source>
        <translation>放入</translation>
    </message>
    <message>
        <source>Name the directory the program&apos;s textFileStream watches.</source>
        <translation>请填写程序的 textFileStream 所监视的目录。</translation>
    </message>
    <message>
        <source>Give the file a name.</source>
        <translation>请给文件起个名字。</translation>
    </message>
    <message>
        <source>A file name has no &apos;/&apos;: put the folder under Directory.</source>
        <translation>文件名中不能有“/”：请把文件夹写在“目录”中。</translation>
    </message>
    <message>
        <source>textFileStream never reads hidden files (names starting with &apos;.&apos;).</source>
        <translation>textFileStream 从不读取隐藏文件（以“.”开头的文件名）。</translation>
    </message>
    <message>
        <source>%1 dropped into %2 at %3: the next batch of textFileStream reads it</source>
        <translation>%1 已于 %3 放入 %2：textFileStream 将在下一批次读取它</translation>
    </message>
</context>
<context>
    <name>dsl::ui::EventLogModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Logger</source>
        <translation>日志器</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
</context>
<context>
    <name>dsl::ui::EventLogView</name>
    <message>
        <source>%1 of %2 lines</source>
        <translation>显示 %1 行，共 %2 行</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Spark&apos;s driver log: what the scheduler, the receivers and the tasks did</source>
        <translation>Spark 驱动程序日志：调度器、接收器和任务做了什么</translation>
    </message>
    <message numerus="yes">
        <source>stderr (%n lines)</source>
        <translation>
            <numerusform>stderr（%n 行）</numerusform>
        </translation>
    </message>
    <message>
        <source>stderr</source>
        <translation>stderr</translation>
    </message>
    <message>
        <source>What the program wrote to stderr: warnings and tracebacks</source>
        <translation>程序写到 stderr 的内容：警告和异常回溯</translation>
    </message>
    <message>
        <source>Show lines at this level and above</source>
        <translation>显示此级别及以上的日志行</translation>
    </message>
    <message>
        <source>Search the log (Ctrl+F)</source>
        <translation>搜索日志（Ctrl+F）</translation>
    </message>
    <message>
        <source>Selected batch only</source>
        <translation>只看所选批次</translation>
    </message>
    <message>
        <source>Click a line to select its batch in every view; Ctrl+C copies the selected lines</source>
        <translation>点击一行即可在所有视图中选中它所属的批次；Ctrl+C 复制选中的行</translation>
    </message>
</context>
<context>
    <name>dsl::ui::ExperimentChart</name>
    <message>
        <source>Scheduling delay per batch</source>
        <translation>每批调度延迟</translation>
    </message>
    <message>
        <source>Processing time per batch</source>
        <translation>每批处理时间</translation>
    </message>
    <message>
        <source>Total delay per batch</source>
        <translation>每批总延迟</translation>
    </message>
    <message>
        <source>batch time (s since start)</source>
        <translation>批次时间（开始后的秒数）</translation>
    </message>
</context>
<context>
    <name>dsl::ui::ExperimentRunner</name>
    <message>
        <source>Cannot start %1: %2</source>
        <translation>无法启动 %1：%2</translation>
    </message>
    <message>
        <source>The run ended with exit status %1.</source>
        <translation>运行结束，退出状态 %1。</translation>
    </message>
</context>
<context>
    <name>dsl::ui::ExperimentTableModel</name>
    <message>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>running…</source>
        <translation>运行中…</translation>
    </message>
    <message>
        <source>canceled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>stable</source>
        <translation>稳定</translation>
    </message>
    <message>
        <source>unstable</source>
        <translation>不稳定</translation>
    </message>
    <message>
        <source>unknown (too few batches)</source>
        <translation>无法判断（批次太少）</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Batches</source>
        <translation>批次数</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <source>Records/s</source>
        <translation>记录/秒</translation>
    </message>
    <message>
        <source>Processing
mean (ms)</source>
        <translation>处理时间
平均 (ms)</translation>
    </message>
    <message>
        <source>Processing
max (ms)</source>
        <translation>处理时间
最大 (ms)</translation>
    </message>
    <message>
        <source>Scheduling delay
mean (ms)</source>
        <translation>调度延迟
平均 (ms)</translation>
    </message>
    <message>
        <source>Scheduling delay
max (ms)</source>
        <translation>调度延迟
最大 (ms)</translation>
    </message>
    <message>
        <source>Scheduling delay
last (ms)</source>
        <translation>调度延迟
最后 (ms)</translation>
    </message>
    <message>
        <source>Total delay
mean (ms)</source>
        <translation>总延迟
平均 (ms)</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>指纹</translation>
    </message>
</context>
<context>
    <name>dsl::ui::ExperimentsView</name>
    <message>
        <source>Replaces the interval the program passes to StreamingContext.</source>
        <translation>替换程序传给 StreamingContext 的批处理间隔。</translation>
    </message>
    <message>
        <source>Batch interval 0.5 s</source>
        <translation>批处理间隔 0.5 秒</translation>
    </message>
    <message>
        <source>Batch interval 1 s</source>
        <translation>批处理间隔 1 秒</translation>
    </message>
    <message>
        <source>Batch interval 2 s</source>
        <translation>批处理间隔 2 秒</translation>
    </message>
    <message>
        <source>Write-ahead log off</source>
        <translation>预写日志关闭</translation>
    </message>
    <message>
        <source>Receivers keep received blocks in memory only (Spark&apos;s default).</source>
        <translation>接收器只在内存中保存收到的块（Spark 的默认设置）。</translation>
    </message>
    <message>
        <source>Write-ahead log on</source>
        <translation>预写日志开启</translation>
    </message>
    <message>
        <source>Receivers also write each block to the checkpoint folder before reporting it; the program must call ssc.checkpoint().</source>
        <translation>接收器在报告每个块之前先把它写入检查点目录；程序必须调用 ssc.checkpoint()。</translation>
    </message>
    <message>
        <source>Backpressure off</source>
        <translation>背压关闭</translation>
    </message>
    <message>
        <source>Receivers take records as fast as they arrive (Spark&apos;s default).</source>
        <translation>接收器按数据到达的速度接收记录（Spark 的默认设置）。</translation>
    </message>
    <message>
        <source>Backpressure on</source>
        <translation>背压开启</translation>
    </message>
    <message>
        <source>A PID controller lowers the receivers&apos; rate to what the batches manage to process.</source>
        <translation>PID 控制器把接收器的速率降到批次能处理的速率。</translation>
    </message>
    <message>
        <source>2 cores: local[2]</source>
        <translation>2 个核：local[2]</translation>
    </message>
    <message>
        <source>Two cores: a receiver takes one, the batches&apos; tasks share the other.</source>
        <translation>两个核：接收器占一个，批次的任务共用另一个。</translation>
    </message>
    <message>
        <source>4 cores: local[4]</source>
        <translation>4 个核：local[4]</translation>
    </message>
    <message>
        <source>Four cores: a receiver takes one, the batches&apos; tasks run on three.</source>
        <translation>四个核：接收器占一个，批次的任务在其余三个上运行。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>%1: waiting</source>
        <translation>%1：等待中</translation>
    </message>
    <message>
        <source>%1: running…</source>
        <translation>%1：运行中…</translation>
    </message>
    <message>
        <source>%1: canceled</source>
        <translation>%1：已取消</translation>
    </message>
    <message>
        <source>✖ %1: failed — %2</source>
        <translation>✖ %1：失败 — %2</translation>
    </message>
    <message>
        <source>✖ %1: unstable — the scheduling delay grew every batch (%3 → %4 ms over the last %2)</source>
        <translation>✖ %1：不稳定 — 调度延迟每批都在增长（最近 %2 批从 %3 ms 增至 %4 ms）</translation>
    </message>
    <message>
        <source>✖ %1: unstable — processing %2 ms on average, longer than the %3 ms interval</source>
        <translation>✖ %1：不稳定 — 平均处理 %2 ms，超过 %3 ms 的批处理间隔</translation>
    </message>
    <message>
        <source>✔ %1: stable — processing %2 ms on average, within the %3 ms interval</source>
        <translation>✔ %1：稳定 — 平均处理 %2 ms，在 %3 ms 的批处理间隔之内</translation>
    </message>
    <message>
        <source>? %1: unknown — fewer than %2 batches with input to judge</source>
        <translation>? %1：无法判断 — 有输入的批次少于 %2 个</translation>
    </message>
    <message>
        <source>%1 of %2 runs</source>
        <translation>%1 / %2 次运行</translation>
    </message>
    <message>
        <source>Experiments</source>
        <translation>对比实验</translation>
    </message>
    <message>
        <source>Experiments: %1</source>
        <translation>对比实验：%1</translation>
    </message>
    <message>
        <source>The same program and input under each configuration, run one after another.</source>
        <translation>同一程序和输入在每种配置下依次运行。</translation>
    </message>
    <message>
        <source>The same program and input (%1) under each configuration, run one after another.</source>
        <translation>同一程序和输入（%1）在每种配置下依次运行。</translation>
    </message>
    <message>
        <source>Configuration %1</source>
        <translation>配置 %1</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Unstable: over the last %1 batches with input, the scheduling delay grew every batch, or processing took longer than the batch interval on average.</source>
        <translation>不稳定：在最近 %1 个有输入的批次中，调度延迟每批都在增长，或平均处理时间超过批处理间隔。</translation>
    </message>
</context>
<context>
    <name>dsl::ui::KafkaLagChart</name>
    <message>
        <source>batch time (s since start)</source>
        <translation>批次时间（自启动起的秒数）</translation>
    </message>
    <message>
        <source>Lag after each batch: messages in the log the stream has not read (point at it for the time)</source>
        <translation>每个批次之后的滞后：日志中流尚未读取的消息数（指向数据点可看等待时间）</translation>
    </message>
    <message>
        <source>%1 after batch %2: lag %3 message(s)</source>
        <translation>批次 %2 之后的 %1：滞后 %3 条消息</translation>
    </message>
    <message>
        <source>the oldest unread message had waited %1</source>
        <translation>最早的未读消息已等待 %1</translation>
    </message>
    <message>
        <source>the oldest unread message is no longer retained: its wait is not known</source>
        <translation>最早的未读消息已不在保留范围内：等待时间未知</translation>
    </message>
</context>
<context>
    <name>dsl::ui::KafkaListenAction</name>
    <message>
        <source>Listen for Kafka clients</source>
        <translation>监听 Kafka 客户端</translation>
    </message>
    <message>
        <source>Kafka clients on this computer (kcat, a Kafka producer) send to bootstrap.servers=127.0.0.1:PORT.
Port:</source>
        <translation>本机的 Kafka 客户端（kcat、Kafka 生产者）发送到 bootstrap.servers=127.0.0.1:端口。
端口：</translation>
    </message>
    <message>
        <source>Cannot listen for Kafka clients on 127.0.0.1:%1: %2</source>
        <translation>无法在 127.0.0.1:%1 上监听 Kafka 客户端：%2</translation>
    </message>
    <message>
        <source>Choose another port (Run &gt; Listen for Kafka clients), or stop what uses this one.</source>
        <translation>请换一个端口（运行 &gt; 监听 Kafka 客户端），或者停止占用这个端口的程序。</translation>
    </message>
    <message>
        <source>1 message</source>
        <translation>1 条消息</translation>
    </message>
    <message>
        <source>%1 messages</source>
        <translation>%1 条消息</translation>
    </message>
    <message>
        <source>Kafka clients: 127.0.0.1:%1 · %2</source>
        <translation>Kafka 客户端：127.0.0.1:%1 · %2</translation>
    </message>
    <message>
        <source>Listen for Kafka clients on 127.0.0.1:%1</source>
        <translation>在 127.0.0.1:%1 上监听 Kafka 客户端</translation>
    </message>
    <message>
        <source>Listen for Kafka clients on 127.0.0.1:PORT…</source>
        <translation>在 127.0.0.1:端口 上监听 Kafka 客户端…</translation>
    </message>
    <message>
        <source>A Kafka broker on 127.0.0.1 that kcat or any Kafka producer can send to; each message enters the run as if typed into the nc panel with its topic as the target</source>
        <translation>在 127.0.0.1 上启动一个 kcat 或任何 Kafka 生产者都能发送消息的 Kafka 代理；每条消息都像在 nc 面板里选中它的主题后输入的一样进入运行</translation>
    </message>
</context>
<context>
    <name>dsl::ui::KafkaLogStrip</name>
    <message>
        <source>checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>committed</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>No offset range for this batch.</source>
        <translation>本批次没有偏移量范围。</translation>
    </message>
    <message>
        <source>this batch read</source>
        <translation>本批次读取</translation>
    </message>
    <message>
        <source>earlier batches</source>
        <translation>之前的批次</translation>
    </message>
    <message>
        <source>not read yet (lag)</source>
        <translation>尚未读取（滞后）</translation>
    </message>
    <message>
        <source>none: the program calls no ssc.checkpoint</source>
        <translation>无：程序没有调用 ssc.checkpoint</translation>
    </message>
    <message>
        <source>nothing committed: the stream has no group.id</source>
        <translation>未提交任何偏移量：流没有 group.id</translation>
    </message>
    <message>
        <source>nothing committed by group &apos;%1&apos;</source>
        <translation>消费者组“%1”未提交任何偏移量</translation>
    </message>
    <message>
        <source>lag %1</source>
        <translation>滞后 %1</translation>
    </message>
    <message>
        <source>lag 0: caught up</source>
        <translation>滞后 0：已追上</translation>
    </message>
</context>
<context>
    <name>dsl::ui::KafkaMessageBrowser</name>
    <message>
        <source>Read</source>
        <translation>读取</translation>
    </message>
    <message>
        <source>from the beginning</source>
        <translation>从头开始</translation>
    </message>
    <message>
        <source>from an offset</source>
        <translation>从某个偏移量开始</translation>
    </message>
    <message>
        <source>from a time</source>
        <translation>从某个时间开始</translation>
    </message>
    <message>
        <source>newest only</source>
        <translation>只读最新的</translation>
    </message>
    <message>
        <source>offset </source>
        <translation>偏移量 </translation>
    </message>
    <message>
        <source>all partitions</source>
        <translation>全部分区</translation>
    </message>
    <message>
        <source>topic %1</source>
        <translation>主题 %1</translation>
    </message>
    <message>
        <source>(kafka-console-consumer has no option to start at a time; a consumer seeks with offsetsForTimes)</source>
        <translation>（kafka-console-consumer 没有从某个时间开始读的选项；消费者用 offsetsForTimes 定位）</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n 条消息</numerusform>
        </translation>
    </message>
    <message>
        <source>(the first %1 shown)</source>
        <translation>（只显示前 %1 条）</translation>
    </message>
    <message numerus="yes">
        <source>%n read by the batch shown (marked)</source>
        <translation>
            <numerusform>其中 %n 条由显示的批次读取（已标出）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dsl::ui::KafkaMessageModel</name>
    <message>
        <source>not yet</source>
        <translation>尚未读取</translation>
    </message>
    <message>
        <source>The batch shown read this message</source>
        <translation>显示的批次读取了这条消息</translation>
    </message>
    <message>
        <source>Batch %1 read this message</source>
        <translation>批次 %1 读取了这条消息</translation>
    </message>
    <message>
        <source>No batch up to the one shown has read this message yet</source>
        <translation>到显示的批次为止，还没有批次读取这条消息</translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>分区</translation>
    </message>
    <message>
        <source>Offset</source>
        <translation>偏移量</translation>
    </message>
    <message>
        <source>CreateTime</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Read by batch</source>
        <translation>读取它的批次</translation>
    </message>
</context>
<context>
    <name>dsl::ui::KafkaTableModel</name>
    <message numerus="yes">
        <source>The batch read offsets %1 to %2 of %3 (its OffsetRange; the last one excluded): %n message(s)</source>
        <translation>
            <numerusform>本批次读取了 %3 的偏移量 %1 到 %2（即它的 OffsetRange，不含最后一个）：%n 条消息</numerusform>
        </translation>
    </message>
    <message>
        <source>The stream has no group.id: no group commits offsets for it</source>
        <translation>流没有 group.id：没有消费者组为它提交偏移量</translation>
    </message>
    <message>
        <source>Group &apos;%1&apos; committed offset %2 for %3</source>
        <translation>消费者组“%1”为 %3 提交了偏移量 %2</translation>
    </message>
    <message>
        <source>Group &apos;%1&apos; has committed nothing for %2</source>
        <translation>消费者组“%1”没有为 %2 提交任何偏移量</translation>
    </message>
    <message>
        <source>The checkpoint holds the stream&apos;s offset %1: a restarted driver resumes there</source>
        <translation>检查点保存了流的偏移量 %1：重启的 driver 从这里继续</translation>
    </message>
    <message>
        <source>No ssc.checkpoint: the stream&apos;s offset %1 is in the driver&apos;s memory only</source>
        <translation>没有 ssc.checkpoint：流的偏移量 %1 只在 driver 的内存中</translation>
    </message>
    <message>
        <source>TOPIC</source>
        <translation>TOPIC</translation>
    </message>
    <message>
        <source>PARTITION</source>
        <translation>PARTITION</translation>
    </message>
    <message>
        <source>CURRENT-OFFSET</source>
        <translation>CURRENT-OFFSET</translation>
    </message>
    <message>
        <source>LOG-END-OFFSET</source>
        <translation>LOG-END-OFFSET</translation>
    </message>
    <message>
        <source>LAG</source>
        <translation>LAG</translation>
    </message>
    <message>
        <source>Batch read</source>
        <translation>本批次读取</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Stream lag</source>
        <translation>流的滞后</translation>
    </message>
    <message>
        <source>kafka-consumer-groups --describe: the offset the consumer group committed (&quot;-&quot;: none)</source>
        <translation>kafka-consumer-groups --describe：消费者组提交的偏移量（“-”：没有）</translation>
    </message>
    <message>
        <source>The offset the next message appended to the partition gets</source>
        <translation>下一条追加到该分区的消息将得到的偏移量</translation>
    </message>
    <message>
        <source>kafka-consumer-groups --describe: LOG-END-OFFSET minus CURRENT-OFFSET (&quot;-&quot;: nothing committed)</source>
        <translation>kafka-consumer-groups --describe：LOG-END-OFFSET 减去 CURRENT-OFFSET（“-”：没有提交）</translation>
    </message>
    <message>
        <source>The stream&apos;s own: the offset range the batch read, [from, until)</source>
        <translation>流自己的：本批次读取的偏移量范围 [from, until)</translation>
    </message>
    <message>
        <source>The stream&apos;s own: the offset after the batch, as its checkpoint holds it (&quot;-&quot;: no ssc.checkpoint)</source>
        <translation>流自己的：本批次之后的偏移量，即检查点里保存的（“-”：没有 ssc.checkpoint）</translation>
    </message>
    <message>
        <source>The stream&apos;s own: messages in the log it has not read (LOG-END-OFFSET minus its offset)</source>
        <translation>流自己的：日志中它还没有读取的消息数（LOG-END-OFFSET 减去它的偏移量）</translation>
    </message>
    <message>
        <source>The receiver&apos;s consumer took offsets %1 to %2 of %3 since the previous batch: they reach the batches as blocks, not as an offset range</source>
        <translation>接收器的消费者自上一个批次以来取走了 %3 的偏移量 %1 到 %2：它们以块的形式进入批次，而不是偏移量范围</translation>
    </message>
    <message>
        <source>A receiver (createStream) keeps no offsets in the checkpoint: its consumer resumes where the group committed</source>
        <translation>接收器（createStream）不在检查点里保存偏移量：它的消费者从组已提交的位置继续读</translation>
    </message>
</context>
<context>
    <name>dsl::ui::KafkaView</name>
    <message>
        <source>The program reads no Kafka topic (KafkaUtils.createDirectStream).</source>
        <translation>程序没有读取任何 Kafka 主题（KafkaUtils.createDirectStream）。</translation>
    </message>
    <message>
        <source>No batch has completed yet.</source>
        <translation>还没有批次完成。</translation>
    </message>
    <message>
        <source>Batch %1: no Kafka offset range (the batch is kept as a summary).</source>
        <translation>批次 %1：没有 Kafka 偏移量范围（该批次只保留了摘要）。</translation>
    </message>
    <message>
        <source>Batch %1 read %2 message(s) from %3 partition(s) of %4, one RDD partition per Kafka partition; %5 message(s) left to read after it.</source>
        <translation>批次 %1 从 %4 的 %3 个分区读取了 %2 条消息，每个 Kafka 分区对应一个 RDD 分区；之后还剩 %5 条消息没有读取。</translation>
    </message>
    <message>
        <source>Log and offsets</source>
        <translation>日志与偏移量</translation>
    </message>
    <message>
        <source>Lag over time</source>
        <translation>滞后趋势</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Kafka 0.8 direct stream [%1]</source>
        <translation>Kafka 0.8 direct stream [%1]</translation>
    </message>
    <message>
        <source>(backpressure rate %1 records/s)</source>
        <translation>（背压速率 %1 条/秒）</translation>
    </message>
    <message>
        <source>no offset range</source>
        <translation>没有偏移量范围</translation>
    </message>
    <message>
        <source>Input metadata: %1</source>
        <translation>输入元数据：%1</translation>
    </message>
    <message>
        <source>Input metadata (Spark&apos;s batch page):
%1</source>
        <translation>输入元数据（Spark 的批次页面）：
%1</translation>
    </message>
    <message>
        <source>No consumer group (no group.id).</source>
        <translation>没有消费者组（没有 group.id）。</translation>
    </message>
    <message>
        <source>Consumer group &apos;%1&apos; has no active members.</source>
        <translation>消费者组“%1”没有活跃成员。</translation>
    </message>
    <message>
        <source>Consumer group &apos;%1&apos; does not exist.</source>
        <translation>消费者组“%1”不存在。</translation>
    </message>
    <message>
        <source>Consumer group &apos;%1&apos; is Stable: it has active members.</source>
        <translation>消费者组“%1”处于 Stable 状态：有活跃成员。</translation>
    </message>
    <message>
        <source>Consumer group &apos;%1&apos;.</source>
        <translation>消费者组“%1”。</translation>
    </message>
    <message>
        <source>Consumer group &apos;%1&apos; is %2.</source>
        <translation>消费者组“%1”的状态是 %2。</translation>
    </message>
    <message>
        <source>CURRENT-OFFSET and LAG are the consumer group&apos;s committed offsets, as kafka-consumer-groups shows them. A driver recovered from its checkpoint resumes from the checkpoint&apos;s offsets; a new stream of the group starts at the committed ones.</source>
        <translation>CURRENT-OFFSET 和 LAG 是消费者组已提交的偏移量，与 kafka-consumer-groups 显示的一致。从检查点恢复的 driver 从检查点里的偏移量继续；同一个组的新流从已提交的偏移量开始。</translation>
    </message>
    <message>
        <source>Nothing is committed to a consumer group, so kafka-consumer-groups shows &quot;-&quot;: createDirectStream never commits by itself (a program can, with commitAsync after its output); the stream keeps its own offsets, in the checkpoint when it has one. Stream lag: messages in the log the stream has not read yet.</source>
        <translation>消费者组里没有任何已提交的偏移量，所以 kafka-consumer-groups 显示“-”：createDirectStream 自己从不提交（程序可以在输出之后调用 commitAsync 提交）；流自己保存偏移量，有检查点时保存在检查点里。流的滞后：日志里流还没有读到的消息数。</translation>
    </message>
</context>
<context>
    <name>dsl::ui::LessonExerciseBox</name>
    <message>
        <source>Running both programs… %1 s</source>
        <translation>正在运行两个程序…… %1 秒</translation>
    </message>
    <message>
        <source>Check canceled.</source>
        <translation>检查已取消。</translation>
    </message>
    <message>
        <source>Passed: your program prints what the reference prints, hidden lines included.</source>
        <translation>通过：你的程序输出和参考程序完全一样，隐藏的输入行也不例外。</translation>
    </message>
    <message>
        <source>Not yet: a program raised an error: %1</source>
        <translation>还不对：程序运行出错：%1</translation>
    </message>
    <message>
        <source>Not yet: %1</source>
        <translation>还不对：%1</translation>
    </message>
    <message>
        <source>after the last batch</source>
        <translation>最后一个批次之后</translation>
    </message>
    <message>
        <source>batch %1</source>
        <translation>批次 %1</translation>
    </message>
    <message>
        <source>the pprint at line %1</source>
        <translation>第 %1 行的 pprint</translation>
    </message>
    <message>
        <source>the pprint at line %1 (%2)</source>
        <translation>第 %1 行的 pprint（%2）</translation>
    </message>
    <message>
        <source>pprint number %1</source>
        <translation>第 %1 个 pprint</translation>
    </message>
    <message>
        <source>the printed output</source>
        <translation>打印的输出</translation>
    </message>
    <message>
        <source>(nothing)</source>
        <translation>（没有）</translation>
    </message>
    <message>
        <source>Not yet. First difference: %1, %2, line %3:
expected  %4
got       %5</source>
        <translation>还不对。第一处不同：%1，%2，第 %3 行：
应为  %4
实际  %5</translation>
    </message>
    <message>
        <source>Exercise</source>
        <translation>练习</translation>
    </message>
    <message>
        <source>Check my program</source>
        <translation>检查我的程序</translation>
    </message>
    <message>
        <source>Runs your program and the lesson&apos;s reference on the same input plus hidden lines, and shows the first difference</source>
        <translation>用同样的输入（外加几行隐藏输入）运行你的程序和课程的参考程序，并指出第一处不同</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>dsl::ui::LessonExerciseCheck</name>
    <message>
        <source>Cannot write your program to a temporary file: %1</source>
        <translation>无法把你的程序写入临时文件：%1</translation>
    </message>
    <message>
        <source>Cannot start the check (%1): %2</source>
        <translation>无法启动检查（%1）：%2</translation>
    </message>
    <message>
        <source>The check did not finish: %1</source>
        <translation>检查没有完成：%1</translation>
    </message>
</context>
<context>
    <name>dsl::ui::LessonListModel</name>
    <message numerus="yes">
        <source>%1/%2 steps · %n right</source>
        <translation>
            <numerusform>%1/%2 步 · 答对 %n 题</numerusform>
        </translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
</context>
<context>
    <name>dsl::ui::LessonPanel</name>
    <message>
        <source>Forget the progress of every lesson?</source>
        <translation>清除所有课程的进度？</translation>
    </message>
    <message>
        <source>Forget your progress in this lesson (steps done, answers, exercises)?</source>
        <translation>清除你在本课的进度（完成的步骤、答题和练习）？</translation>
    </message>
    <message>
        <source>Reset progress</source>
        <translation>重置进度</translation>
    </message>
    <message>
        <source>The lesson&apos;s input could not be loaded: %1</source>
        <translation>无法加载本课的输入：%1</translation>
    </message>
    <message>
        <source>No lessons found in %1</source>
        <translation>在 %1 中没有找到课程</translation>
    </message>
    <message>
        <source>Choose a lesson above.</source>
        <translation>请在上面选择一课。</translation>
    </message>
    <message>
        <source>Lesson %1: %2</source>
        <translation>第 %1 课：%2</translation>
    </message>
    <message>
        <source>Hide hint</source>
        <translation>隐藏提示</translation>
    </message>
    <message>
        <source>Show hint</source>
        <translation>显示提示</translation>
    </message>
    <message>
        <source>Choose a lesson: its program, input and settings open in the dashboard.</source>
        <translation>选择一课：它的程序、输入和设置会在仪表盘中打开。</translation>
    </message>
    <message>
        <source>Answer first: Check runs this step and shows what the run computes.</source>
        <translation>先作答：点“检查”后才运行这一步，并显示运行算出的结果。</translation>
    </message>
    <message>
        <source>Carrying out the step…</source>
        <translation>正在执行这一步……</translation>
    </message>
    <message>
        <source>Running the step to see what Spark computes…</source>
        <translation>正在运行这一步，看看 Spark 算出什么……</translation>
    </message>
    <message>
        <source>← Back</source>
        <translation>← 上一步</translation>
    </message>
    <message>
        <source>Next →</source>
        <translation>下一步 →</translation>
    </message>
    <message>
        <source>The previous step (nothing runs again)</source>
        <translation>回到上一步（不会重新运行）</translation>
    </message>
    <message>
        <source>The next step: its actions run through the dashboard</source>
        <translation>下一步：它的操作会在仪表盘上执行</translation>
    </message>
    <message>
        <source>Some lessons could not be loaded (the others did):</source>
        <translation>有些课程无法加载（其余课程已加载）：</translation>
    </message>
    <message numerus="yes">
        <source>Step %1 of %2  ·  %3 done  ·  %n right</source>
        <translation>
            <numerusform>第 %1 步，共 %2 步  ·  已完成 %3 步  ·  答对 %n 题</numerusform>
        </translation>
    </message>
    <message>
        <source>The run ended or was reset before the step&apos;s batch: open the lesson again to replay its steps.</source>
        <translation>运行在这一步的批次之前就结束或被重置了：请重新打开本课，重放它的各个步骤。</translation>
    </message>
    <message>
        <source>The program failed, as this step shows: its error is marked in the code and in the Log tab.</source>
        <translation>程序失败了，这正是这一步要展示的：错误在代码和“日志”标签页里标了出来。</translation>
    </message>
</context>
<context>
    <name>dsl::ui::LessonQuestionBox</name>
    <message>
        <source>Predict, then check</source>
        <translation>先预测，再检查</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Type a number</source>
        <translation>输入一个数</translation>
    </message>
    <message>
        <source>The run cannot answer this yet: %1</source>
        <translation>这次运行还答不出这个问题：%1</translation>
    </message>
    <message>
        <source>**That is not a number.**</source>
        <translation>**这不是一个数。**</translation>
    </message>
    <message>
        <source>**Right!**</source>
        <translation>**答对了！**</translation>
    </message>
    <message>
        <source>**Not quite.**</source>
        <translation>**不太对。**</translation>
    </message>
    <message>
        <source>The run shows: %1</source>
        <translation>运行结果：%1</translation>
    </message>
</context>
<context>
    <name>dsl::ui::LineageView</name>
    <message>
        <source>toDebugString</source>
        <translation>toDebugString</translation>
    </message>
    <message>
        <source>No batch yet: run the program to see an RDD&apos;s lineage.</source>
        <translation>还没有批次：运行程序后即可查看 RDD 的血缘。</translation>
    </message>
    <message>
        <source>%1 · batch %2: only the newest batches keep their lineage.</source>
        <translation>%1 · 批次 %2：只有最近的批次保留血缘。</translation>
    </message>
    <message>
        <source>%1 · batch %2: no job has computed this RDD yet (RDDs are lazy).</source>
        <translation>%1 · 批次 %2：还没有作业计算过这个 RDD（RDD 是惰性的）。</translation>
    </message>
    <message>
        <source>Result stage</source>
        <translation>结果阶段</translation>
    </message>
    <message>
        <source>Stage %1</source>
        <translation>阶段 %1</translation>
    </message>
    <message>
        <source>Shuffle map stage</source>
        <translation>Shuffle Map 阶段</translation>
    </message>
    <message>
        <source>Window: the previous window&apos;s result, plus %1, minus %2 (the inverse function).</source>
        <translation>窗口：上一个窗口的结果，加上 %1，减去 %2（用逆函数）。</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <source>+ %1</source>
        <translation>+ %1</translation>
    </message>
    <message>
        <source>− %1</source>
        <translation>− %1</translation>
    </message>
    <message>
        <source>%1 [%2] was checkpointed: its lineage is cut there and read from the checkpoint instead.</source>
        <translation>%1 [%2] 已写入检查点：血缘在这里截断，之后从检查点读取。</translation>
    </message>
    <message>
        <source>Only the first %1 RDDs of the lineage are shown.</source>
        <translation>只显示血缘中的前 %1 个 RDD。</translation>
    </message>
    <message>
        <source>1 stage</source>
        <translation>1 个阶段</translation>
    </message>
    <message>
        <source>%1 stages</source>
        <translation>%1 个阶段</translation>
    </message>
    <message>
        <source>1 RDD</source>
        <translation>1 个 RDD</translation>
    </message>
    <message>
        <source>%1 RDDs</source>
        <translation>%1 个 RDD</translation>
    </message>
    <message>
        <source>1 shuffle</source>
        <translation>1 次 shuffle</translation>
    </message>
    <message>
        <source>%1 shuffles</source>
        <translation>%1 次 shuffle</translation>
    </message>
    <message>
        <source>%1 · batch %2 · %3 [%4] · %5 · %6 · %7</source>
        <translation>%1 · 批次 %2 · %3 [%4] · %5 · %6 · %7</translation>
    </message>
</context>
<context>
    <name>dsl::ui::MainWindow</name>
    <message>
        <source>Run until time…</source>
        <translation>运行到指定时间…</translation>
    </message>
    <message>
        <source>Save input log…</source>
        <translation>保存输入日志…</translation>
    </message>
    <message>
        <source>Every line typed, loaded or auto-typed, as SECONDS&lt;TAB&gt;TEXT (dstreamlab run --input)</source>
        <translation>所有输入、载入或自动输入的行，格式为 秒数&lt;TAB&gt;文本（dstreamlab run --input 可读）</translation>
    </message>
    <message>
        <source>Open input log…</source>
        <translation>打开输入日志…</translation>
    </message>
    <message>
        <source>Run until time</source>
        <translation>运行到指定时间</translation>
    </message>
    <message>
        <source>Run until this simulated time (seconds after the start):</source>
        <translation>运行到此模拟时间（开始后的秒数）：</translation>
    </message>
    <message>
        <source>Save input log</source>
        <translation>保存输入日志</translation>
    </message>
    <message>
        <source>Input logs (*.txt *.input);;All files (*)</source>
        <translation>输入日志 (*.txt *.input);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open input log</source>
        <translation>打开输入日志</translation>
    </message>
    <message>
        <source>Open a PySpark Streaming program</source>
        <translation>打开 PySpark Streaming 程序</translation>
    </message>
    <message>
        <source>Python programs (*.py);;All files (*)</source>
        <translation>Python 程序 (*.py);;所有文件 (*)</translation>
    </message>
    <message>
        <source>DStream Lab</source>
        <translation>DStream Lab</translation>
    </message>
    <message>
        <source>%1 — DStream Lab</source>
        <translation>%1 — DStream Lab</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Step batch</source>
        <translation>单步批次</translation>
    </message>
    <message>
        <source>Step event</source>
        <translation>单步事件</translation>
    </message>
    <message>
        <source>Run the next simulated event only (Shift+→)</source>
        <translation>只运行下一个模拟事件（Shift+→）</translation>
    </message>
    <message>
        <source>Step back</source>
        <translation>后退一批</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Start over; everything typed is kept (Ctrl+R)</source>
        <translation>从头开始；已输入的内容都会保留（Ctrl+R）</translation>
    </message>
    <message>
        <source>Run until batch…</source>
        <translation>运行到指定批次…</translation>
    </message>
    <message>
        <source>Open program…</source>
        <translation>打开程序…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Presenter mode</source>
        <translation>演示模式</translation>
    </message>
    <message>
        <source>Dark theme</source>
        <translation>深色主题</translation>
    </message>
    <message>
        <source>Follow the latest batch</source>
        <translation>跟随最新批次</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>跟随系统语言</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Recent programs</source>
        <translation>最近的程序</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Run control</source>
        <translation>运行控制</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Master</source>
        <translation>主节点 (master)</translation>
    </message>
    <message>
        <source>Batch interval</source>
        <translation>批处理间隔</translation>
    </message>
    <message>
        <source>Block interval</source>
        <translation>块间隔</translation>
    </message>
    <message>
        <source>as fast as possible</source>
        <translation>尽可能快</translation>
    </message>
    <message>
        <source>program&apos;s</source>
        <translation>按程序设置</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>Cores of the simulated Spark (local[1] with a receiver never processes). Changing it restarts the run from its input log.</source>
        <translation>模拟 Spark 的核数（local[1] 加上接收器时永远不会处理数据）。修改后将根据输入日志重新开始运行。</translation>
    </message>
    <message>
        <source>How often a batch is cut. Changing it restarts the run from its input log.</source>
        <translation>多久切分一个批次。修改后将根据输入日志重新开始运行。</translation>
    </message>
    <message>
        <source>spark.streaming.blockInterval: how often the receiver cuts a block (one partition each).</source>
        <translation>spark.streaming.blockInterval：接收器多久切分一个数据块（每个块一个分区）。</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>程序</translation>
    </message>
    <message>
        <source>Terminal: nc -lk 9999</source>
        <translation>终端：nc -lk 9999</translation>
    </message>
    <message>
        <source>Stream timeline: lines → blocks → batches → one RDD per DStream</source>
        <translation>流时间线：数据行 → 数据块 → 批次 → 每个 DStream 一个 RDD</translation>
    </message>
    <message>
        <source>Word counts</source>
        <translation>词频统计</translation>
    </message>
    <message>
        <source>Output (pprint)</source>
        <translation>输出（pprint）</translation>
    </message>
    <message>
        <source>Batch delays</source>
        <translation>批次延迟</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Run until batch</source>
        <translation>运行到指定批次</translation>
    </message>
    <message>
        <source>Run until this many batches have completed:</source>
        <translation>运行直到完成的批次数达到：</translation>
    </message>
    <message>
        <source>The program raised an error: see the marked line and the log.</source>
        <translation>程序抛出了错误：请查看标记的代码行和日志。</translation>
    </message>
    <message>
        <source>Drop a file into the watched directory…</source>
        <translation>向被监视的目录放入文件…</translation>
    </message>
    <message>
        <source>A file for textFileStream: it appears whole now, and the next batch reads it</source>
        <translation>给 textFileStream 的文件：它此刻完整出现，下一批次读取它</translation>
    </message>
    <message>
        <source>Reset lesson progress</source>
        <translation>重置课程进度</translation>
    </message>
    <message>
        <source>Forget the progress of every lesson (steps done, answers, exercises)?</source>
        <translation>清除所有课程的进度（完成的步骤、答题和练习）？</translation>
    </message>
    <message numerus="yes">
        <source>%n lesson file(s) with problems: see the panel</source>
        <translation>
            <numerusform>%n 个课程文件有问题：请看课程面板</numerusform>
        </translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Show lessons</source>
        <translation>显示课程</translation>
    </message>
    <message>
        <source>Show or hide the lesson panel (Ctrl+L)</source>
        <translation>显示或隐藏课程面板（Ctrl+L）</translation>
    </message>
    <message>
        <source>Reset lesson progress…</source>
        <translation>重置课程进度…</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <source>Run or pause simulated time (Space, F5)</source>
        <translation>运行或暂停模拟时间（空格键、F5）</translation>
    </message>
    <message>
        <source>Run until the next batch completes (→, PageDown)</source>
        <translation>运行到下一个批次完成（→、PageDown）</translation>
    </message>
    <message>
        <source>Back one batch: browse the batches already run; nothing runs again (←, PageUp; Home returns)</source>
        <translation>后退一批：浏览已经运行过的批次，不会重新运行（←、PageUp；Home 返回）</translation>
    </message>
    <message>
        <source>Replaces the input log; the run starts over from it when you press Run</source>
        <translation>替换输入日志；按“运行”后从它重新开始运行</translation>
    </message>
    <message>
        <source>Large type and thick lines for a projector (Ctrl+P)</source>
        <translation>大字号、粗线条，适合投影（Ctrl+P）</translation>
    </message>
    <message>
        <source>Full screen presenter mode</source>
        <translation>全屏演示模式</translation>
    </message>
    <message>
        <source>The whole screen in presenter mode; F11 again gives back the window (F11)</source>
        <translation>以演示模式占满整个屏幕；再按一次 F11 恢复原来的窗口（F11）</translation>
    </message>
    <message>
        <source>Back to the run&apos;s latest batch; the timeline follows it again (Home)</source>
        <translation>回到运行的最新批次，时间线重新跟随运行（Home）</translation>
    </message>
    <message>
        <source>Run settings</source>
        <translation>运行设置</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Database…</source>
        <translation>数据库…</translation>
    </message>
    <message>
        <source>Where the program&apos;s pymysql.connect(...) goes: its SQLite file, a MariaDB server, or a server of yours</source>
        <translation>程序的 pymysql.connect(...) 连到哪里：它的 SQLite 文件、一个 MariaDB 服务器，或者你自己的服务器</translation>
    </message>
    <message>
        <source>Kafka</source>
        <translation>Kafka</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Export view as PNG or SVG…</source>
        <translation>将视图导出为 PNG 或 SVG…</translation>
    </message>
    <message>
        <source>The view in front in the bottom tabs, as a picture for slides (Ctrl+E)</source>
        <translation>把底部标签页中当前显示的视图导出为图片，方便放进幻灯片（Ctrl+E）</translation>
    </message>
    <message>
        <source>Export batches as CSV…</source>
        <translation>将批次导出为 CSV…</translation>
    </message>
    <message>
        <source>Every batch kept: its time, records, delays and output operations</source>
        <translation>所有保留的批次：时间、记录数、各项延迟和输出操作</translation>
    </message>
    <message>
        <source>Export event log…</source>
        <translation>导出事件日志…</translation>
    </message>
    <message>
        <source>Spark&apos;s driver log lines of the run, as log4j prints them</source>
        <translation>本次运行的 Spark 驱动程序日志，按 log4j 的格式输出</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>导出%1</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图片 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>No batches yet: run the program first.</source>
        <translation>还没有批次：请先运行程序。</translation>
    </message>
    <message>
        <source>Export batches</source>
        <translation>导出批次</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The event log is empty: run the program first.</source>
        <translation>事件日志是空的：请先运行程序。</translation>
    </message>
    <message>
        <source>Export event log</source>
        <translation>导出事件日志</translation>
    </message>
    <message>
        <source>Log files (*.log *.txt);;All files (*)</source>
        <translation>日志文件 (*.log *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Streaming</source>
        <translation>流式统计 (Streaming)</translation>
    </message>
    <message>
        <source>Lineage</source>
        <translation>血缘</translation>
    </message>
    <message>
        <source>RDD records</source>
        <translation>RDD 记录</translation>
    </message>
    <message>
        <source>Provenance</source>
        <translation>溯源</translation>
    </message>
    <message>
        <source>F&amp;aults</source>
        <translation>故障(&amp;A)</translation>
    </message>
    <message>
        <source>E&amp;xperiments</source>
        <translation>实验(&amp;X)</translation>
    </message>
    <message>
        <source>Compare configurations side by side…</source>
        <translation>并排比较几种配置…</translation>
    </message>
    <message>
        <source>Micro-batch vs record-at-a-time…</source>
        <translation>微批处理与逐条处理对比…</translation>
    </message>
    <message>
        <source>Fault injected: %1</source>
        <translation>已注入故障：%1</translation>
    </message>
    <message>
        <source>kill receiver %1 (%2)</source>
        <translation>杀掉接收器 %1（%2）</translation>
    </message>
    <message>
        <source>No receivers to kill: the program has none</source>
        <translation>没有可杀的接收器：程序没有接收器</translation>
    </message>
    <message>
        <source>kill executor %1</source>
        <translation>杀掉 executor %1</translation>
    </message>
    <message>
        <source>Executors can be killed on a local-cluster[E,C,M] master</source>
        <translation>在 local-cluster[E,C,M] 上才能杀掉 executor</translation>
    </message>
    <message>
        <source>fail the next task (after its function ran)</source>
        <translation>让下一个任务失败（在函数执行之后）</translation>
    </message>
    <message>
        <source>fail the next task</source>
        <translation>让下一个任务失败</translation>
    </message>
    <message>
        <source>kill the driver</source>
        <translation>杀掉 driver</translation>
    </message>
    <message>
        <source>Start the run first: faults hit a running cluster</source>
        <translation>请先开始运行：故障只能作用于运行中的集群</translation>
    </message>
    <message>
        <source>Experiments — %1</source>
        <translation>实验 — %1</translation>
    </message>
    <message>
        <source>Micro-batch vs record-at-a-time</source>
        <translation>微批处理与逐条处理对比</translation>
    </message>
    <message>
        <source>Fault %1: the part is back.</source>
        <translation>故障 %1：这一部分已经恢复。</translation>
    </message>
    <message>
        <source>Fault %1 not applied: %2</source>
        <translation>故障 %1 没有生效：%2</translation>
    </message>
    <message numerus="yes">
        <source>Fault %1: %n record(s) lost; see the Batch tab.</source>
        <translation>
            <numerusform>故障 %1：丢失 %n 条记录；见“批次”页。</numerusform>
        </translation>
    </message>
    <message>
        <source>Fault %1: see the Batch tab and the log.</source>
        <translation>故障 %1：见“批次”页和日志。</translation>
    </message>
    <message>
        <source>Cluster…</source>
        <translation>集群…</translation>
    </message>
    <message>
        <source>Choose local[N] or local-cluster[executors, cores, memory], and kill or slow down the run&apos;s executors</source>
        <translation>选择 local[N] 或 local-cluster[执行器数, 核数, 内存]，并杀掉本次运行的执行器或让它变慢</translation>
    </message>
    <message>
        <source>Master %1: the run starts again from its input log.</source>
        <translation>Master %1：按输入日志重新开始运行。</translation>
    </message>
    <message>
        <source>The driver started again through StreamingContext.getOrCreate and recovered in %1 s: %2 record(s) lost, %3 processed twice; see the Batch tab.</source>
        <translation>驱动程序通过 StreamingContext.getOrCreate 重新启动，用了 %1 秒恢复：丢失 %2 条记录，%3 条被处理了两次；详见“批次”页。</translation>
    </message>
    <message>
        <source>The driver was killed. A program with a checkpoint starts again 5 s later through StreamingContext.getOrCreate; one without ends here.</source>
        <translation>驱动程序被杀掉了。有检查点的程序会在 5 秒后通过 StreamingContext.getOrCreate 重新启动；没有检查点的程序到此结束。</translation>
    </message>
    <message>
        <source>slow down executor %1: its tasks take %2 times as long</source>
        <translation>让执行器 %1 变慢：它的任务耗时变为 %2 倍</translation>
    </message>
</context>
<context>
    <name>dsl::ui::ModelCompareView</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1 lines/s</source>
        <translation>%1 行/秒</translation>
    </message>
    <message>
        <source>Record-&lt;br&gt;at-a-time</source>
        <translation>逐条&lt;br&gt;处理</translation>
    </message>
    <message>
        <source>%1 s&lt;br&gt;batches</source>
        <translation>%1 秒&lt;br&gt;微批</translation>
    </message>
    <message>
        <source>Record-at-a-time (Storm)</source>
        <translation>逐条处理（Storm）</translation>
    </message>
    <message>
        <source>Micro-batch (Spark Streaming)</source>
        <translation>微批处理（Spark Streaming）</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>stable</source>
        <translation>稳定</translation>
    </message>
    <message>
        <source>unstable: falls behind</source>
        <translation>不稳定：处理跟不上</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Batch interval</source>
        <translation>批处理间隔</translation>
    </message>
    <message>
        <source>Mean latency</source>
        <translation>平均延迟</translation>
    </message>
    <message>
        <source>p99 latency</source>
        <translation>p99 延迟</translation>
    </message>
    <message>
        <source>Max throughput</source>
        <translation>最大吞吐量</translation>
    </message>
    <message>
        <source>At %1</source>
        <translation>输入 %1 时</translation>
    </message>
    <message>
        <source>End-to-end latency (log scale)</source>
        <translation>端到端延迟（对数刻度）</translation>
    </message>
    <message>
        <source>Max sustainable throughput, lines/s (given: %1)</source>
        <translation>最大可持续吞吐量，行/秒（当前输入：%1）</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>平均值</translation>
    </message>
    <message>
        <source>99th percentile</source>
        <translation>第 99 百分位</translation>
    </message>
    <message>
        <source>max throughput</source>
        <translation>最大吞吐量</translation>
    </message>
    <message>
        <source>Running both models…</source>
        <translation>正在运行两种模型…</translation>
    </message>
    <message>
        <source>The comparison failed: %1</source>
        <translation>比较失败：%1</translation>
    </message>
    <message>
        <source>Record-at-a-time answers in %1 on average but sustains at most %2. Micro-batches answer in %3 to %4 and sustain up to %5: %6 times as much.</source>
        <translation>逐条处理平均 %1 即可给出结果，但最多只能承受 %2。微批处理需要 %3 到 %4 才给出结果，却能承受多达 %5：是前者的 %6 倍。</translation>
    </message>
    <message>
        <source>Micro-batch vs record-at-a-time: the word count</source>
        <translation>微批处理与逐条处理对比：词频统计</translation>
    </message>
    <message>
        <source>&amp;Cores:</source>
        <translation>核数(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Rate (lines/s):</source>
        <translation>输入速率（行/秒）(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Words per line:</source>
        <translation>每行单词数(&amp;W)：</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Run the word count as Spark Streaming micro-batches and as a Storm-style topology, on simulated time</source>
        <translation>在模拟时间上分别以 Spark Streaming 微批和 Storm 式拓扑运行词频统计</translation>
    </message>
    <message>
        <source>Assumptions</source>
        <translation>假设</translation>
    </message>
</context>
<context>
    <name>dsl::ui::NcInputPanel</name>
    <message>
        <source>Lines typed here go to the socket receiver</source>
        <translation>在这里输入的行会发送给 socket 接收器</translation>
    </message>
    <message>
        <source>type a line, Enter sends it</source>
        <translation>输入一行，按回车发送</translation>
    </message>
    <message>
        <source>Enter sends the line · ↑/↓ history · pasted text sends one record per line</source>
        <translation>回车发送 · ↑/↓ 历史记录 · 粘贴的文本每行作为一条记录发送</translation>
    </message>
    <message>
        <source>● receiver connected</source>
        <translation>● 接收器已连接</translation>
    </message>
    <message>
        <source>● %1</source>
        <translation>● %1</translation>
    </message>
    <message>
        <source>○ waiting for a connection</source>
        <translation>○ 等待连接</translation>
    </message>
    <message>
        <source>   ⟵ not received yet</source>
        <translation>   ⟵ 尚未被接收</translation>
    </message>
    <message>
        <source>Drop a file…</source>
        <translation>放入文件…</translation>
    </message>
    <message>
        <source>textFileStream reads files, not lines: drop one into its directory</source>
        <translation>textFileStream 读取的是文件而不是行：请向它的目录放入一个文件</translation>
    </message>
    <message>
        <source>type a line</source>
        <translation>输入一行</translation>
    </message>
    <message>
        <source>Kafka topic %1</source>
        <translation>Kafka 主题 %1</translation>
    </message>
    <message>
        <source>socket :%1</source>
        <translation>套接字 :%1</translation>
    </message>
    <message>
        <source>Where typed lines go: the socket receiver, or a Kafka topic the program reads</source>
        <translation>输入的行发往哪里：套接字接收器，或程序读取的某个 Kafka 主题</translation>
    </message>
    <message>
        <source>key:value</source>
        <translation>键:值</translation>
    </message>
    <message>
        <source>Split each line at its first &apos;:&apos; into the message&apos;s key and value (kafka-console-producer&apos;s parse.key=true, key.separator=:)</source>
        <translation>在每行第一个“:”处把它拆成消息的键和值（相当于 kafka-console-producer 的 parse.key=true、key.separator=:）</translation>
    </message>
    <message>
        <source>Lines typed here are produced to Kafka topic %1</source>
        <translation>在这里输入的行会作为消息写入 Kafka 主题 %1</translation>
    </message>
    <message>
        <source>No key separator found on line: &apos;%1&apos; (not sent)</source>
        <translation>这一行里找不到键分隔符：“%1”（没有发送）</translation>
    </message>
    <message>
        <source>   ⟵ not produced yet</source>
        <translation>   ⟵ 尚未写入</translation>
    </message>
    <message>
        <source>● broker localhost:9092</source>
        <translation>● 代理 localhost:9092</translation>
    </message>
    <message>
        <source>⇄ class port %1 · %2 connected</source>
        <translation>⇄ 课堂端口 %1 · %2 个已连接</translation>
    </message>
    <message>
        <source>⇄ nc %1: %2</source>
        <translation>⇄ nc %1：%2</translation>
    </message>
    <message>
        <source>⇄ real servers: when the program&apos;s socketTextStream starts</source>
        <translation>⇄ 真实服务器：在程序的 socketTextStream 启动时连接</translation>
    </message>
</context>
<context>
    <name>dsl::ui::NotPySparkBanner</name>
    <message>
        <source>⚠ Not PySpark: %1. DStream Lab offers it, but this program will not run under spark-submit.</source>
        <translation>⚠ 不属于 PySpark：%1。DStream Lab 提供了它，但此程序无法用 spark-submit 运行。</translation>
    </message>
    <message>
        <source>PySpark has no %1: Spark offers it in Scala and Java only (the WARN line in the log says more). `dstreamlab run --strict` makes it an error.</source>
        <translation>PySpark 没有 %1：Spark 只在 Scala 和 Java 中提供它（日志中的 WARN 行有详细说明）。`dstreamlab run --strict` 会把它当作错误。</translation>
    </message>
</context>
<context>
    <name>dsl::ui::OutputOpsModel</name>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message numerus="yes">
        <source>(%n skipped)</source>
        <translation>
            <numerusform>（跳过 %n 个）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n failed)</source>
        <translation>
            <numerusform>（失败 %n 个）</numerusform>
        </translation>
    </message>
    <message>
        <source>Output Op Id</source>
        <translation>输出操作 ID</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Output Op Duration</source>
        <translation>输出操作耗时</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Job Id</source>
        <translation>作业 ID</translation>
    </message>
    <message>
        <source>Job Duration</source>
        <translation>作业耗时</translation>
    </message>
    <message>
        <source>Stages: Succeeded/Total</source>
        <translation>阶段：成功/总数</translation>
    </message>
    <message>
        <source>Tasks (for all stages): Succeeded/Total</source>
        <translation>任务（所有阶段）：成功/总数</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>dsl::ui::PprintConsole</name>
    <message>
        <source>The program&apos;s output (pprint) appears here as batches complete.</source>
        <translation>批次完成后，程序的输出（pprint）会显示在这里。</translation>
    </message>
</context>
<context>
    <name>dsl::ui::ProvenanceLinesModel</name>
    <message>
        <source>(line %1, no longer held)</source>
        <translation>（第 %1 行，已不再保留）</translation>
    </message>
    <message>
        <source>Typed at</source>
        <translation>输入时间</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>输入行</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>数据块</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
</context>
<context>
    <name>dsl::ui::ProvenanceUsesModel</name>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>DStream</source>
        <translation>DStream</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
</context>
<context>
    <name>dsl::ui::ProvenanceView</name>
    <message>
        <source>Nothing to trace yet: run the program, then double-click a word count or a record.</source>
        <translation>还没有可追溯的结果：先运行程序，再双击一个单词计数或一条记录。</translation>
    </message>
    <message>
        <source>%1 in %2 at %3</source>
        <translation>%1 · %2 · 批次 %3</translation>
    </message>
    <message>
        <source>Through: %1</source>
        <translation>经过：%1</translation>
    </message>
    <message>
        <source>Not traced past %1: it may change keys or read several records at once, so its output cannot be tied to single typed lines.</source>
        <translation>无法越过 %1 继续追溯：它可能改变键，或一次读取多条记录，所以它的输出无法对应到单独的输入行。</translation>
    </message>
    <message>
        <source>Not traced: no stream upstream holds typed lines (Kafka, queue and file streams are not traced).</source>
        <translation>无法追溯：上游没有保存输入行的流（Kafka、队列和文件流不做追溯）。</translation>
    </message>
    <message>
        <source>No typed line in the batches this result covers produced &apos;%1&apos;.</source>
        <translation>这个结果覆盖的批次中，没有任何输入行产生“%1”。</translation>
    </message>
    <message numerus="yes">
        <source>It came from %n typed line(s)</source>
        <translation>
            <numerusform>它来自 %n 行输入</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n record(s) of its key).</source>
        <translation>
            <numerusform>（该键共 %n 条记录）。</numerusform>
        </translation>
    </message>
    <message>
        <source>It carries state: every batch since the start counts.</source>
        <translation>它带有状态：从开始以来的每个批次都算在内。</translation>
    </message>
    <message numerus="yes">
        <source>A window: the %n batches from %1 to %2 count.</source>
        <translation>
            <numerusform>窗口：从 %1 到 %2 的 %n 个批次算在内。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more line(s) beyond what is kept.</source>
        <translation>
            <numerusform>另有 %n 行超出保留范围。</numerusform>
        </translation>
    </message>
    <message>
        <source>Pick a typed line to see what it became.</source>
        <translation>选择一行输入，看看它变成了什么。</translation>
    </message>
    <message>
        <source>Line %1 &quot;%2&quot;, typed at %3</source>
        <translation>第 %1 行“%2”，输入于 %3</translation>
    </message>
    <message>
        <source>Line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>No batch kept in full has read it (not received yet, or its batch is a summary now).</source>
        <translation>没有完整保留的批次读取过它（尚未接收，或它所在的批次现在只剩摘要）。</translation>
    </message>
    <message>
        <source>Read by the batch of %1, in block %2.</source>
        <translation>由批次 %1 读取，位于数据块 %2。</translation>
    </message>
    <message>
        <source>%1 made: %2</source>
        <translation>%1 产生：%2</translation>
    </message>
    <message>
        <source>Results that hold it (double-click to trace one back):</source>
        <translation>包含它的结果（双击可反向追溯）：</translation>
    </message>
    <message numerus="yes">
        <source>%n more not listed.</source>
        <translation>
            <numerusform>另有 %n 个未列出。</numerusform>
        </translation>
    </message>
    <message>
        <source>Back to the previous trace (Alt+Left)</source>
        <translation>回到上一个追溯（Alt+←）</translation>
    </message>
    <message>
        <source>Forward (Alt+Right)</source>
        <translation>前进（Alt+→）</translation>
    </message>
    <message>
        <source>Double-click a word count or a record in the RDD records tab to trace it. Pick a line here to follow it forward.</source>
        <translation>双击单词计数或“RDD 记录”标签页中的一条记录即可追溯它；在这里选择一行，可以顺着它向后追踪。</translation>
    </message>
    <message>
        <source>Row %1 of table %2 (key &apos;%3&apos;)</source>
        <translation>表 %2 的第 %1 行（键“%3”）</translation>
    </message>
    <message numerus="yes">
        <source>Written by the tasks of %n batch(es): %1.</source>
        <translation>
            <numerusform>由 %n 个批次的任务写入：%1。</numerusform>
        </translation>
    </message>
    <message>
        <source>No task of this run wrote it (it was there before, or the driver wrote it).</source>
        <translation>本次运行中没有任务写过它（它原本就在，或由驱动程序写入）。</translation>
    </message>
    <message>
        <source>This row is in no batch kept in full.</source>
        <translation>完整保留的批次中都没有这一行。</translation>
    </message>
    <message numerus="yes">
        <source>Only summaries are kept of %n earlier batch(es): their lines are not listed.</source>
        <translation>
            <numerusform>有 %n 个较早的批次只保留了摘要：其中的输入行未列出。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dsl::ui::RddRecordsPanel</name>
    <message>
        <source>Lineage (toDebugString)</source>
        <translation>血统（toDebugString）</translation>
    </message>
    <message>
        <source>Click an RDD box in the timeline to see its records and lineage.</source>
        <translation>点击时间线中的 RDD 方框，查看它的记录和血统。</translation>
    </message>
    <message>
        <source>not computed yet: RDDs are lazy, the batch&apos;s job computes it</source>
        <translation>尚未计算：RDD 是惰性的，由该批次的作业来计算</translation>
    </message>
    <message>
        <source>records no longer available</source>
        <translation>记录已不可用</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>… %1 more</source>
        <translation>… 还有 %1 条</translation>
    </message>
    <message>
        <source>1 record</source>
        <translation>1 条记录</translation>
    </message>
    <message>
        <source>%1 records</source>
        <translation>%1 条记录</translation>
    </message>
    <message>
        <source>1 partition</source>
        <translation>1 个分区</translation>
    </message>
    <message>
        <source>%1 partitions</source>
        <translation>%1 个分区</translation>
    </message>
    <message>
        <source>%1 · batch %2 · %3[%4] · %5 · %6</source>
        <translation>%1 · 批次 %2 · %3[%4] · %5 · %6</translation>
    </message>
    <message>
        <source>%1 records in the %2 of %3 partitions a job computed: the others were never needed (take() in pprint stops once it has its records)</source>
        <translation>作业计算了 %3 个分区中的 %2 个，共 %1 条记录；其余分区从未被需要（pprint 的 take() 拿够记录就停止）</translation>
    </message>
    <message>
        <source>not computed: no job of this batch needed it (RDDs are lazy)</source>
        <translation>未计算：这个批次没有作业需要它（RDD 是惰性的）</translation>
    </message>
    <message>
        <source>(%1 of %2 partitions not computed)</source>
        <translation>（%2 个分区中有 %1 个未计算）</translation>
    </message>
    <message>
        <source>Where did this come from?</source>
        <translation>这是从哪里来的？</translation>
    </message>
</context>
<context>
    <name>dsl::ui::RealSocketsActions</name>
    <message>
        <source>Cannot open the class port %1:%2: %3</source>
        <translation>无法打开课堂端口 %1:%2：%3</translation>
    </message>
    <message>
        <source>1 line</source>
        <translation>1 行</translation>
    </message>
    <message>
        <source>%1 lines</source>
        <translation>%1 行</translation>
    </message>
    <message>
        <source>Class port %1 · %2 connected · %3</source>
        <translation>课堂端口 %1 · %2 个已连接 · %3</translation>
    </message>
    <message>
        <source>%1 refused</source>
        <translation>%1 个被拒绝</translation>
    </message>
    <message>
        <source>nc %1: %2</source>
        <translation>nc %1：%2</translation>
    </message>
    <message>
        <source>Real servers: when the program&apos;s socketTextStream starts</source>
        <translation>真实服务器：在程序的 socketTextStream 启动时连接</translation>
    </message>
    <message>
        <source>1 line waiting</source>
        <translation>1 行等待中</translation>
    </message>
    <message>
        <source>%1 lines waiting</source>
        <translation>%1 行等待中</translation>
    </message>
    <message>
        <source>Close the class port %1</source>
        <translation>关闭课堂端口 %1</translation>
    </message>
    <message>
        <source>Open the class port…</source>
        <translation>打开课堂端口…</translation>
    </message>
    <message>
        <source>Students connect with nc or telnet and type; each line enters the run as if typed into the nc panel, which shows who sent it. Only data: nothing sent is read as a command</source>
        <translation>学生用 nc 或 telnet 连接并输入；每一行都如同在 nc 面板中输入一样进入运行，面板会显示是谁发送的。只是数据：发送的任何内容都不会被当作命令</translation>
    </message>
    <message>
        <source>Connect sockets to real servers (nc -lk)</source>
        <translation>将套接字连接到真实服务器（nc -lk）</translation>
    </message>
    <message>
        <source>Each socketTextStream(host, port) of the program connects to a real server on this computer (start one with nc -lk PORT), as Spark&apos;s receiver does, trying again every 2 s; what it sends enters the run at the current time</source>
        <translation>程序的每个 socketTextStream(host, port) 都像 Spark 的接收器那样连接到本机上的真实服务器（用 nc -lk PORT 启动一个），每 2 秒重试一次；它发送的内容在当前时间进入运行</translation>
    </message>
</context>
<context>
    <name>dsl::ui::RunStatusStrip</name>
    <message>
        <source>simulated time</source>
        <translation>模拟时间</translation>
    </message>
    <message>
        <source>batch %1</source>
        <translation>第 %1 批</translation>
    </message>
    <message>
        <source>batches completed</source>
        <translation>已完成的批次数</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>未启动</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>启动中…</translation>
    </message>
    <message>
        <source>ready: Space runs, → steps one batch</source>
        <translation>就绪：空格键运行，→ 单步一个批次</translation>
    </message>
    <message>
        <source>running at %1×</source>
        <translation>以 %1× 速度运行</translation>
    </message>
    <message>
        <source>running as fast as possible</source>
        <translation>尽可能快地运行</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>replaying…</source>
        <translation>重放中…</translation>
    </message>
    <message>
        <source>program ended</source>
        <translation>程序已结束</translation>
    </message>
    <message>
        <source>program failed (line %1)</source>
        <translation>程序出错（第 %1 行）</translation>
    </message>
    <message>
        <source>batch interval %1</source>
        <translation>批处理间隔 %1</translation>
    </message>
    <message>
        <source>%1 · 1 core</source>
        <translation>%1 · 1 个核</translation>
    </message>
    <message>
        <source>%1 · %2 cores</source>
        <translation>%1 · %2 个核</translation>
    </message>
    <message>
        <source>1 receiver</source>
        <translation>1 个接收器</translation>
    </message>
    <message>
        <source>%1 receivers</source>
        <translation>%1 个接收器</translation>
    </message>
    <message>
        <source>The program ended, so its StreamingContext is stopped (Spark&apos;s shutdown hook).</source>
        <translation>程序已结束，StreamingContext 随之停止（Spark 的关闭钩子）。</translation>
    </message>
    <message>
        <source>StreamingContext state</source>
        <translation>StreamingContext 状态</translation>
    </message>
    <message>
        <source>replaying %v / %m batches</source>
        <translation>正在重放 %v / %m 个批次</translation>
    </message>
    <message>
        <source>history: batch %1 of %2 · → forward · Home: back to the run</source>
        <translation>历史：第 %1 批（共 %2 批）· → 前进 · Home：回到运行处</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>INITIALIZED</source>
        <comment>StreamingContext state: keep Spark&apos;s name</comment>
        <translation>已初始化 (INITIALIZED)</translation>
    </message>
    <message>
        <source>ACTIVE</source>
        <comment>StreamingContext state: keep Spark&apos;s name</comment>
        <translation>运行中 (ACTIVE)</translation>
    </message>
    <message>
        <source>STOPPED</source>
        <comment>StreamingContext state: keep Spark&apos;s name</comment>
        <translation>已停止 (STOPPED)</translation>
    </message>
</context>
<context>
    <name>dsl::ui::SimulationController</name>
    <message>
        <source>The auto-typer&apos;s rate must be between %1 and %2 lines/s.</source>
        <translation>自动输入的速率必须在每秒 %1 到 %2 行之间。</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n input line(s).</source>
        <translation>
            <numerusform>已保存 %n 行输入。</numerusform>
        </translation>
    </message>
    <message>
        <source>The program has ended. Reset to run it again.</source>
        <translation>程序已结束。请重置后再次运行。</translation>
    </message>
    <message>
        <source>Settings changed: the run restarts from its input log.</source>
        <translation>设置已更改：将根据输入日志重新开始运行。</translation>
    </message>
    <message>
        <source>Input log loaded: Run or Step batch replays the program from it.</source>
        <translation>已载入输入日志：按“运行”或“单步批次”即从它重放程序。</translation>
    </message>
    <message>
        <source>The auto-producer&apos;s rate must be between %1 and %2 messages/s per partition, and %3 in all.</source>
        <translation>自动生产的速率必须在每个分区 %1 到 %2 条/秒之间，总计不超过 %3 条/秒。</translation>
    </message>
    <message>
        <source>Kafka refuses the topic name &quot;%1&quot;.</source>
        <translation>Kafka 不接受主题名“%1”。</translation>
    </message>
</context>
<context>
    <name>dsl::ui::SocketSourceModel</name>
    <message>
        <source>nc at %1</source>
        <translation>%1 上的 nc</translation>
    </message>
    <message>
        <source>student %1 (%2)</source>
        <translation>学生 %1（%2）</translation>
    </message>
    <message>
        <source>student %1</source>
        <translation>学生 %1</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>retrying every 2 s</source>
        <translation>每 2 秒重试</translation>
    </message>
    <message>
        <source>not connected: not this computer</source>
        <translation>未连接：不是本机</translation>
    </message>
    <message>
        <source>left</source>
        <translation>已离开</translation>
    </message>
    <message>
        <source>%1 (%2 flagged)</source>
        <translation>%1（%2 行已标记）</translation>
    </message>
    <message>
        <source>A real server (nc -lk) the program&apos;s socketTextStream connects to</source>
        <translation>程序的 socketTextStream 所连接的真实服务器（nc -lk）</translation>
    </message>
    <message>
        <source>%1: a connection to the class port from %2; its lines go to the program&apos;s socket as if typed here</source>
        <translation>%1：来自 %2 的课堂端口连接；它的行如同在这里输入一样进入程序的套接字</translation>
    </message>
    <message>
        <source>Lines that entered the run; flagged: cut at the line limit or with invalid UTF-8 replaced</source>
        <translation>进入运行的行数；已标记：在行长度限制处被截断，或无效的 UTF-8 已被替换</translation>
    </message>
    <message>
        <source>left: %1</source>
        <translation>已离开：%1</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>dsl::ui::StatisticsChart</name>
    <message>
        <source>Timelines (Last %1 batches, %2 active, %3 completed)</source>
        <translation>时间线（最近 %1 个批次：%2 个活动，%3 个已完成）</translation>
    </message>
    <message>
        <source>Histograms</source>
        <translation>直方图</translation>
    </message>
    <message>
        <source>#batches</source>
        <translation>个批次</translation>
    </message>
    <message>
        <source>stable</source>
        <translation>稳定</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>sec</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>min</source>
        <translation>分钟</translation>
    </message>
    <message>
        <source>hrs</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>Input Rate</source>
        <translation>输入速率</translation>
    </message>
    <message>
        <source>records/sec</source>
        <translation>条记录/秒</translation>
    </message>
    <message>
        <source>Scheduling Delay</source>
        <translation>调度延迟</translation>
    </message>
    <message>
        <source>Processing Time</source>
        <translation>处理时间</translation>
    </message>
    <message>
        <source>Total Delay</source>
        <translation>总延迟</translation>
    </message>
    <message>
        <source>%1 %2 at %3</source>
        <translation>批次 %3：%1 %2</translation>
    </message>
    <message>
        <source>The batch failed (an output operation raised).</source>
        <translation>该批次失败（有输出操作抛出了异常）。</translation>
    </message>
    <message>
        <source>%1 batches (%2%) between %3 and %4 %5</source>
        <translation>%1 个批次（%2%）介于 %3 与 %4 %5 之间</translation>
    </message>
    <message>
        <source>Show/hide details of each receiver</source>
        <translation>显示/隐藏每个接收器的详情</translation>
    </message>
    <message>
        <source>Export PNG...</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <source>Export SVG...</source>
        <translation>导出 SVG…</translation>
    </message>
    <message>
        <source>Export SVG</source>
        <translation>导出 SVG</translation>
    </message>
    <message>
        <source>Export PNG</source>
        <translation>导出 PNG</translation>
    </message>
    <message>
        <source>SVG images (*.svg)</source>
        <translation>SVG 图像 (*.svg)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Streaming Statistics</source>
        <translation>Streaming 统计</translation>
    </message>
    <message>
        <source>Time taken by Streaming scheduler to submit jobs of a batch</source>
        <translation>Streaming 调度器提交一个批次的作业所用的时间</translation>
    </message>
    <message>
        <source>Time taken to process all jobs of a batch</source>
        <translation>处理一个批次全部作业所用的时间</translation>
    </message>
    <message>
        <source>Total time taken to handle a batch</source>
        <translation>处理一个批次所用的总时间</translation>
    </message>
    <message>
        <source>Processing Time &lt;= Batch Interval (%1)</source>
        <translation>处理时间 ≤ 批次间隔（%1）</translation>
    </message>
    <message>
        <source>Estimated rate (backpressure)</source>
        <translation>估计速率（背压）</translation>
    </message>
    <message>
        <source>Latest: %1 records/sec</source>
        <translation>最新：%1 条记录/秒</translation>
    </message>
    <message>
        <source>With spark.streaming.backpressure.enabled, each input stream&apos;s rate controller estimates from every completed batch how many records per second the job can process; the receiver then accepts at most that many.</source>
        <translation>启用 spark.streaming.backpressure.enabled 后，每个输入流的速率控制器根据每个完成的批次估计作业每秒能处理多少条记录；接收器随后每秒最多只接收这么多。</translation>
    </message>
    <message>
        <source>Estimated rate</source>
        <translation>估计速率</translation>
    </message>
    <message>
        <source>%1 (estimated)</source>
        <translation>%1（估计）</translation>
    </message>
    <message>
        <source>batch interval %1</source>
        <translation>批处理间隔 %1</translation>
    </message>
    <message>
        <source>sum of maxRate %1 records/s</source>
        <translation>maxRate 之和 %1 条记录/秒</translation>
    </message>
    <message>
        <source>maxRate %1 records/s</source>
        <translation>maxRate %1 条记录/秒</translation>
    </message>
</context>
<context>
    <name>dsl::ui::StreamTimelineView</name>
    <message>
        <source>Press Run (Space, F5) or Step batch (→, PageDown). Each batch of the stream becomes one RDD per DStream.</source>
        <translation>按“运行”（空格键、F5）或“单步批次”（→、PageDown）。流的每个批次都会为每个 DStream 生成一个 RDD。</translation>
    </message>
</context>
<context>
    <name>dsl::ui::StreamingStatisticsView</name>
    <message>
        <source>Spark&apos;s Streaming tab: the batches&apos; statistics appear once the StreamingContext has started.</source>
        <translation>Spark 的 Streaming 页：StreamingContext 启动后，这里显示各批次的统计。</translation>
    </message>
    <message>
        <source>Running Batches (%1)</source>
        <translation>运行中的批次（%1）</translation>
    </message>
    <message>
        <source>Waiting Batches (%1)</source>
        <translation>等待中的批次（%1）</translation>
    </message>
    <message>
        <source>Completed Batches (last %1 out of %2)</source>
        <translation>已完成的批次（共 %2 个，显示最近 %1 个）</translation>
    </message>
    <message>
        <source>Over the last %1 completed batches with records: unstable when the scheduling delay grew at every batch, or when processing took longer than the batch interval on average (the rule of dstreamlab run --compare).</source>
        <translation>看最近 %1 个有数据的已完成批次：若调度延迟每个批次都在增长，或平均处理时间超过批处理间隔，则为不稳定（与 dstreamlab run --compare 的规则相同）。</translation>
    </message>
</context>
<context>
    <name>dsl::ui::TaskTimelineView</name>
    <message>
        <source>core %1 · receiver %2</source>
        <translation>核 %1 · 接收器 %2</translation>
    </message>
    <message>
        <source>Task %1.%2 in stage %3 (TID %4) on core %5</source>
        <translation>阶段 %3 的任务 %1.%2（TID %4），在核 %5 上</translation>
    </message>
    <message numerus="yes">
        <source>%1 → %2 (%3), %n records read</source>
        <translation>
            <numerusform>%1 → %2（%3），读取 %n 条记录</numerusform>
        </translation>
    </message>
    <message>
        <source>This attempt failed; Spark ran it again.</source>
        <translation>这次尝试失败了，Spark 重新运行了它。</translation>
    </message>
    <message>
        <source>No tasks: select a completed batch</source>
        <translation>没有任务：请选择一个已完成的批次</translation>
    </message>
    <message>
        <source>core %1</source>
        <translation>核 %1</translation>
    </message>
    <message>
        <source>executor %1 · core %2</source>
        <translation>executor %1 · 核 %2</translation>
    </message>
</context>
<context>
    <name>dsl::ui::WordCountModel</name>
    <message>
        <source>Word</source>
        <translation>单词</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>次数</translation>
    </message>
</context>
<context>
    <name>dsl::ui::WordCountPanel</name>
    <message>
        <source>No batch completed yet</source>
        <translation>还没有完成的批次</translation>
    </message>
    <message>
        <source>Counts appear when a batch completes.</source>
        <translation>批次完成后会显示统计结果。</translation>
    </message>
    <message>
        <source>No (word, count) records in batch %1.</source>
        <translation>批次 %1 中没有 (单词, 次数) 记录。</translation>
    </message>
    <message>
        <source>This batch</source>
        <translation>本批次</translation>
    </message>
    <message>
        <source>Running totals</source>
        <translation>累计总数</translation>
    </message>
    <message>
        <source>Window (%1)</source>
        <translation>窗口（%1）</translation>
    </message>
    <message>
        <source>Running totals after batch %1</source>
        <translation>批次 %1 之后的累计总数</translation>
    </message>
    <message>
        <source>Window ending %1</source>
        <translation>截至 %1 的窗口</translation>
    </message>
    <message>
        <source>Batch %1</source>
        <translation>批次 %1</translation>
    </message>
    <message>
        <source>%1 of %2 partitions computed</source>
        <translation>已计算 %2 个分区中的 %1 个</translation>
    </message>
    <message>
        <source>&lt;a href=&quot;#last&quot;&gt;Show batch %1&lt;/a&gt;, the last with words</source>
        <translation>&lt;a href=&quot;#last&quot;&gt;查看批次 %1&lt;/a&gt;（最近一个有单词的批次）</translation>
    </message>
    <message>
        <source>Batch %1 is empty: no line arrived in its interval.</source>
        <translation>批次 %1 为空：这个批处理间隔内没有收到任何一行。</translation>
    </message>
    <message>
        <source>Where did this come from?</source>
        <translation>这是从哪里来的？</translation>
    </message>
    <message>
        <source>Double-click a word to trace it back to the lines typed.</source>
        <translation>双击一个单词，把它追溯回输入的那些行。</translation>
    </message>
</context>
</TS>
