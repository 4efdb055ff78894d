#!/usr/bin/env bash
# Installs what building the package needs, idempotently: Debian's OpenBLAS, SQLite and
# pkg-config when they are missing (via apt when run as root). Safe to run repeatedly.
# As root it also installs Debian's `prometheus` (2.42, with `promtool`), which the
# Prometheus client tests start on 127.0.0.1; without root those tests are skipped and say why.
set -euo pipefail

needed=(libopenblas-dev libsqlite3-dev pkg-config)
missing=()
for package in "${needed[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
        echo "bootstrap: installing ${missing[*]}" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "bootstrap: missing system packages: ${missing[*]}; run as root or: sudo apt-get install ${missing[*]}" >&2
        exit 1
    fi
fi

optional=(prometheus)
optional_missing=()
for package in "${optional[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || optional_missing+=("$package")
done
if [ ${#optional_missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
        echo "bootstrap: installing ${optional_missing[*]} (for the Prometheus client tests)" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${optional_missing[@]}" >/dev/null
    else
        echo "bootstrap: ${optional_missing[*]} missing and not root: the Prometheus client tests will be skipped (sudo apt-get install ${optional_missing[*]})" >&2
    fi
fi

command -v swift >/dev/null || { echo "bootstrap: swift not found on PATH (Swift 6.1 or later is required)" >&2; exit 1; }
