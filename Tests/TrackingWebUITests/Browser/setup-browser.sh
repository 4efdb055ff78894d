#!/usr/bin/env bash
# Installs what the web UI's browser test needs, idempotently, and prints the venv's python:
#   - Debian's chromium and chromium-driver (apt, when run as root and they are missing);
#   - selenium and its dependencies, pinned in requirements.txt beside this script, in a venv at
#     ~/.cache/autoscale/selenium-venv.
# Exit status 77: something cannot be installed here (not root, no apt, no network); the test
# then skips with the message this script printed on stderr. Safe to run repeatedly.
set -euo pipefail

selenium_version=4.38.0
venv="${HOME}/.cache/autoscale/selenium-venv"
requirements="$(cd "$(dirname "$0")" && pwd)/requirements.txt"

missing=()
for package in chromium chromium-driver; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
        echo "setup-browser: ${missing[*]} not installed and cannot be installed here (needs root and apt): sudo apt-get install ${missing[*]}" >&2
        exit 77
    fi
    echo "setup-browser: installing ${missing[*]} (large: a few minutes)" >&2
    export DEBIAN_FRONTEND=noninteractive
    if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }; then
        echo "setup-browser: apt-get could not install ${missing[*]} (offline?)" >&2
        exit 77
    fi
fi

if ! "$venv/bin/python" -c "import selenium, sys; sys.exit(selenium.__version__ != '$selenium_version')" 2>/dev/null; then
    echo "setup-browser: creating $venv with selenium==$selenium_version ($requirements)" >&2
    python3 -m venv "$venv"
    if ! "$venv/bin/pip" install -q -r "$requirements" >&2; then
        echo "setup-browser: pip could not install $requirements into $venv (offline?)" >&2
        exit 77
    fi
fi
echo "$venv/bin/python"
