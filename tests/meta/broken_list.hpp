// Every broken encoder class, once; broken_<scalar>.cpp expand it for their one scalar type.
#pragma once

#include "broken_axes.hpp"
#include "broken_encoders.hpp"

#define POSPROP_FOR_EACH_BROKEN(X) \
  X(BlockRope)                     \
  X(RopeWrongSign)                 \
  X(RopeMixedConvention)           \
  X(RopeLayoutIgnored)             \
  X(RopeStrayScale)                \
  X(RopePartialRotatesTail)        \
  X(RopeExponentI)                 \
  X(RopePartialHeadDimFreqs)       \
  X(RopeFloatAngles)               \
  X(RopeFastPathInverse)           \
  X(RopeMatrixTransposed)          \
  X(RopeKeyScaled)                 \
  X(SinusoidalSwapped)             \
  X(SinusoidalFloatAngles)         \
  X(SchemeAQuadrature)             \
  X(XPosUpscale)                   \
  X(AlibiPow2Slopes)               \
  X(AlibiRewardsDistance)          \
  X(T5ClampOffByOne)               \
  X(AxisRopeSkewPlanes)
