/* clusters.h - word clusters derived from pretrained word vectors
 * SPDX-License-Identifier: MIT
 *
 * A word's cluster is its path in a binary tree over the vocabulary of
 * GloVe-derived vectors (built by `textkg train clusters`): words whose
 * vectors point the same way share long prefixes, as Brown clusters do.
 * The tagger, parser, NER and relation classifier use prefixes of a few
 * lengths as features (Koo et al. 2008; Ratinov & Roth 2009), so a word
 * seen rarely or never in the annotated corpora is known by its
 * neighbours in a corpus of billions of words.
 *
 * A path is stored with a leading 1 bit (the root is 1, its children 2
 * and 3...), so 24 bits hold both the bits and their number; 0 is a word
 * the vectors do not know. The bits above hold the word's name class
 * (tkgp_clusters_name()), so that one lookup gives both.
 */
#ifndef TKG_NLP_CLUSTERS_H
#define TKG_NLP_CLUSTERS_H

#include "core/world.h"
#include "nlp/model.h"

#include <stdint.h>

#define TKGP_KIND_CLUSTERS TKGP_FOURCC('C', 'L', 'U', 'S')
#define TKGP_CLUSTERS_SEC_PARAM TKGP_FOURCC('C', 'P', 'R', 'M') /* tkgp_clusters_param */
/* kmap32: key -> path | name class << TKGP_CLUSTERS_NAME_SHIFT */
#define TKGP_CLUSTERS_SEC_MAP TKGP_FOURCC('C', 'M', 'A', 'P')
#define TKGP_CLUSTERS_FILE "clusters.bin"
#define TKGP_CLUSTERS_MAX_DEPTH 23u   /* a path and its leading 1: 24 bits */
#define TKGP_CLUSTERS_NAME_SHIFT 24u

typedef struct tkgp_clusters_param {
  uint32_t words;      /* words in the map */
  uint32_t depth;      /* the deepest path */
  uint32_t dimensions; /* of the vectors they were derived from */
  uint32_t reserved;
} tkgp_clusters_param;

typedef struct tkgp_clusters tkgp_clusters;

/**
 * Map the clusters file at PATH. Caller frees with tkgp_clusters_close().
 * @return 0, TKG_ENOTFOUND, TKG_EIO, TKG_EDATA or TKG_ENOMEM (message in WORLD).
 */
int tkgp_clusters_open(tkgp_clusters **out, tkg_world *world, const char *path);

/** Unmap. Accepts NULL. */
void tkgp_clusters_close(tkgp_clusters *c);

/**
 * The key a word is looked up by: FNV-1a of the form with ASCII letters
 * lowercased, apostrophes left out and a final period dropped ("Inc."
 * is "inc", "O'Neill" "oneill"), the way the vectors' vocabulary writes
 * words.
 */
uint64_t tkgp_clusters_key(const char *form);

/** What the map holds for FORM: its path and its name class (below), or 0.
 * C may be NULL (then 0). */
uint32_t tkgp_clusters_entry(const tkgp_clusters *c, const char *form);

/** The path of an entry (see above), 0 for a word the vectors do not know. */
static inline uint32_t tkgp_clusters_path(uint32_t entry)
{
  return entry & ((1u << TKGP_CLUSTERS_NAME_SHIFT) - 1);
}

/** The path of FORM, or 0. */
static inline uint32_t tkgp_clusters_of(const tkgp_clusters *c, const char *form)
{
  return tkgp_clusters_path(tkgp_clusters_entry(c, form));
}

/** The name class of an entry: 0 when the annotated names among the
 * word's nearest words in the vectors are outnumbered by other words,
 * else tkgp_clusters_name_code() of the winning class (0 person, 1
 * organization, 2 place) and its share of the neighbours' weight. */
static inline uint32_t tkgp_clusters_name(uint32_t entry)
{
  return entry >> TKGP_CLUSTERS_NAME_SHIFT;
}

/** The name class of FORM (see above), or 0. */
static inline uint32_t tkgp_clusters_name_class(const tkgp_clusters *c, const char *form)
{
  return tkgp_clusters_name(tkgp_clusters_entry(c, form));
}

/** 1 + 3 * CLS + a bucket of SHARE (0: under a half, 1: under three
 * quarters, 2: more). */
static inline uint32_t tkgp_clusters_name_code(unsigned cls, double share)
{
  return 1u + 3u * cls + (share >= 0.75 ? 2u : share >= 0.5 ? 1u : 0u);
}

/** The first BITS bits of PATH (the whole path when it is shorter), with
 * the leading 1 kept, so prefixes of different lengths never collide. */
static inline uint32_t tkgp_cluster_prefix(uint32_t path, unsigned bits)
{
  unsigned depth;
  if (!path)
    return 0;
  depth = 31u - (unsigned)__builtin_clz(path);
  return depth <= bits ? path : path >> (depth - bits);
}

#endif
