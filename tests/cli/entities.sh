#!/bin/sh
# entities.sh - one name, one entity: a document types a name one way
# SPDX-License-Identifier: MIT
. "$(dirname "$0")/common.sh"

# The short form of an organization's name, which the recognizer alone
# takes for a person's, joins the organization the long form names.
printf 'Shares of Kelvar Brenton Corp. fell 4 percent on Tuesday.\n\nKelvar Brenton said it would close two factories in Ohio.\n' >"$tmp/short.txt"
"$TEXTKG" build -f ntriples --stdout "$tmp/short.txt" >"$tmp/short.nt" 2>"$tmp/stderr"
check "short name: exit 0" test $? -eq 0
check "short name: the organization" \
  grep -q '/organization/kelvar-brenton-corp> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/Organization>' "$tmp/short.nt"
check "short name: no person of that name" \
  sh -c "! grep -q '/person/kelvar-brenton>' '$tmp/short.nt'"

finish
