#!/usr/bin/env bash
# Apache httpd with the deployment kit, as docs/hosting.md says: deploy/install.sh, then a
# <VirtualHost> that includes the file it wrote and deploy/apache/olinpe.conf (this very file,
# not a copy). Checks the syntax (apache2 -t), that the kit refuses to start without
# install.sh's file, then runs Debian's Apache on 127.0.0.1 (a free port, its pid, logs and
# runtime files in a temporary folder) and checks the headers, the revalidation (304), an
# update (install.sh + graceful reload) and that nothing but the page is served.
# nginx gets the same and more, with the browser, in e2e/hosting.test.mjs.
# Needs dist/olinpe.html (scripts/build-all.sh); installs Debian's apache2-bin if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
. scripts/lib/install.sh
apt_install apache2-bin
APACHE=/usr/sbin/apache2
MODULES=/usr/lib/apache2/modules
[ -f dist/olinpe.html ] || { echo "test-hosting: dist/olinpe.html absent : lancez scripts/build-all.sh" >&2; exit 1; }

T=$(mktemp -d "${TMPDIR:-/tmp}/olinpe-apache-XXXXXX")
chmod 0755 "$T" # Apache's children run as `nobody` when this runs as root
DEST=$T/srv
stop() {
  if [ -s "$T/httpd.pid" ]; then
    local pid
    pid=$(cat "$T/httpd.pid")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
}
trap 'stop; rm -rf "$T"' EXIT

fails=0
checks=0
check() { # check WHAT GOT WANT
  checks=$((checks + 1))
  if [ "$2" != "$3" ]; then
    fails=$((fails + 1))
    printf 'FAIL %s\n  got:  %s\n  want: %s\n' "$1" "$2" "$3" >&2
  fi
}
header() { # header NAME FILE: the value of a response header
  awk -v name="$1" 'BEGIN { IGNORECASE = 1 } { sub(/\r$/, "") } tolower($0) ~ "^" tolower(name) ":" { sub(/^[^:]*: */, ""); print; exit }' "$2"
}

PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
BASE="http://127.0.0.1:$PORT"
user_lines=""
[ "$(id -u)" = 0 ] && user_lines=$'User nobody\nGroup nogroup'
# $1: the lines of the <VirtualHost> (docs/hosting.md, on 127.0.0.1 without TLS).
write_conf() {
  cat > "$T/httpd.conf" <<EOF
ServerRoot $T
ServerName 127.0.0.1
Listen 127.0.0.1:$PORT
PidFile $T/httpd.pid
DefaultRuntimeDir $T
ErrorLog $T/error.log
LogFormat "%h %l %u %t \"%r\" %>s %b" common
CustomLog $T/access.log common
$user_lines
LoadModule mpm_event_module $MODULES/mod_mpm_event.so
LoadModule authz_core_module $MODULES/mod_authz_core.so
LoadModule headers_module $MODULES/mod_headers.so
LoadModule alias_module $MODULES/mod_alias.so
LoadModule dir_module $MODULES/mod_dir.so
LoadModule mime_module $MODULES/mod_mime.so
TypesConfig /etc/mime.types
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<VirtualHost 127.0.0.1:$PORT>
    ServerName localhost
$1
</VirtualHost>
EOF
}

# Without install.sh's file, the kit stops Apache with a message.
write_conf "    Include $ROOT/deploy/apache/olinpe.conf"
if out=$("$APACHE" -t -f "$T/httpd.conf" 2>&1); then check "apache2 -t without install.sh's file fails" "passed" "failed"; fi
check "its message" "$(grep -c "il manque le fichier de deploy/install.sh" <<<"$out")" 1

# install.sh refuses a page that is not its build's (altered bytes, another build's CSP).
mkdir -p "$T/bad"
cp dist/olinpe.html dist/olinpe.csp dist/olinpe.html.sha256 "$T/bad/"
printf ' ' >> "$T/bad/olinpe.html"
check "install.sh refuses an altered page" "$(deploy/install.sh "$T/bad/olinpe.html" "$DEST" 2>&1 | grep -c "rien n'est installé")" 1
cp dist/olinpe.html "$T/bad/"
sed -i 's/sha256-[A-Za-z0-9+\/=]*/sha256-AAAA/' "$T/bad/olinpe.csp"
check "install.sh refuses another build's CSP" "$(deploy/install.sh "$T/bad/olinpe.html" "$DEST" 2>&1 | grep -c "n'est pas la CSP de cette page")" 1
check "nothing installed" "$([ -e "$DEST" ] && echo installed)" ""

