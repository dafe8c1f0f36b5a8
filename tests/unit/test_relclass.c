/* test_relclass.c - unit tests for the relation classifier
 * SPDX-License-Identifier: MIT
 *
 * The CoNLL04 JSON reader on tiny files written to a temporary directory
 * (BILOU tags, entity lists, Other mentions, errors with their line), the
 * dependency path on a hand-made tree, training on a tiny hand-parsed set
 * and predicting it back (deterministically), model files that are
 * missing or corrupt, and the strict scorer on a hand-made example.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "testutil.h"

#include "rel/relclass.h"
#include "corpus/rel_corpus.h"
#include "eval/rel_score.h"
#include "train/rel_train.h"

/* ---- helpers ------------------------------------------------------------- */

static char tmpdir[64];

static int setup(void **state)
{
  (void)state;
  strcpy(tmpdir, "test_relclass-XXXXXX");
  return mkdtemp(tmpdir) ? 0 : -1;
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
  k = (k + 1) % 4;
  snprintf(buf[k], sizeof buf[k], "%s/%s", tmpdir, name);
  return buf[k];
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

/* ---- reader ----------------------------------------------------------------- */

static void test_read_json(void **state)
{
  tkg_world *w;
  tkgp_rel_corpus c;
  const char *path = write_file(
      "tiny.json",
      "[{\"tokens\": [\"Ann\", \"Lee\", \"of\", \"Acme\", \"Corp\", \"visited\", \"Oslo\", \"on\", \"Monday\", \".\"],\n"
      "  \"tags\": [\"B-Peop\", \"L-Peop\", \"O\", \"B-Org\", \"L-Org\", \"O\", \"U-Loc\", \"O\", \"U-Other\", \"O\"],\n"
      "  \"relations\": [{\"head\": 0, \"tail\": 1, \"type\": \"Work_For\"},\n"
      "                {\"head\": 0, \"tail\": 3, \"type\": \"Live_In\"}]},\n"
      " {\"tokens\": [\"Bo\", \"shot\", \"Cy\", \"in\", \"Rome\"],\n"
      "  \"entities\": [{\"type\": \"Loc\", \"start\": 4, \"end\": 5},\n"
      "               {\"type\": \"Peop\", \"start\": 0, \"end\": 1},\n"
      "               {\"type\": \"Peop\", \"start\": 2, \"end\": 3}],\n"
      "  \"relations\": [{\"head\": 1, \"tail\": 2, \"type\": \"Kill\"}]}]\n");
  (void)state;
  assert_int_equal(tkg_world_new(&w), 0);
  tkgp_rel_corpus_init(&c);
  assert_int_equal(tkgp_rel_corpus_read(&c, w, path), 0);
  assert_int_equal(c.n_sents, 2);
  assert_int_equal(c.n_words, 15);
  assert_string_equal(c.words[3].form, "Acme");
  /* sentence 1: Other is dropped, and a relation to it can never match */
  assert_int_equal(c.sents[0].n_ents, 3);
  assert_int_equal(c.ents[0].first, 0);
  assert_int_equal(c.ents[0].count, 2);
  assert_int_equal(c.ents[0].type, TKGP_NER_PER);
  assert_int_equal(c.ents[1].type, TKGP_NER_ORG);
  assert_int_equal(c.ents[2].type, TKGP_NER_LOC);
  assert_int_equal(c.sents[0].n_rels, 2);
  assert_int_equal(c.rels[0].type, TKGP_REL_WORK_FOR);
  assert_int_equal(c.rels[0].head, 0);
  assert_int_equal(c.rels[0].tail, 1);
  assert_int_equal(c.rels[1].type, TKGP_REL_LIVE_IN);
  assert_int_equal(c.rels[1].tail, UINT32_MAX);
  /* sentence 2: an entity list, kept in the order given */
  assert_int_equal(c.sents[1].word, 10);
  assert_int_equal(c.sents[1].n_ents, 3);
  assert_int_equal(c.ents[c.sents[1].ent + 1].first, 0);
  assert_int_equal(c.rels[c.sents[1].rel].type, TKGP_REL_KILL);
  assert_int_equal(c.rels[c.sents[1].rel].head, 1);
  assert_int_equal(c.rels[c.sents[1].rel].tail, 2);
  tkgp_rel_corpus_finish(&c);

  /* errors name the file and the line */
  tkgp_rel_corpus_init(&c);
  path = write_file("bad.json",
                    "[{\"tokens\": [\"a\", \"b\"], \"tags\": [\"O\", \"O\"]},\n"
                    " {\"tokens\": [\"a\"], \"tags\": [\"X-Peop\"]}]\n");
  assert_int_equal(tkgp_rel_corpus_read(&c, w, path), TKG_EINPUT);
  assert_non_null(strstr(tkg_world_last_error(w), "bad.json"));
  assert_non_null(strstr(tkg_world_last_error(w), "(line 2)"));
  tkgp_rel_corpus_finish(&c);
  tkgp_rel_corpus_init(&c);
  path = write_file("rel.json",
                    "[{\"tokens\": [\"a\"], \"tags\": [\"U-Peop\"],\n"
                    "  \"relations\": [{\"head\": 0, \"tail\": 4, \"type\": \"Kill\"}]}]\n");
  assert_int_equal(tkgp_rel_corpus_read(&c, w, path), TKG_EINPUT);
  assert_non_null(strstr(tkg_world_last_error(w), "(line 2)"));
  tkgp_rel_corpus_finish(&c);
  tkgp_rel_corpus_init(&c);
  path = write_file("trunc.json", "[{\"tokens\": [\"a\", \n");
  assert_int_equal(tkgp_rel_corpus_read(&c, w, path), TKG_EINPUT);
  tkgp_rel_corpus_finish(&c);
  tkgp_rel_corpus_init(&c);
  assert_int_equal(tkgp_rel_corpus_read(&c, w, tmp_path("none.json")), TKG_ENOTFOUND);
  tkgp_rel_corpus_finish(&c);
  tkg_world_free(w);
}

/* ---- dependency path ------------------------------------------------------- */

/* "John Smith , who killed Bill , left Paris ."
 *  1    2     3 4   5      6    7 8    9     10
 * Smith <- left (nsubj); John <- Smith (compound); killed <- Smith
 * (acl:relcl); who <- killed (nsubj); Bill <- killed (obj); Paris <- left
 * (obj); punctuation on its neighbours' heads. */
static const struct {
  const char *form;
  int head;
  const char *deprel;
} tree[] = {
  {"John", 2, "compound"}, {"Smith", 8, "nsubj"}, {",", 2, "punct"},
  {"who", 5, "nsubj"}, {"killed", 2, "acl:relcl"}, {"Bill", 5, "obj"},
  {",", 2, "punct"}, {"left", 0, "root"}, {"Paris", 8, "obj"}, {".", 8, "punct"},
};
#define TREE_N (sizeof tree / sizeof tree[0])

static void fill_tree(tkgp_nlp_word *words)
{
  for (size_t i = 0; i < TREE_N; i++) {
    memset(&words[i], 0, sizeof words[i]);
    words[i].form = tree[i].form;
    words[i].lemma = tree[i].form;
    words[i].upos = "X";
    words[i].head = tree[i].head;
    words[i].deprel = tree[i].deprel;
  }
}

static void test_dep_path(void **state)
{
  tkgp_nlp_word words[TREE_N];
  uint32_t path[TKGP_REL_MAX_PATH];
  size_t lca, len;
  (void)state;
  fill_tree(words);
  /* mention heads */
  assert_int_equal(tkgp_rel_span_head(words, TREE_N, 0, 2), 1);  /* Smith */
  assert_int_equal(tkgp_rel_span_head(words, TREE_N, 5, 1), 5);
  /* Smith -> Bill: Smith killed Bill, Smith the common ancestor */
  len = tkgp_rel_dep_path(words, TREE_N, 1, 5, path, TKGP_REL_MAX_PATH, &lca);
  assert_int_equal(len, 3);
  assert_int_equal(lca, 0);
  assert_int_equal(path[0], 1);
  assert_int_equal(path[1], 4);
  assert_int_equal(path[2], 5);
  /* Bill -> Paris: up through killed, Smith to left, down to Paris */
  len = tkgp_rel_dep_path(words, TREE_N, 5, 8, path, TKGP_REL_MAX_PATH, &lca);
  assert_int_equal(len, 5);
  assert_int_equal(lca, 3);
  assert_int_equal(path[0], 5);
  assert_int_equal(path[1], 4);
  assert_int_equal(path[2], 1);
  assert_int_equal(path[3], 7);
  assert_int_equal(path[4], 8);
  /* a word to itself */
  len = tkgp_rel_dep_path(words, TREE_N, 8, 8, path, TKGP_REL_MAX_PATH, &lca);
  assert_int_equal(len, 1);
  assert_int_equal(lca, 0);
  /* a short buffer gets the first words only, the length is still whole */
  len = tkgp_rel_dep_path(words, TREE_N, 5, 8, path, 2, &lca);
  assert_int_equal(len, 5);
  assert_int_equal(path[0], 5);
  assert_int_equal(path[1], 4);
  /* two roots: no common ancestor */
  words[8].head = 0;
  len = tkgp_rel_dep_path(words, TREE_N, 5, 8, path, TKGP_REL_MAX_PATH, &lca);
  assert_int_equal(lca, SIZE_MAX);
  assert_int_equal(len, 5);
  assert_int_equal(path[3], 7);
  assert_int_equal(path[4], 8);
  /* a cycle does not hang */
  words[7].head = 2;
  len = tkgp_rel_dep_path(words, TREE_N, 5, 0, path, TKGP_REL_MAX_PATH, &lca);
  assert_int_equal(len, 2);
  assert_int_equal(lca, SIZE_MAX);
}

/* ---- training and prediction ------------------------------------------------- */

static const char tiny_train[] =
    "[{\"tokens\": [\"Ann\", \"works\", \"for\", \"Acme\", \".\"],\n"
    "  \"tags\": [\"U-Peop\", \"O\", \"O\", \"U-Org\", \"O\"],\n"
    "  \"relations\": [{\"head\": 0, \"tail\": 1, \"type\": \"Work_For\"}]},\n"
    " {\"tokens\": [\"Bob\", \"lives\", \"in\", \"Oslo\", \".\"],\n"
    "  \"tags\": [\"U-Peop\", \"O\", \"O\", \"U-Loc\", \"O\"],\n"
    "  \"relations\": [{\"head\": 0, \"tail\": 1, \"type\": \"Live_In\"}]},\n"
    " {\"tokens\": [\"Cy\", \"killed\", \"Dee\", \"in\", \"Rome\", \".\"],\n"
    "  \"tags\": [\"U-Peop\", \"O\", \"U-Peop\", \"O\", \"U-Loc\", \"O\"],\n"
    "  \"relations\": [{\"head\": 0, \"tail\": 1, \"type\": \"Kill\"}]},\n"
    " {\"tokens\": [\"Zeta\", \"Inc\", \"is\", \"based\", \"in\", \"Lima\", \",\", \"Peru\", \".\"],\n"
    "  \"tags\": [\"B-Org\", \"L-Org\", \"O\", \"O\", \"O\", \"U-Loc\", \"O\", \"U-Loc\", \"O\"],\n"
    "  \"relations\": [{\"head\": 0, \"tail\": 1, \"type\": \"OrgBased_In\"},\n"
    "                {\"head\": 1, \"tail\": 2, \"type\": \"Located_In\"}]},\n"
    " {\"tokens\": [\"Eve\", \"met\", \"Fay\", \"at\", \"Acme\", \".\"],\n"
    "  \"tags\": [\"U-Peop\", \"O\", \"U-Peop\", \"O\", \"U-Org\", \"O\"],\n"
    "  \"relations\": []}]\n";

/* A stand-in for the parser: each word hangs on the one before it. */
static void chain_parse(tkgp_rel_corpus *c)
{
  for (size_t s = 0; s < c->n_sents; s++)
    for (size_t i = 0; i < c->sents[s].n_words; i++) {
      tkgp_nlp_word *w = &c->words[c->sents[s].word + i];
      w->lemma = w->form;
      w->upos = "X";
      w->xpos = "X";
      w->head = (int)i;
      w->deprel = i ? "dep" : "root";
    }
}

static void train_tiny(tkg_world *w, const char *out)
{
  tkgp_rel_corpus c;
  tkgp_rel_train_opts opts;
  memset(&opts, 0, sizeof opts);
  opts.epochs = 5;
  opts.models = 2;
  opts.seed = 1;
  opts.quiet = 1;
  tkgp_rel_corpus_init(&c);
  assert_int_equal(tkgp_rel_corpus_read(&c, w, write_file("train.json", tiny_train)), 0);
  chain_parse(&c);
  {
    size_t first[8], count[8];
    for (size_t s = 0; s < c.n_sents; s++) {
      first[s] = c.sents[s].ent;
      count[s] = c.sents[s].n_ents;
    }
    assert_int_equal(tkgp_rel_train(w, &c, &c, c.ents, first, count, &opts, out), 0);
  }
  tkgp_rel_corpus_finish(&c);
}

static void test_train_predict(void **state)
{
  tkg_world *w;
  tkgp_relclass *rc = NULL;
  tkgp_rel_corpus c;
  tkgp_rel_counts counts;
  (void)state;
  assert_int_equal(tkg_world_new(&w), 0);
  train_tiny(w, tmp_path("a.bin"));
  train_tiny(w, tmp_path("b.bin"));
  /* deterministic: same data, same bytes */
  test_assert_same_bytes(tmp_path("a.bin"), tmp_path("b.bin"));

  assert_int_equal(tkgp_relclass_open_file(&rc, w, tmp_path("a.bin")), 0);
  tkgp_rel_corpus_init(&c);
  assert_int_equal(tkgp_rel_corpus_read(&c, w, tmp_path("train.json")), 0);
  chain_parse(&c);
  memset(&counts, 0, sizeof counts);
  for (size_t s = 0; s < c.n_sents; s++) {
    const tkgp_rel_sent *st = &c.sents[s];
    const tkgp_rel_pred *pred;
    size_t np;
    assert_int_equal(tkgp_relclass_predict(rc, tkgp_rel_sent_words(&c, st), st->n_words,
                                           tkgp_rel_sent_ents(&c, st), st->n_ents, &pred,
                                           &np), 0);
    for (size_t p = 0; p < np; p++) {
      /* type constraints hold */
      assert_true(tkgp_rel_allowed(pred[p].type, c.ents[st->ent + pred[p].head].type,
                                   c.ents[st->ent + pred[p].tail].type));
      assert_true(pred[p].score > tkgp_relclass_threshold(rc));
    }
    tkgp_rel_score_sentence(tkgp_rel_sent_ents(&c, st), tkgp_rel_sent_rels(&c, st), st->n_rels,
                            tkgp_rel_sent_ents(&c, st), pred, np, &counts);
  }
  /* the training set comes back */
  for (int t = 1; t < TKGP_REL_NCLASSES; t++) {
    assert_int_equal(counts.gold[t], 1);
    assert_int_equal(counts.pred[t], 1);
    assert_int_equal(counts.correct[t], 1);
  }
  /* fewer than two mentions: nothing, and no error */
  {
    const tkgp_rel_pred *pred;
    size_t np = 7;
    assert_int_equal(tkgp_relclass_predict(rc, c.words, 5, c.ents, 1, &pred, &np), 0);
    assert_int_equal(np, 0);
  }
  tkgp_rel_corpus_finish(&c);
  tkgp_relclass_close(rc);
  tkg_world_free(w);
}

/* ---- model files ----------------------------------------------------------------- */

static void test_model_errors(void **state)
{
  tkg_world *w;
  tkgp_relclass *rc = (tkgp_relclass *)1;
  (void)state;
  assert_int_equal(tkg_world_new(&w), 0);
  /* missing */
  assert_int_equal(tkgp_relclass_open_file(&rc, w, tmp_path("none.bin")), TKG_ENOTFOUND);
  assert_null(rc);
  assert_non_null(strstr(tkg_world_last_error(w), "none.bin"));
  /* not a model */
  write_file("junk.bin", "this is not a model file at all, just some text\n");
  rc = (tkgp_relclass *)1;
  assert_int_equal(tkgp_relclass_open_file(&rc, w, tmp_path("junk.bin")), TKG_EDATA);
  assert_null(rc);
  /* one byte flipped, then truncated */
  train_tiny(w, tmp_path("good.bin"));
  test_damage_model(tmp_path("good.bin"), tmp_path("flip.bin"), tmp_path("short.bin"), 40);
  rc = (tkgp_relclass *)1;
  assert_int_equal(tkgp_relclass_open_file(&rc, w, tmp_path("flip.bin")), TKG_EDATA);
  assert_null(rc);
  rc = (tkgp_relclass *)1;
  assert_int_equal(tkgp_relclass_open_file(&rc, w, tmp_path("short.bin")), TKG_EDATA);
  assert_null(rc);
  tkgp_relclass_close(NULL);
  tkg_world_free(w);
}

/* ---- scorer ---------------------------------------------------------------------- */

static void test_scorer(void **state)
{
  /* gold: A(PER 0-1) works for B(ORG 3-4), A lives in C(LOC 6), and a
   * relation to an Other mention */
  const tkgp_ner_span gents[] = {
    {0, 2, TKGP_NER_PER, 1}, {3, 2, TKGP_NER_ORG, 1}, {6, 1, TKGP_NER_LOC, 1},
  };
  const tkgp_rel_gold gold[] = {
    {0, 1, TKGP_REL_WORK_FOR}, {0, 2, TKGP_REL_LIVE_IN},
    {0, UINT32_MAX, TKGP_REL_LIVE_IN},
  };
  /* predicted mentions: A right, B's span too short, C as a CITY */
  const tkgp_ner_span pents[] = {
    {0, 2, TKGP_NER_PER, 1}, {3, 1, TKGP_NER_ORG, 1}, {6, 1, TKGP_NER_CITY, 1},
  };
  const tkgp_rel_pred pred[] = {
    {0, 1, TKGP_REL_WORK_FOR, 1},   /* wrong span: not counted */
    {0, 2, TKGP_REL_LIVE_IN, 1},    /* right (CITY counts as LOC) */
    {0, 2, TKGP_REL_LIVE_IN, 1},    /* the same again: gold used up */
    {2, 0, TKGP_REL_KILL, 1},       /* wrong type */
  };
  tkgp_rel_counts c;
  double p, r, f;
  (void)state;
  memset(&c, 0, sizeof c);
  tkgp_rel_score_sentence(gents, gold, 3, pents, pred, 4, &c);
  assert_int_equal(c.gold[TKGP_REL_WORK_FOR], 1);
  assert_int_equal(c.gold[TKGP_REL_LIVE_IN], 2);
  assert_int_equal(c.pred[TKGP_REL_WORK_FOR], 1);
  assert_int_equal(c.pred[TKGP_REL_LIVE_IN], 2);
  assert_int_equal(c.pred[TKGP_REL_KILL], 1);
  assert_int_equal(c.correct[TKGP_REL_WORK_FOR], 0);
  assert_int_equal(c.correct[TKGP_REL_LIVE_IN], 1);
  assert_int_equal(c.correct[TKGP_REL_KILL], 0);
  tkgp_rel_micro(&c, &p, &r, &f);
  assert_true(p > 24.99 && p < 25.01);   /* 1 of 4 */
  assert_true(r > 33.33 && r < 33.34);   /* 1 of 3 */
  assert_true(f > 28.57 && f < 28.58);   /* 2 / 7 */
  /* names and constraints */
  assert_string_equal(tkgp_rel_type_name(TKGP_REL_ORGBASED_IN), "OrgBased_In");
  assert_int_equal(tkgp_rel_type_from_name("Located_In"), TKGP_REL_LOCATED_IN);
  assert_int_equal(tkgp_rel_type_from_name("Likes"), TKGP_REL_NONE);
  assert_true(tkgp_rel_allowed(TKGP_REL_LIVE_IN, TKGP_NER_PER, TKGP_NER_COUNTRY));
  assert_false(tkgp_rel_allowed(TKGP_REL_LIVE_IN, TKGP_NER_ORG, TKGP_NER_LOC));
  assert_false(tkgp_rel_allowed(TKGP_REL_KILL, TKGP_NER_PER, TKGP_NER_DATE));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_read_json),
    cmocka_unit_test(test_dep_path),
    cmocka_unit_test(test_train_predict),
    cmocka_unit_test(test_model_errors),
    cmocka_unit_test(test_scorer),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
