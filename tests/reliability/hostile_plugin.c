/* Hostile posprop plugins, one per build (-DHOSTILE=<name>), for tests/reliability: what outside
 * code can do to the process it is loaded in. Each is a correct interleaved RoPE
 * (examples/plugins/rope_plugin.c) in apply_query; the misbehaviour is in apply_key (or in
 * loading), so that the cells calling only apply_query still get verdicts.
 *   segv, abort, exit0, exit3, loop      crash / exit / hang in apply_key
 *   nan                                  apply_key returns NaN in out[dim - 1]
 *   oob_after, oob_before                writes out[dim] / out[-1]
 *   read_after                           reads in[dim]
 *   write_input, partial                 writes in[0] / leaves out[dim - 1] unwritten
 *   refuse                               apply_key returns 7 (input not supported)
 *   close_fds, write_fds                 closes / writes garbage to every descriptor 3..63
 *   fork_segv                            forks a child that sleeps holding the worker's
 *                                        descriptors, appends its pid to hostile_child.pid,
 *                                        then segfaults (the test checks the child was killed)
 *   noisy                                prints binary garbage to stdout and stderr (correct)
 *   ctor_segv, ctor_exit0, ctor_loop     crash / exit / hang in a constructor (dlopen)
 *   entry_segv                           crash in posprop_plugin_entry
 *   bad_name                             description name pointer to unmapped memory
 *   evil_text                            description with terminal control sequences (loads)
 *   evil_reference, evil_params          reference / reference_params with control sequences
 */
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "posprop/plugin.h"

#define IS(name) (strcmp(HOSTILE, #name) == 0)

static int rope(int32_t dim, double pos, const double* in, double* out) {
  int32_t k;
  if (dim < 2 || dim % 2 != 0) return 1;
  for (k = 0; k < dim / 2; ++k) {
    const double angle = pos * pow(10000.0, -(double)(2 * k) / (double)dim);
    const double c = cos(angle), s = sin(angle);
    const double x = in[2 * k], y = in[2 * k + 1];
    out[2 * k] = x * c - y * s;
    out[2 * k + 1] = x * s + y * c;
  }
  return 0;
}

/* A write through a wild pointer into the unmapped first page (not NULL itself: with
 * -fsanitize=undefined a NULL store is stopped before it happens, and the plugin exits 1). */
static void crash(void) {
  volatile int* volatile p = (volatile int*)(void*)64;
  *p = 1;
}

static void fork_and_crash(void) {
  const pid_t child = fork();
  FILE* f;
  if (child == 0)
    for (;;) pause();
  f = fopen("hostile_child.pid", "a");
  if (f) {
    fprintf(f, "%d\n", (int)child);
    fclose(f);
  }
  crash();
}

static void noise(void) {
  static const char garbage[] = "\x1b[2J\x00\xff garbage {\"cells\": [\n\r";
  fwrite(garbage, 1, sizeof garbage, stdout);
  fflush(stdout);
  fwrite(garbage, 1, sizeof garbage, stderr);
}

static int query(int32_t dim, double pos, const double* in, double* out) {
  if (IS(noisy)) noise();
  return rope(dim, pos, in, out);
}

static int key(int32_t dim, double pos, const double* in, double* out) {
  int fd;
  volatile double sink = 0;
  if (IS(segv)) crash();
  if (IS(abort)) abort();
  if (IS(exit0)) exit(0);
  if (IS(exit3)) exit(3);
  if (IS(loop))
    for (;;) sink = 0;
  if (IS(refuse)) return 7;
  if (IS(fork_segv)) fork_and_crash();
  if (IS(close_fds))
    for (fd = 3; fd < 64; ++fd) close(fd);
  if (IS(write_fds))
    for (fd = 3; fd < 64; ++fd) (void)!write(fd, "garbage, not a reply from the worker", 36);
  if (IS(read_after)) sink = in[dim];
  if (IS(write_input)) ((double*)in)[0] = 42.0;
  (void)sink;
  if (IS(noisy)) noise();
  rope(dim, pos, in, out);
  if (IS(nan)) out[dim - 1] = NAN;
  if (IS(oob_after)) out[dim] = 1.0;
  if (IS(oob_before)) out[-1] = 1.0;
  return 0;
}

/* Writes everything but out[dim - 1]. */
static int partial_key(int32_t dim, double pos, const double* in, double* out) {
  double scratch[256];
  if (dim < 2 || dim > 256) return 1;
  rope(dim, pos, in, scratch);
  memcpy(out, scratch, (size_t)(dim - 1) * sizeof(double));
  return 0;
}

__attribute__((constructor)) static void on_load(void) {
  volatile int spin = 1;
  if (IS(ctor_segv)) crash();
  if (IS(ctor_exit0)) exit(0);
  if (IS(ctor_loop))
    while (spin) {
    }
}

static const struct posprop_plugin_v1 kPlugin = {
    POSPROP_PLUGIN_ABI_VERSION,
    "hostile",
    "a correct RoPE in apply_query; misbehaves in apply_key (tests/reliability)",
    POSPROP_SITE_QK_TRANSFORM,
    "rope",
    "rope_theta=10000;layout=interleaved;partial_rotary_factor=1",
    2,
    256,
    2,
    query,
    key};

const struct posprop_plugin_v1* posprop_plugin_entry(void) {
  static struct posprop_plugin_v1 p;
  if (IS(entry_segv)) crash();
  p = kPlugin;
  if (IS(partial)) p.apply_key = partial_key;
  if (IS(bad_name)) p.name = (const char*)(void*)16;
  /* Clear the screen, retitle the terminal, ring the bell, return the cursor, DEL. */
  if (IS(evil_text)) p.description = "\x1b[2J\x1b]0;owned\x07 evil description\r\x7f";
  if (IS(evil_reference)) p.reference = "rope\x1b[2J\x1b]0;owned\x07\r";
  if (IS(evil_params)) p.reference_params = "rope_theta=1e4;\x1b[2J\x1b]0;owned\x07=1\r";
  return &p;
}
