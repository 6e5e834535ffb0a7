// Every shipped encoder class, once: POSPROP_FOR_EACH_ENCODER(X) applies X to each. The
// instantiate_<scalar>.cpp units expand it for their one scalar type (one type per translation
// unit keeps compile time and memory bounded; see toolchain-pitfalls.md). A new encoder is one
// line here plus its header and its registry entry.
#pragma once

#include "posprop/encoders/alibi.hpp"
#include "posprop/encoders/axis_rope.hpp"
#include "posprop/encoders/composed.hpp"
#include "posprop/encoders/learned.hpp"
#include "posprop/encoders/liere.hpp"
#include "posprop/encoders/plugin.hpp"
#include "posprop/encoders/rope.hpp"
#include "posprop/encoders/rope_basis.hpp"
#include "posprop/encoders/scaled_rope.hpp"
#include "posprop/encoders/schemes.hpp"
#include "posprop/encoders/sinusoidal.hpp"
#include "posprop/encoders/t5_bias.hpp"
#include "posprop/encoders/xpos.hpp"

#define POSPROP_FOR_EACH_ENCODER(X) \
  X(Encoder)                        \
  X(PluginEncoder)                  \
  X(Rope)                           \
  X(RopeBasis)                      \
  X(Sinusoidal)                     \
  X(Learned)                        \
  X(SchemeA)                        \
  X(SchemeB)                        \
  X(XPos)                           \
  X(RopeThenLinear)                 \
  X(RopeThenOrthogonal)             \
  X(OrthogonalPower)                \
  X(RopeScaled)                     \
  X(ScaledRope)                     \
  X(Alibi)                          \
  X(T5Bias)                         \
  X(AxisRope)                       \
  X(Liere)
