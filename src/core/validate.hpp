// Exposure Explorer core: complete check of a bundle folder (what `exposure validate` runs).
// Every file parses and has its fields' types and ranges (bundle.hpp's parsers); the manifest's
// SHA-256 of every file matches; every occupation of the index has exactly one detail file and no
// file is unaccounted for; the index's summaries agree with their details (task counts, label
// shares, default figures); the manifest's counts agree with the files.
#pragma once

#include <cstdint>
#include <string>

namespace exposure {

// What a successful validation saw.
struct ValidationReport {
    int occupations = 0;
    int64_t tasks = 0;
    int files = 0;        // files checked against the manifest
    int64_t bytes = 0;    // their total size
};

// Checks the bundle in `dir`. Returns false at the first problem with `error` naming the file
// and field ("occupations/15-2051.00.json: tasks[3].gpt4: ..."); fills `report` on success.
bool validate_bundle(const std::string& dir, ValidationReport& report, std::string& error);

} // namespace exposure
