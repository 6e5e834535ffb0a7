#include "command_line.hpp"
#include "commands.hpp"
#include "json_io.hpp"
#include "model_source.hpp"
#include "option_values.hpp"

#include "posprop/registry.hpp"

#include <algorithm>
#include <iostream>
#include <memory>

namespace posprop::cli {

namespace {

constexpr int kMinDigits = 1, kMaxDigits = 90;  // the spec is computed at 100 digits

struct FreqsArgs {
  std::string encoder;
  std::vector<std::string> sets;  // --set key=value
  int digits = 30;
  bool json = false;
  ModelArgs model;  // --hf-config / --model
};

void print_text(std::ostream& out, const std::string& name, const Params& p,
                const std::vector<SpecField>& fields, int digits) {
  out << "encoder " << name << " (" << digits << " significant digits)\n  parameters:";
  for (const auto& kv : p.values()) out << " " << kv.first << "=" << kv.second;
  out << "\n";
  // Scalars first, then one table with a row per pair and a column per list.
  std::vector<const SpecField*> lists;
  for (const SpecField& f : fields) {
    if (f.is_list) {
      lists.push_back(&f);
    } else {
      out << "  " << f.name << " = " << (f.values.empty() ? "" : f.values[0]) << "\n";
    }
  }
  if (lists.empty()) return;
  std::size_t rows = 0;
  std::vector<std::size_t> width;
  for (const SpecField* f : lists) {
    rows = std::max(rows, f->values.size());
    std::size_t w = f->name.size();
    for (const std::string& v : f->values) w = std::max(w, v.size());
    width.push_back(w);
  }
  const auto pad = [](const std::string& s, std::size_t w) {
    return s + std::string(w > s.size() ? w - s.size() : 0, ' ');
  };
  const auto row = [&](const std::string& first, const auto& cell) {
    std::string line = "  " + pad(first, 5);
    for (std::size_t c = 0; c < lists.size(); ++c) line += "  " + pad(cell(c), width[c]);
    line.erase(line.find_last_not_of(' ') + 1);
    out << line << "\n";
  };
  out << "\n";
  row("i", [&](std::size_t c) { return lists[c]->name; });
  for (std::size_t i = 0; i < rows; ++i) {
    row(std::to_string(i), [&](std::size_t c) {
      const auto& v = lists[c]->values;
      return i < v.size() ? v[i] : std::string();
    });
  }
}

void print_json(std::ostream& out, const std::string& name, const Params& p,
                const std::vector<SpecField>& fields) {
  Json params = Json::object();
  for (const auto& [key, value] : p.values()) params[key] = value;
  Json doc = {{"encoder", name}, {"params", std::move(params)}};
  for (const SpecField& f : fields) {
    if (f.is_list) {
      doc[f.name] = f.values;
    } else {
      doc[f.name] = f.values.empty() ? "" : f.values[0];
    }
  }
  out << dump_document(doc);
}

int run_freqs(const FreqsArgs& a) {
  Params p;
  std::string name = a.encoder;
  if (a.model.given()) {
    const HfDerivation d = derive_model(a.model, parse_sets(a.sets), a.encoder);
    name = d.encoder;
    p = d.params;
  }
  if (name.empty()) throw InputError("freqs: no encoder given (nor --hf-config / --model)");
  const EncoderEntry& e = find_encoder(name);
  if (!e.spec) {
    throw InputError("encoder '" + e.name + "' has no frequency spec (try a rope-* encoder)");
  }
  if (!a.model.given()) p = parse_sets(a.sets).completed(e.name, e.params);
  // One construction path: the encoder is built (and so validated) before its quantities are
  // printed, exactly as check, vectors and verify build it.
  e.make_double(p);
  const std::vector<SpecField> fields = e.spec(p, a.digits);
  if (a.json) {
    print_json(std::cout, e.name, p, fields);
  } else {
    print_text(std::cout, e.name, p, fields, a.digits);
  }
  return 0;
}

}  // namespace

Action define_freqs(CLI::App& app) {
  auto a = std::make_shared<FreqsArgs>();
  app.description(
      "Prints the encoder's spec quantities computed from its raw configuration at 100 digits\n"
      "(inverse frequency per rotated pair, attention factor, and family quantities such as\n"
      "YaRN's correction range and ramp or Llama 3's band per pair).");
  add_positional(app, "ENCODER", a->encoder, "encoder name ('posprop list')");
  add_repeated(app, "--set", a->sets, "key=value",
               "override a parameter (transformers rope_scaling key names;\nlists "
               "comma-separated; repeatable)");
  add_value<int>(app, "--digits", a->digits, integer_in<int>(kMinDigits, kMaxDigits), "N",
                 "significant digits, at most 90 (default 30)");
  add_flag(app, "--json", a->json, "one JSON object, every number as a string");
  add_model_options(app, a->model);
  return [a] { return run_freqs(*a); };
}

}  // namespace posprop::cli
