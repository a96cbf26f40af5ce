#!/usr/bin/env bash
# Builds (or reuses) the mediasoup worker from Debian 12's own libraries, for machines that
# cannot download mediasoup's prebuilt worker (our build machines and CI). On a normal machine
# mediasoup's own install step fetches the prebuilt binary and this script is not needed.
#
# Usage: scripts/mediasoup-worker.sh [--deps]
#   --deps  apt-get install the Debian build packages first (as root, CI)
# Result: node_modules/mediasoup/worker/out/Release/mediasoup-worker, the path mediasoup
# spawns by default, so the hub needs no environment variable.
#
# The built binary is cached under $MEDIASOUP_WORKER_CACHE (default ~/.cache/dispute-kiosk/
# mediasoup-worker), keyed by the mediasoup version and the versions of every Debian package
# it is built from, so a library update or a mediasoup bump builds afresh.
set -euo pipefail
cd "$(dirname "$0")/.."

debs=(g++ pkg-config meson ninja-build libssl-dev libuv1-dev libsrtp2-dev libabsl-dev
  nlohmann-json3-dev libusrsctp-dev)

if [ "${1:-}" = "--deps" ]; then
  missing=()
  for p in "${debs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

pkg=node_modules/mediasoup
[ -f "$pkg/package.json" ] || { echo "mediasoup-worker: run npm ci first" >&2; exit 1; }
version=$(node -p "require('./$pkg/package.json').version")
target="$pkg/worker/out/Release/mediasoup-worker"

key="$version-$(dpkg-query -W -f='${Package}=${Version};' "${debs[@]}" | sha256sum | cut -c1-16)"
cache="${MEDIASOUP_WORKER_CACHE:-$HOME/.cache/dispute-kiosk/mediasoup-worker}/$key"

if [ ! -x "$cache/mediasoup-worker" ]; then
  build=$(mktemp -d)
  trap 'rm -rf "$build"' EXIT
  cp -r "$pkg/worker" "$build/worker"
  W="$build/worker"
  # The shims make meson use Debian's libraries instead of downloading subprojects.
  scripts/mediasoup/make-shims-3.12.sh "$W" >/dev/null
  # 3.12.16 asks for meson 1.1; Debian 12 has 1.0.1, which builds it unchanged.
  sed -i "s/meson_version: '>= 1.1.0'/meson_version: '>= 1.0.0'/" "$W/meson.build"
  echo "mediasoup-worker: building $version from Debian libraries (a few minutes, once per key $key)"
  # The same options mediasoup's own Makefile uses for a Release build.
  meson setup --wrap-mode=nodownload --buildtype release -Db_ndebug=true -Db_pie=true \
    -Db_staticpic=true "$W/out/build" "$W" >"$build/setup.log" 2>&1 ||
    { tail -40 "$build/setup.log" >&2; exit 1; }
  ninja -C "$W/out/build" -j "$(nproc)" mediasoup-worker >"$build/ninja.log" 2>&1 ||
    { tail -40 "$build/ninja.log" >&2; exit 1; }
  mkdir -p "$cache"
  install -m 755 "$W/out/build/mediasoup-worker" "$cache/mediasoup-worker.tmp"
  mv "$cache/mediasoup-worker.tmp" "$cache/mediasoup-worker"
fi

mkdir -p "$(dirname "$target")"
install -m 755 "$cache/mediasoup-worker" "$target"
echo "mediasoup-worker: $target ($version, key $key)"
