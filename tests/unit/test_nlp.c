/* test_nlp.c - unit tests of the tagger, lemmatizer, parser and model files
 * SPDX-License-Identifier: MIT
 *
 * Everything here is self-contained: the training sentences are written
 * for this test, WordNet is not used, and files go to a temporary
 * directory under the current (build) directory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include "core/hash.h"
#include "corpus/conllu.h"
#include "corpus/corpus.h"
#include "nlp/lemmatizer.h"
#include "nlp/clusters.h"
#include "nlp/model.h"
#include "nlp/nlp.h"
#include "train/clusters_train.h"
#include "train/train.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Sentences written for this test, in UD English style. */
static const char tiny[] =
  "# sent_id = t1\n"
  "# text = The cat sleeps.\n"
  "1\tThe\tthe\tDET\tDT\tDefinite=Def|PronType=Art\t2\tdet\t_\t_\n"
  "2\tcat\tcat\tNOUN\tNN\tNumber=Sing\t3\tnsubj\t_\t_\n"
  "3\tsleeps\tsleep\tVERB\tVBZ\tMood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin\t0\troot\t_\tSpaceAfter=No\n"
  "4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n"
  "\n"
  "# sent_id = t2\n"
  "# text = A dog barked at the cats.\n"
  "1\tA\ta\tDET\tDT\tDefinite=Ind|PronType=Art\t2\tdet\t_\t_\n"
  "2\tdog\tdog\tNOUN\tNN\tNumber=Sing\t3\tnsubj\t_\t_\n"
  "3\tbarked\tbark\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_\n"
  "4\tat\tat\tADP\tIN\t_\t6\tcase\t_\t_\n"
  "5\tthe\tthe\tDET\tDT\tDefinite=Def|PronType=Art\t6\tdet\t_\t_\n"
  "6\tcats\tcat\tNOUN\tNNS\tNumber=Plur\t3\tobl\t_\tSpaceAfter=No\n"
  "7\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n"
  "\n"
  "# sent_id = t3\n"
  "# text = Mary saw a big dog.\n"
  "1\tMary\tMary\tPROPN\tNNP\tNumber=Sing\t2\tnsubj\t_\t_\n"
  "2\tsaw\tsee\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_\n"
  "3\ta\ta\tDET\tDT\tDefinite=Ind|PronType=Art\t5\tdet\t_\t_\n"
  "4\tbig\tbig\tADJ\tJJ\tDegree=Pos\t5\tamod\t_\t_\n"
  "5\tdog\tdog\tNOUN\tNN\tNumber=Sing\t2\tobj\t_\tSpaceAfter=No\n"
  "6\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
  "\n";

/* Multiword token, empty node and comments must survive a round trip. */
static const char special[] =
  "# newdoc id = test\n"
  "# text = I can't go.\n"
  "1\tI\tI\tPRON\tPRP\tCase=Nom\t3\tnsubj\t_\t_\n"
  "2-3\tcan't\t_\t_\t_\t_\t_\t_\t_\t_\n"
  "2\tca\tcan\tAUX\tMD\tVerbForm=Fin\t4\taux\t_\t_\n"
  "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
  "3.1\tgo\tgo\tVERB\tVB\t_\t_\t_\t0:root\t_\n"
  "4\tgo\tgo\tVERB\tVB\tVerbForm=Inf\t0\troot\t_\tSpaceAfter=No\n"
  "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n"
  "\n";

typedef struct fixture {
  char dir[256];
  tkg_world *world;
} fixture;

static int setup(void **state)
{
  fixture *f = calloc(1, sizeof *f);
  if (!f)
    return -1;
  strcpy(f->dir, "test_nlp.tmp.XXXXXX");
  if (!mkdtemp(f->dir))
    return -1;
  f->world = calloc(1, sizeof *f->world);
  *state = f;
  return f->world ? 0 : -1;
}

static int teardown(void **state)
{
  fixture *f = *state;
  char cmd[512];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
  if (system(cmd) != 0)
    return -1;
  free(f->world);
  free(f);
  return 0;
}

static char *path_in(const fixture *f, const char *name)
{
  static char buf[2][512];
  static int k;
  k ^= 1;
  snprintf(buf[k], sizeof buf[k], "%s/%s", f->dir, name);
  return buf[k];
}

