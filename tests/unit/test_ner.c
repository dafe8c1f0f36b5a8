/* test_ner.c - unit tests for the named-entity recognizer
 * SPDX-License-Identifier: MIT
 *
 * BILOU decoding and repair, Viterbi under the BILOU constraints, the
 * three corpus readers on tiny files written to a temporary directory,
 * training on a tiny set and tagging it back (deterministically), model
 * files that are missing or corrupt, the date rules, and the lexicon's
 * name rules.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <math.h>
#include <cmocka.h>

#include "testutil.h"

#include "corpus/ner_corpus.h"
#include "ner/ner_impl.h"
#include "train/ner_train.h"

/* ---- helpers ------------------------------------------------------------- */

static char tmpdir[64];

static int setup(void **state)
{
  (void)state;
  strcpy(tmpdir, "test_ner-XXXXXX");
  if (!mkdtemp(tmpdir))
    return -1;
  return 0;
}

static int teardown(void **state)
{
  char cmd[128];
  (void)state;
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
  return system(cmd) == 0 ? 0 : -1;
}

static char *tmp_path(const char *name)
{
  static char buf[4][256];
  static int k;
  char *p = buf[k++ & 3];
  snprintf(p, 256, "%s/%s", tmpdir, name);
  return p;
}

static const char *write_file(const char *name, const char *text)
{
  const char *path = tmp_path(name);
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
  return path;
}

static uint32_t C(unsigned type, unsigned b)
{
  return tkgp_ner_class(type, b);
}

/* "TYPE first+count" of span S of corpus C's sentence I, for comparisons. */
static const char *gold_span(const tkgp_ner_corpus *c, size_t sent, size_t k)
{
  static char buf[256];
  const tkgp_ner_sent *st = &c->sents[sent];
  const tkgp_ner_span *sp;
  size_t len;
  assert_true(k < st->n_spans);
  sp = &c->spans[st->span + k];
  len = (size_t)snprintf(buf, sizeof buf, "%s", tkgp_ner_type_name(sp->type));
  for (uint32_t j = 0; j < sp->count; j++)
    len += (size_t)snprintf(buf + len, sizeof buf - len, " %s",
                            c->words[st->word + sp->first + j].form);
  return buf;
}

/* ---- BILOU ------------------------------------------------------------------ */

static void test_transitions(void **state)
{
  (void)state;
  assert_true(tkgp_ner_transition_ok(UINT32_MAX, 0));
  assert_true(tkgp_ner_transition_ok(UINT32_MAX, C(TKGP_NER_PER, TKGP_BILOU_B)));
  assert_false(tkgp_ner_transition_ok(UINT32_MAX, C(TKGP_NER_PER, TKGP_BILOU_I)));
  assert_true(tkgp_ner_transition_ok(C(TKGP_NER_PER, TKGP_BILOU_B),
                                     C(TKGP_NER_PER, TKGP_BILOU_L)));
  assert_false(tkgp_ner_transition_ok(C(TKGP_NER_PER, TKGP_BILOU_B),
                                      C(TKGP_NER_ORG, TKGP_BILOU_L)));
  assert_false(tkgp_ner_transition_ok(C(TKGP_NER_PER, TKGP_BILOU_B), 0));
  assert_false(tkgp_ner_transition_ok(C(TKGP_NER_PER, TKGP_BILOU_I), UINT32_MAX));
  assert_true(tkgp_ner_transition_ok(C(TKGP_NER_PER, TKGP_BILOU_L), UINT32_MAX));
  assert_true(tkgp_ner_transition_ok(C(TKGP_NER_LOC, TKGP_BILOU_U),
                                     C(TKGP_NER_LOC, TKGP_BILOU_B)));
}

