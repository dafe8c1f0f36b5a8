/* rand.h - the fixed-seed random numbers of the trainers
 * SPDX-License-Identifier: MIT
 *
 * The state is the caller's (no global seed): the same seed gives the
 * same shuffles, and so the same model bytes, on every machine.
 */
#ifndef TKG_CORE_RAND_H
#define TKG_CORE_RAND_H

#include <stddef.h>
#include <stdint.h>

/** xorshift64*: the next number of STATE (never seed it with 0). */
static inline uint64_t tkgp_rand(uint64_t *state)
{
  uint64_t x = *state;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  *state = x;
  return x * 0x2545F4914F6CDD1Dull;
}

/** Fisher-Yates shuffle of N indices with STATE. */
void tkgp_shuffle(size_t *idx, size_t n, uint64_t *state);

#endif
