#!/usr/bin/env bash
# Installs the benchmark's peers (bench/requirements.txt) into the active Python environment.
# Usage: bash bench/setup.sh   (then: python bench/compare_peers.py --chart docs/bench.png --markdown docs/bench.md)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
python -m pip install -r "$here/requirements.txt"
python -c "import hyperscan, datafog, datafog_core, presidio_analyzer, detect_secrets, matplotlib" \
  && command -v rg >/dev/null && echo "bench peers ready"
