#!/bin/bash
# Copied from the team's shared tools (tools/mediasoup/make-shims-3.12.sh, measured on our
# Debian 12 build machines); credit: the shared mediasoup build notes. Unchanged below.
# Creates "shim" meson subprojects inside a mediasoup 3.11/3.12 worker/subprojects
# folder. Each shim has the directory name the .wrap file expects, so meson uses
# it instead of downloading anything, and it exports the variables that
# mediasoup's worker/meson.build reads via get_variable(), backed by the Debian 12
# system libraries found with pkg-config.
#
# The *_lib variables are only used in `link_whole` of the `libmediasoup-worker`
# library target (build_by_default: false, only used by the Rust crate), so they
# are tiny empty static libraries.
#
# Usage: make-shims-3.12.sh /path/to/package/worker
set -euo pipefail
W="$1"
S="$W/subprojects"

dirof() { sed -n 's/^directory *= *//p' "$S/$1.wrap"; }

mk() { # name dir meson_options meson_body
  local d="$S/$2"
  rm -rf "$d"; mkdir -p "$d"
  printf '%s\n' "$3" > "$d/meson_options.txt"
  printf '%s\n' "$4" > "$d/meson.build"
  : > "$d/dummy.c"
}

mk openssl "$(dirof openssl)" "" "project('openssl', 'c')
openssl_dep = dependency('openssl', version: '>=3.0')
libcrypto_dep = dependency('libcrypto')
libssl_dep = dependency('libssl')
libcrypto_lib = static_library('shim_crypto', 'dummy.c')
libssl_lib = static_library('shim_ssl', 'dummy.c')"

mk nlohmann_json "$(dirof nlohmann_json)" "" "project('nlohmann_json', 'c', 'cpp')
nlohmann_json_dep = dependency('nlohmann_json', version: '>=3.10')"

mk libuv "$(dirof libuv)" "option('build_tests', type: 'boolean', value: false)
option('build_benchmarks', type: 'boolean', value: false)" "project('libuv', 'c')
libuv_dep = dependency('libuv', version: '>=1.44')
libuv = static_library('shim_uv', 'dummy.c')"

mk libsrtp2 "$(dirof libsrtp2)" "option('crypto-library', type: 'string', value: 'openssl')
option('crypto-library-kdf', type: 'string', value: 'disabled')
option('tests', type: 'string', value: 'disabled')" "project('libsrtp2', 'c')
# Debian installs srtp.h in /usr/include/srtp2, mediasoup does #include <srtp.h>
_srtp = dependency('libsrtp2', version: '>=2.5')
libsrtp2_dep = declare_dependency(dependencies: _srtp,
  compile_args: ['-I' + _srtp.get_variable(pkgconfig: 'includedir') + '/srtp2'])
libsrtp2 = static_library('shim_srtp2', 'dummy.c')"

mk usrsctp "$(dirof usrsctp)" "option('sctp_build_programs', type: 'boolean', value: false)" "project('usrsctp', 'c')
usrsctp_dep = dependency('usrsctp')
usrsctp = static_library('shim_usrsctp', 'dummy.c')"

mk abseil-cpp "$(dirof abseil-cpp)" "" "project('abseil-cpp', 'c', 'cpp')
absl_strings_dep = dependency('absl_strings')
absl_types_dep = declare_dependency(dependencies: [dependency('absl_optional'), dependency('absl_variant'), dependency('absl_span')])
absl_container_dep = declare_dependency(dependencies: [dependency('absl_flat_hash_map'), dependency('absl_flat_hash_set'), dependency('absl_inlined_vector')])
absl_container_lib = static_library('shim_absl_container', 'dummy.c')"

mk catch2 "$(dirof catch2)" "" "project('catch2', 'c', 'cpp')
catch2_dep = dependency('catch2', required: false)"

echo "shims created in $S:"; ls -d "$S"/*/
