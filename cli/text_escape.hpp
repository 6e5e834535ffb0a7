// Escaping for the posprop command's text outputs (XML / HTML, Markdown, shell); JSON goes
// through nlohmann-json (json_io.hpp).
#pragma once

#include <string>

namespace posprop::cli {

/// Text safe inside XML content and attribute values (&, <, >, quotes escaped; control
/// characters XML 1.0 forbids replaced by '?').
std::string xml_escape(const std::string& s);

/// Text safe inside a Markdown table cell (| escaped, newlines flattened).
std::string markdown_cell(const std::string& s);

/// Text safe on a terminal: control characters (ESC sequences, carriage returns, NUL, DEL) from
/// input files shown as \xNN; newlines and tabs kept.
std::string terminal_text(const std::string& s);

/// The word as one shell argument: unchanged when it only has safe characters, else '...'.
std::string shell_quote(const std::string& s);

}  // namespace posprop::cli