static void roundtrip(const char *text)
{
  tkgp_conllu c;
  char *out = NULL;
  size_t len = 0;
  FILE *mem;

  assert_int_equal(tkgp_conllu_read_mem(&c, NULL, "mem", text, strlen(text)), 0);
  mem = open_memstream(&out, &len);
  assert_non_null(mem);
  for (size_t s = 0; s < c.n_sents; s++)
    tkgp_conllu_write(mem, &c.sents[s], NULL);
  fclose(mem);
  assert_string_equal(out, text);
  free(out);
  tkgp_conllu_finish(&c);
}

static void test_conllu_roundtrip(void **state)
{
  tkgp_conllu c;
  (void)state;
  roundtrip(tiny);
  roundtrip(special);
  assert_int_equal(tkgp_conllu_read_mem(&c, NULL, "mem", special, strlen(special)), 0);
  assert_int_equal(c.n_sents, 1);
  assert_int_equal(c.n_words, 5);   /* not the 2-3 token, not the 3.1 node */
  assert_string_equal(tkgp_conllu_col(&c.sents[0], 2, TKGP_FORM), "n't");
  assert_int_equal(c.sents[0].heads[3], 0);
  tkgp_conllu_finish(&c);
}

static void test_conllu_errors(void **state)
{
  fixture *f = *state;
  tkgp_conllu c;
  const char *bad_id = "1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n3\tb\tb\tX\tX\t_\t1\tdep\t_\t_\n\n";
  const char *bad_cols = "1\ta\ta\tX\n\n";
  const char *bad_head = "1\ta\ta\tX\tX\t_\t7\troot\t_\t_\n\n";
  assert_int_equal(tkgp_conllu_read_mem(&c, f->world, "x", bad_id, strlen(bad_id)), TKG_EINPUT);
  assert_non_null(strstr(f->world->error, "line 2"));
  assert_int_equal(tkgp_conllu_read_mem(&c, f->world, "x", bad_cols, strlen(bad_cols)), TKG_EINPUT);
  assert_int_equal(tkgp_conllu_read_mem(&c, f->world, "x", bad_head, strlen(bad_head)), TKG_EINPUT);
  assert_int_equal(tkgp_conllu_read(&c, f->world, path_in(f, "missing.conllu")), TKG_ENOTFOUND);
}

/* Bytes that once read back otherwise than they were written (found by
 * fuzz_conllu): a NUL cut a word line short, and of the CRs ending a line
 * only the last was taken for its end. */
static void test_conllu_control_bytes(void **state)
{
  fixture *f = *state;
  tkgp_conllu c;
  const char nul[] = "# text = a\n1\ta\ta\tX\tX\t_\t0\troot\t_\t_\0\tmore\n\n";
  const char *crs = "# text = a\r\r\n1\ta\ta\tX\tX\t_\t0\troot\t_\t_\r\r\n\n";

  assert_int_equal(tkgp_conllu_read_mem(&c, f->world, "x", nul, sizeof nul - 1), TKG_EINPUT);
  assert_non_null(strstr(f->world->error, "x: a NUL byte"));
  assert_non_null(strstr(f->world->error, "line 2"));
  assert_int_equal(tkgp_conllu_read_mem(&c, f->world, "x", crs, strlen(crs)), 0);
  assert_string_equal(c.sents[0].lines[0].cols[0], "# text = a");
  assert_string_equal(tkgp_conllu_col(&c.sents[0], 0, TKGP_MISC), "_");
  tkgp_conllu_finish(&c);
}

static void test_model_roundtrip(void **state)
{
  fixture *f = *state;
  tkgp_model_writer *w;
  tkgp_model *m;
  const void *data;
  size_t size;
  const char *p = path_in(f, "m.bin");

  assert_int_equal(tkgp_model_writer_new(&w, TKGP_FOURCC('T', 'E', 'S', 'T')), 0);
  assert_int_equal(tkgp_model_writer_add(w, 1, "hello", 6), 0);
  assert_int_equal(tkgp_model_writer_add(w, 2, "0123456789abcdef!", 17), 0);
  assert_int_equal(tkgp_model_writer_save(w, f->world, p), 0);
  tkgp_model_writer_free(w);

  assert_int_equal(tkgp_model_open(&m, f->world, p, TKGP_FOURCC('T', 'E', 'S', 'T')), 0);
  assert_int_equal(tkgp_model_section(m, f->world, 1, &data, &size), 0);
  assert_int_equal(size, 6);
  assert_string_equal(data, "hello");
  assert_int_equal(tkgp_model_section(m, f->world, 2, &data, &size), 0);
  assert_int_equal(size, 17);
  assert_memory_equal(data, "0123456789abcdef!", 17);
  assert_int_equal(tkgp_model_section(m, f->world, 3, &data, &size), TKG_EDATA);
  tkgp_model_close(m);

  /* wrong kind */
  assert_int_equal(tkgp_model_open(&m, f->world, p, TKGP_FOURCC('N', 'O', 'P', 'E')), TKG_EDATA);
  assert_null(m);
}

