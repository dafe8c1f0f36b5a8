#!/bin/sh
# browser.sh - the HTML report in a real browser: headless Chromium
# SPDX-License-Identifier: MIT
#
# Chromium loads each report as a user would open it, from a file, with
# the network off. The DOM it builds must hold every mention marked, every
# card and the inline diagram, as many as the file says; the page logs no
# console message, fetches nothing (every resource is in the file: its
# network log names no host but the browser's own), and a
# screenshot is taken (kept in $TEXTKG_SCREENSHOTS when that is set).
# Skipped, with a message, where Chromium is not installed (Debian
# package chromium; .ci/run installs it).
. "$(dirname "$0")/common.sh"

browser=
for b in chromium chromium-browser google-chrome; do
  command -v "$b" >/dev/null 2>&1 && { browser=$b; break; }
done
[ -n "$browser" ] || { echo "SKIP: no Chromium (Debian package chromium)"; exit 77; }

# --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
run_browser() {
  HOME="$tmp/home" timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
    --no-first-run --disable-extensions --disable-background-networking \
    --proxy-server='127.0.0.1:9' --enable-logging=stderr --v=0 "$@"
}
mkdir -p "$tmp/home"

for txt in "$top_srcdir/examples/lakeside-talks.txt" "$top_srcdir/tests/golden/escaping.txt"; do
  name=$(basename "$txt" .txt)
  "$TEXTKG" build -f html -o "$tmp" "$txt" || not_ok "textkg build -f html $name"
  html="$tmp/$name.html"
  run_browser --log-net-log="$tmp/$name.net" --dump-dom "file://$html" >"$tmp/$name.dom" \
    2>"$tmp/$name.log"
  check "$name: Chromium renders the report" test -s "$tmp/$name.dom"
  for what in 'id="m-' 'class="card ' '<svg' 'class="sentence"'; do
    want=$(grep -o "$what" "$html" | wc -l)
    got=$(grep -o "$what" "$tmp/$name.dom" | wc -l)
    check "$name: the DOM has all $want of $what" test "$want" -gt 0 -a "$want" -eq "$got"
  done
  check "$name: no console message" sh -c "! grep -q 'CONSOLE' '$tmp/$name.log'"
  # The browser's own requests (updates, time, dictionaries) go to Google's
  # hosts; the page must ask for nothing at all.
  grep -o '"url":"[a-z]*://[^"/]*' "$tmp/$name.net" 2>/dev/null | sed 's/.*:\/\///' | sort -u |
    grep -v '\(^\|\.\)\(google\.com\|googleapis\.com\|gvt1\.com\)$' >"$tmp/$name.hosts"
  check "$name: nothing fetched from the network" test ! -s "$tmp/$name.hosts" ||
    cat "$tmp/$name.hosts"
  run_browser --hide-scrollbars --window-size=1200,1800 --screenshot="$tmp/$name.png" \
    "file://$html" >/dev/null 2>&1
  check "$name: a screenshot" test -s "$tmp/$name.png"
  if [ -n "${TEXTKG_SCREENSHOTS:-}" ] && [ -s "$tmp/$name.png" ]; then
    mkdir -p "$TEXTKG_SCREENSHOTS" && cp "$tmp/$name.png" "$TEXTKG_SCREENSHOTS/"
  fi
done

finish
