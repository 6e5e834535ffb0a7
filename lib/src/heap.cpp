#include "posprop/heap.hpp"

#include <cstdlib>  // on glibc, defines __GLIBC__ (through <features.h>)

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace posprop {

void retain_freed_memory() {
#if defined(__GLIBC__)
  mallopt(M_TRIM_THRESHOLD, 1 << 30);  // return the heap top only past 1 GiB free
  mallopt(M_MMAP_THRESHOLD, 32 << 20);  // blocks under 32 MiB (glibc's maximum) from the heap
#endif  // elsewhere the allocator's defaults stay
}

}  // namespace posprop
