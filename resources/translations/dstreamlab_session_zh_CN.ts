<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SessionJournal</name>
    <message>
        <source>not a JSON object (%1 at column %2)</source>
        <translation>不是 JSON 对象（第 %2 列：%1）</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>不是 JSON 对象</translation>
    </message>
    <message>
        <source>not a DStream Lab session journal (its first line must be the session header)</source>
        <translation>不是 DStream Lab 会话日志（第一行必须是会话头）</translation>
    </message>
    <message>
        <source>unknown operation &quot;%1&quot;</source>
        <translation>未知操作“%1”</translation>
    </message>
    <message>
        <source>missing or bad field &quot;%1&quot;</source>
        <translation>字段“%1”缺失或有误</translation>
    </message>
    <message>
        <source>journal format %1 is newer than this DStream Lab reads (%2)</source>
        <translation>会话日志格式 %1 比此版本 DStream Lab 能读取的格式（%2）更新</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the session journal</source>
        <translation>无法为会话日志创建文件夹 %1</translation>
    </message>
    <message>
        <source>Cannot lock %1</source>
        <translation>无法锁定 %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Cannot sync %1 to disk</source>
        <translation>无法将 %1 同步到磁盘</translation>
    </message>
    <message>
        <source>%1: cannot read: %2</source>
        <translation>%1：无法读取：%2</translation>
    </message>
    <message>
        <source>%1:%2: %3</source>
        <translation>%1:%2: %3</translation>
    </message>
</context>
<context>
    <name>dsl::session::ProgramSession</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not an input log: %2</source>
        <translation>%1 不是输入日志：%2</translation>
    </message>
</context>
</TS>
