#include "input_file.hpp"

#include "posprop/params.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace posprop::cli {

std::string read_text_file(const std::string& option, const std::string& path) {
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const std::string reason = errno ? std::strerror(errno) : "cannot open";
    throw InputError(option + " file '" + path + "': " + reason);
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw InputError(option + " file '" + path + "': read error");
  return text.str();
}

}  // namespace posprop::cli