static void test_model_corrupt(void **state)
{
  fixture *f = *state;
  tkgp_model_writer *w;
  tkgp_model *m;
  unsigned char *buf;
  size_t len;
  const char *p = path_in(f, "c.bin"), *q = path_in(f, "bad.bin");
  const uint32_t kind = TKGP_FOURCC('T', 'E', 'S', 'T');

  assert_int_equal(tkgp_model_writer_new(&w, kind), 0);
  assert_int_equal(tkgp_model_writer_add(w, 1, "some model data", 16), 0);
  assert_int_equal(tkgp_model_writer_save(w, f->world, p), 0);
  tkgp_model_writer_free(w);
  buf = test_slurp(p, &len);

  /* every truncation is an error */
  for (size_t cut = 0; cut < len; cut++) {
    test_write_bytes(q, buf, cut);
    assert_int_equal(tkgp_model_open(&m, f->world, q, kind), TKG_EDATA);
    assert_null(m);
    assert_non_null(strstr(f->world->error, q));
    assert_null(strchr(f->world->error, '\n'));
  }
  /* every flipped byte is an error */
  for (size_t i = 0; i < len; i++) {
    buf[i] ^= 0x5A;
    test_write_bytes(q, buf, len);
    assert_true(tkgp_model_open(&m, f->world, q, kind) < 0);
    assert_null(m);
    buf[i] ^= 0x5A;
  }
  assert_int_equal(tkgp_model_open(&m, f->world, path_in(f, "none.bin"), kind), TKG_ENOTFOUND);
  free(buf);
}

/* A key map as written reads back; filled up as damage would (no empty
 * slot, or one long run of occupied slots) it is refused, not walked. */
static void test_kmap_damaged(void **state)
{
  tkgp_kmap_slot items[100];
  tkgp_buf buf = {0};
  tkgp_kmap map;
  tkgp_kmap_slot *slots;
  uint64_t n_slots;

  (void)state;
  for (uint64_t k = 0; k < 100; k++)
    items[k] = (tkgp_kmap_slot){tkgp_hash_bytes(&k, sizeof k), (uint32_t)k, 0};
  assert_int_equal(tkgp_kmap_build(&buf, items, 100), 0);
  assert_int_equal(tkgp_kmap_view(&map, buf.data, buf.len), 0);
  for (uint64_t k = 0; k < 100; k++)
    assert_int_equal(tkgp_kmap_get(&map, items[k].key)->a, k);
  assert_true(map.max_probe >= 2 && map.max_probe <= map.n_slots);

  memcpy(&n_slots, buf.data, 8);
  slots = (tkgp_kmap_slot *)(buf.data + 8);
  for (uint64_t i = 0; i < n_slots; i++)
    if (!slots[i].key)
      slots[i].key = 3;
  assert_int_equal(tkgp_kmap_view(&map, buf.data, buf.len), TKG_EDATA);
  slots[n_slots / 2].key = 0;
  assert_int_equal(tkgp_kmap_view(&map, buf.data, buf.len), TKG_EDATA);
  tkgp_buf_finish(&buf);
}

static void tiny_corpus(tkgp_conllu *c, tkgp_corpus *corpus)
{
  assert_int_equal(tkgp_conllu_read_mem(c, NULL, "tiny", tiny, strlen(tiny)), 0);
  assert_int_equal(tkgp_corpus_init(corpus, c, 1), 0);
}

static void train_opts(tkgp_train_opts *o, int epochs)
{
  memset(o, 0, sizeof *o);
  o->epochs = epochs;
  o->seed = 7;
  o->wordnet = NULL;
  o->prune = 0;
  o->quiet = 1;
}

