#!/usr/bin/env bash
# Installs what building the package needs, idempotently: Debian's OpenBLAS, XGBoost (the C
# library the gbt model links), SQLite and pkg-config when they are missing (via apt when run as root). Safe to run repeatedly.
# As root it also installs Debian's `prometheus` (2.42, with `promtool`), which the
# Prometheus client tests start on 127.0.0.1; without root those tests are skipped and say why.
set -euo pipefail

# The packages among the arguments that dpkg does not list as installed.
not_installed() {
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || echo "$package"
    done
}

apt_install() {
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "$@" >/dev/null
}

mapfile -t missing < <(not_installed libopenblas-dev libxgboost-dev libsqlite3-dev pkg-config)

if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
        echo "bootstrap: installing ${missing[*]}" >&2
        apt_install "${missing[@]}"
    else
        echo "bootstrap: missing system packages: ${missing[*]}; run as root or: sudo apt-get install ${missing[*]}" >&2
        exit 1
    fi
fi

mapfile -t optional_missing < <(not_installed prometheus)
if [ ${#optional_missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
        echo "bootstrap: installing ${optional_missing[*]} (for the Prometheus client tests)" >&2
        apt_install "${optional_missing[@]}"
    else
        echo "bootstrap: ${optional_missing[*]} missing and not root: the Prometheus client tests will be skipped (sudo apt-get install ${optional_missing[*]})" >&2
    fi
fi

command -v swift >/dev/null || { echo "bootstrap: swift not found on PATH (Swift 6.1 or later is required)" >&2; exit 1; }
