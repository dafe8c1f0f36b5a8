/* test_cases.c - linguistic cases: sentences and the triples they must yield
 * SPDX-License-Identifier: MIT
 *
 * Reads tests/cases/relations.txt (format in its header): each case is a
 * sentence, analyzed as a document of its own, and lines that say which
 * statements its graph must hold ('+' asserted, '~' statement node only,
 * with a qualifier) and must not hold ('-'). A case passes when all its
 * lines hold. Cases marked "! xfail: reason" record known failures: they
 * are counted, and reported when they start to pass, but do not fail the
 * test. Prints one line per failing case, a summary, the recall of the
 * expected ('+' and '~') triples per property, and how many statements a
 * graph holds twice.
 *
 * TKG_CASES_VERBOSE=1 also prints the statements of each failing case
 * and of each graph with a duplicate;
 * TKG_CASES_LINE=N runs only the case whose sentence is on line N.
 */
#include "testutil.h"

#include "graph/graph.h"

#define CASES_FILE "tests/cases/relations.txt"
#define CASES_DATE "2026-11-27" /* the date of every case's document, a Friday */
#define MAX_CHECKS 16

/* The properties a case line may name: the output contract's core and
 * the other relations ontology/textkg.ttl declares. */
static const char *const properties[] = {
  "represents", "holdsRole", "attends", "locatedIn", "worksFor", "memberOf",
  "leads", "basedIn", "livesIn", "nationality", "meetsWith", "proposes",
  "accepts", "rejects", "agreesTo", "said", "killed", "attacked",
  "resumes", "suspends", "concerns",
};
#define N_PROPERTIES (sizeof properties / sizeof *properties)

typedef struct check {
  char kind;              /* '+', '~' or '-' */
  const char *subject, *property, *object; /* "*" matches anything */
  const char *qualifiers; /* '+' and '~': comma-separated, or NULL */
  const char *text;       /* the line as written */
  size_t line;
} check;

typedef struct tcase {
  const char *sentence;
  size_t line;
  check checks[MAX_CHECKS];
  size_t n_checks;
  const char *xfail;      /* the reason, or NULL */
} tcase;

typedef struct suite {
  char *buf;              /* the file; every string points into it */
  tcase *cases;
  size_t n_cases, cap_cases;
  const char *path;
} suite;

typedef struct tally {
  size_t expected, found; /* '+' and '~' lines */
  size_t forbidden, seen; /* '-' lines, and those violated */
} tally;

static int has_qualifier(const tkgp_gstatement *st, const char *q, size_t len);

/* ---- reading the file ----------------------------------------------------- */

static char *trim(char *s)
{
  char *e;
  while (*s == ' ' || *s == '\t')
    s++;
  e = s + strlen(s);
  while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
    *--e = '\0';
  return s;
}

static int known_property(const char *p)
{
  size_t k;
  if (strcmp(p, "*") == 0)
    return 1;
  for (k = 0; k < N_PROPERTIES; k++)
    if (strcmp(properties[k], p) == 0)
      return 1;
  return 0;
}

static char *read_all(const char *path)
{
  FILE *fp = fopen(path, "rb");
  char *buf;
  long n;
  if (!fp)
    fail_msg("cannot open %s", path);
  assert_int_equal(fseek(fp, 0, SEEK_END), 0);
  n = ftell(fp);
  assert_true(n >= 0);
  rewind(fp);
  buf = malloc((size_t)n + 1);
  assert_non_null(buf);
  assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
  buf[n] = '\0';
  fclose(fp);
  return buf;
}