static void test_decode_valid(void **state)
{
  uint32_t cls[6] = {C(0, TKGP_BILOU_B), C(0, TKGP_BILOU_I), C(0, TKGP_BILOU_L),
                     0, C(2, TKGP_BILOU_U), 0};
  tkgp_ner_span out[6], back[6];
  uint32_t again[6];
  size_t k;
  (void)state;
  k = tkgp_ner_decode_bilou(cls, 6, out);
  assert_int_equal(k, 2);
  assert_int_equal(out[0].first, 0);
  assert_int_equal(out[0].count, 3);
  assert_int_equal(out[0].type, TKGP_NER_PER);
  assert_int_equal(out[1].first, 4);
  assert_int_equal(out[1].count, 1);
  assert_int_equal(out[1].type, TKGP_NER_LOC);
  /* encoding the spans gives the classes back */
  memcpy(back, out, sizeof out);
  tkgp_ner_encode_bilou(back, k, again, 6);
  assert_memory_equal(again, cls, sizeof cls);
}

static void test_decode_repair(void **state)
{
  /* I-PER L-PER O B-ORG O U-LOC B-LOC I-ORG L-ORG B-PER */
  uint32_t cls[10] = {C(0, TKGP_BILOU_I), C(0, TKGP_BILOU_L), 0,
                      C(1, TKGP_BILOU_B), 0, C(2, TKGP_BILOU_U),
                      C(2, TKGP_BILOU_B), C(1, TKGP_BILOU_I),
                      C(1, TKGP_BILOU_L), C(0, TKGP_BILOU_B)};
  tkgp_ner_span out[10];
  size_t k;
  (void)state;
  k = tkgp_ner_decode_bilou(cls, 10, out);
  assert_int_equal(k, 6);
  /* an I without a B opens the span */
  assert_int_equal(out[0].first, 0);
  assert_int_equal(out[0].count, 2);
  assert_int_equal(out[0].type, TKGP_NER_PER);
  /* a B followed by O closes there */
  assert_int_equal(out[1].first, 3);
  assert_int_equal(out[1].count, 1);
  assert_int_equal(out[1].type, TKGP_NER_ORG);
  assert_int_equal(out[2].first, 5);
  assert_int_equal(out[2].count, 1);
  /* a change of type closes the open span */
  assert_int_equal(out[3].first, 6);
  assert_int_equal(out[3].count, 1);
  assert_int_equal(out[3].type, TKGP_NER_LOC);
  assert_int_equal(out[4].first, 7);
  assert_int_equal(out[4].count, 2);
  assert_int_equal(out[4].type, TKGP_NER_ORG);
  /* a B at the end is a span of one */
  assert_int_equal(out[5].first, 9);
  assert_int_equal(out[5].count, 1);
}

static void test_viterbi_constraints(void **state)
{
  enum { NC = TKGP_NER_N_CLASSES, N = 3 };
  float em[N * NC], raw[(NC + 1) * NC], tr[(NC + 1) * NC], delta[2 * NC];
  uint8_t back[N * NC];
  uint32_t cls[N];
  (void)state;
  memset(raw, 0, sizeof raw);
  tkgp_ner_trans_matrix(tr, raw);
  /* each word alone prefers an invalid sequence: I-PER, O, B-PER */
  for (size_t i = 0; i < N * NC; i++)
    em[i] = 0;
  em[0 * NC + C(0, TKGP_BILOU_I)] = 5;
  em[0 * NC + C(0, TKGP_BILOU_B)] = 4;
  em[1 * NC + 0] = 5;
  em[1 * NC + C(0, TKGP_BILOU_L)] = 4.5f;
  em[2 * NC + C(0, TKGP_BILOU_B)] = 5;
  em[2 * NC + C(0, TKGP_BILOU_U)] = 1;
  tkgp_ner_viterbi(em, tr, N, back, delta, cls);
  assert_int_equal(cls[0], C(0, TKGP_BILOU_B));
  assert_int_equal(cls[1], C(0, TKGP_BILOU_L));
  assert_int_equal(cls[2], C(0, TKGP_BILOU_U));
  for (size_t i = 0; i < N; i++)
    assert_true(tkgp_ner_transition_ok(i ? cls[i - 1] : UINT32_MAX, cls[i]));
}

/* ---- readers ------------------------------------------------------------------ */

