// Exposure Explorer core: the strict CSV/TSV reader behind build-data (see csv_reader.hpp).
#include "csv_reader.hpp"

#include "utf8.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace exposure {

int CsvTable::find_column(std::string_view name) const {
    for (std::size_t i = 0; i < header.size(); ++i)
        if (header[i] == name) return int(i);
    return -1;
}

std::string field_error(const CsvTable& table, const CsvRow& row, int column, std::string_view message) {
    const int line = column >= 0 && column < int(row.lines.size()) ? row.lines[column] : row.line;
    const int col = column >= 0 && column < int(row.columns.size()) ? row.columns[column] : 1;
    std::string text = table.file + ":" + std::to_string(line) + ":" + std::to_string(col) + ": ";
    if (column >= 0 && column < int(table.header.size())) {
        text += table.header[column].empty() ? "column " + std::to_string(column + 1) : table.header[column];
        text += ": ";
    }
    text += message;
    return text;
}

namespace {

// Walks the text once, keeping the line and character column of the cursor.
class Scanner {
public:
    Scanner(std::string_view text, char delimiter) : text_(text), delimiter_(delimiter) {}

    bool at_end() const { return pos_ >= text_.size(); }
    char peek() const { return text_[pos_]; }
    int line() const { return line_; }
    int column() const { return column_; }

    void advance() {
        const char c = text_[pos_++];
        if (c == '\n') {
            ++line_;
            column_ = 1;
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++column_;
        }
    }

    // True at "\n" or "\r\n".
    bool at_line_end() const {
        return !at_end() && (text_[pos_] == '\n' || (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n'));
    }
    void skip_line_end() {
        if (text_[pos_] == '\r') advance();
        advance();
    }
    bool at_delimiter() const { return !at_end() && text_[pos_] == delimiter_; }

private:
    std::string_view text_;
    char delimiter_;
    std::size_t pos_ = 0;
    int line_ = 1;
    int column_ = 1;
};

std::string located(const std::string& file, int line, int column, std::string_view message) {
    return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + std::string(message);
}

} // namespace

bool read_csv(std::string_view text, char delimiter, std::string file, CsvTable& table, std::string& error) {
    table = CsvTable{};
    table.file = std::move(file);
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3); // byte-order mark
    if (const std::size_t bad = find_invalid_utf8(text); bad != std::string_view::npos) {
        const TextPosition at = position_of(text, bad);
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[bad]));
        error = located(table.file, at.line, at.column, std::string("invalid UTF-8 (byte ") + hex + ")");
        return false;
    }

    Scanner scan(text, delimiter);
    bool have_header = false;
    std::size_t records = 0;
    while (!scan.at_end()) {
        if (scan.at_line_end()) { // a fully blank line
            scan.skip_line_end();
            continue;
        }
        if (++records > k_csv_max_records) {
            error = located(table.file, scan.line(), 1,
                            "more than " + std::to_string(k_csv_max_records) + " records (the limit)");
            return false;
        }
        CsvRow row;
        row.line = scan.line();
        for (;;) {
            if (row.fields.size() == k_csv_max_fields) {
                error = located(table.file, scan.line(), scan.column(),
                                "more than " + std::to_string(k_csv_max_fields) + " fields in one record (the limit)");
                return false;
            }
            const int field_line = scan.line(), field_column = scan.column();
            row.lines.push_back(scan.line());
            row.columns.push_back(scan.column());
            std::string field;
            if (!scan.at_end() && scan.peek() == '"') {
                const int open_line = scan.line(), open_column = scan.column();
                scan.advance();
                for (;;) {
                    if (scan.at_end()) {
                        error = located(table.file, open_line, open_column, "quoted field is never closed");
                        return false;
                    }
                    const char c = scan.peek();
                    scan.advance();
                    if (c != '"') {
                        field += c;
                    } else if (!scan.at_end() && scan.peek() == '"') {
                        field += '"';
                        scan.advance();
                    } else {
                        break;
                    }
                }
                if (!scan.at_end() && !scan.at_delimiter() && !scan.at_line_end()) {
                    error = located(table.file, scan.line(), scan.column(),
                                    "unexpected text after the closing quote of a quoted field");
                    return false;
                }
            } else {
                while (!scan.at_end() && !scan.at_delimiter() && !scan.at_line_end()) {
                    field += scan.peek();
                    scan.advance();
                }
            }
            if (field.size() > k_csv_max_field_bytes) {
                error = located(table.file, field_line, field_column,
                                "field of " + std::to_string(field.size()) + " bytes, over the " +
                                    std::to_string(k_csv_max_field_bytes) + "-byte limit");
                return false;
            }
            row.fields.push_back(std::move(field));
            if (scan.at_delimiter()) {
                scan.advance();
                continue;
            }
            if (scan.at_line_end()) scan.skip_line_end();
            break;
        }
        if (!have_header) {
            table.header = std::move(row.fields);
            have_header = true;
            continue;
        }
        if (row.fields.size() != table.header.size()) {
            error = located(table.file, row.line, 1,
                            "expected " + std::to_string(table.header.size()) + " fields as in the header, found " +
                                std::to_string(row.fields.size()));
            return false;
        }
        table.rows.push_back(std::move(row));
    }
    if (!have_header) {
        error = located(table.file, 1, 1, "empty file (no header line)");
        return false;
    }
    return true;
}

std::optional<double> parse_number(std::string_view text, bool thousands) {
    std::string digits;
    std::size_t i = 0;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) digits += text[i++];
    // Integer part: plain digits, or (with thousands) 1-3 digits then ",ddd" groups.
    const std::size_t int_start = i;
    int run = 0;          // digits since the last comma (or the start)
    bool grouped = false; // a comma was seen
    while (i < text.size()) {
        const char c = text[i];
        if (c >= '0' && c <= '9') {
            digits += c;
            ++run;
            ++i;
        } else if (c == ',' && thousands) {
            if (run == 0 || run > 3 || (grouped && run != 3)) return std::nullopt;
            grouped = true;
            run = 0;
            ++i;
        } else {
            break;
        }
    }
    if (grouped && run != 3) return std::nullopt;
    bool any_digit = i > int_start;
    if (i < text.size() && text[i] == '.') {
        digits += text[i++];
        const std::size_t frac_start = i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') digits += text[i++];
        any_digit = any_digit || i > frac_start;
    }
    if (!any_digit) return std::nullopt;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        digits += text[i++];
        if (i < text.size() && (text[i] == '-' || text[i] == '+')) digits += text[i++];
        const std::size_t exp_start = i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') digits += text[i++];
        if (i == exp_start) return std::nullopt;
    }
    if (i != text.size()) return std::nullopt;
    // strtod in the "C" locale (the process never calls setlocale) on the validated text.
    char* end = nullptr;
    const double value = std::strtod(digits.c_str(), &end);
    if (end != digits.c_str() + digits.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

} // namespace exposure
