// The plugin's recent outputs by exact input (plugin_results.hpp).
#include "posprop/plugin_results.hpp"

#include <cstring>

namespace posprop {

std::string PluginResults::key(bool key_function, int dim, double pos, const double* in,
                               std::size_t count) {
  // Exact bits: -0.0 and 0.0, or two NaN payloads, are different inputs.
  const std::size_t input_bytes = in ? count * static_cast<std::size_t>(dim) * sizeof(double) : 0;
  std::string k(1 + sizeof dim + sizeof pos + sizeof count + input_bytes, '\0');
  char* p = k.data();
  *p++ = in ? (key_function ? 'k' : 'q') : (key_function ? 'K' : 'Q');
  std::memcpy(p, &dim, sizeof dim);
  p += sizeof dim;
  std::memcpy(p, &pos, sizeof pos);
  p += sizeof pos;
  std::memcpy(p, &count, sizeof count);
  p += sizeof count;
  if (in) std::memcpy(p, in, input_bytes);
  return k;
}

bool PluginResults::find(const std::string& key, double* out, std::size_t n) const {
  const auto it = map_.find(key);
  if (it == map_.end() || it->second.size() != n) return false;
  std::memcpy(out, it->second.data(), n * sizeof(double));
  return true;
}

void PluginResults::add(std::string key, const double* out, std::size_t n) {
  if (n > capacity_) return;
  const auto it = map_.find(key);
  if (it != map_.end()) {
    held_ = held_ - it->second.size() + n;
    it->second.assign(out, out + n);  // the latest double-rung result wins
    return;
  }
  while (held_ + n > capacity_ && !order_.empty()) {
    const auto old = map_.find(order_.front());
    held_ -= old->second.size();
    map_.erase(old);
    order_.pop_front();
  }
  map_.emplace(key, std::vector<double>(out, out + n));
  order_.push_back(std::move(key));
  held_ += n;
}

}  // namespace posprop
