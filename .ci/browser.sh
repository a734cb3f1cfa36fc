#!/usr/bin/env bash
# Browser tests need Debian's Chromium (driven by the pinned Python playwright;
# never `playwright install`, which would download a browser build).
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi
/usr/bin/chromium --version
