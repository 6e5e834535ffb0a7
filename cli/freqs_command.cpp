#include "freqs_command.hpp"

#include "option_reader.hpp"
#include "text_escape.hpp"

#include "posprop/registry.hpp"

#include <algorithm>
#include <iostream>

namespace posprop::cli {

const char* const kFreqsSynopsis =
    "usage: posprop freqs ENCODER [--set key=value ...] [--digits N] [--json]";

namespace {

constexpr int kMinDigits = 1, kMaxDigits = 90;  // the spec is computed at 100 digits

struct FreqsArgs {
  std::string encoder;
  Params params;
  int digits = 30;
  bool json = false;
};

FreqsArgs parse(const std::vector<std::string>& args) {
  FreqsArgs a;
  OptionReader r("freqs", args, 1);
  while (r.next()) {
    if (r.name() == "--set") {
      a.params.set_from_string(r.repeated_value());
    } else if (r.name() == "--digits") {
      const std::string v = r.value();
      a.digits = static_cast<int>(parse_integer_in("--digits", v, kMinDigits, kMaxDigits));
    } else if (r.name() == "--json") {
      r.flag();
      a.json = true;
    } else {
      r.unknown();
    }
  }
  if (r.positionals().empty()) {
    throw InputError("freqs: no encoder given (" + std::string(kFreqsSynopsis) + ")");
  }
  a.encoder = r.positionals()[0];
  return a;
}

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
  out << "{\"encoder\": " << json_string(name) << ", \"params\": {";
  bool first = true;
  for (const auto& kv : p.values()) {
    out << (first ? "" : ", ") << json_string(kv.first) << ": " << json_string(kv.second);
    first = false;
  }
  out << "}";
  for (const SpecField& f : fields) {
    out << ", " << json_string(f.name) << ": ";
    if (!f.is_list) {
      out << json_string(f.values.empty() ? "" : f.values[0]);
      continue;
    }
    out << "[";
    for (std::size_t i = 0; i < f.values.size(); ++i)
      out << (i ? ", " : "") << json_string(f.values[i]);
    out << "]";
  }
  out << "}\n";
}

}  // namespace

int run_freqs(const std::vector<std::string>& args) {
  for (const std::string& arg : args)
    if (is_help(arg)) {
      std::cout << kFreqsSynopsis
                << "\n\nPrints the encoder's spec quantities computed from its raw configuration "
                   "at 100 digits\n(inverse frequency per rotated pair, attention factor, and "
                   "family quantities such as\nYaRN's correction range and ramp or Llama 3's "
                   "band per pair), at --digits significant\ndigits (default 30, at most 90). "
                   "--set key=value overrides a parameter (transformers\nrope_scaling key "
                   "names; lists comma-separated). --json prints one JSON object with every\n"
                   "number as a string.\n";
      return 0;
    }
  const FreqsArgs a = parse(args);
  const EncoderEntry& e = find_encoder(a.encoder);
  if (!e.spec) {
    throw InputError("encoder '" + e.name + "' has no frequency spec (try a rope-* encoder)");
  }
  const Params p = a.params.completed(e.name, e.params);
  const std::vector<SpecField> fields = e.spec(p, a.digits);
  if (a.json) {
    print_json(std::cout, e.name, p, fields);
  } else {
    print_text(std::cout, e.name, p, fields, a.digits);
  }
  return 0;
}

}  // namespace posprop::cli