static void test_read_iob(void **state)
{
  tkg_world *w = NULL;
  tkgp_ner_corpus c;
  tkgp_ner_format fmt;
  const char *path = write_file(
      "a.iob2",
      "# sent_id = x-1\n"
      "1\tAnna\tB-PER\t-\tann\n"
      "2\tLind\tI-PER\t-\tann\n"
      "3\tvisited\tO\n"
      "4\tthe\tB-O\n"
      "5\tGerman\tB-OTH\t-\tann\n"
      "6\tRed\tI-ORG\t-\tann\n"
      "7\tCross\tI-ORG\t-\tann\n"
      "8\tin\tO\n"
      "9\tOslo\tB-LOC\t-\tann\n"
      "\n"
      "Bonn U-LOC\n"
      "\n");
  (void)state;
  assert_int_equal(tkg_world_new(&w), 0);
  tkgp_ner_corpus_init(&c);
  assert_int_equal(tkgp_ner_corpus_read(&c, w, path, &fmt), 0);
  assert_int_equal(fmt, TKGP_NER_FMT_IOB);
  assert_int_equal(c.n_sents, 2);
  assert_int_equal(c.sents[0].n_words, 9);
  assert_int_equal(c.sents[0].n_spans, 3);
  assert_string_equal(gold_span(&c, 0, 0), "PER Anna Lind");
  /* OTH and B-O are O; the I-ORG after them opens a span */
  assert_string_equal(gold_span(&c, 0, 1), "ORG Red Cross");
  assert_string_equal(gold_span(&c, 0, 2), "LOC Oslo");
  assert_string_equal(gold_span(&c, 1, 0), "LOC Bonn");
  tkgp_ner_corpus_finish(&c);

  /* a bad tag is an error with the line */
  path = write_file("bad.iob2", "1\tx\tO\n2\ty\tQ-PER\n");
  tkgp_ner_corpus_init(&c);
  assert_int_equal(tkgp_ner_corpus_read(&c, w, path, &fmt), TKG_EINPUT);
  assert_non_null(strstr(tkg_world_last_error(w), "bad.iob2"));
  assert_non_null(strstr(tkg_world_last_error(w), "(line 2)"));
  tkgp_ner_corpus_finish(&c);
  tkg_world_free(w);
}

static void test_add_lowercase(void **state)
{
  tkg_world *w = NULL;
  tkgp_ner_corpus c;
  tkgp_ner_format fmt;
  const char *path = write_file(
      "casual.iob2",
      "# newdoc id = a\n"
      "1\tI\tO\n2\tmet\tO\n3\tAnna\tB-PER\n4\tin\tO\n5\tOslo\tB-LOC\n\n"
      "1\tI\tO\n2\tliked\tO\n3\tit\tO\n4\tlol\tO\n\n"
      "# newdoc id = b\n"
      "1\tBonn\tB-LOC\n2\tis\tO\n3\tbig\tO\n\n");
  (void)state;
  assert_int_equal(tkg_world_new(&w), 0);
  tkgp_ner_corpus_init(&c);
  assert_int_equal(tkgp_ner_corpus_read(&c, w, path, &fmt), 0);
  assert_int_equal(c.n_sents, 3);
  /* only the first document is casual ("I liked it lol"): it is copied */
  assert_int_equal(tkgp_ner_corpus_add_lowercase(&c, 100), 0);
  assert_int_equal(c.n_sents, 5);
  assert_true(c.sents[3].doc_start);
  assert_false(c.sents[4].doc_start);
  assert_string_equal(gold_span(&c, 3, 0), "PER anna");
  assert_string_equal(gold_span(&c, 3, 1), "LOC oslo");
  assert_string_equal(c.words[c.sents[4].word].form, "i");
  /* the originals are kept as they were */
  assert_string_equal(gold_span(&c, 0, 0), "PER Anna");
  assert_int_equal(tkgp_ner_corpus_add_lowercase(&c, 0), 0);
  assert_int_equal(c.n_sents, 5);
  tkgp_ner_corpus_finish(&c);
  tkg_world_free(w);
}

