#include "rapidcheck_config.hpp"

#include "posprop/params.hpp"

#include <rapidcheck.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <sstream>

namespace posprop::cli {
namespace {

std::string rc_params() {
  const char* env = std::getenv("RC_PARAMS");
  return env ? env : "";
}

/// Swaps a stream's buffer for the lifetime of the object.
class Silenced {
 public:
  explicit Silenced(std::ostream& s) : stream_(s), saved_(s.rdbuf(sink_.rdbuf())) {}
  ~Silenced() { stream_.rdbuf(saved_); }
  Silenced(const Silenced&) = delete;
  Silenced& operator=(const Silenced&) = delete;

 private:
  std::ostream& stream_;
  std::ostringstream sink_;
  std::streambuf* saved_;
};

}  // namespace

void load_rapidcheck_configuration() {
  const std::string env = rc_params();
  try {
    rc::detail::configFromString(env);
  } catch (const rc::detail::ConfigurationException& e) {
    throw InputError("RC_PARAMS=\"" + env + "\" is invalid: " + e.what());
  }
  const Silenced quiet(std::cerr);
  rc::detail::configuration();
}

std::vector<std::string> rapidcheck_notes() {
  const std::string env = rc_params();
  std::vector<std::string> notes;
  if (env.empty()) return notes;
  std::string overrides;
  for (const char* key : {"seed=", "max_success=", "max_size="}) {
    if (env.find(key) != std::string::npos) {
      overrides += (overrides.empty() ? "" : ", ") + std::string(key, std::strlen(key) - 1);
    }
  }
  if (!overrides.empty()) {
    notes.push_back("RC_PARAMS sets " + overrides + ", which win over --seed / --cases");
  }
  const auto& reproduce = rc::detail::configuration().reproduce;
  if (!reproduce.empty()) {
    std::string ids;
    for (const auto& entry : reproduce) ids += (ids.empty() ? "" : ", ") + entry.first;
    notes.push_back("RC_PARAMS replays a counterexample for " + ids +
                    "; every other cell runs no case");
  }
  return notes;
}

}  // namespace posprop::cli
