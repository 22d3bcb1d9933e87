#!/usr/bin/env bash
# Installs (or updates to) one build of the olinpe page for a web server configured with the
# kit of this folder (docs/hosting.md). Usage:
#
#   deploy/install.sh PAGE DEST        e.g.  deploy/install.sh dist/olinpe.html /srv/olinpe
#
# PAGE is a built page; its siblings from the same build must be there too: the CSP
# (dist/olinpe.csp) and the SHA-256 (dist/olinpe.html.sha256). The script checks that the page
# matches its SHA-256 and that the CSP is the one the page carries, then writes:
#
#   DEST/versions/ID/olinpe.html   the page (ID: the first 16 hex digits of its SHA-256)
#   DEST/olinpe.nginx.conf         `root` of that version and $olinpe_csp, for nginx
#   DEST/olinpe.apache.conf        OLINPE_ROOT and OLINPE_CSP (Define), for Apache httpd
#   DEST/olinpe.html.sha256        the SHA-256 of the page now installed
#
# The page of a new version goes to a new folder and the server keeps serving the old one
# until it is reloaded: the page and its CSP header always change together. Old versions stay
# in DEST/versions/ (a few MB each); delete them after the reload if you wish. Running the
# script twice with the same page changes nothing.
set -euo pipefail
umask 022

die() {
  printf 'install.sh : %s\n' "$1" >&2
  exit 1
}

[ "$#" -eq 2 ] || die "usage : deploy/install.sh PAGE DOSSIER (par exemple : deploy/install.sh dist/olinpe.html /srv/olinpe)"
page=$1
dest=$2
csp_file="${page%.html}.csp"
sha_file="$page.sha256"

case "$page" in *.html) ;; *) die "la page doit être un fichier .html : $page" ;; esac
[ -f "$page" ] || die "page introuvable : $page"
[ -f "$csp_file" ] || die "CSP introuvable : $csp_file (elle est écrite par la construction, à côté de la page)"
[ -f "$sha_file" ] || die "empreinte introuvable : $sha_file (elle est écrite par la construction, à côté de la page)"

# The destination goes into server configurations: an absolute path of plain characters only.
case "$dest" in /*) ;; *) dest="$(pwd)/$dest" ;; esac
dest="${dest%/}"
[[ "$dest" =~ ^/[A-Za-z0-9._/-]+$ ]] \
  || die "dossier de destination refusé (caractères permis : lettres, chiffres, . _ - /) : $dest"

# 1. The page is the one its SHA-256 names.
expected=$(awk 'NR == 1 { print $1 }' "$sha_file")
[[ "$expected" =~ ^[0-9a-f]{64}$ ]] || die "$sha_file n'est pas au format de sha256sum"
actual=$(sha256sum "$page" | awk '{ print $1 }')
[ "$actual" = "$expected" ] \
  || die "l'empreinte SHA-256 de $page ($actual) n'est pas celle de $sha_file ($expected) : fichier modifié ou incomplet, rien n'est installé"

# 2. The CSP is the page's own (its script hash changes at every build).
csp=$(head -n 1 "$csp_file")
csp="${csp%$'\r'}"
csp_re="^default-src 'none';[A-Za-z0-9 ';:/+=._*-]+\$"
[[ "$csp" =~ $csp_re ]] \
  || die "$csp_file ne ressemble pas à la CSP d'olinpe"
grep -qF "<meta http-equiv=\"Content-Security-Policy\" content=\"$csp\">" "$page" \
  || die "$csp_file n'est pas la CSP de cette page (viennent-elles de la même construction ?)"
header_csp="$csp; frame-ancestors 'none'"
info=$(sed -n 's/.*data-testid="build-info">\([^<]*\)<.*/\1/p' "$page" | head -n 1)
info="${info:-version inconnue}"

# 3. The page, in the folder of its version (written under a temporary name, then renamed).
id="${actual:0:16}"
version_dir="$dest/versions/$id"
mkdir -p "$version_dir"
if [ "$(sha256sum "$version_dir/olinpe.html" 2>/dev/null | awk '{ print $1 }')" != "$actual" ]; then
  install -m 0644 "$page" "$version_dir/.olinpe.html.tmp"
  mv -f "$version_dir/.olinpe.html.tmp" "$version_dir/olinpe.html"
fi

# 4. What the server configurations include (each written whole, then renamed).
write() { # write FILE: stdin to FILE, atomically
  cat > "$1.tmp"
  chmod 0644 "$1.tmp"
  mv -f "$1.tmp" "$1"
}
head_comment="# Écrit par deploy/install.sh : ne pas modifier, relancer deploy/install.sh (docs/hosting.md).
# Page installée : $info, SHA-256 $actual"
write "$dest/olinpe.nginx.conf" <<EOF
$head_comment
# À inclure dans le bloc server { }, avant deploy/nginx/olinpe.conf.
root $version_dir;
set \$olinpe_csp "$header_csp";
EOF
write "$dest/olinpe.apache.conf" <<EOF
$head_comment
# À inclure dans le bloc <VirtualHost>, avant deploy/apache/olinpe.conf.
Define OLINPE_ROOT "$version_dir"
Define OLINPE_CSP "$header_csp"
EOF
printf '%s  olinpe.html\n' "$actual" | write "$dest/olinpe.html.sha256"

printf 'install.sh : %s installée dans %s (SHA-256 %s).\n' "$info" "$version_dir" "$actual"
printf 'install.sh : vérifiez puis rechargez le serveur : nginx -t && systemctl reload nginx (ou apache2ctl configtest && systemctl reload apache2).\n'