static void test_read_conllu(void **state)
{
  tkg_world *w = NULL;
  tkgp_ner_corpus c;
  tkgp_ner_format fmt;
  /* "Mr. Jo Ames of the Bank of Oslo met the mayor in Paris ."
   * person (named, title dropped), organization (named; the nested place
   * Oslo is dropped), person "the mayor" (head NOUN: not named), place. */
  const char *path = write_file(
      "g.conllu",
      "# sent_id = g-1\n"
      "1\tMr.\tMr.\tPROPN\tNNP\t_\t3\tcompound\t_\tEntity=(1-person-new-x-cf1-1-coref\n"
      "2\tJo\tJo\tPROPN\tNNP\t_\t3\tflat\t_\t_\n"
      "3\tAmes\tAmes\tPROPN\tNNP\t_\t9\tnsubj\t_\tEntity=1)\n"
      "4\tof\tof\tADP\tIN\t_\t6\tcase\t_\t_\n"
      "5\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\tEntity=(2-organization-new-x-cf2-1-coref\n"
      "6\tBank\tBank\tPROPN\tNNP\t_\t3\tnmod\t_\t_\n"
      "7\tof\tof\tADP\tIN\t_\t8\tcase\t_\t_\n"
      "8\tOslo\tOslo\tPROPN\tNNP\t_\t6\tnmod\t_\tEntity=(3-place-new-x-cf3-1-coref)2)\n"
      "9\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n"
      "10\tthe\tthe\tDET\tDT\t_\t11\tdet\t_\tEntity=(4-person-new-x-cf4-2-coref\n"
      "11\tmayor\tmayor\tNOUN\tNN\t_\t9\tobj\t_\tEntity=4)\n"
      "12\tin\tin\tADP\tIN\t_\t13\tcase\t_\t_\n"
      "13\tParis\tParis\tPROPN\tNNP\t_\t9\tobl\t_\tEntity=(5-place-new-x-cf5-1-coref-Paris)\n"
      "14\t.\t.\tPUNCT\t.\t_\t9\tpunct\t_\t_\n"
      "\n");
  (void)state;
  assert_int_equal(tkg_world_new(&w), 0);
  tkgp_ner_corpus_init(&c);
  if (tkgp_ner_corpus_read(&c, w, path, &fmt) != 0)
    fail_msg("%s", tkg_world_last_error(w));
  assert_int_equal(fmt, TKGP_NER_FMT_CONLLU);
  assert_int_equal(c.n_sents, 1);
  assert_int_equal(c.sents[0].n_spans, 3);
  assert_string_equal(gold_span(&c, 0, 0), "PER Jo Ames");
  assert_string_equal(gold_span(&c, 0, 1), "ORG Bank of Oslo");
  assert_string_equal(gold_span(&c, 0, 2), "LOC Paris");
  tkgp_ner_corpus_finish(&c);
  tkg_world_free(w);
}