/* Word vectors in wink-embeddings' layout: three groups of words, each
 * near its own axis of 4 dimensions (a little apart from each other). */
static void write_vectors(const char *path, const char *extra)
{
  static const char *const groups[3][4] = {{"cat", "dog", "horse", "cow"},
                                           {"paris", "rome", "madrid", "oslo"},
                                           {"inc", "corp", "oneill", "ltd"}};
  FILE *fp = fopen(path, "w");
  assert_non_null(fp);
  fprintf(fp, "{\"precision\":4,\"l2NormIndex\":4,\"wordIndex\":5,\"size\":12,"
              "\"dimensions\":4,\"words\":[],\"vectors\":{");
  for (int g = 0; g < 3; g++)
    for (int k = 0; k < 4; k++) {
      double v[4] = {0.1 * k, 0.05, 0.02 * (3 - k), 0.1};
      v[g] = 1.0;
      fprintf(fp, "%s\"%s\":[%.3f,%.3f,%.3f,%.3f,1.0,%d]", g + k ? "," : "",
              groups[g][k], v[0], v[1], v[2], v[3], g * 4 + k);
    }
  fprintf(fp, "%s},\"unkVector\":[0,0,0,0]}\n", extra);
  fclose(fp);
}

/* How many leading bits two paths share (both have the leading 1). */
static unsigned shared_bits(uint32_t a, uint32_t b)
{
  unsigned da = 31u - (unsigned)__builtin_clz(a), db = 31u - (unsigned)__builtin_clz(b);
  unsigned d = da < db ? da : db, k = 0;
  while (k < d && (a >> (da - k - 1) & 1u) == (b >> (db - k - 1) & 1u))
    k++;
  return k;
}

/* Clusters trained from write_vectors()'s words into the model directory,
 * which tkgp_nlp_open() needs beside the tagger and the parser. */
static void model_dir_clusters(fixture *f)
{
  char *json = strdup(path_in(f, "vectors.json"));
  write_vectors(json, "");
  assert_int_equal(tkgp_clusters_train(f->world, json, path_in(f, TKGP_CLUSTERS_FILE), 6, NULL, 0, 1), 0);
  free(json);
}

static void test_train_tag_parse(void **state)
{
  fixture *f = *state;
  tkgp_conllu c;
  tkgp_corpus corpus;
  tkgp_train_opts o;
  tkgp_nlp *nlp;
  tkgp_arena arena;

  tiny_corpus(&c, &corpus);
  model_dir_clusters(f);
  train_opts(&o, 10);
  assert_int_equal(tkgp_tagger_train(f->world, &corpus, &corpus, &o,
                                     path_in(f, TKGP_NLP_TAGGER_FILE)), 0);
  assert_int_equal(tkgp_parser_train(f->world, &corpus, &corpus, &o,
                                     path_in(f, TKGP_NLP_PARSER_FILE)), 0);
  assert_int_equal(tkgp_nlp_open(&nlp, f->world, f->dir), 0);
  tkgp_arena_init(&arena, 0);
  for (size_t s = 0; s < corpus.n_sents; s++) {
    size_t a = corpus.start[s], n = corpus.start[s + 1] - a, roots = 0;
    tkgp_nlp_word words[16];
    memset(words, 0, sizeof words);
    for (size_t i = 0; i < n; i++)
      words[i].form = corpus.words[a + i].form;
    assert_int_equal(tkgp_nlp_annotate(nlp, words, n, &arena), 0);
    for (size_t i = 0; i < n; i++) {
      const tkgp_nlp_word *g = &corpus.words[a + i];
      int h = words[i].head, steps = 0;
      assert_string_equal(words[i].upos, g->upos);
      assert_string_equal(words[i].xpos, g->xpos);
      assert_string_equal(words[i].lemma, g->lemma);
      assert_string_equal(words[i].feats, g->feats);
      assert_non_null(words[i].deprel);
      assert_true(h >= 0 && h <= (int)n);
      roots += h == 0;
      /* no cycles: walking up reaches the root within n steps */
      while (h != 0 && steps++ <= (int)n)
        h = words[h - 1].head;
      assert_int_equal(h, 0);
    }
    assert_int_equal(roots, 1);
  }
  /* an unseen sentence still gives a tree */
  {
    const char *forms[] = {"Big", "cats", "saw", "Mary", "at", "the", "dog", "today", "."};
    tkgp_nlp_word words[9];
    size_t roots = 0;
    memset(words, 0, sizeof words);
    for (size_t i = 0; i < 9; i++)
      words[i].form = forms[i];
    assert_int_equal(tkgp_nlp_annotate(nlp, words, 9, &arena), 0);
    for (size_t i = 0; i < 9; i++) {
      int h = words[i].head, steps = 0;
      roots += h == 0;
      while (h != 0 && steps++ <= 9)
        h = words[h - 1].head;
      assert_int_equal(h, 0);
    }
    assert_int_equal(roots, 1);
    assert_string_equal(words[1].lemma, "cat");
  }
  tkgp_arena_finish(&arena);
  tkgp_nlp_close(nlp);
  tkgp_corpus_finish(&corpus);
  tkgp_conllu_finish(&c);
}

