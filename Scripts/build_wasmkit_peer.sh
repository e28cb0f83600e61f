#!/bin/sh
# Builds the WasmKit CLI at a pinned tag (default 0.4.2) as a benchmark peer,
# with WasmKit's own CMake + Ninja build in release mode, and prints the path
# of the `wasmkit` binary on stdout (everything else goes to stderr).
#
#   Scripts/build_wasmkit_peer.sh            # -> .build-peers/wasmkit-0.4.2/bin/wasmkit
#   WASMKIT_TAG=0.4.2 Scripts/build_wasmkit_peer.sh
#
# Idempotent: when the binary is already there (and was built from the same
# tag) nothing is rebuilt; delete .build-peers/wasmkit-<tag> to start over.
#
# Sources come from the local package store (no network):
#   WASMKIT_GIT  bare repo of swiftwasm/WasmKit   (/opt/swift-packages/swiftwasm/WasmKit.git)
#   ARGPARSE_GIT bare repo of apple/swift-argument-parser (WasmKit's CMake would
#                otherwise FetchContent it from GitHub; we point
#                FETCHCONTENT_SOURCE_DIR_ARGUMENTPARSER at a local checkout)
# Needs cmake and ninja (apt-get install cmake ninja-build) and the Swift
# toolchain on PATH (or SWIFTC=/path/to/swiftc).
#
# Everything lives under the git-ignored .build-peers/ at the repository root.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TAG=${WASMKIT_TAG:-0.4.2}
WASMKIT_GIT=${WASMKIT_GIT:-/opt/swift-packages/swiftwasm/WasmKit.git}
ARGPARSE_GIT=${ARGPARSE_GIT:-/opt/swift-packages/apple/swift-argument-parser.git}
ARGPARSE_TAG=${ARGPARSE_TAG:-}
PEERS=$ROOT/.build-peers
DIR=$PEERS/wasmkit-$TAG
SRC=$DIR/src
BUILD=$DIR/build
BIN=$DIR/bin/wasmkit
STAMP=$DIR/.built-from

log() { echo "build_wasmkit_peer: $*" >&2; }

if [ -x "$BIN" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$TAG" ]; then
    echo "$BIN"
    exit 0
fi

for tool in git cmake ninja; do
    command -v "$tool" >/dev/null 2>&1 || { log "'$tool' not found (apt-get install cmake ninja-build git)"; exit 1; }
done
SWIFTC=${SWIFTC:-$(command -v swiftc || true)}
[ -n "$SWIFTC" ] || { log "swiftc not found (put the Swift toolchain on PATH or set SWIFTC)"; exit 1; }
# Keep the name `swiftc` (it is a symlink to swift-driver, which dispatches on
# its argv[0]); the toolchain's clang next to it is used for C.
TOOLBIN=$(dirname "$SWIFTC")
CC_BIN=${CC:-$TOOLBIN/clang}
[ -x "$CC_BIN" ] || CC_BIN=$(command -v clang || command -v cc)

mkdir -p "$DIR"
# .build-peers/ is covered by .gitignore's .build-*/ pattern; a nested
# .gitignore keeps it ignored even if that pattern changes.
[ -f "$PEERS/.gitignore" ] || printf '*\n' > "$PEERS/.gitignore"

# ---- WasmKit source at $TAG
if [ ! -f "$SRC/.checked-out" ] || [ "$(cat "$SRC/.checked-out")" != "$TAG" ]; then
    log "checking out WasmKit $TAG from $WASMKIT_GIT"
    rm -rf "$SRC" "$BUILD"
    mkdir -p "$SRC"
    git --git-dir="$WASMKIT_GIT" --work-tree="$SRC" checkout "$TAG" -- .
    echo "$TAG" > "$SRC/.checked-out"
fi

# ---- swift-argument-parser source (the newest tag in the store unless ARGPARSE_TAG is set)
if [ -z "$ARGPARSE_TAG" ]; then
    ARGPARSE_TAG=$(git --git-dir="$ARGPARSE_GIT" tag --sort=-v:refname | grep -E '^[0-9]+\.[0-9]+\.[0-9]+$' | head -n 1)
fi
[ -n "$ARGPARSE_TAG" ] || { log "no release tag in $ARGPARSE_GIT"; exit 1; }
AP_SRC=$PEERS/swift-argument-parser-$ARGPARSE_TAG
if [ ! -f "$AP_SRC/.checked-out" ]; then
    log "checking out swift-argument-parser $ARGPARSE_TAG from $ARGPARSE_GIT"
    rm -rf "$AP_SRC"
    mkdir -p "$AP_SRC"
    git --git-dir="$ARGPARSE_GIT" --work-tree="$AP_SRC" checkout "$ARGPARSE_TAG" -- .
    echo "$ARGPARSE_TAG" > "$AP_SRC/.checked-out"
fi

# ---- configure + build (release, whole-module optimisation per WasmKit's CMakeLists)
if [ ! -f "$BUILD/build.ninja" ]; then
    log "configuring (cmake -G Ninja, Release) in $BUILD"
    cmake -S "$SRC" -B "$BUILD" -G Ninja \
        -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_Swift_COMPILER="$SWIFTC" \
        -DCMAKE_C_COMPILER="$CC_BIN" \
        -DWASMKIT_BUILD_CLI=ON \
        -DFETCHCONTENT_FULLY_DISCONNECTED=ON \
        -DFETCHCONTENT_SOURCE_DIR_ARGUMENTPARSER="$AP_SRC" \
        -DCMAKE_DISABLE_FIND_PACKAGE_ArgumentParser=ON \
        >&2 || { rm -rf "$BUILD"; log "cmake configure failed"; exit 1; }
fi
log "building wasmkit (ninja; this takes a few minutes the first time)"
cmake --build "$BUILD" --target wasmkit >&2

mkdir -p "$DIR/bin"
cp "$BUILD/bin/wasmkit" "$BIN.part"
mv "$BIN.part" "$BIN"
"$BIN" --version >/dev/null 2>&1 || "$BIN" --help >/dev/null 2>&1 || { log "built binary does not run: $BIN"; exit 1; }
echo "$TAG" > "$STAMP"
echo "$BIN"