static void test_read_json(void **state)
{
  tkg_world *w = NULL;
  tkgp_ner_corpus c;
  tkgp_ner_format fmt;
  const char *path = write_file(
      "c.json",
      "[{\"tokens\": [\"Jo\", \"Ames\", \"of\", \"Acme\", \"Corp\", \"in\", \"K\\u00f6ln\", \"on\", \"TV\"],\n"
      "  \"tags\": [\"B-Peop\", \"L-Peop\", \"O\", \"B-Org\", \"L-Org\", \"O\", \"U-Loc\", \"O\", \"U-Other\"],\n"
      "  \"relations\": [{\"head\": 0, \"tail\": 1, \"type\": \"Work_For\"}]},\n"
      " {\"tokens\": [\"Bo\", \"saw\", \"Rome\"],\n"
      "  \"entities\": [{\"type\": \"Peop\", \"start\": 0, \"end\": 1}, {\"type\": \"Loc\", \"start\": 2, \"end\": 3}]}]\n");
  (void)state;
  assert_int_equal(tkg_world_new(&w), 0);
  tkgp_ner_corpus_init(&c);
  if (tkgp_ner_corpus_read(&c, w, path, &fmt) != 0)
    fail_msg("%s", tkg_world_last_error(w));
  assert_int_equal(fmt, TKGP_NER_FMT_JSON);
  assert_int_equal(c.n_sents, 2);
  assert_int_equal(c.sents[0].n_spans, 3);
  assert_string_equal(gold_span(&c, 0, 0), "PER Jo Ames");
  assert_string_equal(gold_span(&c, 0, 1), "ORG Acme Corp");
  assert_string_equal(gold_span(&c, 0, 2), "LOC K\xc3\xb6ln");
  assert_string_equal(gold_span(&c, 1, 0), "PER Bo");
  assert_string_equal(gold_span(&c, 1, 1), "LOC Rome");
  tkgp_ner_corpus_finish(&c);

  path = write_file("bad.json", "[{\"tokens\": [\"a\"],\n \"tags\": [\"O\" \"O\"]}]\n");
  tkgp_ner_corpus_init(&c);
  assert_int_equal(tkgp_ner_corpus_read(&c, w, path, &fmt), TKG_EINPUT);
  assert_non_null(strstr(tkg_world_last_error(w), "bad.json"));
  assert_non_null(strstr(tkg_world_last_error(w), "(line 2)"));
  tkgp_ner_corpus_finish(&c);
  tkg_world_free(w);
}

/* ---- training and models ------------------------------------------------------- */

static const char train_iob[] =
    "Anna\tB-PER\nLind\tI-PER\nlives\tO\nin\tO\nOslo\tB-LOC\n.\tO\n\n"
    "Acme\tB-ORG\nCorp\tI-ORG\nhired\tO\nBo\tB-PER\nStein\tI-PER\n.\tO\n\n"
    "Bo\tB-PER\nStein\tI-PER\nwent\tO\nto\tO\nRome\tB-LOC\n.\tO\n\n"
    "the\tO\ncat\tO\nsat\tO\n.\tO\n\n";

static void train_tiny(tkg_world *w, const char *out, int ensemble)
{
  tkgp_ner_corpus c;
  tkgp_ner_format fmt;
  tkgp_ner_train_opts opts;
  const char *path = write_file("train.iob2", train_iob);
  memset(&opts, 0, sizeof opts);
  opts.epochs = 8;
  opts.patience = 8;
  opts.seed = 1;
  opts.quiet = 1;
  opts.ensemble = ensemble;
  tkgp_ner_corpus_init(&c);
  assert_int_equal(tkgp_ner_corpus_read(&c, w, path, &fmt), 0);
  /* no tagger in a unit test: the model does without POS */
  if (tkgp_ner_train(w, &c, NULL, 0, &opts, out) != 0)
    fail_msg("%s", tkg_world_last_error(w));
  tkgp_ner_corpus_finish(&c);
}

static void test_train_and_tag(void **state)
{
  tkg_world *w = NULL;
  tkgp_ner *ner = NULL;
  const tkgp_ner_span *spans;
  size_t n_spans;
  tkgp_nlp_word words[6];
  const char *forms[6] = {"Anna", "Lind", "lives", "in", "Oslo", "."};
  (void)state;
  assert_int_equal(tkg_world_new(&w), 0);
  /* the same data gives the same bytes, with an ensemble too */
  train_tiny(w, tmp_path("ner3.bin"), 3);
  train_tiny(w, tmp_path("ner4.bin"), 3);
  test_assert_same_bytes(tmp_path("ner3.bin"), tmp_path("ner4.bin"));
  train_tiny(w, tmp_path("ner.bin"), 0);
  train_tiny(w, tmp_path("ner2.bin"), 0);
  test_assert_same_bytes(tmp_path("ner.bin"), tmp_path("ner2.bin"));

  /* found through the model directory */
  assert_int_equal(tkgp_ner_open(&ner, w, tmpdir), 0);
  memset(words, 0, sizeof words);
  for (int i = 0; i < 6; i++)
    words[i].form = forms[i];
  assert_int_equal(tkgp_ner_tag(ner, words, 6, &spans, &n_spans), 0);
  assert_int_equal(n_spans, 2);
  assert_int_equal(spans[0].first, 0);
  assert_int_equal(spans[0].count, 2);
  assert_int_equal(spans[0].type, TKGP_NER_PER);
  assert_true(spans[0].score > 0 && spans[0].score <= 1);
  assert_int_equal(spans[1].first, 4);
  assert_int_equal(spans[1].count, 1);
  /* no gazetteer in this model: Oslo is some place */
  assert_int_equal(tkgp_ner_type_group(spans[1].type), TKGP_NER_LOC);
  tkgp_ner_set_options(ner, TKGP_NER_NO_SPLIT);
  assert_int_equal(tkgp_ner_tag(ner, words, 6, &spans, &n_spans), 0);
  assert_int_equal(spans[1].type, TKGP_NER_LOC);
  /* an empty sentence has no spans */
  assert_int_equal(tkgp_ner_tag(ner, words, 0, &spans, &n_spans), 0);
  assert_int_equal(n_spans, 0);
  tkgp_ner_close(ner);
  tkg_world_free(w);
}

