// PythonRuntime::interruptProgram: the dashboard's Stop for a program stuck in its own loop.
//
// The program never calls a simulated wait, so the host's pacer never runs; another thread
// (the GUI's) calls interruptProgram(), and the program must end as Ctrl-C ends it: exit
// status Raised and the one "interrupted" line, the input log kept.
#ifndef Q_MOC_RUN // moc chokes on the system headers pybind11's include path brings in
#include "engine/python/pyruntime.h"
#endif

#include <QTest>

#include <chrono>
#include <thread>

using namespace dsl;

class TestPyInterrupt : public QObject {
    Q_OBJECT

private slots:
    void interruptProgram_data()
    {
        QTest::addColumn<QString>("source");
        QTest::newRow("top-level-busy-loop") << QStringLiteral("print('spinning')\nwhile True:\n    pass\n");
        QTest::newRow("top-level-loop-in-a-function")
            << QStringLiteral("def spin():\n    n = 0\n    while True:\n        n += 1\nspin()\n");
    }

    void interruptProgram()
    {
        QFETCH(QString, source);
        python::RunSettings settings;
        settings.pythonPackageDir = DSTREAMLAB_PYTHON_PACKAGE_DIR;
        settings.sim.startTime = SimTime(1795514400000);
        static python::PythonRuntime *rt = nullptr; // one interpreter per process
        if (!rt) rt = new python::PythonRuntime(settings);
        else rt->reset(settings);
        std::string err, out;
        rt->stderrSink = [&](const std::string &s) { err += s; };
        rt->stdoutSink = [&](const std::string &s) { out += s; };
        rt->simulation().inputLog().addLine(SimTime(1795514400100), "kept line", 9999);
        std::thread stopper([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            rt->interruptProgram();
        });
        const auto status = rt->runSource(source.toStdString(), "spin.py", {});
        stopper.join();
        QCOMPARE(int(status), int(python::RunStatus::Raised));
        QVERIFY2(err.find("KeyboardInterrupt: the program was interrupted; the input log is kept.") != std::string::npos,
                 err.c_str());
        QCOMPARE(rt->simulation().inputLog().size(), std::size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestPyInterrupt)
#include "tst_pyinterrupt.moc"
