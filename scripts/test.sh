#!/usr/bin/env bash
# The test command: builds every profile (warnings on) and runs the CTest suite against real
# peers on 127.0.0.1.
# Copyright The mbedtls-profiles authors. SPDX-License-Identifier: Apache-2.0
#
# usage: scripts/test.sh [--version V] [--sanitize] [ctest arguments...]
#   --sanitize  build with AddressSanitizer + UndefinedBehaviorSanitizer (MBP_SANITIZE) into
#               build/test-sanitize and run the suite there, less what the sanitizer build
#               cannot or need not repeat: the valgrind checks and the main job (left out by
#               the suite itself), the Cortex-M images and the fuzzers (built apart anyway)
#   env MBP_WERROR=ON makes warnings in the project's code errors (CI sets it);
#   env MBP_TEST_BUILD=DIR picks the build directory (default build/test).

set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version=3.6.7
sanitize=OFF
while [ $# -gt 0 ]; do
    case "$1" in
    --version)
        [ $# -ge 2 ] || { echo "test: error: --version needs a value, e.g. 3.6.7" >&2; exit 2; }
        version=$2
        shift 2 ;;
    --sanitize) sanitize=ON; shift ;;
    *) break ;;
    esac
done
if [ "$sanitize" = ON ]; then
    build="${MBP_TEST_BUILD:-$top/build/test-sanitize}"
    set -- -E '^(arm/|hardening/fuzz-)' "$@"
else
    build="${MBP_TEST_BUILD:-$top/build/test}"
fi

if [ "$(id -u)" -eq 0 ]; then "$top/scripts/deps.sh"; else "$top/scripts/deps.sh" --check; fi
cmake -S "$top" -B "$build" -DMBEDTLS_VERSION="$version" -DMBEDTLS_SOURCE_DIR= \
    -DMBP_WERROR="${MBP_WERROR:-OFF}" -DMBP_SANITIZE="$sanitize" -DBUILD_TESTING=ON >&2
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" >&2
cd "$build"
exec ctest --output-on-failure -j "$(nproc 2>/dev/null || echo 2)" "$@"
