// Building registry entries: the parameter readers every family shares, a factory from a
// constructor-argument reader, and variants of shipped entries. Used by the shipped registry
// (lib/src/registry*.cpp) and by the broken encoders of tests/meta, so that an entry is its data
// plus one line naming its class and constructor arguments.
#pragma once

#include "posprop/registry.hpp"

#include <cstdint>
#include <set>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace posprop::build {

/// head_dim, checked positive, even and <= 65536.
Index head_dim(const Params& p);
/// transformers: int(head_dim * partial_rotary_factor), checked even and positive.
Index rotary_dim(const Params& p);
/// "interleaved" or "half_split".
Layout layout(const Params& p);
/// "seed", an integer in [0, 2^53].
std::uint64_t seed(const Params& p);
/// (head_dim, rope_theta, rotary_dim, layout): the constructor arguments of Rope<T> and of every
/// class built like it.
std::tuple<Index, double, Index, Layout> rope_args(const Params& p);

extern const ParamSpec kHeadDim;
extern const ParamSpec kTheta;
extern const ParamSpec kBase;
extern const ParamSpec kSeed;

/// What names and places an entry.
struct Identity {
  std::string name, family;
  Site site = Site::qk_transform;
  std::string description, source;
};

EncoderEntry entry(Identity id, std::vector<ParamSpec> params,
                   std::set<std::string> expected_failures = {});

/// A copy of the shipped entry `shipped` (parameters, limits, and its spec: the quantities a
/// variant must reproduce) named and described anew, with no expected failure and no factory:
/// a variant, or a deliberately broken imitation (tests/meta).
EncoderEntry variant_of(const std::string& shipped, std::string name, std::string description,
                        std::string source, std::set<std::string> expected_failures = {});

/// Which scalars get a factory: every rung, or all but float (the broken encoders of tests/meta
/// are never built in float; instantiating them would only cost compile time).
enum class Scalars { all, ladder };

/// The factories from one generic lambda f(ScalarTag<T>, const Params&) -> unique_ptr<Encoder<T>>.
template <Scalars S = Scalars::all, class F>
void factories(EncoderEntry& e, F f) {
  if constexpr (S == Scalars::all) {
    set_factories(e, f);
  } else {
    e.make_float = [name = e.name](const Params&) -> std::unique_ptr<Encoder<float>> {
      throw InputError("encoder '" + name + "' is not built for float");
    };
    e.make_double = [f](const Params& p) { return f(ScalarTag<double>{}, p); };
    e.make_hp50 = [f](const Params& p) { return f(ScalarTag<Hp50>{}, p); };
    e.make_hp100 = [f](const Params& p) { return f(ScalarTag<Hp100>{}, p); };
    e.make_interval = [f](const Params& p) { return f(ScalarTag<Interval>{}, p); };
  }
}

/// The scalar type of a ScalarTag (in generic lambdas: `scalar_of<decltype(tag)>`).
template <class Tag>
using scalar_of = typename Tag::type;

/// Factories building E<T>(args...) with (args...) = args(completed parameters), a std::tuple.
/// When an argument depends on the scalar (a frequency table in T), `args` takes
/// (ScalarTag<T>, const Params&) instead.
template <template <class> class E, Scalars S = Scalars::all, class Args>
void construct(EncoderEntry& e, Args args) {
  factories<S>(e, [args](auto tag, const Params& p) {
    using T = scalar_of<decltype(tag)>;
    auto make = [](auto&&... a) {
      return std::unique_ptr<Encoder<T>>(new E<T>(std::forward<decltype(a)>(a)...));
    };
    if constexpr (std::is_invocable_v<const Args&, const Params&>) {
      return std::apply(make, args(p));
    } else {
      return std::apply(make, args(tag, p));
    }
  });
}

/// Spec helpers: decimal text of high-precision values (1 to 100 significant digits) and of
/// integers.
std::vector<std::string> decimals(const std::vector<Hp100>& values, int digits);
std::vector<std::string> integers(const std::vector<long long>& values);

}  // namespace posprop::build
