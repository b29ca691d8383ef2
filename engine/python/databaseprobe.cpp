// DatabaseProbe: dstreamlab_db.activity's capture, image and restore, called from the host.
#include "databaseprobe.h"

#include <pybind11/embed.h>
#include <pybind11/stl.h>

namespace py = pybind11;

namespace dsl::python {

namespace {
py::module_ activity()
{
    return py::module_::import("dstreamlab_db.activity");
}
} // namespace

DbCapture captureDatabase(const std::string &path, std::int64_t batchTimeMs, int maxRows)
{
    py::gil_scoped_acquire gil;
    DbCapture out;
    try {
        py::module_ a = activity();
        py::dict counts = a.attr("batch_counts")(batchTimeMs);
        out.statements = counts["statement"].cast<int>();
        out.connects = counts["connect"].cast<int>();
        out.commits = counts["commit"].cast<int>();
        out.closes = counts["close"].cast<int>();
        out.simulatedNs = counts["sim_ns"].cast<std::int64_t>();
        out.wallNs = counts["wall_ns"].cast<std::int64_t>();
        py::object tables = a.attr("capture")(path, maxRows);
        if (tables.is_none()) return out;
        out.exists = true;
        for (py::handle t : tables) {
            auto tuple = t.cast<py::tuple>();
            DbTableCapture table;
            table.name = tuple[0].cast<std::string>();
            table.columns = tuple[1].cast<std::vector<std::string>>();
            table.totalRows = tuple[2].cast<std::int64_t>();
            for (py::handle r : tuple[3].cast<py::list>()) {
                auto row = r.cast<py::tuple>();
                DbRowCapture rc;
                rc.rowid = row[0].cast<std::int64_t>();
                rc.cells = row[1].cast<std::vector<std::string>>();
                if (!row[2].is_none()) {
                    auto w = row[2].cast<py::tuple>();
                    DbWriterCapture wc;
                    if (!w[0].is_none()) wc.batchTimeMs = w[0].cast<std::int64_t>();
                    wc.partition = w[1].cast<int>();
                    wc.attempt = w[2].cast<int>();
                    wc.taskId = w[3].cast<std::int64_t>();
                    rc.writer = wc;
                }
                table.rows.push_back(std::move(rc));
            }
            out.tables.push_back(std::move(table));
        }
    } catch (const std::exception &e) {
        out.error = e.what();
    }
    return out;
}

std::optional<std::string> databaseImage(const std::string &path, std::string *error)
{
    py::gil_scoped_acquire gil;
    try {
        py::object data = activity().attr("image")(path);
        if (data.is_none()) return std::nullopt;
        return data.cast<std::string>();
    } catch (const std::exception &e) {
        if (error) *error = e.what();
        return std::nullopt;
    }
}

bool restoreDatabase(const std::string &path, const std::optional<std::string> &image, std::string *error)
{
    py::gil_scoped_acquire gil;
    try {
        activity().attr("restore")(path, image ? py::object(py::bytes(*image)) : py::object(py::none()));
        return true;
    } catch (const std::exception &e) {
        if (error) *error = e.what();
        return false;
    }
}

} // namespace dsl::python
