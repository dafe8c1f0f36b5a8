/* arena.h - bump allocator for per-document data
 * SPDX-License-Identifier: MIT
 *
 * A document and everything derived from it live in one arena and are
 * freed together. Blocks are plain malloc() chunks so that ASan and
 * valgrind still see every overflow past a block's end. Building with
 * -DTKG_ARENA_MALLOC makes every allocation its own malloc() block.
 */
#ifndef TKG_ARENA_H
#define TKG_ARENA_H

#include <stddef.h>

typedef struct tkgp_arena_block tkgp_arena_block;

typedef struct tkgp_arena {
  tkgp_arena_block *head;
  size_t block_size;
} tkgp_arena;

void tkgp_arena_init(tkgp_arena *arena, size_t block_size);
void tkgp_arena_finish(tkgp_arena *arena);

/** SIZE bytes aligned for any object, or NULL. Freed by tkgp_arena_finish(). */
void *tkgp_arena_alloc(tkgp_arena *arena, size_t size);

/** Zeroed COUNT * SIZE bytes (overflow-checked), or NULL. */
void *tkgp_arena_calloc(tkgp_arena *arena, size_t count, size_t size);

/** A NUL-terminated copy of LEN bytes of S, or NULL. */
char *tkgp_arena_strndup(tkgp_arena *arena, const char *s, size_t len);

#endif
