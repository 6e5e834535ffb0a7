#include "input_file.hpp"

#include "posprop/params.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>

namespace posprop::cli {

std::string read_text_file(const std::string& option, const std::string& path) {
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const std::string reason = errno ? std::strerror(errno) : "cannot open";
    throw InputError(option + " file '" + path + "': " + reason);
  }
  std::string text;
  char chunk[1 << 16];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxInputBytes) {
      throw InputError(option + " file '" + path + "' is larger than the input size limit of " +
                       std::to_string(kMaxInputBytes >> 20) + " MiB");
    }
  }
  if (in.bad()) throw InputError(option + " file '" + path + "': read error");
  return text;
}

}  // namespace posprop::cli
