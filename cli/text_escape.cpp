#include "text_escape.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string_view>

namespace posprop::cli {

std::string xml_escape(const std::string& s) {
  std::string out;
  for (const char c : s) {
    const char* entity = c == '&'    ? "&amp;"
                         : c == '<'  ? "&lt;"
                         : c == '>'  ? "&gt;"
                         : c == '"'  ? "&quot;"
                         : c == '\'' ? "&apos;"
                                     : nullptr;
    const bool forbidden = static_cast<unsigned char>(c) < 0x20 &&
                           std::string_view("\n\r\t").find(c) == std::string_view::npos;
    out += entity ? entity : forbidden ? "?" : std::string(1, c);
  }
  return out;
}

std::string markdown_cell(const std::string& s) {
  std::string out;
  for (const char c : s)
    out += c == '|' ? "\\|" : (c == '\n' || c == '\r') ? " " : std::string(1, c);
  return out;
}

std::string terminal_text(const std::string& s) {
  std::string out;
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    const bool shown = (u >= 0x20 && u != 0x7f) || c == '\n' || c == '\t';
    out += shown ? std::string(1, c) : fmt::format("\\x{:02x}", u);
  }
  return out;
}

std::string shell_quote(const std::string& s) {
  const auto safe = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view("._-/+:=,").find(c) != std::string_view::npos;
  };
  if (!s.empty() && std::all_of(s.begin(), s.end(), safe)) return s;
  std::string out = "'";
  for (const char c : s) out += c == '\'' ? "'\\''" : std::string(1, c);
  return out + "'";
}

}  // namespace posprop::cli