static void test_bad_models(void **state)
{
  tkg_world *w = NULL;
  tkgp_ner *ner = (tkgp_ner *)1;
  (void)state;
  assert_int_equal(tkg_world_new(&w), 0);
  /* missing */
  assert_int_equal(tkgp_ner_open_file(&ner, w, tmp_path("none.bin")), TKG_ENOTFOUND);
  assert_null(ner);
  assert_non_null(strstr(tkg_world_last_error(w), "none.bin"));
  /* not a model */
  write_file("junk.bin", "this is not a model file at all, just some text\n");
  ner = (tkgp_ner *)1;
  assert_int_equal(tkgp_ner_open_file(&ner, w, tmp_path("junk.bin")), TKG_EDATA);
  assert_null(ner);
  /* a corrupt model: one byte flipped, then truncated */
  train_tiny(w, tmp_path("good.bin"), 0);
  test_damage_model(tmp_path("good.bin"), tmp_path("flip.bin"), tmp_path("short.bin"), 100);
  ner = (tkgp_ner *)1;
  assert_int_equal(tkgp_ner_open_file(&ner, w, tmp_path("flip.bin")), TKG_EDATA);
  assert_null(ner);
  ner = (tkgp_ner *)1;
  assert_int_equal(tkgp_ner_open_file(&ner, w, tmp_path("short.bin")), TKG_EDATA);
  assert_null(ner);
  tkgp_ner_close(NULL);
  tkg_world_free(w);
}

/* ---- dates ------------------------------------------------------------------------ */

static const char *dates_of(const char *sentence)
{
  static char out[512];
  char buf[512], *words[64], *save = NULL;
  tkgp_ner_span spans[64];
  size_t n = 0, k, len = 0;
  strcpy(buf, sentence);
  for (char *t = strtok_r(buf, " ", &save); t && n < 64; t = strtok_r(NULL, " ", &save))
    words[n++] = t;
  k = tkgp_ner_dates((const char *const *)words, n, NULL, spans);
  out[0] = '\0';
  for (size_t s = 0; s < k; s++) {
    len += (size_t)snprintf(out + len, sizeof out - len, "%s[", s ? " " : "");
    for (uint32_t j = 0; j < spans[s].count; j++)
      len += (size_t)snprintf(out + len, sizeof out - len, "%s%s", j ? " " : "",
                              words[spans[s].first + j]);
    len += (size_t)snprintf(out + len, sizeof out - len, "]");
  }
  return out;
}

static void test_dates(void **state)
{
  (void)state;
  assert_string_equal(dates_of("Talks began on Tuesday , March 11 , 2025 in Lakeside ."),
                      "[Tuesday , March 11 , 2025]");
  assert_string_equal(dates_of("They met on Tuesday ."), "[Tuesday]");
  assert_string_equal(dates_of("It happened last week and again yesterday ."),
                      "[last week] [yesterday]");
  assert_string_equal(dates_of("Born 4 July 1990 , she moved in 2008 ."),
                      "[4 July 1990] [2008]");
  assert_string_equal(dates_of("In March 2025 prices rose ; in May they fell ."),
                      "[March 2025] [May]");
  assert_string_equal(dates_of("Theresa May said she may go in September ."),
                      "[September]");
  assert_string_equal(dates_of("The deal of 2025-03-11 expired two weeks ago ."),
                      "[2025-03-11] [two weeks ago]");
  assert_string_equal(dates_of("He sold 2008 cars ."), "");
  assert_string_equal(dates_of("Music of the 1990s"), "[1990s]");
}

