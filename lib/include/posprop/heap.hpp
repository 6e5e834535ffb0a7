// The allocator settings of posprop's own programs (the command, the test and certificate
// binaries; not the plugin worker, which runs outside code).
#pragma once

namespace posprop {

/// Keeps freed memory in the process instead of returning it to the kernel at once.
///
/// A high-precision check allocates and frees the limbs of millions of MPFR numbers (one
/// allocation per Hp50 entry of a d x d matrix). By default glibc returns the top of the heap to
/// the kernel whenever 128 KiB is free there (M_TRIM_THRESHOLD) and maps blocks over a moving
/// threshold with mmap, so each new matrix faults its pages in again: `rotation.group` took
/// 70 000 page faults and 0.5 s of system time for 2 s of work. With trimming off and large
/// blocks on the heap it takes 5 000 faults, and its wall time halves (README, "Cost"). Peak
/// memory is unchanged: freed blocks are reused, not kept twice. No effect outside glibc.
void retain_freed_memory();

}  // namespace posprop
