#!/bin/sh
# What `make test` (and, for npm, `make run`) needs from the machine besides Python:
#   postgresql  PostgreSQL's server binaries (initdb, pg_ctl) for the PostgreSQL test run
#   chromium    Debian's Chromium at /usr/bin/chromium for the status page's browser tests
#   gettext     msgfmt/msgattrib for the translation check
#   npm         Node.js and npm for the NL Design System CSS and axe-core
#
# Usage: scripts/benodigdheden.sh [--verplicht] NAAM...
# Whatever is missing is installed with apt-get when running as root on a machine that has it.
# Otherwise the script names exactly what to install and fails when CI is true or --verplicht
# is given (make run needs npm); elsewhere it only warns, and the test runs that need the
# missing part skip loudly.
set -eu

verplicht=false
if [ "${1:-}" = "--verplicht" ]; then
    verplicht=true
    shift
fi
case "${CI:-}" in
    1 | true | TRUE | True | yes) verplicht=true ;;
esac

aanwezig() {
    case "$1" in
        postgresql)
            bindir=$(pg_config --bindir 2>/dev/null || true)
            [ -n "${PG_BINDIR:-}" ] && [ -x "$PG_BINDIR/initdb" ] && return 0
            [ -n "$bindir" ] && [ -x "$bindir/initdb" ] && [ -x "$bindir/pg_ctl" ] && return 0
            for kandidaat in /usr/lib/postgresql/*/bin; do
                [ -x "$kandidaat/initdb" ] && [ -x "$kandidaat/pg_ctl" ] && return 0
            done
            return 1
            ;;
        chromium) [ -x /usr/bin/chromium ] ;;
        gettext) command -v msgfmt >/dev/null 2>&1 && command -v msgattrib >/dev/null 2>&1 ;;
        npm) command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1 ;;
        *)
            echo "benodigdheden.sh: onbekende benodigdheid '$1'" >&2
            exit 2
            ;;
    esac
}

# The Debian packages that bring each need.
pakketten() {
    case "$1" in
        postgresql) echo "postgresql" ;;
        chromium) echo "chromium" ;;
        gettext) echo "gettext" ;;
        npm) echo "nodejs npm" ;;
    esac
}

ontbrekend=""
for naam in "$@"; do
    aanwezig "$naam" || ontbrekend="$ontbrekend $naam"
done
[ -z "$ontbrekend" ] && exit 0

te_installeren=""
for naam in $ontbrekend; do
    te_installeren="$te_installeren $(pakketten "$naam")"
done
te_installeren=${te_installeren# }

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Ontbreekt:$ontbrekend; installeren met apt-get ($te_installeren)..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086 # one word per package
    apt-get install -y -qq $te_installeren >/dev/null
    nog_steeds=""
    for naam in $ontbrekend; do
        aanwezig "$naam" || nog_steeds="$nog_steeds $naam"
    done
    if [ -n "$nog_steeds" ]; then
        echo "Ook na apt-get ontbreekt nog:$nog_steeds." >&2
        exit 1
    fi
    exit 0
fi

{
    echo "Ontbreekt op deze machine:$ontbrekend."
    echo "Installeer (Debian/Ubuntu):  sudo apt-get install -y $te_installeren"
    echo "(Als root installeert de Makefile dit zelf met apt-get.)"
} >&2
if $verplicht; then
    echo "Verplicht (CI=true of --verplicht): gestopt." >&2
    exit 1
fi
echo "Zonder CI gaat het door; de tests die dit nodig hebben worden luid overgeslagen." >&2
exit 0
