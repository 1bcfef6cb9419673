// Fuzz target: the strict CSV/TSV reader and upstream number parser (src/core/csv_reader.hpp)
// on their own, fast. The first byte picks the delimiter (comma or tab) and whether numbers may
// carry thousands separators; the rest is the file. An accepted table has the header's field
// count in every row and a position for every field; a rejected one says file:line:column.
#include "core/csv_reader.hpp"
#include "fuzz_common.hpp"

#include <cmath>

using namespace exposure;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const char delimiter = (data[0] & 1) ? '\t' : ',';
    const bool thousands = (data[0] & 2) != 0;
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    CsvTable table;
    std::string error;
    if (!read_csv(text, delimiter, "f.csv", table, error)) {
        fuzz::require(error.starts_with("f.csv:"), "a rejected file names file:line:column", error);
        return 0;
    }
    for (const CsvRow& row : table.rows) {
        fuzz::require(row.fields.size() == table.header.size(), "every row has the header's field count");
        fuzz::require(row.lines.size() == row.fields.size() && row.columns.size() == row.fields.size(),
                      "every field has a line and a column");
        for (std::size_t c = 0; c < row.fields.size(); ++c) {
            fuzz::require(row.lines[c] >= row.line && row.columns[c] >= 1, "field positions are 1-based and in order");
            if (const auto value = parse_number(row.fields[c], thousands))
                fuzz::require(std::isfinite(*value), "parse_number returns only finite numbers", row.fields[c]);
            const std::string message = field_error(table, row, int(c), "x");
            fuzz::require(message.starts_with("f.csv:"), "a field error names file:line:column", message);
        }
    }
    return 0;
}
