#!/usr/bin/env bash
# What the test suite needs beyond Rust: headless Chromium and its
# WebDriver (Debian's chromium and chromium-driver) for tests/browser.rs.
# Installs them only when missing; called by .ci/run, and by hand on a new
# machine (as root, or through sudo).
set -euo pipefail

if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
    exit 0
fi
if ! command -v apt-get >/dev/null; then
    echo "install-test-deps: no apt-get here: install Chromium and chromedriver by hand" >&2
    exit 1
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
    SUDO="sudo"
fi
echo "install-test-deps: installing chromium and chromium-driver" >&2
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium chromium-driver