static void test_lemmatizer_rules(void **state)
{
  tkgp_lemmatizer lm;
  tkgp_arena arena;
  (void)state;
  memset(&lm, 0, sizeof lm);
  tkgp_arena_init(&arena, 0);
  assert_string_equal(tkgp_lemmatize(&lm, "ponies", tkgp_hash_lower("ponies"), 0, "NOUN", "NNS", &arena), "pony");
  assert_string_equal(tkgp_lemmatize(&lm, "boxes", tkgp_hash_lower("boxes"), 0, "NOUN", "NNS", &arena), "box");
  assert_string_equal(tkgp_lemmatize(&lm, "walked", tkgp_hash_lower("walked"), 0, "VERB", "VBD", &arena), "walk");
  assert_string_equal(tkgp_lemmatize(&lm, "stopped", tkgp_hash_lower("stopped"), 0, "VERB", "VBD", &arena), "stop");
  assert_string_equal(tkgp_lemmatize(&lm, "Walks", tkgp_hash_lower("Walks"), 0, "VERB", "VBZ", &arena), "walk");
  assert_string_equal(tkgp_lemmatize(&lm, "Paris", tkgp_hash_lower("Paris"), 0, "PROPN", "NNP", &arena), "Paris");
  tkgp_arena_finish(&arena);
}