# docs/hosting.md, « Installer ».
deploy/install.sh dist/olinpe.html "$DEST" >/dev/null
write_conf "    Include $DEST/olinpe.apache.conf
    Include $ROOT/deploy/apache/olinpe.conf"
"$APACHE" -t -f "$T/httpd.conf"
"$APACHE" -f "$T/httpd.conf" -k start
for _ in $(seq 100); do curl -sf -o /dev/null "$BASE/" && break; sleep 0.1; done

want_sha=$(awk '{ print $1 }' dist/olinpe.html.sha256)
want_csp="$(cat dist/olinpe.csp); frame-ancestors 'none'"
curl -sS -D "$T/h" -o "$T/body" "$BASE/"
check "GET / status" "$(head -n 1 "$T/h" | tr -d '\r')" "HTTP/1.1 200 OK"
check "GET / bytes" "$(sha256sum < "$T/body" | awk '{ print $1 }')" "$want_sha"
check "Content-Type" "$(header Content-Type "$T/h")" "text/html; charset=utf-8"
check "Content-Security-Policy" "$(header Content-Security-Policy "$T/h")" "$want_csp"
check "X-Content-Type-Options" "$(header X-Content-Type-Options "$T/h")" "nosniff"
check "Referrer-Policy" "$(header Referrer-Policy "$T/h")" "no-referrer"
check "Cache-Control" "$(header Cache-Control "$T/h")" "no-cache"
etag=$(header ETag "$T/h")
check "ETag present" "$([ -n "$etag" ] && echo yes)" "yes"
check "GET /olinpe.html bytes" "$(curl -sS "$BASE/olinpe.html" | sha256sum | awk '{ print $1 }')" "$want_sha"
check "If-None-Match → 304" "$(curl -sS -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$BASE/")" 304
for path in /olinpe.csp /olinpe.html.sha256 /olinpe.apache.conf /olinpe.nginx.conf /versions/ /index.html \
  /olinpe.html/ /olinpe.htm /x /.git/config /favicon.ico; do
  check "GET $path" "$(curl -sS -o /dev/null -w '%{http_code}' "$BASE$path")" 404
done
for method in POST PUT DELETE OPTIONS; do
  check "$method /" "$(curl -sS -o /dev/null -w '%{http_code}' -X "$method" "$BASE/")" 403
done
check "TRACE /" "$(curl -sS -o /dev/null -w '%{http_code}' -X TRACE "$BASE/")" 405

# docs/hosting.md, « Mettre à jour »: another build (a test-only variant: another script,
# another CSP), install.sh, graceful reload; the old ETag no longer matches.
OLINPE_TEST_LEAK=img node scripts/build-page.mjs --out "$T/v2/olinpe.html" >/dev/null
deploy/install.sh "$T/v2/olinpe.html" "$DEST" >/dev/null
"$APACHE" -t -f "$T/httpd.conf"
"$APACHE" -f "$T/httpd.conf" -k graceful
want_csp2="$(cat "$T/v2/olinpe.csp"); frame-ancestors 'none'"
for _ in $(seq 100); do
  curl -sS -D "$T/h2" -o "$T/body2" -H "If-None-Match: $etag" "$BASE/"
  [ "$(header Content-Security-Policy "$T/h2")" = "$want_csp2" ] && break
  sleep 0.1
done
check "after the update: status with the old ETag" "$(head -n 1 "$T/h2" | tr -d '\r')" "HTTP/1.1 200 OK"
check "after the update: CSP" "$(header Content-Security-Policy "$T/h2")" "$want_csp2"
check "after the update: bytes" "$(sha256sum < "$T/body2" | awk '{ print $1 }')" "$(awk '{ print $1 }' "$T/v2/olinpe.html.sha256")"

stop
if [ "$fails" -gt 0 ]; then
  echo "test-hosting: $fails of $checks checks failed (Apache $("$APACHE" -v | sed -n 's/^Server version: //p'))" >&2
  exit 1
fi
echo "test-hosting: Apache httpd with deploy/apache/olinpe.conf, $checks checks passed ($("$APACHE" -v | sed -n 's/^Server version: //p'))"