/* Parse "S | p | O [| Q]" after the kind character. */
static void parse_check(const suite *su, check *c, char *rest, size_t line)
{
  char *field[4] = {NULL, NULL, NULL, NULL};
  size_t n = 0;
  char *p = rest;
  for (;;) {
    char *bar = strchr(p, '|');
    if (n == 4)
      fail_msg("%s:%zu: too many fields", su->path, line);
    if (bar)
      *bar = '\0';
    field[n++] = trim(p);
    if (!bar)
      break;
    p = bar + 1;
  }
  if (n < 3 || !*field[0] || !*field[1] || !*field[2])
    fail_msg("%s:%zu: expected \"subject | property | object\"", su->path, line);
  if (!known_property(field[1]))
    fail_msg("%s:%zu: unknown property \"%s\"", su->path, line, field[1]);
  if (n == 4 && c->kind == '-')
    fail_msg("%s:%zu: a '-' line takes no qualifier", su->path, line);
  if (c->kind != '-' && (strcmp(field[0], "*") == 0 || strcmp(field[1], "*") == 0 ||
                         strcmp(field[2], "*") == 0))
    fail_msg("%s:%zu: '*' is for '-' lines only", su->path, line);
  c->subject = field[0];
  c->property = field[1];
  c->object = field[2];
  c->qualifiers = n == 4 && *field[3] ? field[3] : NULL;
  c->line = line;
  if (c->qualifiers) {
    tkgp_gstatement probe; /* everything set: only unknown names fail */
    memset(&probe, 0, sizeof probe);
    probe.negated = 1;
    probe.modality = probe.condition = probe.time = "";
    for (p = field[3]; p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL) {
      const char *q = p;
      size_t len;
      while (*q == ' ')
        q++;
      len = strchr(q, ',') ? (size_t)(strchr(q, ',') - q) : strlen(q);
      while (len && q[len - 1] == ' ')
        len--;
      if (has_qualifier(&probe, q, len) < 0)
        fail_msg("%s:%zu: unknown qualifier \"%.*s\"", su->path, line, (int)len, q);
    }
  }
}

static tcase *new_case(suite *su)
{
  if (su->n_cases == su->cap_cases) {
    size_t cap = su->cap_cases ? su->cap_cases * 2 : 256;
    tcase *p = realloc(su->cases, cap * sizeof *p);
    assert_non_null(p);
    su->cases = p;
    su->cap_cases = cap;
  }
  memset(&su->cases[su->n_cases], 0, sizeof su->cases[0]);
  return &su->cases[su->n_cases++];
}

static void read_suite(suite *su, const char *path)
{
  char *p, *next;
  size_t line = 0;
  tcase *cur = NULL;

  memset(su, 0, sizeof *su);
  su->path = path;
  su->buf = read_all(path);
  for (p = su->buf; p; p = next) {
    char *l;
    next = strchr(p, '\n');
    if (next)
      *next++ = '\0';
    line++;
    l = trim(p);
    if (*l == '#')
      continue;
    if (!*l) {
      cur = NULL;
      continue;
    }
    if (!cur) {
      cur = new_case(su);
      cur->sentence = l;
      cur->line = line;
      continue;
    }
    if (cur->xfail)
      fail_msg("%s:%zu: \"! xfail\" must be the last line of its case", path, line);
    if (*l == '!') {
      char *r = trim(l + 1);
      if (strncmp(r, "xfail:", 6) != 0 || !*trim(r + 6))
        fail_msg("%s:%zu: expected \"! xfail: reason\"", path, line);
      cur->xfail = trim(r + 6);
      continue;
    }
    if (*l != '+' && *l != '~' && *l != '-')
      fail_msg("%s:%zu: a case line starts with '+', '~', '-' or '!'", path, line);
    if (cur->n_checks == MAX_CHECKS)
      fail_msg("%s:%zu: more than %d lines in one case", path, line, MAX_CHECKS);
    {
      check *c = &cur->checks[cur->n_checks++];
      char *copy = strdup(l); /* the line as written, for messages */
      assert_non_null(copy);
      c->kind = *l;
      c->text = copy;
      parse_check(su, c, l + 1, line);
    }
  }
  for (line = 0; line < su->n_cases; line++)
    if (!su->cases[line].n_checks)
      fail_msg("%s:%zu: a case without expectations", path, su->cases[line].line);
}

static void free_suite(suite *su)
{
  size_t i, k;
  for (i = 0; i < su->n_cases; i++)
    for (k = 0; k < su->cases[i].n_checks; k++)
      free((char *)su->cases[i].checks[k].text);
  free(su->cases);
  free(su->buf);
}

/* ---- checking a graph -------------------------------------------------------- */

static int field_is(const char *want, const char *have)
{
  return strcmp(want, "*") == 0 || (have && strcmp(want, have) == 0);
}

static int matches(const tkg_graph *g, const tkgp_gstatement *st, const check *c)
{
  return field_is(c->property, st->property) &&
         field_is(c->subject, g->entities[st->subject].label) &&
         field_is(c->object, g->entities[st->object].label);
}

/* Whether ST has qualifier Q (LEN bytes): NAME or NAME=VALUE. -1 for a
 * name that is no qualifier. */
