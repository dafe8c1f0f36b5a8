/* pronouns.h - the English personal pronouns and their agreement features
 * SPDX-License-Identifier: MIT
 *
 * Closed-class knowledge two stages read: the recognizer (the pronoun that
 * follows a name) and coreference (which mentions a pronoun may take).
 */
#ifndef TKG_LEXICON_PRONOUNS_H
#define TKG_LEXICON_PRONOUNS_H

/* Agreement features; 0 always means "unknown" (compatible with all). */
enum { TKGP_GENDER_MALE = 1, TKGP_GENDER_FEMALE, TKGP_GENDER_NEUTER };
enum { TKGP_NUMBER_SING = 1, TKGP_NUMBER_PLUR };
enum { TKGP_ANIMATE = 1, TKGP_INANIMATE };

typedef struct tkgp_pronoun {
  const char *form;  /* lowercase */
  int person;        /* 1, 2 or 3 */
  int gender, number, animacy;
  int reflexive;     /* "himself" */
} tkgp_pronoun;

/** The personal pronoun FORM is (any case), or NULL. */
const tkgp_pronoun *tkgp_pronoun_find(const char *form);

#endif
