#include "command_line.hpp"

#include <iostream>

namespace posprop::cli {
namespace {

/// Help text: our usage line first, then CLI11's description, arguments,
/// options and footer.
class SynopsisFormatter : public CLI::Formatter {
 public:
  explicit SynopsisFormatter(std::string synopsis) : synopsis_(std::move(synopsis)) {
    column_width(26);
  }
  std::string make_help(const CLI::App* app, std::string, CLI::AppFormatMode mode) const override {
    return synopsis_ + "\n\n" + make_description(app) + make_positionals(app) +
           make_groups(app, mode) + "\n" + make_footer(app);
  }

 private:
  std::string synopsis_;
};

/// CLI11's parse errors in posprop's words. The three our options can raise
/// name the option first: "--cases: 1 required N missing", "json was given a
/// disallowed flag override",
/// "--cases: At Most 1 required but received 2".
[[noreturn]] void rethrow(const CLI::ParseError& e, const std::string& command) {
  const std::string message = e.what();
  const std::string name = message.substr(0, message.find_first_of(": "));
  const std::string option = "option '" + (name.rfind('-', 0) == 0 ? name : "--" + name) + "'";
  if (message.find(" missing") != std::string::npos) throw InputError(option + " needs a value");
  if (message.find("flag override") != std::string::npos)
    throw InputError(option + " takes no value");
  if (message.find("At Most 1 ") != std::string::npos) throw InputError(option + " given twice");
  throw InputError(command + ": " + message);
}

}  // namespace

void check_value(const std::string& name, const std::string& text) {
  if (text.empty() || text.rfind("--", 0) == 0)
    throw InputError("option '" + name + "' needs a value");
}

CLI::Option* add_text(CLI::App& app, const std::string& name, std::string& target,
                      const std::string& type, const std::string& help) {
  return add_value<std::string>(
      app, name, target, [](const std::string&, const std::string& t) { return t; }, type, help);
}

CLI::Option* add_repeated(CLI::App& app, const std::string& name, std::vector<std::string>& target,
                          const std::string& type, const std::string& help) {
  const auto set = [name, &target](const std::vector<std::string>& values) {
    for (const std::string& v : values) check_value(name, v);
    target = values;
  };
  return app.add_option_function<std::vector<std::string>>(name, set, help)
      ->type_name(type)
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

CLI::Option* add_flag(CLI::App& app, const std::string& name, bool& target,
                      const std::string& help) {
  return app.add_flag(name, target, help)
      ->disable_flag_override()
      ->multi_option_policy(CLI::MultiOptionPolicy::Throw);
}

CLI::Option* add_positional(CLI::App& app, const std::string& type, std::string& target,
                            const std::string& help) {
  return app.add_option(type, target, help)->type_name("");
}

bool parse_options(CLI::App& app, const std::string& command, const std::string& synopsis,
                   const std::vector<std::string>& args) {
  app.allow_extras();
  app.formatter(std::make_shared<SynopsisFormatter>(synopsis));
  try {
    app.parse(std::vector<std::string>(args.rbegin(), args.rend()));  // CLI11 reads it backwards
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return false;
  } catch (const CLI::ParseError& e) {
    rethrow(e, command);
  }
  const std::vector<std::string> extra = app.remaining();
  if (extra.empty()) return true;
  const std::string& first = extra.front();
  if (first.size() > 1 && first[0] == '-')
    throw InputError("unknown option '" + first.substr(0, first.find('=')) + "' for '" + command +
                     "'");
  throw InputError("unexpected argument '" + first + "' for '" + command + "'");
}

}  // namespace posprop::cli