static int has_qualifier(const tkgp_gstatement *st, const char *q, size_t len)
{
  const char *eq = memchr(q, '=', len);
  size_t nlen = eq ? (size_t)(eq - q) : len;
  const char *have = NULL;
  if (nlen == 7 && strncmp(q, "negated", 7) == 0)
    return eq ? -1 : st->negated != 0;
  if (nlen == 8 && strncmp(q, "modality", 8) == 0)
    have = st->modality;
  else if (nlen == 9 && strncmp(q, "condition", 9) == 0)
    have = st->condition;
  else if (nlen == 4 && strncmp(q, "time", 4) == 0)
    have = st->time;
  else
    return -1;
  if (!have)
    return 0;
  if (!eq)
    return 1;
  return strlen(have) == len - nlen - 1 && strncmp(have, eq + 1, len - nlen - 1) == 0;
}

static int has_qualifiers(const tkgp_gstatement *st, const char *quals)
{
  const char *q = quals;
  if (!quals)
    return 1;
  while (*q) {
    const char *end = strchr(q, ',');
    size_t len;
    while (*q == ' ')
      q++;
    len = end ? (size_t)(end - q) : strlen(q);
    while (len && q[len - 1] == ' ')
      len--;
    if (len && has_qualifier(st, q, len) <= 0)
      return 0;
    if (!end)
      break;
    q = end + 1;
  }
  return 1;
}

static int check_holds(const tkg_graph *g, const check *c)
{
  size_t i;
  int found = 0, asserted = 0;
  for (i = 0; i < g->n_statements; i++) {
    const tkgp_gstatement *st = &g->statements[i];
    int a;
    if (!matches(g, st, c))
      continue;
    a = tkgp_statement_asserted(st);
    asserted |= a;
    if (c->kind == '-')
      return 0;
    if ((c->kind == '+') == (a != 0) && has_qualifiers(st, c->qualifiers))
      found = 1;
  }
  if (c->kind == '-')
    return 1;
  /* '~': a statement node only, so never also the direct triple. */
  return found && !(c->kind == '~' && asserted);
}

static int same_text(const char *a, const char *b)
{
  return a == b || (a && b && strcmp(a, b) == 0);
}

/* Statements that repeat an earlier one: same triple, same qualifiers. */
static size_t duplicates(const tkg_graph *g)
{
  size_t i, j, n = 0;
  for (i = 0; i < g->n_statements; i++)
    for (j = 0; j < i; j++) {
      const tkgp_gstatement *a = &g->statements[i], *b = &g->statements[j];
      if (a->subject == b->subject && a->object == b->object &&
          strcmp(a->property, b->property) == 0 && !a->negated == !b->negated &&
          same_text(a->modality, b->modality) && same_text(a->condition, b->condition) &&
          same_text(a->time, b->time)) {
        n++;
        break;
      }
    }
  return n;
}

static void print_statements(const tkg_graph *g)
{
  size_t i;
  if (!g->n_statements)
    printf("      (no statements)\n");
  for (i = 0; i < g->n_statements; i++) {
    const tkgp_gstatement *st = &g->statements[i];
    printf("      %s | %s | %s", g->entities[st->subject].label, st->property,
           g->entities[st->object].label);
    if (st->negated)
      printf(" [negated]");
    if (st->modality)
      printf(" [modality=%s]", st->modality);
    if (st->condition)
      printf(" [condition=%s]", st->condition);
    if (st->time)
      printf(" [time=%s]", st->time);
    printf("\n");
  }
}

static tally *tally_for(tally *t, const char *property)
{
  size_t k;
  for (k = 0; k < N_PROPERTIES; k++)
    if (strcmp(properties[k], property) == 0)
      return &t[k];
  return NULL; /* "*" */
}

/* Analyze C's sentence and check its lines. Returns whether it passes;
 * *FAILED is the first line that does not hold. */
