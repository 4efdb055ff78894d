#!/usr/bin/env bash
# Makes `autoscale` and `runs` callable by name: links the release builds into PREFIX/bin
# (symbolic links, so a later `swift build -c release` is picked up without reinstalling).
#
#   bash scripts/install.sh                 # PREFIX: /usr/local as root, else ~/.local
#   bash scripts/install.sh --prefix DIR    # links into DIR/bin
#   bash scripts/install.sh --from DIR      # links DIR/autoscale and DIR/runs (default .build/release)
#
# Builds the two release products first when they are missing. Idempotent: an existing link to the
# same file is left alone; a file of another kind at the target path is an error.
set -euo pipefail
cd "$(dirname "$0")/.."

prefix=""
from="$PWD/.build/release"
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) [ $# -ge 2 ] || { echo "install: --prefix needs a folder, e.g. --prefix ~/.local" >&2; exit 2; }
                  prefix="$2"; shift 2 ;;
        --from) [ $# -ge 2 ] || { echo "install: --from needs the folder holding the built products" >&2; exit 2; }
                from="$(cd "$2" && pwd)"; shift 2 ;;
        *) echo "install: unknown argument '$1'; usage: bash scripts/install.sh [--prefix DIR] [--from DIR]" >&2; exit 2 ;;
    esac
done
if [ -z "$prefix" ]; then
    if [ "$(id -u)" -eq 0 ]; then prefix=/usr/local; else prefix="$HOME/.local"; fi
fi
bin="$prefix/bin"
mkdir -p "$bin"

for product in autoscale runs; do
    built="$from/$product"
    if [ ! -x "$built" ]; then
        [ "$from" = "$PWD/.build/release" ] || { echo "install: $built is not built" >&2; exit 1; }
        swift build -c release --product "$product" >&2
    fi
    target="$bin/$product"
    if [ -L "$target" ] && [ "$(readlink "$target")" = "$built" ]; then
        continue
    fi
    if [ -e "$target" ] && [ ! -L "$target" ]; then
        echo "install: $target exists and is not a link; remove it or choose another --prefix" >&2
        exit 1
    fi
    ln -sfn "$built" "$target"
    echo "install: $target -> $built" >&2
done

case ":$PATH:" in
    *":$bin:"*) ;;
    *) echo "install: $bin is not on PATH; add it with: export PATH=\"$bin:\$PATH\"" >&2 ;;
esac