static void test_train_deterministic(void **state)
{
  fixture *f = *state;
  tkgp_conllu c;
  tkgp_corpus corpus;
  tkgp_train_opts o;
  const char *names[2][2] = {{"t1.bin", "t2.bin"}, {"p1.bin", "p2.bin"}};

  tiny_corpus(&c, &corpus);
  train_opts(&o, 5);
  for (int kind = 0; kind < 2; kind++) {
    for (int k = 0; k < 2; k++) {
      const char *p = path_in(f, names[kind][k]);
      int rc = kind == 0 ? tkgp_tagger_train(f->world, &corpus, &corpus, &o, p)
                         : tkgp_parser_train(f->world, &corpus, &corpus, &o, p);
      assert_int_equal(rc, 0);
    }
    test_assert_same_bytes(path_in(f, names[kind][0]), path_in(f, names[kind][1]));
  }
  tkgp_corpus_finish(&corpus);
  tkgp_conllu_finish(&c);
}
static void test_clusters(void **state)
{
  fixture *f = *state;
  tkgp_clusters *c;
  uint32_t cat, dog, cow, paris, rome, inc;
  char *json = strdup(path_in(f, "vectors.json"));

  write_vectors(json, "");
  assert_int_equal(tkgp_clusters_train(f->world, json, path_in(f, "c1.bin"), 6, NULL, 0, 1), 0);
  assert_int_equal(tkgp_clusters_train(f->world, json, path_in(f, "c2.bin"), 6, NULL, 0, 1), 0);
  test_assert_same_bytes(path_in(f, "c1.bin"), path_in(f, "c2.bin"));

  assert_int_equal(tkgp_clusters_open(&c, f->world, path_in(f, "c1.bin")), 0);
  cat = tkgp_clusters_of(c, "Cat");
  dog = tkgp_clusters_of(c, "dog");
  cow = tkgp_clusters_of(c, "COW");
  paris = tkgp_clusters_of(c, "Paris");
  rome = tkgp_clusters_of(c, "Rome");
  inc = tkgp_clusters_of(c, "Inc.");
  assert_true(cat && dog && cow && paris && rome && inc);
  /* words of a group share more of their paths than words of two groups */
  assert_true(shared_bits(cat, dog) > shared_bits(cat, paris));
  assert_true(shared_bits(cow, dog) > shared_bits(dog, rome));
  assert_true(shared_bits(paris, rome) > shared_bits(rome, inc));
  /* written as the vocabulary writes it: lowercase, no apostrophe */
  assert_int_equal(tkgp_clusters_of(c, "O'Neill"), tkgp_clusters_of(c, "oneill"));
  assert_int_not_equal(tkgp_clusters_of(c, "O'Neill"), 0);
  assert_int_equal(tkgp_clusters_of(c, "unicorn"), 0);
  assert_true(tkgp_cluster_prefix(cat, 1) >> 1 == 1);
  tkgp_clusters_close(c);

  /* With annotated names: "paris" and "rome" are places in the corpus, so
   * "madrid" and "oslo", near them in the vectors, are classed as places;
   * "cat" is near no name. Neighbours are looked for within a word's
   * 4-bit cluster: two levels deep, that is one group of four words. */
  {
    char *names = strdup(path_in(f, "names.iob2"));
    FILE *fp = fopen(names, "w");
    assert_non_null(fp);
    fprintf(fp, "1\tParis\tB-LOC\t-\t-\n2\tand\tO\t-\t-\n3\tRome\tB-LOC\t-\t-\n"
                "4\tmet\tO\t-\t-\n5\tcats\tO\t-\t-\n\n");
    fclose(fp);
    assert_int_equal(tkgp_clusters_train(f->world, json, path_in(f, "c4.bin"), 2, &names, 1, 1),
                     0);
    assert_int_equal(tkgp_clusters_train(f->world, json, path_in(f, "c5.bin"), 2, &names, 1, 1),
                     0);
    test_assert_same_bytes(path_in(f, "c4.bin"), path_in(f, "c5.bin"));
    assert_int_equal(tkgp_clusters_open(&c, f->world, path_in(f, "c4.bin")), 0);
    assert_int_equal((tkgp_clusters_name_class(c, "Madrid") - 1) / 3, 2);
    assert_int_equal((tkgp_clusters_name_class(c, "oslo") - 1) / 3, 2);
    assert_int_equal(tkgp_clusters_name_class(c, "cat"), 0);
    tkgp_clusters_close(c);
    assert_int_equal(tkgp_clusters_open(&c, f->world, path_in(f, "c1.bin")), 0);
    assert_int_equal(tkgp_clusters_name_class(c, "Madrid"), 0);
    tkgp_clusters_close(c);
    free(names);
  }

  /* a malformed file is an error naming the file and the byte */
  write_vectors(json, ",\"bad\":[1,2,");
  assert_int_equal(tkgp_clusters_train(f->world, json, path_in(f, "c3.bin"), 6, NULL, 0, 1),
                   TKG_EINPUT);
  assert_non_null(strstr(f->world->error, "vectors.json: byte "));
  assert_int_equal(access(path_in(f, "c3.bin"), F_OK), -1);
  free(json);
}

static void test_open_missing_models(void **state)
{
  fixture *f = *state;
  tkgp_nlp *nlp;
  assert_int_equal(tkgp_nlp_open(&nlp, f->world, path_in(f, "nowhere")), TKG_ENOTFOUND);
  assert_null(nlp);
  assert_non_null(strstr(f->world->error, "tagger.bin"));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(test_conllu_roundtrip, setup, teardown),
    cmocka_unit_test_setup_teardown(test_conllu_errors, setup, teardown),
    cmocka_unit_test_setup_teardown(test_conllu_control_bytes, setup, teardown),
    cmocka_unit_test_setup_teardown(test_model_roundtrip, setup, teardown),
    cmocka_unit_test_setup_teardown(test_model_corrupt, setup, teardown),
    cmocka_unit_test(test_kmap_damaged),
    cmocka_unit_test_setup_teardown(test_lemmatizer_rules, setup, teardown),
    cmocka_unit_test_setup_teardown(test_train_tag_parse, setup, teardown),
    cmocka_unit_test_setup_teardown(test_train_deterministic, setup, teardown),
    cmocka_unit_test_setup_teardown(test_clusters, setup, teardown),
    cmocka_unit_test_setup_teardown(test_open_missing_models, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
