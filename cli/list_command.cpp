#include "list_command.hpp"

#include "text_escape.hpp"

#include <string>
#include <vector>

namespace posprop::cli {
namespace {

std::vector<std::string> applies_to(const Property& p) {
  std::vector<std::string> names;
  for (const EncoderEntry& e : encoders())
    if (p.applies_to(e)) names.push_back(e.name);
  return names;
}

std::string joined(const std::vector<std::string>& items, const std::string& none) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out.empty() ? none : out;
}

std::string json_array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + json_string(items[i]);
  return out + "]";
}

void list_text(std::ostream& out) {
  out << "encoders (" << encoders().size() << "):\n";
  for (const EncoderEntry& e : encoders()) {
    out << "\n  " << e.name << "  [family " << e.family << ", site " << to_string(e.site) << "]\n"
        << "    " << e.description << "\n"
        << "    source: " << e.source << "\n"
        << "    parameters:\n";
    for (const ParamSpec& p : e.params) {
      out << "      " << p.key << " = " << p.default_value << "  (" << p.doc << ")\n";
    }
    out << "    expected failures: "
        << joined({e.expected_failures.begin(), e.expected_failures.end()}, "none") << "\n";
  }
  const auto props = properties();
  out << "\nproperties (" << props.size() << "):\n";
  for (const Property* p : props) {
    const PropertyInfo& info = p->info();
    out << "\n  " << info.id << "  [area " << info.area << "]\n"
        << "    " << info.statement << "\n"
        << "    proof: " << info.proof << "\n"
        << "    applies to: " << joined(applies_to(*p), "no shipped encoder") << "\n";
  }
}

void list_json(std::ostream& out) {
  out << "{\"encoders\": [";
  bool first = true;
  for (const EncoderEntry& e : encoders()) {
    out << (first ? "\n" : ",\n") << "  {\"name\": " << json_string(e.name)
        << ", \"family\": " << json_string(e.family)
        << ", \"site\": " << json_string(to_string(e.site))
        << ", \"description\": " << json_string(e.description)
        << ", \"source\": " << json_string(e.source) << ", \"parameters\": [";
    for (std::size_t i = 0; i < e.params.size(); ++i) {
      const ParamSpec& p = e.params[i];
      out << (i ? ", " : "") << "{\"key\": " << json_string(p.key)
          << ", \"default\": " << json_string(p.default_value)
          << ", \"doc\": " << json_string(p.doc) << "}";
    }
    out << "], \"expected_failures\": "
        << json_array({e.expected_failures.begin(), e.expected_failures.end()}) << "}";
    first = false;
  }
  out << "\n], \"properties\": [";
  first = true;
  for (const Property* p : properties()) {
    const PropertyInfo& info = p->info();
    out << (first ? "\n" : ",\n") << "  {\"id\": " << json_string(info.id)
        << ", \"area\": " << json_string(info.area)
        << ", \"statement\": " << json_string(info.statement)
        << ", \"proof\": " << json_string(info.proof)
        << ", \"applies_to\": " << json_array(applies_to(*p)) << "}";
    first = false;
  }
  out << "\n]}\n";
}

}  // namespace

int run_list(const ListArgs& args, std::ostream& out) {
  if (args.json) {
    list_json(out);
  } else {
    list_text(out);
  }
  out.flush();
  return 0;
}

}  // namespace posprop::cli
