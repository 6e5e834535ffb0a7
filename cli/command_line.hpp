// Options of one posprop command through CLI11: the ways a command declares an option, and
// parse_options, which turns every CLI11 problem into an InputError naming the option (exit 2).
// Values are converted by the command's own parsers (option_values.hpp), so that messages name
// the option, the accepted values and the text given.
#pragma once

#include "option_values.hpp"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace posprop::cli {

/// Throws "option 'NAME' needs a value" for an empty value or one that is the next option.
void check_value(const std::string& name, const std::string& text);

/// `--name VALUE`, at most once, converted by `parse`.
template <class T>
CLI::Option* add_value(CLI::App& app, const std::string& name, T& target, Parser<T> parse,
                       const std::string& type, const std::string& help) {
  const auto set = [name, &target, parse](const std::string& text) {
    check_value(name, text);
    target = parse(name, text);
  };
  return app.add_option_function<std::string>(name, set, help)->type_name(type);  // once: Throw
}
/// `--name VALUE`, at most once, kept as text.
CLI::Option* add_text(CLI::App& app, const std::string& name, std::string& target,
                      const std::string& type, const std::string& help);
/// `--name VALUE`, any number of times.
CLI::Option* add_repeated(CLI::App& app, const std::string& name, std::vector<std::string>& target,
                          const std::string& type, const std::string& help);
/// `--name`, at most once, no value.
CLI::Option* add_flag(CLI::App& app, const std::string& name, bool& target,
                      const std::string& help);
/// The command's positional argument (e.g. ENCODER), at most one.
CLI::Option* add_positional(CLI::App& app, const std::string& type, std::string& target,
                            const std::string& help);

/// Parses `args` (after the command name) of `command`, whose usage line is `synopsis`.
/// Returns false after printing the help when --help / -h was given.
bool parse_options(CLI::App& app, const std::string& command, const std::string& synopsis,
                   const std::vector<std::string>& args);

}  // namespace posprop::cli
