// Encoder names -> factories and expectations (DESIGN.md sections 1 and 5).
#pragma once

#include "posprop/encoder.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace posprop {

enum class Expect { hold, fail };
const char* to_string(Expect e);

template <class T>
using EncoderFactory = std::function<std::unique_ptr<Encoder<T>>(const Params&)>;

/// One named spec quantity of an encoder at high precision (`posprop freqs`): a scalar
/// ("attention_factor") or a list ("inv_freq"), every number as decimal text so that no digit is
/// lost.
struct SpecField {
  std::string name;
  std::vector<std::string> values;
  bool is_list = true;
};
/// (completed parameters, significant digits) -> the encoder's spec quantities, computed from the
/// raw configuration at >= 100 digits and printed at `digits`.
using SpecFunction = std::function<std::vector<SpecField>(const Params&, int digits)>;

/// The published formula an entry implements: the capability by which the properties that
/// compare with a formula (spec.*) or rely on its form (sinusoidal.frequency_order,
/// xpos.causal_decay, bias.*, mrope.text_is_rope) select their encoders. A new entry opts in by
/// declaring it (and needs no family name or parameter spelling); `none` opts out.
enum class Formula {
  none,
  rope,        // RoFormer eq. 34: rope_theta, layout, partial_rotary_factor (default 1)
  sinusoidal,  // Vaswani 3.5, interleaved sin/cos: base
  sinusoidal_concatenated,  // tensor2tensor [sin | cos]: base
  xpos,                     // Sun et al. 2212.10554
  alibi,                    // Press et al., get_slopes(num_heads)
  t5_bidirectional,         // Raffel et al., relative buckets, both directions
  t5_causal,                // the same, keys after the query share bucket 0
  mrope,                    // Qwen2-VL M-RoPE: rope_theta, mrope_section
  rope_2d_axial,            // rope-vit axial: rope_theta
  rope_2d_mixed,            // rope-vit mixed: rope_theta, seed
};
const char* to_string(Formula f);

/// The published context-extension schedule a scaled RoPE implements (transformers rope_type;
/// the formulas are in posprop/rope_scaling.hpp): the capability by which the scaling.*
/// properties select their encoders. An entry that declares one accepts the rope_scaling keys
/// the schedule reads (rope_scaling_keys) under their transformers names, and builds a RoPE
/// whose inverse frequencies and attention factor are the schedule's.
enum class RopeScalingType {
  linear,       // position interpolation, Chen et al. 2306.15595
  ntk,          // static NTK-aware base change (bloc97)
  dynamic_ntk,  // dynamic NTK (transformers rope_type "dynamic")
  yarn,         // YaRN as transformers / llama.cpp compute it
  yarn_paper,   // YaRN as in Peng et al. 2309.00071 eq. 17-18
  llama3,       // Llama 3.1 frequency bands
  longrope,     // LongRoPE / Phi-3 su
};

template <class T>
struct ScalarTag {
  using type = T;
};

/// A number unique to one EncoderEntry object in the process, fresh on construction, copy and
/// assignment: the key of the caches of built instances. An address is no such key: an entry
/// destroyed and another built in its place share it, and the cache would hand the new entry
/// the old entry's encoder (found by tests/meta/ladder_test.cpp: two local entries in turn).
class EntryIdentity {
 public:
  EntryIdentity() : value_(next()) {}
  EntryIdentity(const EntryIdentity&) : value_(next()) {}
  EntryIdentity& operator=(const EntryIdentity&) {
    value_ = next();
    return *this;
  }
  std::uint64_t value() const { return value_; }

 private:
  static std::uint64_t next() {
    static std::atomic<std::uint64_t> counter{0};
    return ++counter;
  }
  std::uint64_t value_;
};

