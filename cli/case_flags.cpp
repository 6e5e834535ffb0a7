// The flags of golden-vectors cases and their notes. Every note says what goes wrong, how it
// shows in `posprop verify`, and a real-world instance (public issue trackers; the bug classes
// of ../shared/reference/bug-classes.md). Flags that name a candidate explanation (layout,
// scaling-dropped, bf16-frequencies, ...) are set on a case only when that case tells the buggy
// implementation apart: its exact output differs from the reference by more than twice the
// case's tolerance (cli/golden_flags.cpp).
#include "case_flags.hpp"

#include "posprop/params.hpp"

#include <algorithm>
#include <iterator>

namespace posprop::cli {

namespace {

// The notes, in the order files print them.
const FlagNote kNotes[] = {
    {"requested",
     "Nothing specific: the positions asked for (vectors --model: 0, 1, 2, 3, 5, 8, 13, 100, "
     "1000), where implementations are usually tested. A failure here is a gross error (wrong "
     "base, formula or pairing; position 0 must give c x back: positions counted from 1 or "
     "offset by padding fail it).",
     "Every case of the group fails, from position 1 on.",
     "Most bugs of the other flags are invisible here: llama.cpp's test-backend-ops draws "
     "positions from rand() % 512, and transformers' test_modeling_rope_utils.py checks inv_freq "
     "only, never applied rotations (reference/pe-variants.md sections 12-13)."},
    {"large-position",
     "Angles p w_k formed in fp32 or a narrower type lose absolute accuracy as p grows (the ulp "
     "of an fp32 angle near 1e5 is 0.008 rad); cos/sin caches sized to a maximum length clamp "
     "or wrap beyond it.",
     "Cases at small positions pass, these fail; the error grows with the position, first in "
     "the fastest pairs (the worst pair is named).",
     "ml-explore/mlx-lm#1076: RoPE rotated in fp16 makes adjacent positions identical beyond "
     "262K tokens; published fp32 golden tables carry about 1 mrad of angle error at 32K "
     "(reference/bug-classes.md)."},
    {"knee",
     "Positions L-1, L, L+1 around original_max_position_embeddings (and every other "
     "*max_position* parameter), where scaled variants switch regime: an off-by-one comparison "
     "(< against <=) or the wrong length (max_position_embeddings for "
     "original_max_position_embeddings) moves the switch.",
     "The case at L or L+1 fails while its neighbours pass.",
     "unslothai/unsloth#10681: LongRoPE took the long factors at exactly L = 4096 tokens "
     "(seq_len "
     "< L instead of seq_len <= L); transformers versions disagree on which length YaRN uses "
     "(reference/pe-variants.md section 5)."},
    {"partial-rotary",
     "Only rotary_dim = head_dim x partial_rotary_factor coordinates rotate, with frequencies "
     "formed over rotary_dim; the rest are copied. Wrong: frequencies from head_dim, every "
     "coordinate rotated, the factor applied twice or dropped, the copied part altered.",
     "The copied coordinates differ (pass-through), or every pair turns at a wrong rate; the "
     "diagnosis names partial_rotary_factor = 1 when the factor was dropped.",
     "pie-project/pie#602: rope_partial used theta^(-2i/head_dim) and pairs (i, i + "
     "head_dim/2), exact at position 0 and drifting with context; AI-Hypercomputer/maxtext#4615: "
     "partial_rotary_factor silently dropped on the M-RoPE path."},
    {"non-power-of-two-dim",
     "Head dimensions such as 80, 96 or 192: kernels that assume a power of two, vector loops "
     "with an unhandled tail, a wrong half-split offset.",
     "The last pairs (the tail of the loop) fail, or the copied coordinates are overwritten.",
     "Phi-3.5-mini has head_dim 96 (models/phi-3.5-mini.json); reference/bug-classes.md "
     "section 6 (odd and non-power-of-two widths 72, 192)."},
    {"cache-length",
     "Dynamic NTK and LongRoPE depend on the current sequence (cache) length seq_len: the base "
     "or the factor list changes when seq_len passes L. Implementations ignore it (compute at "
     "L, or at a fixed factor x L), take it from the allocated context instead of the sequence, "
     "or keep a stale cache.",
     "Groups at different seq_len disagree: an implementation that ignores seq_len fits one of "
     "them and fails the others; verify names the seq_len its outputs match.",
     "vllm-project/vllm#3488 and #41236: vLLM's dynamic NTK fixed the base at max_len = L x "
     "factor, a constant independent of the sequence; ggml-org/llama.cpp#24823: LongRoPE "
     "factors chosen from the allocated context, not the sequence length."},
    {"attention-factor",
     "A group whose attention factor c != 1 (YaRN mscale, LongRoPE): c multiplies cos and sin, "
     "so the logits scale by c^2. It is dropped, applied twice, or replaced by the wrong "
     "formula (mscale / mscale_all_dim ignored).",
     "outputs.magnitude fails at every position and names the factor the outputs carry (c^2: "
     "applied twice; 1: ignored).",
     "sgl-project/sglang#33558: attention_factor treated as a multiplier on the computed mscale "
     "squared it (1.4852 -> 2.2058); sgl-project/sglang#22711 and "
     "turboderp-org/exllamav3#259: mscale / mscale_all_dim ignored or collapsed to 1."},
    {"layout",
     "Interleaved pairs (2k, 2k+1) (GPT-J, Meta, RoFormer) against half-split pairs (k, k + "
     "d/2) (GPT-NeoX, transformers rotate_half): a kernel hard-codes one, or a checkpoint "
     "converted for one runs with the other. Set on cases where the other layout differs by "
     "more than twice the tolerance (every position but 0).",
     "Every case but position 0 fails; the diagnosis names the layout the outputs match.",
     "vllm-project/vllm#49290: the M-RoPE Triton kernel hard-coded NeoX pairing for GPT-J-style "
     "models (GLM-OCR); vllm-project/vllm-ascend#12765, the same on NPU."},
    {"scaling-dropped",
     "The rope_scaling block is silently ignored (factor 1): plain RoPE frequencies. An "
     "unscaled RoPE is still a valid RoPE, so every invariant passes; only a reference from "
     "the configuration catches it. Set on cases where factor = 1 differs by more than twice "
     "the tolerance.",
     "Cases fail; the diagnosis names factor = 1.",
     "reference/bug-classes.md section 1, the most frequent class: scaling type, theta, factor "
     "or attention factor dropped, defaulted or applied twice."},
    {"bf16-frequencies",
     "inv_freq held in bf16 (the buffer cast with the model, model.to(bfloat16)): each "
     "frequency off by up to 2^-9 relative, so the angle error p w 2^-9 grows with the "
     "position. Set on cases where that error exceeds twice the tolerance.",
     "Failing cases from a few hundred positions on, growing linearly; the worst pair is a fast "
     "one.",
     "sgl-project/sglang-jax#1472: inv_freq cast to bf16 before the phase, failing at position "
     "4095 with 72 of 128 outputs off; huggingface/transformers#29285 (RoPE loses precision in "
     "bf16, Llama / Gemma)."},
    {"fp16-frequencies",
     "inv_freq held in fp16: each frequency off by up to 2^-12 relative (and the slowest ones "
     "subnormal or zero for large bases). Set on cases where that error exceeds twice the "
     "tolerance.",
     "As bf16-frequencies, 8 times smaller; the slowest pairs may stop turning.",
     "NVIDIA/Megatron-LM#535: with fp16 enabled inv_freq was fp16 in forward."},
    {"bf16-positions",
     "Position ids created in bf16, which holds integers exactly only up to 256: neighbouring "
     "positions collapse onto one. Set on cases whose position is not a bf16 integer and whose "
     "error exceeds twice the tolerance.",
     "Cases above 256 fail with errors of whole radians in the fast pairs.",
     "EleutherAI/gpt-neox#1016: positions 256 and 257 indistinguishable in bf16; "
     "huggingface/candle#3520: position 15962 rounded to 15936 or 15968 in qwen2's cos/sin "
     "tables."},
    {"fp16-positions",
     "Position ids created in fp16: integers exact only up to 2048, and positions from 65520 "
     "on overflow to infinity (NaN outputs). Set on cases whose position is not an fp16 "
     "integer and whose error exceeds twice the tolerance.",
     "Cases above 2048 fail; above 65519 the outputs are NaN.",
     "NVIDIA/Megatron-LM#535: seq cast to fp16 made every tail position identical beyond the "
     "fp16 range."},
    {"bf16-tables",
     "cos/sin tables stored in bf16 (7 fraction bits): every entry off by up to 2^-9 relative "
     "at every position but 0. Set on cases where that error exceeds twice the tolerance.",
     "Every case but position 0 fails by about 2^-9 |x|, independent of the position.",
     "KellerJordan/modded-nanogpt#39: cos_cached / sin_cached kept in bf16, degrading "
     "long-context relative encoding."},
    {"fp16-tables",
     "cos/sin tables stored in fp16: every entry off by up to 2^-12 relative. Set on cases "
     "where that error exceeds twice the tolerance.",
     "Every case but position 0 fails by about 2^-12 |x|.",
     "huggingface/candle#3520 (cos/sin computed in the model dtype)."},
    {"low-frequency-band",
     "The slowest quarter of the pairs (long wavelengths), where scaling acts (position "
     "interpolation, YaRN's interpolated band, Llama 3's low band) and band-specific code or "
     "buffers live; a relative error there shows only at large positions. Set on cases where "
     "an error of 2^-9 in those frequencies alone exceeds twice their tolerance.",
     "Only the per-pair judgement sees it (the 2-norm tolerance is set by the fast pairs): the "
     "failing case names a pair in the last quarter.",
     "Llama 3 band edges are inclusive in transformers while llama.cpp stores divisors "
     "(reference/pe-variants.md section 6 and trap 10); NVIDIA/TransformerEngine#1245: RoPE in "
     "lower precision destabilised Llama 3.1 training (base 500000: slower low band) but not "
     "Llama 2."},
    {"key-path",
     "Keys take a separate path (a key-cache kernel, a KV shift) that rotates by -p or with "
     "the query's map transposed. Set on cases where the keys rotated by -p differ by more than "
     "twice the tolerance.",
     "q_out passes and k_out fails; scores are not relative.",
     "reference/bug-classes.md sections 4 and 10: KV-shift deltas overwritten, inverse "
     "rotation not applied; cross-wired q/k (section 8)."},
    {"vector-positions",
     "Multi-axis encoders take one position per axis (Qwen2-VL M-RoPE: t, h, w for image and "
     "video tokens; 2-D RoPE: x, y). Text tokens (t = h = w) reduce M-RoPE to plain RoPE, so "
     "tests with text only cannot see the axes: these cases have distinct axes, each with its "
     "transpose.",
     "Text positions pass and these fail; the diagnosis names swapped axes or 'every axis = t'.",
     "reference/pe-variants.md section 11 (mrope_section counts pairs, doubled in transformers; "
     "ggml's VISION mode resets the frequency index per section); reference/bug-classes.md "
     "section 7 (axis order, zeroed axes)."},
    {"axis-order",
     "Multi-axis positions (M-RoPE t, h, w; 2-D x, y): axes swapped, sections counted in "
     "dimensions instead of pairs, the frequency index reset per section. Set on cases whose "
     "axes are distinct and where a permutation of them differs by more than twice the "
     "tolerance.",
     "Text positions (t = h = w) pass and these fail; the diagnosis names the permutation the "
     "outputs match.",
     "reference/pe-variants.md section 11: mrope_section counts pairs and is doubled in "
     "transformers; ggml's VISION mode resets the index per section; IMROPE interleaves."},
    {"text-positions",
     "M-RoPE with t = h = w equals plain half-split RoPE; an implementation that feeds the "
     "temporal position to every axis (or zeroes h and w) passes text-only tests. Set on cases "
     "where every axis taking t differs by more than twice the tolerance.",
     "Cases with distinct axes fail; the diagnosis names 'every axis = t'.",
     "reference/bug-classes.md section 7: zeroed axes, truncated fractional time steps."},
    {"non-power-of-two-heads",
     "ALiBi slopes for n heads not a power of two: get_slopes takes the 2^floor(log2 n) "
     "geometric sequence plus every other slope of the next one; the plain formula 2^(-8(h+1)/n) "
     "is wrong for every head.",
     "Slopes fail; the diagnosis names the power-of-two formula.",
     "ml-explore/mlx#343 and #3071: slopes from (2^8)^(1/n) for any n; NVIDIA/TensorRT-LLM#1611: "
     "non-monotone slopes for non-power-of-two heads."},
    {"bidirectional",
     "ALiBi rows with keys on both sides of the query (encoders, prefix LM): the bias is "
     "-m |i - j|, symmetric; the causal shortcut +m j is wrong here.",
     "Rows fail for keys after the query; the diagnosis names the flipped sign.",
     "reference/pe-variants.md section 9: -m (i - j), equivalently +m j only under a causal "
     "mask."},
    {"bias-sign",
     "The ALiBi bias rewards distance (+m |i - j|) instead of penalising it, or the relative "
     "position is taken as i - j instead of j - i (T5). Set on cases with keys at more than one "
     "distance.",
     "Bias rows fail by 2 m |i - j|; the diagnosis names the flipped sign or direction.",
     "reference/bug-classes.md section 9 (ALiBi sign); dmlc/gluon-nlp#1470: relative position "
     "redefined as mem - query to match mesh_tensorflow."},
    {"head-offset",
     "Per-shard head offsets: a tensor-parallel shard computes the slopes of its local heads as "
     "if they were heads 0 .. n/s - 1.",
     "Slopes of every head but the first shard's fail.",
     "reference/bug-classes.md section 9 (per-shard head offsets); NVIDIA/TensorRT-LLM#1611 "
     "(padded heads 66 -> 72 for tp = 8)."},
    {"bucket-boundary",
     "T5 buckets around max_exact (the switch from one bucket per distance to logarithmic "
     "buckets), the logarithmic bucket edges, and max_distance (the clamp to the last bucket). "
     "int() truncation, a missing min(), or float rounding move a distance to the neighbouring "
     "bucket.",
     "The bucket of one distance is off by one; bias differs there.",
     "huggingface/candle#1312: the min() clamp to the last bucket was missing, giving "
     "out-of-range buckets for long distances; reference/pe-variants.md trap 14."},
    {"causal",
     "Causal attention. T5: bidirectional (encoder) against causal (decoder) buckets -- "
     "bidirectional halves the buckets and puts keys after the query in the upper half, causal "
     "puts every key after the query in bucket 0. ALiBi: rows with keys j <= i only, where the "
     "reference's per-key form +m j (a row constant from -m (i - j)) is admitted.",
     "T5: keys after the query (and the log buckets) land in other buckets; the diagnosis names "
     "the other mode. ALiBi: a row fails only when no single constant explains it.",
     "huggingface/transformers#8518: a bidirectional relative_position_bias was used where T5 "
     "uses none (EncDecAttention)."},
};

}  // namespace

const std::vector<FlagNote>& flag_notes() {
  static const std::vector<FlagNote> notes(std::begin(kNotes), std::end(kNotes));
  return notes;
}

const FlagNote* find_flag_note(const std::string& flag) {
  for (const FlagNote& n : flag_notes())
    if (flag == n.flag) return &n;
  return nullptr;
}

const std::vector<std::string>& extra_case_classes() {
  static const std::vector<std::string> classes = {"large-position", "knee", "partial-rotary",
                                                   "non-power-of-two-dim", "cache-length"};
  return classes;
}

std::vector<std::string> flag_names() {
  std::vector<std::string> out;
  for (const FlagNote& n : flag_notes()) out.emplace_back(n.flag);
  return out;
}

bool CaseSelection::selects(const std::vector<std::string>& flags) const {
  bool in = all;
  for (const std::string& f : flags) in = in || include.count(f) != 0;
  for (const std::string& f : flags) in = in && exclude.count(f) == 0;
  return in;
}

bool CaseSelection::selects_class(const std::string& cls) const {
  return selects({cls});
}

CaseSelection parse_case_selection(const std::string& option, const std::string& text,
                                   const std::vector<std::string>& known) {
  CaseSelection s;
  s.all = false;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    std::string item = text.substr(start, end - start);
    start = end + 1;
    const bool minus = !item.empty() && item[0] == '-';
    if (minus) item = item.substr(1);
    if (item == "all" && !minus) {
      s.all = true;
    } else if (item == "none" && !minus) {
      s.all = false;
      s.include.clear();
    } else if (std::find(known.begin(), known.end(), item) != known.end()) {
      (minus ? s.exclude : s.include).insert(item);
    } else {
      std::string names;
      for (const std::string& k : known) names += (names.empty() ? "" : ", ") + k;
      throw InputError("option '" + option + "': unknown case class '" + item +
                       "' (expected all, none, or a comma list of " + names +
                       "; -CLASS excludes one)");
    }
  }
  return s;
}

}  // namespace posprop::cli
