#!/bin/sh
# Install the Debian packages the test suite drives for real: chromium (browser tests)
# and virtuoso-opensource (the Virtuoso SPARQL server). Does nothing when both binaries
# are present; runs `apt-get update` only when a package must be installed. Without
# recommended packages, which would pull in systemd, avahi and printer helpers.
set -eu

missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
[ -x /usr/bin/virtuoso-t ] || missing="$missing virtuoso-opensource"

if [ -z "$missing" ]; then
    echo "System packages present: chromium, virtuoso-opensource."
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "Error: need root (or sudo) to install:$missing" >&2
    exit 2
fi

export DEBIAN_FRONTEND=noninteractive
echo "Installing:$missing"
# Try with the current package lists first; refresh them only if that fails.
# shellcheck disable=SC2086
if ! $SUDO apt-get install -y --no-install-recommends $missing; then
    $SUDO apt-get update
    $SUDO apt-get install -y --no-install-recommends $missing
fi

for binary in /usr/bin/chromium /usr/bin/virtuoso-t; do
    if [ ! -x "$binary" ]; then
        echo "Error: $binary is still missing after installing:$missing" >&2
        exit 2
    fi
done
