// `posprop bound decay`: the RoFormer relative upper bound curve (Su et al., arXiv 2104.09864,
// sec. 3.4.3) at 100 significant digits, and whether it is monotone.
#pragma once

#include <string>
#include <vector>

namespace posprop::cli {

extern const char* const kBoundSynopsis;
int run_bound(const std::vector<std::string>& args);

}  // namespace posprop::cli
