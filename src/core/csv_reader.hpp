// Exposure Explorer core (internal to the upstream readers): a strict CSV/TSV reader.
// RFC 4180 quoting (a quoted field may hold the delimiter, newlines and "" for a quote) with any
// one-byte delimiter, LF or CRLF line ends, a leading UTF-8 byte-order mark, and UTF-8 validation.
// Every field keeps its line and character column so that later checks can say exactly where a
// value is wrong: "file:line:column: message".
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace exposure {

// One record: its fields and where each field starts in the file.
struct CsvRow {
    int line = 0;                // 1-based line where the record starts
    std::vector<std::string> fields;
    std::vector<int> lines;      // 1-based line of each field
    std::vector<int> columns;    // 1-based character column of each field
};

// A whole file: the header record and the data records (fully blank lines are skipped).
struct CsvTable {
    std::string file;            // name used in messages
    std::vector<std::string> header;
    std::vector<CsvRow> rows;

    // Index of the header column `name`, or -1.
    int find_column(std::string_view name) const;
};

// Limits read_csv enforces, far above the upstream files (at most 333 fields a record, 332 bytes a
// field, 20,000 records); a field never needs more than one bundle string holds (k_bundle_max_text).
inline constexpr std::size_t k_csv_max_field_bytes = 4096;
inline constexpr std::size_t k_csv_max_fields = 4096;     // fields in one record
inline constexpr std::size_t k_csv_max_records = 1000000; // records in one file, header included

// Parses `text` as delimited records. On a problem (invalid UTF-8, unterminated quote, text after a
// closing quote, a record with another field count than the header, an empty file) returns false
// or a limit above exceeded) and sets `error` to "file:line:column: message".
bool read_csv(std::string_view text, char delimiter, std::string file, CsvTable& table, std::string& error);

// Parses a decimal number as upstream writes it: optional sign, digits, optional fraction and
// exponent; with `thousands`, digits may be grouped by commas in threes ("140,886,310").
// No spaces, no "nan"/"inf", nothing after the number.
std::optional<double> parse_number(std::string_view text, bool thousands = false);

// "file:line:column: message" for one field of a row.
std::string field_error(const CsvTable& table, const CsvRow& row, int column, std::string_view message);

} // namespace exposure
