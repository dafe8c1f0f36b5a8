/* arena.c - bump allocator for per-document data
 * SPDX-License-Identifier: MIT
 */
#include "core/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct tkgp_arena_block {
  tkgp_arena_block *next;
  size_t used, size;
  max_align_t data[];
};

#define ALIGN (sizeof(max_align_t))

void tkgp_arena_init(tkgp_arena *arena, size_t block_size)
{
  arena->head = NULL;
  arena->block_size = block_size ? block_size : 64 * 1024;
}

void tkgp_arena_finish(tkgp_arena *arena)
{
  tkgp_arena_block *b = arena->head;
  while (b) {
    tkgp_arena_block *next = b->next;
    free(b);
    b = next;
  }
  arena->head = NULL;
}

void *tkgp_arena_alloc(tkgp_arena *arena, size_t size)
{
  size_t rounded;
  tkgp_arena_block *b = arena->head;

  /* Room for rounding up and for the block header, which is added below. */
  if (size > SIZE_MAX - ALIGN - sizeof(tkgp_arena_block))
    return NULL;
  rounded = (size + ALIGN - 1) / ALIGN * ALIGN;
#ifndef TKG_ARENA_MALLOC
  if (b && b->size - b->used >= rounded) {
    void *p = (char *)b->data + b->used;
    b->used += rounded;
    return p;
  }
#endif
  {
    /* A request larger than a block gets a block of its own, put behind
     * the current one so the current one's free space is not wasted. */
    size_t cap = rounded > arena->block_size ? rounded : arena->block_size;
#ifdef TKG_ARENA_MALLOC
    cap = rounded;
#endif
    tkgp_arena_block *nb = malloc(sizeof *nb + cap);
    if (!nb)
      return NULL;
    nb->size = cap;
    nb->used = rounded;
    if (b && cap == rounded && b->size - b->used > 0) {
      nb->next = b->next;
      b->next = nb;
    } else {
      nb->next = b;
      arena->head = nb;
    }
    return nb->data;
  }
}

void *tkgp_arena_calloc(tkgp_arena *arena, size_t count, size_t size)
{
  void *p;
  if (size && count > SIZE_MAX / size)
    return NULL;
  p = tkgp_arena_alloc(arena, count * size);
  if (p)
    memset(p, 0, count * size);
  return p;
}

char *tkgp_arena_strndup(tkgp_arena *arena, const char *s, size_t len)
{
  char *p = tkgp_arena_alloc(arena, len + 1);
  if (!p)
    return NULL;
  memcpy(p, s, len);
  p[len] = '\0';
  return p;
}
