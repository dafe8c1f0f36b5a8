/* rel_corpus.h - sentences with gold mentions and relations (CoNLL04 JSON)
 * SPDX-License-Identifier: MIT
 *
 * What `textkg train rel` and `textkg eval rel` read: the CoNLL04 corpus
 * (Roth & Yih 2004) in the JSON of its common distribution, one object a
 * sentence with "tokens", "entities" and "relations".
 */
#ifndef TKG_CORPUS_REL_CORPUS_H
#define TKG_CORPUS_REL_CORPUS_H

#include "core/arena.h"
#include "core/world.h"
#include "ner/ner.h"
#include "nlp/nlp.h"
#include "rel/relclass.h"

#include <stddef.h>
#include <stdint.h>


/** A gold relation: mentions HEAD -> TAIL, sentence-relative indexes
 *  into the sentence's mentions; UINT32_MAX when it involves a mention
 *  the classifier does not know (an "Other"), which no prediction can
 *  then match. */
typedef struct tkgp_rel_gold {
  uint32_t head, tail;
  tkgp_rel_type type;
} tkgp_rel_gold;

typedef struct tkgp_rel_sent {
  size_t word, n_words;  /* words[word, word + n_words) */
  size_t ent, n_ents;    /* ents[ent, ent + n_ents): PER, ORG, LOC only */
  size_t rel, n_rels;    /* rels[rel, rel + n_rels) */
  size_t line;           /* where the sentence starts in its file */
} tkgp_rel_sent;

/* Sentences with gold mentions and relations. Forms are copied into the
 * arena; tkgp_rel_corpus_annotate() fills in the rest of each word. */
typedef struct tkgp_rel_corpus {
  tkgp_arena arena;
  tkgp_nlp_word *words;
  size_t n_words, cap_words;
  tkgp_ner_span *ents;
  size_t n_ents, cap_ents;
  tkgp_rel_gold *rels;
  size_t n_rels, cap_rels;
  tkgp_rel_sent *sents;
  size_t n_sents, cap_sents;
} tkgp_rel_corpus;

/* The words, gold mentions and gold relations of sentence ST of C (NULL
 * when the corpus has none: no pointer arithmetic on a NULL table). */
static inline tkgp_nlp_word *tkgp_rel_sent_words(const tkgp_rel_corpus *c,
                                                 const tkgp_rel_sent *st)
{
  return c->words ? c->words + st->word : NULL;
}

static inline tkgp_ner_span *tkgp_rel_sent_ents(const tkgp_rel_corpus *c,
                                                const tkgp_rel_sent *st)
{
  return c->ents ? c->ents + st->ent : NULL;
}

static inline tkgp_rel_gold *tkgp_rel_sent_rels(const tkgp_rel_corpus *c,
                                                const tkgp_rel_sent *st)
{
  return c->rels ? c->rels + st->rel : NULL;
}

void tkgp_rel_corpus_init(tkgp_rel_corpus *c);
void tkgp_rel_corpus_finish(tkgp_rel_corpus *c);

/**
 * Append the sentences of the CoNLL04 JSON file PATH to C: an array of
 * objects with "tokens", entities as BILOU or IOB2 "tags" or as
 * "entities" [{type, start, end}] (types Peop, Org, Loc; Other is
 * dropped), and "relations" [{head, tail, type}] indexing the entities in
 * order of appearance. Errors in the input fail with TKG_EINPUT and
 * "PATH: what (line N)" in WORLD; a file that cannot be read with
 * TKG_ENOTFOUND or TKG_EIO.
 */
int tkgp_rel_corpus_read(tkgp_rel_corpus *c, tkg_world *world, const char *path);

/** Same, from LEN bytes (NAME in messages). */
int tkgp_rel_corpus_read_mem(tkgp_rel_corpus *c, tkg_world *world,
                             const char *name, const char *bytes, size_t len);

/** Tag, lemmatize and parse every sentence of C with NLP (strings the
 *  rules make go to C's arena). @return 0 or TKG_ENOMEM. */
int tkgp_rel_corpus_annotate(tkgp_rel_corpus *c, tkgp_nlp *nlp);

/* The mentions the classifier is given, per sentence of a corpus:
 * ents[first[s], first[s] + count[s]) for sentence s. */
typedef struct tkgp_rel_mentions {
  const tkgp_ner_span *ents; /* the NER's (owned) or the corpus's gold ones */
  tkgp_ner_span *owned;
  size_t n, cap;
  size_t *first, *count;
} tkgp_rel_mentions;

/** The PER, ORG and LOC (COUNTRY, CITY, PLACE) mentions NER finds in each
 * sentence of C, each sentence a document of its own (CoNLL04's stand
 * alone); *SECONDS receives the time spent in tkgp_ner_tag().
 * @return 0 or the NER's error (message in WORLD). */
int tkgp_rel_mentions_find(tkgp_rel_mentions *m, tkg_world *world, tkgp_ner *ner,
                           const tkgp_rel_corpus *c, double *seconds);

/** The gold mentions of C, in the same shape (borrowed from C).
 * @return 0 or TKG_ENOMEM. */
int tkgp_rel_mentions_gold(tkgp_rel_mentions *m, tkg_world *world, const tkgp_rel_corpus *c);

void tkgp_rel_mentions_finish(tkgp_rel_mentions *m);

/* The mentions of sentence S (NULL when there are none at all). */
static inline const tkgp_ner_span *tkgp_rel_mentions_of(const tkgp_rel_mentions *m, size_t s)
{
  return m->ents ? m->ents + m->first[s] : NULL;
}

#endif
