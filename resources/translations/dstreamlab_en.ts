<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>RestorePrompt</name>
    <message numerus="yes">
        <source>DStream Lab did not close properly. Restore the last session (program %1, %n input line(s))?</source>
        <translation>
            <numerusform>DStream Lab did not close properly. Restore the last session (program %1, %n input line)?</numerusform>
            <numerusform>DStream Lab did not close properly. Restore the last session (program %1, %n input lines)?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dsl::ui::AutoTyperBar</name>
    <message numerus="yes">
        <source>Messages per second for each of the topic&apos;s %n partition(s), in simulated time</source>
        <translation>
            <numerusform>Messages per second for each of the topic's %n partition, in simulated time</numerusform>
            <numerusform>Messages per second for each of the topic's %n partitions, in simulated time</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dsl::ui::BatchDetailView</name>
    <message numerus="yes">
        <source>%1 [%2]: %n block(s),</source>
        <translation>
            <numerusform>%1 [%2]: %n block,</numerusform>
            <numerusform>%1 [%2]: %n blocks,</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n records</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n records</source>
        <translation>
            <numerusform>%1: %n record</numerusform>
            <numerusform>%1: %n records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Bottleneck: stage %1 (%2) took the most core time, %3 in %n tasks.</source>
        <translation>
            <numerusform>Bottleneck: stage %1 (%2) took the most core time, %3 in %n task.</numerusform>
            <numerusform>Bottleneck: stage %1 (%2) took the most core time, %3 in %n tasks.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n core(s) ran no task of this batch.</source>
        <translation>
            <numerusform>%n core ran no task of this batch.</numerusform>
            <numerusform>%n cores ran no task of this batch.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Input data size: %n records</source>
        <translation>
            <numerusform>Input data size: %n records</numerusform>
            <numerusform>Input data size: %n records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n running task(s) lost with the executor ran again elsewhere.</source>
        <translation>
            <numerusform>%n running task lost with the executor ran again elsewhere.</numerusform>
            <numerusform>%n running tasks lost with the executor ran again elsewhere.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) lost: received, not yet stored in a block</source>
        <translation>
            <numerusform>%n record lost: received, not yet stored in a block</numerusform>
            <numerusform>%n records lost: received, not yet stored in a block</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Lost with the old driver: %n record(s) its receiver %1 had received but not yet stored: %2.</source>
        <translation>
            <numerusform>Lost with the old driver: %n record its receiver %1 had received but not yet stored: %2.</numerusform>
            <numerusform>Lost with the old driver: %n records its receiver %1 had received but not yet stored: %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Processed twice: the %n record(s) of the block cut at %1 (%2) were read back from the write-ahead log, and the old driver had already completed this batch with them: %3 saw them in both drivers.</source>
        <translation>
            <numerusform>Processed twice: the %n record of the block cut at %1 (%2) were read back from the write-ahead log, and the old driver had already completed this batch with them: %3 saw them in both drivers.</numerusform>
            <numerusform>Processed twice: the %n records of the block cut at %1 (%2) were read back from the write-ahead log, and the old driver had already completed this batch with them: %3 saw them in both drivers.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Lost with the old driver: the %n record(s) of the block cut at %1 (%2) were in its executors&apos; memory only (no write-ahead log); %3 never saw them.</source>
        <translation>
            <numerusform>Lost with the old driver: the %n record of the block cut at %1 (%2) were in its executors' memory only (no write-ahead log); %3 never saw them.</numerusform>
            <numerusform>Lost with the old driver: the %n records of the block cut at %1 (%2) were in its executors' memory only (no write-ahead log); %3 never saw them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dsl::ui::EventLogView</name>
    <message numerus="yes">
        <source>stderr (%n lines)</source>
        <translation>
            <numerusform>stderr (%n line)</numerusform>
            <numerusform>stderr (%n lines)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dsl::ui::KafkaMessageBrowser</name>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n message</numerusform>
            <numerusform>%n messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n read by the batch shown (marked)</source>
        <translation>
            <numerusform>%n read by the batch shown (marked)</numerusform>
            <numerusform>%n read by the batch shown (marked)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dsl::ui::KafkaTableModel</name>
    <message numerus="yes">
        <source>The batch read offsets %1 to %2 of %3 (its OffsetRange; the last one excluded): %n message(s)</source>
        <translation>
            <numerusform>The batch read offsets %1 to %2 of %3 (its OffsetRange; the last one excluded): %n message</numerusform>
            <numerusform>The batch read offsets %1 to %2 of %3 (its OffsetRange; the last one excluded): %n messages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dsl::ui::LessonListModel</name>
    <message numerus="yes">
        <source>%1/%2 steps · %n right</source>
        <translation>
            <numerusform>%1/%2 steps · %n right</numerusform>
            <numerusform>%1/%2 steps · %n right</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dsl::ui::LessonPanel</name>
    <message numerus="yes">
        <source>Step %1 of %2  ·  %3 done  ·  %n right</source>
        <translation>
            <numerusform>Step %1 of %2  ·  %3 done  ·  %n right</numerusform>
            <numerusform>Step %1 of %2  ·  %3 done  ·  %n right</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dsl::ui::MainWindow</name>
    <message numerus="yes">
        <source>%n lesson file(s) with problems: see the panel</source>
        <translation>
            <numerusform>%n lesson file with problems: see the panel</numerusform>
            <numerusform>%n lesson files with problems: see the panel</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Fault %1: %n record(s) lost; see the Batch tab.</source>
        <translation>
            <numerusform>Fault %1: %n record lost; see the Batch tab.</numerusform>
            <numerusform>Fault %1: %n records lost; see the Batch tab.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dsl::ui::OutputOpsModel</name>
    <message numerus="yes">
        <source>(%n skipped)</source>
        <translation>
            <numerusform>(%n skipped)</numerusform>
            <numerusform>(%n skipped)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n failed)</source>
        <translation>
            <numerusform>(%n failed)</numerusform>
            <numerusform>(%n failed)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dsl::ui::ProvenanceView</name>
    <message numerus="yes">
        <source>Written by the tasks of %n batch(es): %1.</source>
        <translation>
            <numerusform>Written by the tasks of %n batch: %1.</numerusform>
            <numerusform>Written by the tasks of %n batches: %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>It came from %n typed line(s)</source>
        <translation>
            <numerusform>It came from %n typed line</numerusform>
            <numerusform>It came from %n typed lines</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n record(s) of its key).</source>
        <translation>
            <numerusform>(%n record of its key).</numerusform>
            <numerusform>(%n records of its key).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A window: the %n batches from %1 to %2 count.</source>
        <translation>
            <numerusform>A window: the %n batch from %1 to %2 count.</numerusform>
            <numerusform>A window: the %n batches from %1 to %2 count.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more line(s) beyond what is kept.</source>
        <translation>
            <numerusform>%n more line beyond what is kept.</numerusform>
            <numerusform>%n more lines beyond what is kept.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more not listed.</source>
        <translation>
            <numerusform>%n more not listed.</numerusform>
            <numerusform>%n more not listed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Only summaries are kept of %n earlier batch(es): their lines are not listed.</source>
        <translation>
            <numerusform>Only summaries are kept of %n earlier batch: their lines are not listed.</numerusform>
            <numerusform>Only summaries are kept of %n earlier batches: their lines are not listed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dsl::ui::SimulationController</name>
    <message numerus="yes">
        <source>Saved %n input line(s).</source>
        <translation>
            <numerusform>Saved %n input line.</numerusform>
            <numerusform>Saved %n input lines.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dsl::ui::TaskTimelineView</name>
    <message numerus="yes">
        <source>%1 → %2 (%3), %n records read</source>
        <translation>
            <numerusform>%1 → %2 (%3), %n record read</numerusform>
            <numerusform>%1 → %2 (%3), %n records read</numerusform>
        </translation>
    </message>
</context>
</TS>