/* ---- name rules (ner_rules.c) -------------------------------------------- */

/* Words of the space-separated TEXT (every capitalized word a PROPN),
 * spans written as "first:count:TYPE" in SPANS; returns the rules' spans
 * as "[words]TYPE" joined by spaces. */
static const char *rules_on(tkg_world *w, tkgp_ner_rules *r, const char *text,
                            const char *spans_text)
{
  static char out[512], buf[512], sbuf[128];
  tkgp_nlp_word words[32];
  tkgp_ner_span spans[32];
  char taken[32] = {0};
  size_t n = 0, k = 0, len = 0;
  char *save = NULL;
  memset(words, 0, sizeof words);
  snprintf(buf, sizeof buf, "%s", text);
  for (char *t = strtok_r(buf, " ", &save); t && n < 32; t = strtok_r(NULL, " ", &save)) {
    words[n].form = t;
    words[n++].upos = *t >= 'A' && *t <= 'Z' ? "PROPN" : "X";
  }
  snprintf(sbuf, sizeof sbuf, "%s", spans_text);
  for (char *t = strtok_r(sbuf, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
    unsigned first, count;
    char type[16];
    assert_int_equal(sscanf(t, "%u:%u:%15s", &first, &count, type), 3);
    spans[k].first = first;
    spans[k].count = count;
    spans[k].score = 1;
    spans[k].type = !strcmp(type, "PER") ? TKGP_NER_PER : !strcmp(type, "ORG") ? TKGP_NER_ORG
                    : !strcmp(type, "PLACE") ? TKGP_NER_PLACE : TKGP_NER_CITY;
    memset(taken + first, 1, count);
    k++;
  }
  k = tkgp_ner_apply_rules(r, w->lexicon, words, n, spans, k, taken);
  out[0] = 0;
  for (size_t j = 0; j < k; j++) {
    len += (size_t)snprintf(out + len, sizeof out - len, "%s[", j ? " " : "");
    for (uint32_t i = 0; i < spans[j].count; i++)
      len += (size_t)snprintf(out + len, sizeof out - len, "%s%s", i ? " " : "",
                              words[spans[j].first + i].form);
    len += (size_t)snprintf(out + len, sizeof out - len, "]%s",
                            tkgp_ner_type_name(spans[j].type));
  }
  for (size_t i = 0; i < n; i++) { /* TAKEN marks exactly the spans' words */
    int in = 0;
    for (size_t j = 0; j < k; j++)
      in |= i >= spans[j].first && i < spans[j].first + spans[j].count;
    assert_int_equal(taken[i] != 0, in);
  }
  return out;
}

static void test_name_rules(void **state)
{
  tkg_world *w = test_world();
  tkgp_ner_rules r;
  (void)state;
  tkgp_ner_rules_begin_document(&r);
  /* an event-name word before a name: the span grows over it; later the
   * bare name is the same event */
  assert_string_equal(rules_on(w, &r, "Hurricane Orla hit the coast", "1:1:PER"),
                      "[Hurricane Orla]EVENT");
  assert_string_equal(rules_on(w, &r, "Orla weakened", "0:1:PER"), "[Orla]EVENT");
  assert_string_equal(rules_on(w, &r, "then Orla weakened", ""), "[Orla]EVENT");
  assert_string_equal(rules_on(w, &r, "Typhoon Bren Lee came", ""), "[Typhoon Bren Lee]EVENT");
  assert_string_equal(rules_on(w, &r, "the storm hit", ""), "");
  tkgp_ner_rules_begin_document(&r); /* a new document forgets its events */
  assert_string_equal(rules_on(w, &r, "Orla Kent spoke", "0:2:PER"), "[Orla Kent]PER");
  assert_string_equal(rules_on(w, &r, "Orla spoke", "0:1:PER"), "[Orla]PER");
  /* post-nominal letters leave a person's name */
  assert_string_equal(rules_on(w, &r, "Ann Fox QC said", "0:3:PER"), "[Ann Fox]PER");
  assert_string_equal(rules_on(w, &r, "Ann Fox , QC , said", "0:2:PER 3:1:ORG"), "[Ann Fox]PER");
  assert_string_equal(rules_on(w, &r, "Columbia SC", "0:2:PLACE"), "[Columbia SC]PLACE");
  assert_string_equal(rules_on(w, &r, "in SC today", "1:1:PLACE"), "[SC]PLACE");
  /* organization words: the head, or the word before "of" */
  assert_string_equal(rules_on(w, &r, "the Ministry of Health said", "1:3:PLACE"),
                      "[Ministry of Health]ORG");
  assert_string_equal(rules_on(w, &r, "the Green Party won", "1:2:ORG"), "[Green Party]ORG");
  assert_string_equal(rules_on(w, &r, "the Green Party won", "1:2:PLACE"), "[Green Party]ORG");
  assert_string_equal(rules_on(w, &r, "Margaret Court won", "0:2:PER"), "[Margaret Court]PER");
  assert_string_equal(rules_on(w, &r, "the Ana Lima Group won", "1:3:PER"), "[Ana Lima Group]ORG");
  assert_string_equal(rules_on(w, &r, "the Ministry of Water", "1:3:PER"), "[Ministry of Water]ORG");
  assert_string_equal(rules_on(w, &r, "Party of Greenland", "2:1:PLACE"), "[Greenland]PLACE");
  /* a name and its acronym in brackets: the acronym names it later on */
  tkgp_ner_rules_begin_document(&r);
  assert_string_equal(rules_on(w, &r, "the Food and Fish Council ( FFC ) said", "1:2:ORG"),
                      "[Food and Fish Council]ORG [FFC]ORG");
  assert_string_equal(rules_on(w, &r, "FFC officials came", ""), "[FFC]ORG");
  assert_string_equal(rules_on(w, &r, "the Blue Sky Trust ( BST ) and BST staff", "8:1:ORG"),
                      "[Blue Sky Trust]ORG [BST]ORG [BST]ORG");
  assert_string_equal(rules_on(w, &r, "a Big Blue Box ( XYZ ) here", "1:3:ORG"),
                      "[Big Blue Box]ORG"); /* no acronym of it */
  assert_string_equal(rules_on(w, &r, "Gross Domestic Product ( GDP ) rose", ""), "");
  /* "the town of X", "the province of X" */
  assert_string_equal(rules_on(w, &r, "rebels took the town of El Harra", "5:2:PER"),
                      "[El Harra]CITY");
  assert_string_equal(rules_on(w, &r, "the village of Qarat was quiet", ""), "[Qarat]CITY");
  assert_string_equal(rules_on(w, &r, "in the province of Kel", ""), "[Kel]PLACE");
  assert_string_equal(rules_on(w, &r, "the top of Qarat", ""), "");
  /* file names are no names */
  assert_string_equal(rules_on(w, &r, "see Budget.xls and Ann Fox", "1:1:PER 3:2:PER"),
                      "[Ann Fox]PER");
  tkg_world_free(w);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_transitions),
    cmocka_unit_test(test_decode_valid),
    cmocka_unit_test(test_decode_repair),
    cmocka_unit_test(test_viterbi_constraints),
    cmocka_unit_test(test_read_iob),
    cmocka_unit_test(test_add_lowercase),
    cmocka_unit_test(test_read_conllu),
    cmocka_unit_test(test_read_json),
    cmocka_unit_test(test_train_and_tag),
    cmocka_unit_test(test_bad_models),
    cmocka_unit_test(test_dates),
    cmocka_unit_test(test_name_rules),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
