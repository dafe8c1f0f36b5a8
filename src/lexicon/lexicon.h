/* lexicon.h - titles, country names and name particles read from ontology/
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_LEXICON_H
#define TKG_LEXICON_H

#include "core/arena.h"
#include "core/world.h"

#define TKGP_NS_TKG "https://w3id.org/textkg/ns#"
#define TKGP_NS_LEX "https://w3id.org/textkg/lexicon#"
#define TKGP_NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define TKGP_NS_RDFS "http://www.w3.org/2000/01/rdf-schema#"
#define TKGP_NS_SKOS "http://www.w3.org/2004/02/skos/core#"
#define TKGP_NS_OWL "http://www.w3.org/2002/07/owl#"
#define TKGP_NS_XSD "http://www.w3.org/2001/XMLSchema#"
#define TKGP_NS_SCHEMA "http://schema.org/"
#define TKGP_NS_ORG "http://www.w3.org/ns/org#"
#define TKGP_NS_PROV "http://www.w3.org/ns/prov#"
#define TKGP_NS_NIF "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
#define TKGP_NS_ITSRDF "http://www.w3.org/2005/11/its/rdf#"

/* A title that makes a role: "Foreign Minister", "Secretary of State". */
typedef struct tkgp_title {
  const char *iri;     /* the lexicon resource, e.g. tkgl:ForeignMinister */
  const char *label;   /* skos:prefLabel */
  const char **names;  /* every written form: prefLabel, altLabels, abbreviations */
  size_t n_names;
  int government;      /* a state's office: its holder represents the state */
  int takes_portfolio; /* may follow a portfolio: "Transport Minister" */
} tkgp_title;

/* What ontology/countries.ttl adds to iso-codes for one country. */
typedef struct tkgp_country_names {
  const char *iso;      /* ISO 3166-1 alpha-2 */
  const char *label;    /* the usual short name, or NULL */
  const char *wikidata; /* Wikidata item id ("Q212"), or NULL */
  const char **names;   /* other names and abbreviations */
  size_t n_names;
  const char **demonyms; /* "Ukrainian", "Ukrainians" */
  size_t n_demonyms;
  const char **capitals; /* the capital's names, the usual one first */
  size_t n_capitals;
  const char **seats;    /* buildings that stand for the government: "Kremlin" */
  size_t n_seats;
} tkgp_country_names;

/* A relation frame: which predicates express a property, and where in the
 * dependency tree its arguments are (see ontology/lexicon.ttl). */
typedef struct tkgp_frame {
  const char *iri;
  const char *property;        /* local name in tkg: ("attends") */
  const char **lemmas;
  size_t n_lemmas;
  const char **subject_slots, **object_slots;
  size_t n_subject_slots, n_object_slots;
  const char **subject_classes, **object_classes; /* class IRIs; none: any */
  size_t n_subject_classes, n_object_classes;
  int asserted_only; /* a negated, modal or conditional clause gives nothing */
  int reciprocal;    /* "X and Y met": with no object, the subjects relate pairwise */
  unsigned qualifiers; /* TKGP_QUAL_* the frame reads from its clause */
} tkgp_frame;

/* Qualifiers a frame reads (tkg:qualifiedBy); all of them by default. */
#define TKGP_QUAL_NEGATION 1u
#define TKGP_QUAL_MODALITY 2u
#define TKGP_QUAL_CONDITION 4u
#define TKGP_QUAL_TIME 8u
#define TKGP_QUAL_ALL 15u

/* Words of one kind: nouns naming events of a class, nouns naming groups
 * of a class ("both nations"), modal or condition triggers. VALUE is the
 * class IRI or the modality written out. */
typedef struct tkgp_wordlist {
  const char *value;
  const char **lemmas;   /* in the lexicon's order (the first is canonical) */
  size_t n_lemmas;
  const char **sorted;   /* the same, ASCII case ignored, for lookups; NULL
                          * for a list not made by tkgp_lexicon_load */
} tkgp_wordlist;

/* A lemma that a frame reads: the index of lemma -> frames. */
typedef struct tkgp_frame_lemma {
  const char *lemma;
  size_t frame;
} tkgp_frame_lemma;

typedef struct tkgp_lexicon {
  tkgp_arena arena;
  tkgp_title *titles;
  size_t n_titles;
  tkgp_country_names *countries;
  size_t n_countries;
  const char **particles; /* lowercase words inside names: "bin", "van" */
  size_t n_particles;
  tkgp_frame *frames;
  size_t n_frames;
  tkgp_wordlist *event_nouns;   /* value: the event class IRI */
  size_t n_event_nouns;
  tkgp_wordlist *group_nouns;   /* value: the class IRI of the members */
  size_t n_group_nouns;
  tkgp_wordlist *modals;        /* value: the modality */
  size_t n_modals;
  tkgp_wordlist conditions;     /* value unused */
  tkgp_wordlist denials;        /* "refuse", "fail": negate what they govern */
  tkgp_wordlist event_name_words; /* "hurricane": makes the name after it an event's */
  tkgp_wordlist post_nominals;  /* "QC", "PhD": letters after a name, not a name */
  tkgp_wordlist org_words;      /* "ministry", "party": make a name an organization's */
  tkgp_wordlist place_words;    /* "mount", "northern": before a country, still a place */
  tkgp_wordlist settlement_nouns; /* "the town of X": X is a city */
  tkgp_wordlist region_nouns;   /* "the province of X": X is a place */
  tkgp_frame_lemma *frame_lemmas; /* every frame's lemmas, by lemma, then frame */
  size_t n_frame_lemmas;
} tkgp_lexicon;

/**
 * Load DATADIR/ontology/lexicon.ttl and DATADIR/ontology/countries.ttl.
 * A syntax error is reported as "FILE: line N: message".
 * @param out  receives the lexicon. Caller frees with tkgp_lexicon_free().
 */
int tkgp_lexicon_load(tkgp_lexicon **out, tkg_world *world,
                      const char *datadir);

void tkgp_lexicon_free(tkgp_lexicon *lexicon);

/**
 * The length of LABEL without its last word when that word is an
 * organization word of LEX ("Norvex Corp." -> 6, "Norvex"; "Green Party"
 * -> "Green"), a comma before it dropped too ("Norvex, Inc."); 0 when the
 * last word is none, or LABEL is one word.
 */
size_t tkgp_lexicon_org_base_length(const tkgp_lexicon *lex, const char *label);

/** Whether WORD is in LIST, ASCII case ignored. */
int tkgp_lexicon_in_list(const tkgp_wordlist *list, const char *word);

/** Whether WORD is in LIST as written. */
int tkgp_lexicon_has(const tkgp_wordlist *list, const char *word);

/**
 * The frames that read LEMMA: *FIRST, and the number returned, in the
 * order of the lexicon's frames.
 */
size_t tkgp_lexicon_frames_of(const tkgp_lexicon *lex, const char *lemma,
                              const tkgp_frame_lemma **first);

/* One triple read from a Turtle file; terms are strings in an arena.
 * IRIs are absolute, blank nodes are written "_:id". */
typedef struct tkgp_triple {
  const char *subject, *predicate, *object;
  const char *language; /* for a literal object with a language tag, else NULL */
  int literal;          /* the object is a literal */
} tkgp_triple;

/**
 * Parse the Turtle file PATH into triples allocated in ARENA, in file
 * order. Used for the ontology, the lexicons and the graphs given to --link.
 */
int tkgp_turtle_read(tkg_world *world, const char *path, tkgp_arena *arena,
                     tkgp_triple **out, size_t *count);

#endif
