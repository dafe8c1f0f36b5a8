/* graph.h - the knowledge graph, with provenance, before it is written
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_GRAPH_H
#define TKG_GRAPH_H

#include "core/arena.h"
#include "core/world.h"
#include "mention/mentions.h"

#define TKGP_NONE ((size_t)-1)

typedef struct tkgp_gentity {
  const char *iri;
  tkgp_entity_class cls;
  const char *label;
  const char **alt_labels; /* other names seen in the texts, unsorted */
  size_t n_alt, cap_alt;
  const char *iso;         /* countries: ISO 3166-1 alpha-2 */
  const char *wikidata;    /* countries: Wikidata item id, or NULL */
  const char *title_iri;   /* roles: the lexicon title */
  size_t role_of;          /* roles: the country entity, or TKGP_NONE */
} tkgp_gentity;

typedef struct tkgp_gdoc {
  const char *iri;
  const char *name;
  const char *text;        /* the input as given */
  size_t codepoints;
  const char *date;        /* YYYY-MM-DD, or NULL */
  const char *url, *title; /* where the text came from, or NULL */
} tkgp_gdoc;

/* A NIF string: a sentence (entity == TKGP_NONE) or a mention. */
typedef struct tkgp_gstring {
  size_t doc;
  size_t begin, end;       /* code points of the input as given */
  const char *anchor;
  size_t entity;           /* mentions: the entity it names */
  size_t sentence;         /* mentions: the string of its sentence */
  tkgp_mention_kind kind;  /* mentions: name, title, pronoun...; sentences: name */
  int metonym;             /* a place name standing for a state */
} tkgp_gstring;

typedef struct tkgp_gstatement {
  size_t doc;
  size_t ordinal;          /* 1, 2... within the document */
  size_t subject, object;  /* entities */
  const char *property;    /* local name in tkg: */
  size_t evidence;         /* the sentence string */
  double confidence;
  int negated;
  const char *modality, *condition, *time;
} tkgp_gstatement;

struct tkg_graph {
  tkg_world *world;
  tkgp_arena arena;
  tkgp_gentity *entities;
  size_t n_entities, cap_entities;
  size_t *entity_table;    /* open addressing on IRI: index + 1, 0 = empty */
  size_t table_size;
  tkgp_gdoc *docs;
  size_t n_docs, cap_docs;
  tkgp_gstring *strings;
  size_t n_strings, cap_strings;
  tkgp_gstatement *statements;
  size_t n_statements, cap_statements;
};

/** Whether a statement is asserted: it then also gets the direct triple. */
int tkgp_statement_asserted(const tkgp_gstatement *st);

/** The RDF class IRI of an entity class. Static storage. */
/**
 * Which entity each of N entities (classes CLS, labels LABELS) joins as
 * tkg_graph_join_short_names() does: TARGET[i] is i itself, or the one
 * person whose full name holds the one-word name LABELS[i], or the one
 * organization named LABELS[i] and an organization word of LEX (NULL: none).
 * @return 0 or TKG_ENOMEM.
 */
int tkgp_short_name_targets(const tkgp_lexicon *lex, const tkgp_entity_class *cls,
                            const char *const *labels, size_t n, size_t *target);

/** The class whose IRI is IRI (tkgp_class_iri), or TKGP_CLASS_COUNT. */
tkgp_entity_class tkgp_class_of_iri(const char *iri);

const char *tkgp_class_iri(tkgp_entity_class cls);

/** Entities in IRI order: an array of N_ENTITIES indexes. Caller frees. */
size_t *tkgp_graph_sorted_entities(const tkg_graph *graph);

#endif
