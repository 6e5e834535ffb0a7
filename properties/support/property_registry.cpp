#include "support/expectations.hpp"
#include "support/property.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace posprop {
namespace {
std::vector<std::unique_ptr<Property>>& storage() {
  static std::vector<std::unique_ptr<Property>> all;
  return all;
}
}  // namespace

const char* to_string(Verdict v) {
  switch (v) {
    case Verdict::hold:
      return "hold";
    case Verdict::fail:
      return "fail";
    case Verdict::error:
      return "error";
  }
  return "?";
}

bool CellResult::as_expected() const {
  if (verdict == Verdict::error) return false;
  if (expected == Expect::hold) return verdict == Verdict::hold;
  return verdict == Verdict::fail && counterexample && counterexample->structural &&
         counterexample->certified;
}

void register_property(std::unique_ptr<Property> property) {
  storage().push_back(std::move(property));
}

std::vector<const Property*> properties() {
  std::vector<const Property*> out;
  for (const auto& p : storage()) out.push_back(p.get());
  std::sort(out.begin(), out.end(),
            [](const Property* a, const Property* b) { return a->info().id < b->info().id; });
  return out;
}

void check_expectations(const std::vector<EncoderEntry>& entries) {
  std::set<std::string> known;
  for (const Property* p : properties()) known.insert(p->info().id);
  for (const EncoderEntry& e : entries)
    for (const std::string& id : e.expected_failures)
      if (!known.count(id))
        throw std::logic_error("encoder '" + e.name + "' expects property '" + id +
                               "' to fail, but no property has that id (posprop list)");
}

const Property& find_property(const std::string& id) {
  for (const Property* p : properties())
    if (p->info().id == id) return *p;
  std::string known;
  for (const Property* p : properties()) known += (known.empty() ? "" : ", ") + p->info().id;
  throw InputError("unknown property '" + id + "' (known: " + known + ")");
}

}  // namespace posprop
