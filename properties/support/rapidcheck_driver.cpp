#include "support/rapidcheck_driver.hpp"

#include <cstdlib>
#include <unordered_map>

namespace rc::detail {
// Defined in librapidcheck (src/detail/Serialization.cpp) but not declared in its headers.
std::string reproduceMapToString(const std::unordered_map<std::string, Reproduce>& map);
}  // namespace rc::detail

namespace posprop {
namespace {

class QuietListener : public rc::detail::TestListener {
 public:
  void onTestCaseFinished(const rc::detail::CaseDescription&) override {}
  void onShrinkTried(const rc::detail::CaseDescription&, bool) override {}
  void onTestFinished(const rc::detail::TestMetadata&, const rc::detail::TestResult&) override {}
};

bool user_set_rc_params() {
  const char* env = std::getenv("RC_PARAMS");
  return env != nullptr && *env != '\0';
}

}  // namespace

rc::detail::TestParams test_params(const CheckOptions& options) {
  rc::detail::TestParams params = rc::detail::configuration().testParams;
  const std::string env = user_set_rc_params() ? std::getenv("RC_PARAMS") : "";
  if (env.find("seed=") == std::string::npos) params.seed = options.seed;
  if (env.find("max_success=") == std::string::npos) params.maxSuccess = options.cases;
  if (env.find("max_size=") == std::string::npos) params.maxSize = options.max_size;
  return params;
}

RunOutcome run_property(const rc::detail::Property& property, const CheckOptions& options) {
  rc::detail::TestMetadata metadata;
  metadata.id = options.test_id;
  metadata.description = options.test_id;
  QuietListener listener;
  const auto result = rc::detail::checkProperty(property, metadata, test_params(options), listener,
                                                rc::detail::configuration().reproduce);
  RunOutcome out;
  if (result.is<rc::detail::SuccessResult>()) {
    out.kind = RunOutcome::success;
    out.cases = result.get<rc::detail::SuccessResult>().numSuccess;
  } else if (result.is<rc::detail::FailureResult>()) {
    const auto& failure = result.get<rc::detail::FailureResult>();
    out.kind = RunOutcome::failure;
    out.cases = failure.numSuccess + 1;
    out.message = failure.description;
    out.reproduce = rc::detail::reproduceMapToString({{options.test_id, failure.reproduce}});
  } else if (result.is<rc::detail::GaveUpResult>()) {
    out.kind = RunOutcome::gave_up;
    out.message = "gave up: " + result.get<rc::detail::GaveUpResult>().description;
  } else {
    out.message = "error: " + result.get<rc::detail::Error>().description;
  }
  return out;
}

}  // namespace posprop
