// Escaping and number formatting for the posprop command's outputs (JSON, XML, Markdown, shell).
#pragma once

#include <string>

namespace posprop::cli {

/// A JSON string literal, quotes included (", \ and control characters escaped).
std::string json_string(const std::string& s);
/// A JSON number with 17 significant digits (round-trips a double); `null` if not finite.
std::string json_number(double x);
inline const char* json_bool(bool b) {
  return b ? "true" : "false";
}

/// Text safe inside XML content and attribute values (&, <, >, quotes escaped; control
/// characters XML 1.0 forbids replaced by '?').
std::string xml_escape(const std::string& s);

/// Text safe inside a Markdown table cell (| escaped, newlines flattened).
std::string markdown_cell(const std::string& s);

/// The word as one shell argument: unchanged when it only has safe characters, else '...'.
std::string shell_quote(const std::string& s);

}  // namespace posprop::cli
