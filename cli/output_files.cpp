#include "output_files.hpp"

#include "posprop/params.hpp"

#include <cerrno>
#include <cstring>
#include <iostream>

namespace posprop::cli {

OutputFiles::OutputFiles(const CheckArgs& args) {
  const std::pair<std::string, std::string> requested[] = {
      {"--json", args.json_file}, {"--junit", args.junit_file}, {"--md", args.md_file}};
  for (const auto& [option, path] : requested) {
    if (path.empty()) continue;
    for (const Target& t : targets_) {
      if (t.path == path) {
        throw InputError("options '" + t.option + "' and '" + option + "' both write to '" + path +
                         "'");
      }
    }
    Target t{option, path, nullptr};
    if (path == "-") {
      uses_stdout_ = true;
    } else {
      errno = 0;
      t.file = std::make_unique<std::ofstream>(path, std::ios::out | std::ios::trunc);
      if (!*t.file) {
        const std::string reason = errno ? std::strerror(errno) : "cannot open";
        throw InputError("cannot write " + option + " file '" + path + "': " + reason);
      }
    }
    targets_.push_back(std::move(t));
  }
}

void OutputFiles::write(const std::string& option,
                        const std::function<void(std::ostream&)>& write) {
  for (Target& t : targets_) {
    if (t.option != option) continue;
    std::ostream& out = t.file ? static_cast<std::ostream&>(*t.file) : std::cout;
    write(out);
    out.flush();
    if (t.file) t.file->close();
    if (!out) throw InputError("error writing " + option + " file '" + t.path + "'");
  }
}

}  // namespace posprop::cli