static int run_case(tkg_world *w, const tcase *c, size_t index, tally *t,
                    const check **failed, size_t *dups, int verbose)
{
  tkg_document *doc = NULL;
  tkg_graph *g = NULL;
  char name[32];
  size_t k, d;
  int pass = 1;

  snprintf(name, sizeof name, "case-%zu", index + 1);
  assert_int_equal(tkg_document_new(&doc, w, name, c->sentence, strlen(c->sentence)), 0);
  if (tkg_document_analyze(doc) != 0)
    fail_msg("%zu: cannot analyze \"%s\": %s", c->line, c->sentence, tkg_world_last_error(w));
  assert_int_equal(tkg_graph_new(&g, w), 0);
  assert_int_equal(tkg_graph_add_document(g, doc), 0);
  tkg_document_free(doc);

  *failed = NULL;
  for (k = 0; k < c->n_checks; k++) {
    const check *ch = &c->checks[k];
    int ok = check_holds(g, ch);
    tally *ty = tally_for(t, ch->property);
    if (ty && ch->kind == '-') {
      ty->forbidden++;
      ty->seen += !ok;
    } else if (ty) {
      ty->expected++;
      ty->found += ok;
    }
    if (!ok && pass) {
      pass = 0;
      *failed = ch;
    }
  }
  d = duplicates(g);
  *dups += d;
  if ((!pass || d) && verbose)
    print_statements(g);
  tkg_graph_free(g);
  return pass;
}

static void print_recall(const tally *t)
{
  size_t k, expected = 0, found = 0, forbidden = 0, seen = 0;
  printf("\n%-12s %8s %6s %7s   %9s %8s\n", "property", "expected", "found", "recall",
         "must-not", "violated");
  for (k = 0; k < N_PROPERTIES; k++) {
    const tally *ty = &t[k];
    if (ty->expected)
      printf("%-12s %8zu %6zu %6.1f%%   %9zu %8zu\n", properties[k], ty->expected,
             ty->found, 100.0 * (double)ty->found / (double)ty->expected,
             ty->forbidden, ty->seen);
    else
      printf("%-12s %8zu %6zu %7s   %9zu %8zu\n", properties[k], ty->expected,
             ty->found, "-", ty->forbidden, ty->seen);
    expected += ty->expected;
    found += ty->found;
    forbidden += ty->forbidden;
    seen += ty->seen;
  }
  printf("%-12s %8zu %6zu %6.1f%%   %9zu %8zu\n", "all", expected, found,
         expected ? 100.0 * (double)found / (double)expected : 0.0, forbidden, seen);
  printf("(\"*\" properties in '-' lines are not counted)\n\n");
}

/* ---- the test ------------------------------------------------------------------ */

static void test_relation_cases(void **state)
{
  tkg_world *w;
  suite su;
  tally t[N_PROPERTIES];
  char path[4096];
  size_t i, passed = 0, failed = 0, xfail = 0, xpass = 0, dups = 0;
  const char *only = getenv("TKG_CASES_LINE");
  int verbose = getenv("TKG_CASES_VERBOSE") && *getenv("TKG_CASES_VERBOSE") == '1';
  size_t only_line = only && *only ? (size_t)strtoul(only, NULL, 10) : 0;
  (void)state;

  snprintf(path, sizeof path, "%s/%s", test_srcdir(), CASES_FILE);
  read_suite(&su, path);
  memset(t, 0, sizeof t);
  w = test_world();
  /* Relative times ("on Monday", "last week") are resolved against it. */
  assert_int_equal(tkg_world_set_date(w, CASES_DATE), 0);

  for (i = 0; i < su.n_cases; i++) {
    const tcase *c = &su.cases[i];
    const check *bad;
    int pass;
    if (only_line && c->line != only_line)
      continue;
    if (verbose || only_line)
      printf("case %s:%zu: %s\n", CASES_FILE, c->line, c->sentence);
    pass = run_case(w, c, i, t, &bad, &dups, verbose || only_line);
    if (c->xfail) {
      xfail++;
      if (pass) {
        xpass++;
        printf("XPASS %s:%zu: %s (xfail: %s)\n", CASES_FILE, c->line, c->sentence, c->xfail);
      } else {
        printf("xfail %s:%zu: %s  [%s]  (%s)\n", CASES_FILE, c->line, c->sentence,
               bad->text, c->xfail);
      }
    } else if (pass) {
      passed++;
    } else {
      failed++;
      printf("FAIL  %s:%zu: %s  [%s]\n", CASES_FILE, c->line, c->sentence, bad->text);
    }
  }
  print_recall(t);
  if (dups)
    printf("duplicate statements (same triple and qualifiers twice): %zu\n", dups);
  printf("cases: %zu passed, %zu failed, %zu xfail (%zu unexpectedly passed)\n",
         passed, failed, xfail, xpass);
  fflush(stdout);

  tkg_world_free(w);
  free_suite(&su);
  if (failed)
    fail_msg("%zu case%s not marked xfail failed", failed, failed == 1 ? "" : "s");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_relation_cases),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
