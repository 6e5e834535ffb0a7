// The allocator settings of posprop's own programs (the command, the test and certificate
// binaries; not the plugin worker, which runs outside code).
#pragma once

namespace posprop {

/// Keeps freed memory in the process instead of returning it to the kernel at once.
///
/// A high-precision check allocates and frees many large blocks: a d x d matrix of Hp50 (limbs
/// stored inline) is one block of about 4 MB at d = 256. By default glibc serves blocks over a
/// moving threshold with mmap and returns the top of the heap to the kernel whenever 128 KiB is
/// free there (M_TRIM_THRESHOLD), so each new matrix faults its pages in again: `rotation.group`
/// took 70 000 page faults and 0.5 s of system time for 2 s of work. With trimming off and
/// blocks under 32 MiB on the heap it takes 5 000 faults and almost no system time
/// (`scaling.continuity`: 4.7 s -> 2.8 s). Peak memory is unchanged: freed blocks are reused,
/// not kept twice. No effect outside glibc.
void retain_freed_memory();

}  // namespace posprop
