#include "command_line.hpp"
#include "commands.hpp"
#include "json_io.hpp"
#include "model_source.hpp"

#include "support/property.hpp"

#include <iostream>
#include <memory>
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
  Json encoder_list = Json::array(), property_list = Json::array();
  for (const EncoderEntry& e : encoders()) {
    Json params = Json::array();
    for (const ParamSpec& p : e.params)
      params.push_back({{"key", p.key}, {"default", p.default_value}, {"doc", p.doc}});
    encoder_list.push_back({{"name", e.name},
                            {"family", e.family},
                            {"site", to_string(e.site)},
                            {"description", e.description},
                            {"source", e.source},
                            {"parameters", std::move(params)},
                            {"expected_failures", e.expected_failures}});
  }
  for (const Property* p : properties()) {
    const PropertyInfo& info = p->info();
    property_list.push_back({{"id", info.id},
                             {"area", info.area},
                             {"statement", info.statement},
                             {"proof", info.proof},
                             {"applies_to", applies_to(*p)}});
  }
  out << dump_document(
      {{"encoders", std::move(encoder_list)}, {"properties", std::move(property_list)}});
}

}  // namespace

Action define_list(CLI::App& app) {
  auto json = std::make_shared<bool>(false);
  auto models = std::make_shared<bool>(false);
  app.description(
      "Lists every encoder (family, site, parameters with defaults, source, expected failures)\n"
      "and every property (id, statement, proof, the encoders it applies to).");
  add_flag(app, "--json", *json, "print the list as JSON");
  add_flag(app, "--models", *models,
           "list the model catalogue instead (models/: config.json files with their source)");
  return [json, models] {
    if (*models) {
      list_models(std::cout, *json);
    } else if (*json) {
      list_json(std::cout);
    } else {
      list_text(std::cout);
    }
    std::cout.flush();
    return 0;
  };
}

}  // namespace posprop::cli
