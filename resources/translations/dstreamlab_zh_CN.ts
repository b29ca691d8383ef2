<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
        <source>Replaces the input log and runs the program again from it</source>
        <translation>替换输入日志，并据此重新运行程序</translation>
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
        <source>Run or pause simulated time (Space)</source>
        <translation>运行或暂停模拟时间（空格键）</translation>
    </message>
    <message>
        <source>Step batch</source>
        <translation>单步批次</translation>
    </message>
    <message>
        <source>Run until the next batch completes (→)</source>
        <translation>运行到下一个批次完成（→）</translation>
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
        <source>Large type and thick lines for a projector (F11, Ctrl+P)</source>
        <translation>适合投影的大字体和粗线条（F11、Ctrl+P）</translation>
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
        <translation>Master</translation>
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
        <source>RDD records and lineage</source>
        <translation>RDD 记录与血统</translation>
    </message>
    <message>
        <source>Log (stderr)</source>
        <translation>日志（stderr）</translation>
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
        <source>Back one batch: browse the batches already run; nothing runs again (←, Home returns)</source>
        <translation>后退一批：浏览已经运行过的批次，不会重新运行（←，Home 返回）</translation>
    </message>
    <message>
        <source>Drop a file into the watched directory…</source>
        <translation>向被监视的目录放入文件…</translation>
    </message>
    <message>
        <source>A file for textFileStream: it appears whole now, and the next batch reads it</source>
        <translation>给 textFileStream 的文件：它此刻完整出现，下一批次读取它</translation>
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
    <name>dsl::ui::PprintConsole</name>
    <message>
        <source>The program&apos;s output (pprint) appears here as batches complete.</source>
        <translation>批次完成后，程序的输出（pprint）会显示在这里。</translation>
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
        <source>Input log loaded: the run restarts from it.</source>
        <translation>已载入输入日志：将据此重新开始运行。</translation>
    </message>
    <message>
        <source>The program has ended. Reset to run it again.</source>
        <translation>程序已结束。请重置后再次运行。</translation>
    </message>
    <message>
        <source>Settings changed: the run restarts from its input log.</source>
        <translation>设置已更改：将根据输入日志重新开始运行。</translation>
    </message>
</context>
<context>
    <name>dsl::ui::StreamTimelineView</name>
    <message>
        <source>Press Run (Space) or Step batch (→). Each batch of the stream becomes one RDD per DStream.</source>
        <translation>按“运行”（空格键）或“单步批次”（→）。流的每个批次都会为每个 DStream 生成一个 RDD。</translation>
    </message>
    <message>
        <source>End: follow the run</source>
        <translation>End 键：跟随运行</translation>
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
</context>
</TS>
