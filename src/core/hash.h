/* hash.h - 64-bit string hashing and mixing (FNV-1a, murmur3 finalizer)
 * SPDX-License-Identifier: MIT
 *
 * The hashes every model file is keyed by: changing one changes the
 * features of every model, so they are fixed and need a retrain.
 */
#ifndef TKG_CORE_HASH_H
#define TKG_CORE_HASH_H

#include <stddef.h>
#include <stdint.h>

/** FNV-1a of LEN bytes. */
static inline uint64_t tkgp_hash_bytes(const void *data, size_t len)
{
  const unsigned char *p = data;
  uint64_t h = 0xcbf29ce484222325ull;
  while (len--) {
    h ^= *p++;
    h *= 0x100000001b3ull;
  }
  return h;
}

/** FNV-1a of the NUL-terminated S. */
static inline uint64_t tkgp_hash_str(const char *s)
{
  uint64_t h = 0xcbf29ce484222325ull;
  while (*s) {
    h ^= (unsigned char)*s++;
    h *= 0x100000001b3ull;
  }
  return h;
}

/** FNV-1a of S with ASCII letters lowercased (other bytes as they are). */
static inline uint64_t tkgp_hash_lower(const char *s)
{
  uint64_t h = 0xcbf29ce484222325ull;
  for (; *s; s++) {
    unsigned char ch = (unsigned char)*s;
    if (ch >= 'A' && ch <= 'Z')
      ch = (unsigned char)(ch + 32);
    h ^= ch;
    h *= 0x100000001b3ull;
  }
  return h;
}

/** Combine H with V (order-sensitive). */
static inline uint64_t tkgp_hmix(uint64_t h, uint64_t v)
{
  h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  h *= 0xff51afd7ed558ccdull;
  return h ^ (h >> 29);
}

/** Final avalanche (murmur3 fmix64). */
static inline uint64_t tkgp_hfin(uint64_t h)
{
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

#endif
