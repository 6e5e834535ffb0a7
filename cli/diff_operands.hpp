// The operands of `posprop diff A B`: SOURCE[@CONVENTION], SOURCE an encoder name (with --set /
// --set-a / --set-b parameters), a catalogue model name, or a config.json path (a name ending in
// .json or containing '/'); CONVENTION one of posprop/conventions.hpp (default transformers).
#pragma once

#include "posprop/conventions.hpp"
#include "posprop/registry.hpp"

#include <string>
#include <vector>

namespace posprop::cli {

struct Operand {
  std::string text;    // as given: "gpt-oss-20b@ggml"
  std::string source;  // before '@'
  std::string kind;    // "encoder", "model" or "config"
  const Convention* convention = nullptr;
  const EncoderEntry* entry = nullptr;
  Params user;               // the --set values for this side
  Params derived;            // model / config: every derived parameter (head_dim included)
  Index fixed_head_dim = 0;  // 0: not fixed (an encoder without --set head_dim)

  /// The complete parameters at `head_dim` under the convention.
  Params params(Index head_dim) const;
  /// "catalogue model gpt-oss-20b -> rope-yarn-untruncated, convention ggml".
  std::string describe() const;
};

/// Resolves one operand; `sets` are the --set values plus this side's own. InputError naming the
/// operand for an unknown source, a convention that does not apply, a bad parameter.
Operand resolve_operand(const std::string& text, const Params& sets, const std::string& layer_type);

/// The head_dims to compare at, as (head_dim of A, head_dim of B): the fixed ones, or else
/// `requested` (--dims), or else the encoders' defaults and 64, 80, 96, 128, 256 that both
/// admit. `swept` tells whether a dim that fails to build may be skipped.
std::vector<std::pair<Index, Index>> head_dims(const Operand& a, const Operand& b,
                                               const std::vector<Index>& requested, bool& swept);

}  // namespace posprop::cli
