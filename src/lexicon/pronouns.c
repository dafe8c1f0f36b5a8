/* pronouns.c - the English personal pronouns and their agreement features
 * SPDX-License-Identifier: MIT
 */
#include "lexicon/pronouns.h"

#include <stddef.h>
#include <strings.h>

/* clang-format off */
static const tkgp_pronoun pronouns[] = {
  {"i", 1, 0, TKGP_NUMBER_SING, TKGP_ANIMATE, 0},
  {"me", 1, 0, TKGP_NUMBER_SING, TKGP_ANIMATE, 0},
  {"my", 1, 0, TKGP_NUMBER_SING, TKGP_ANIMATE, 0},
  {"mine", 1, 0, TKGP_NUMBER_SING, TKGP_ANIMATE, 0},
  {"myself", 1, 0, TKGP_NUMBER_SING, TKGP_ANIMATE, 1},
  {"we", 1, 0, TKGP_NUMBER_PLUR, TKGP_ANIMATE, 0},
  {"us", 1, 0, TKGP_NUMBER_PLUR, TKGP_ANIMATE, 0},
  {"our", 1, 0, TKGP_NUMBER_PLUR, TKGP_ANIMATE, 0},
  {"ours", 1, 0, TKGP_NUMBER_PLUR, TKGP_ANIMATE, 0},
  {"ourselves", 1, 0, TKGP_NUMBER_PLUR, TKGP_ANIMATE, 1},
  {"you", 2, 0, 0, TKGP_ANIMATE, 0},
  {"your", 2, 0, 0, TKGP_ANIMATE, 0},
  {"yours", 2, 0, 0, TKGP_ANIMATE, 0},
  {"yourself", 2, 0, TKGP_NUMBER_SING, TKGP_ANIMATE, 1},
  {"yourselves", 2, 0, TKGP_NUMBER_PLUR, TKGP_ANIMATE, 1},
  {"he", 3, TKGP_GENDER_MALE, TKGP_NUMBER_SING, TKGP_ANIMATE, 0},
  {"him", 3, TKGP_GENDER_MALE, TKGP_NUMBER_SING, TKGP_ANIMATE, 0},
  {"his", 3, TKGP_GENDER_MALE, TKGP_NUMBER_SING, TKGP_ANIMATE, 0},
  {"himself", 3, TKGP_GENDER_MALE, TKGP_NUMBER_SING, TKGP_ANIMATE, 1},
  {"she", 3, TKGP_GENDER_FEMALE, TKGP_NUMBER_SING, TKGP_ANIMATE, 0},
  {"her", 3, TKGP_GENDER_FEMALE, TKGP_NUMBER_SING, TKGP_ANIMATE, 0},
  {"hers", 3, TKGP_GENDER_FEMALE, TKGP_NUMBER_SING, TKGP_ANIMATE, 0},
  {"herself", 3, TKGP_GENDER_FEMALE, TKGP_NUMBER_SING, TKGP_ANIMATE, 1},
  {"it", 3, TKGP_GENDER_NEUTER, TKGP_NUMBER_SING, TKGP_INANIMATE, 0},
  {"its", 3, TKGP_GENDER_NEUTER, TKGP_NUMBER_SING, TKGP_INANIMATE, 0},
  {"itself", 3, TKGP_GENDER_NEUTER, TKGP_NUMBER_SING, TKGP_INANIMATE, 1},
  {"they", 3, 0, TKGP_NUMBER_PLUR, 0, 0},
  {"them", 3, 0, TKGP_NUMBER_PLUR, 0, 0},
  {"their", 3, 0, TKGP_NUMBER_PLUR, 0, 0},
  {"theirs", 3, 0, TKGP_NUMBER_PLUR, 0, 0},
  {"themselves", 3, 0, TKGP_NUMBER_PLUR, 0, 1},
  {NULL, 0, 0, 0, 0, 0}};
/* clang-format on */

const tkgp_pronoun *tkgp_pronoun_find(const char *form)
{
  if (!form)
    return NULL;
  for (size_t i = 0; pronouns[i].form; i++)
    if (strcasecmp(form, pronouns[i].form) == 0)
      return &pronouns[i];
  return NULL;
}
