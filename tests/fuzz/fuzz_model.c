/* fuzz_model.c - fuzz target: the model loaders, on damaged copies of the real models
 * SPDX-License-Identifier: MIT
 *
 * The models are tens of megabytes, far too big to be fuzzer inputs, and a
 * byte flip anywhere would only meet the checksum. So the input is a small
 * description of damage done to one real model, read once per process:
 *
 *   byte 0     which model: 0 tagger, 1 parser, 2 NER, 3 relations,
 *              4 word clusters (mod 5)
 *   byte 1     bit 0: keep the stored checksum (else it is made right for
 *              the damaged file, so the damage reaches the section readers);
 *              bit 1: keep the stored file size (else it is the new size)
 *   bytes 2-5  u32 LE: 0 keeps the length; else the file is cut to this
 *              value modulo its size
 *   then operations until the input ends, each
 *     byte     0 set, 1 fill, 2 add (mod 3)
 *     byte     a section number (offsets are then inside that section, read
 *              from the model's section table), or any other value: the file
 *     u32 LE   offset, modulo the size of that region
 *     set:     byte N, then N bytes written at the offset
 *     fill:    byte N (pattern of N % 8 + 1 bytes), the pattern, byte S
 *              (stride: the pattern is written every S bytes, 0: back to
 *              back), u32 LE count of bytes from the offset: e.g. the start
 *              field of every slot of a perceptron table
 *     add:     u32 LE added to the u32 at the offset (a count, a length)
 *
 * The damaged file replaces the pristine copy in a scratch model directory
 * only for the bytes that changed, and is repaired afterwards, so an input
 * costs a few checksums and maps, not a copy of the file. The world then
 * opens the models from there and analyzes a short text: a model that
 * opens must be safe to use. Opening may fail (with a message); nothing
 * may crash, hang or read outside the file.
 */
#include "fuzz.h"

#include "core/world.h"
#include "nlp/model.h"
#include "nlp/nlp.h"
#include "ner/ner.h"
#include "rel/relclass.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_DIRTY 64 /* damaged ranges remembered for repair; more are ignored */
#define N_MODELS 5

static const char *const names[N_MODELS] = {"tagger.bin", "parser.bin", "ner.bin", "rel.bin",
                                            "clusters.bin"};

typedef struct model_copy {
  unsigned char *orig; /* the real model */
  unsigned char *img;  /* the damaged image, repaired after each input */
  size_t size;
  uint32_t n_sections;
  int fd;              /* the scratch copy the world opens */
} model_copy;

static model_copy models[N_MODELS];
static char modeldir[4200];

typedef struct range {
  size_t off, len;
} range;

static range dirty[MAX_DIRTY];
static size_t n_dirty;

static void load(void)
{
  tkg_world *w = tkgf_world();
  char path[4300];

  snprintf(modeldir, sizeof modeldir, "%s/models", tkgf_scratch());
  if (mkdir(modeldir, 0700) != 0 && errno != EEXIST)
    tkgf_fail(NULL, "cannot make the scratch model directory");
  for (int m = 0; m < N_MODELS; m++) {
    model_copy *c = &models[m];
    if (getenv("TEXTKG_MODELDIR") && *getenv("TEXTKG_MODELDIR"))
      snprintf(path, sizeof path, "%s/%s", getenv("TEXTKG_MODELDIR"), names[m]);
    else
      snprintf(path, sizeof path, "%s/models/%s", tkgf_datadir(), names[m]);
    c->orig = tkgf_read_file(path, &c->size);
    if (c->size < 32)
      tkgf_fail(NULL, "a model is shorter than its header");
    if (!(c->img = malloc(c->size)))
      tkgf_fail(NULL, "out of memory");
    memcpy(c->img, c->orig, c->size);
    memcpy(&c->n_sections, c->orig + 16, 4);
    if (c->n_sections > (c->size - 32) / 24)
      tkgf_fail(NULL, "a model's section table is bad");
    snprintf(path, sizeof path, "%s/%s", modeldir, names[m]);
    tkgf_write_file(path, c->orig, c->size);
    if ((c->fd = open(path, O_RDWR | O_CLOEXEC)) < 0)
      tkgf_fail(NULL, "cannot open a scratch model");
  }
  free(w->modeldir);
  if (!(w->modeldir = strdup(modeldir)))
    tkgf_fail(NULL, "out of memory");
}

