/* rand.c - shuffling with the trainers' generator
 * SPDX-License-Identifier: MIT
 */
#include "core/rand.h"

void tkgp_shuffle(size_t *idx, size_t n, uint64_t *state)
{
  for (size_t i = n; i > 1; i--) {
    size_t j = (size_t)(tkgp_rand(state) % i), t = idx[i - 1];
    idx[i - 1] = idx[j];
    idx[j] = t;
  }
}