struct EncoderEntry {
  std::string name;    // lower-case, family first: "rope-neox"
  std::string family;  // label: "rope", "sinusoidal", ...
  Site site = Site::qk_transform;
  std::string description;  // one line
  std::string source;       // paper or repo:path of the formula
  Formula formula = Formula::none;
  /// The scaling schedule it implements, if it is a scaled RoPE with one (RopeScalingType).
  std::optional<RopeScalingType> scaling;
  std::vector<ParamSpec> params;
  /// Properties this encoder is expected to FAIL; every other applicable property must hold.
  std::set<std::string> expected_failures;
  /// Largest position the generators may use (positions beyond are rejected by the encoder).
  double max_position = 16777216.0;  // 2^24
  /// The encoder computes in double whatever the scalar T (a plugin, posprop check --plugin): it is
  /// decided on the double rung, and a counterexample is certified only when its interval residual
  /// exceeds the double tolerance (proofs/plugins.md).
  bool double_only = false;
  /// head_dim must be a multiple of this (e.g. 4 when a quarter of the pairs rotate).
  int dim_multiple = 2;
  /// Largest head_dim the generators use: 256 (Gemma) covers the head dims of real models;
  /// entries that keep less say why next to their value (cost, or a bound proved up to it).
  int max_dim = 256;
  /// Largest head_dim for the properties that form A(p) as a d x d matrix and multiply it
  /// (rotation.group, rotation.orthogonal, rotation.connected, map.apply_matches_matrix): a map
  /// built by dense products (a basis change, a fixed linear map) costs O(d^3) per map and rung.
  int matrix_max_dim = 256;
  /// If non-empty, the only head_dims the generators use (e.g. an encoder whose default
  /// parameters include per-pair lists of fixed length); dim_multiple and max_dim are ignored.
  std::vector<int> dims;

  /// Spec quantities for `posprop freqs` (empty for encoders without a frequency table).
  SpecFunction spec;

  EncoderFactory<float> make_float;
  EncoderFactory<double> make_double;
  EncoderFactory<Hp50> make_hp50;
  EncoderFactory<Hp100> make_hp100;
  EncoderFactory<Interval> make_interval;  // certificates

  /// The key of per-entry caches of built encoders (a copy is another entry).
  EntryIdentity identity;

  /// Builds the encoder in scalar T from user parameters (defaults filled, unknown keys rejected).
  template <class T>
  std::unique_ptr<Encoder<T>> make(const Params& user) const;

  Expect expectation(const std::string& property_id) const {
    return expected_failures.count(property_id) ? Expect::fail : Expect::hold;
  }
};

/// Fills the four factories from one generic lambda f(ScalarTag<T>, const Params&).
template <class F>
void set_factories(EncoderEntry& entry, F f) {
  entry.make_float = [f](const Params& p) { return f(ScalarTag<float>{}, p); };
  entry.make_double = [f](const Params& p) { return f(ScalarTag<double>{}, p); };
  entry.make_hp50 = [f](const Params& p) { return f(ScalarTag<Hp50>{}, p); };
  entry.make_hp100 = [f](const Params& p) { return f(ScalarTag<Hp100>{}, p); };
  entry.make_interval = [f](const Params& p) { return f(ScalarTag<Interval>{}, p); };
}

template <class T>
std::unique_ptr<Encoder<T>> EncoderEntry::make(const Params& user) const {
  const Params p = user.completed(name, params);
  if constexpr (std::is_same_v<T, float>) return make_float(p);
  if constexpr (std::is_same_v<T, double>) return make_double(p);
  if constexpr (std::is_same_v<T, Hp50>) return make_hp50(p);
  if constexpr (std::is_same_v<T, Hp100>) return make_hp100(p);
  if constexpr (std::is_same_v<T, Interval>) return make_interval(p);
}

/// All shipped encoders, in a stable order.
const std::vector<EncoderEntry>& encoders();
/// Throws InputError listing the known names if `name` is unknown.
const EncoderEntry& find_encoder(const std::string& name);
/// Shell-style glob (* and ?) match, used by --encoder / --property.
bool glob_match(const std::string& pattern, const std::string& text);

}  // namespace posprop