static uint32_t rd32(const uint8_t *p)
{
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void mark(size_t off, size_t len)
{
  if (len && n_dirty < MAX_DIRTY)
    dirty[n_dirty++] = (range){off, len};
}

/* The region WHERE names: [*base, *base + *len) of the file. */
static void region(const model_copy *c, unsigned where, size_t *base, size_t *len)
{
  uint64_t off, size;
  *base = 0;
  *len = c->size;
  if (where >= c->n_sections)
    return;
  memcpy(&off, c->orig + 32 + (size_t)where * 24 + 8, 8);
  memcpy(&size, c->orig + 32 + (size_t)where * 24 + 16, 8);
  if (off < c->size && size && size <= c->size - off) {
    *base = (size_t)off;
    *len = (size_t)size;
  }
}

/* Apply the operations of P[0, N) to C->img; only what changed is marked. */
static void damage(model_copy *c, const uint8_t *p, size_t n)
{
  size_t i = 0;
  while (i + 6 <= n && n_dirty < MAX_DIRTY - 2) { /* two for the size and checksum */
    unsigned op = p[i] % 3;
    size_t base, len, at;
    region(c, p[i + 1], &base, &len);
    at = rd32(p + i + 2) % len;
    i += 6;
    if (op == 0) { /* set */
      size_t k;
      if (i >= n)
        break;
      k = p[i++];
      if (k > n - i)
        k = n - i;
      if (k > len - at)
        k = len - at;
      memcpy(c->img + base + at, p + i, k);
      mark(base + at, k);
      i += k;
    } else if (op == 1) { /* fill */
      size_t k, stride, count;
      const uint8_t *pat;
      if (i >= n)
        break;
      k = p[i++] % 8 + 1;
      if (i + k + 5 > n)
        break;
      pat = p + i;
      stride = p[i + k];
      count = rd32(p + i + k + 1);
      i += k + 5;
      if (stride < k)
        stride = k;
      if (count > len - at)
        count = len - at;
      for (size_t j = 0; j + k <= count; j += stride)
        memcpy(c->img + base + at + j, pat, k);
      mark(base + at, count);
    } else { /* add */
      uint32_t v;
      if (i + 4 > n)
        break;
      if (len - at >= 4) {
        memcpy(&v, c->img + base + at, 4);
        v += rd32(p + i);
        memcpy(c->img + base + at, &v, 4);
        mark(base + at, 4);
      }
      i += 4;
    }
  }
}

/* Make the scratch copy of C hold IMG[0, SIZE). */
static void write_image(model_copy *c, size_t size)
{
  for (size_t k = 0; k < n_dirty; k++)
    if (dirty[k].off < size) {
      size_t len = dirty[k].len < size - dirty[k].off ? dirty[k].len : size - dirty[k].off;
      if (pwrite(c->fd, c->img + dirty[k].off, len, (off_t)dirty[k].off) != (ssize_t)len)
        tkgf_fail(NULL, "cannot write the damaged model");
    }
  if (size < c->size && ftruncate(c->fd, (off_t)size) != 0)
    tkgf_fail(NULL, "cannot cut the damaged model");
}

/* Undo write_image() and damage(): the copy and IMG are the real model again. */
static void repair(model_copy *c, size_t size)
{
  for (size_t k = 0; k < n_dirty; k++) {
    memcpy(c->img + dirty[k].off, c->orig + dirty[k].off, dirty[k].len);
    if (dirty[k].off < size) {
      size_t len = dirty[k].len < size - dirty[k].off ? dirty[k].len : size - dirty[k].off;
      if (pwrite(c->fd, c->orig + dirty[k].off, len, (off_t)dirty[k].off) != (ssize_t)len)
        tkgf_fail(NULL, "cannot repair the model");
    }
  }
  if (size < c->size &&
      (ftruncate(c->fd, (off_t)c->size) != 0 ||
       pwrite(c->fd, c->orig + size, c->size - size, (off_t)size) != (ssize_t)(c->size - size)))
    tkgf_fail(NULL, "cannot repair the model");
  n_dirty = 0;
}

/* Forget the models WHICH belongs to, so the world maps them again. */
static void close_models(tkg_world *w, int which)
{
  if (which <= 1 || which == 4) {  /* the clusters are the NLP models' */
    tkgp_nlp_close(w->nlp);
    w->nlp = NULL;
  } else if (which == 2) {
    tkgp_ner_close(w->ner);
    w->ner = NULL;
  } else {
    tkgp_relclass_close(w->relclass);
    w->relclass = NULL;
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  tkg_world *w = tkgf_world();
  model_copy *c;
  size_t new_size;
  unsigned flags;
  uint32_t cut;

  if (!models[0].orig)
    load();
  if (size < 6)
    return 0;
  c = &models[data[0] % N_MODELS];
  flags = data[1];
  cut = rd32(data + 2);
  new_size = cut ? cut % c->size : c->size;

  damage(c, data + 6, size - 6);
  if (!(flags & 2) && new_size >= 32) {
    uint64_t v = new_size;
    memcpy(c->img + 24, &v, 8);
    mark(24, 8);
  }
  if (!(flags & 1) && new_size >= 24) {
    uint32_t crc = tkgp_crc32(0, c->img + 24, new_size - 24);
    memcpy(c->img + 20, &crc, 4);
    mark(20, 4);
  }
  write_image(c, new_size);

  close_models(w, data[0] % N_MODELS);
  tkgf_build_news(w);

  /* The mapping of a damaged file must go before the file is repaired. */
  close_models(w, data[0] % N_MODELS);
  repair(c, new_size);
  return 0;
}
