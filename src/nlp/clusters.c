/* clusters.c - word clusters: a mapped table from word keys to tree paths
 * SPDX-License-Identifier: MIT
 */
#include "nlp/clusters.h"

#include <stdlib.h>
#include <string.h>

struct tkgp_clusters {
  tkgp_model *model;
  tkgp_kmap32 map;
};

int tkgp_clusters_open(tkgp_clusters **out, tkg_world *world, const char *path)
{
  tkgp_clusters *c = calloc(1, sizeof *c);
  tkgp_clusters_param param;
  const void *data;
  size_t size;
  int rc;

  *out = NULL;
  if (!c)
    return tkgp_error(world, TKG_ENOMEM, "out of memory");
  rc = tkgp_model_open(&c->model, world, path, TKGP_KIND_CLUSTERS);
  if (rc < 0)
    goto fail;
  rc = tkgp_model_section(c->model, world, TKGP_CLUSTERS_SEC_PARAM, &data, &size);
  if (rc < 0)
    goto fail;
  if (size < sizeof param) {
    rc = tkgp_error(world, TKG_EDATA, "%s: bad word cluster parameters", path);
    goto fail;
  }
  memcpy(&param, data, sizeof param);
  rc = tkgp_model_section(c->model, world, TKGP_CLUSTERS_SEC_MAP, &data, &size);
  if (rc < 0)
    goto fail;
  if (param.depth > TKGP_CLUSTERS_MAX_DEPTH || tkgp_kmap32_view(&c->map, data, size) < 0) {
    rc = tkgp_error(world, TKG_EDATA, "%s: bad word cluster table", path);
    goto fail;
  }
  *out = c;
  return 0;
fail:
  tkgp_clusters_close(c);
  return rc;
}

void tkgp_clusters_close(tkgp_clusters *c)
{
  if (!c)
    return;
  tkgp_model_close(c->model);
  free(c);
}

uint64_t tkgp_clusters_key(const char *form)
{
  uint64_t h = 0xcbf29ce484222325ull;
  size_t len = strlen(form);
  if (len > 1 && form[len - 1] == '.')
    len--;
  for (size_t i = 0; i < len; i++) {
    unsigned char ch = (unsigned char)form[i];
    if (ch == '\'')
      continue;
    if (ch >= 'A' && ch <= 'Z')
      ch = (unsigned char)(ch + 32);
    h ^= ch;
    h *= 0x100000001b3ull;
  }
  return h;
}

uint32_t tkgp_clusters_entry(const tkgp_clusters *c, const char *form)
{
  if (!c || !form || !*form)
    return 0;
  return tkgp_kmap32_get(&c->map, tkgp_clusters_key(form));
}

