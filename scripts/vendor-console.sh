#!/usr/bin/env bash
# Re-vendors the console's third-party browser files: run by hand when a version changes, never
# by the build. `npm pack` fetches each pinned package (npm checks the registry's integrity hash),
# the listed file and the package's licence are copied unchanged, and VENDOR.lock records their
# SHA-256, which VendoredFilesTest checks on every build.
set -euo pipefail
cd "$(dirname "$0")/.."
web=stepwise-console/src/main/resources/dev/stepwise/console/web
lock=$web/vendor/VENDOR.lock
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# package@version | file in the package | where it goes under vendor/ | licence
entries=(
  "@dagrejs/dagre@3.1.3|dist/dagre.esm.js|dagre-3.1.3/dagre.esm.js|MIT"
  "@dagrejs/dagre@3.1.3|LICENSE|dagre-3.1.3/LICENSE|MIT"
  # dagre's ES module bundles graphlib: its licence goes beside it.
  "@dagrejs/graphlib@4.0.6|LICENSE|dagre-3.1.3/LICENSE.graphlib|MIT"
)

mkdir -p "$web/vendor"
echo "# package	version	licence	path under vendor/	sha256 (written by scripts/vendor-console.sh)" > "$lock"
for entry in "${entries[@]}"; do
  IFS='|' read -r spec file dest licence <<< "$entry"
  dir=$work/$(echo "$spec" | tr '/@' '__')
  if [ ! -d "$dir" ]; then
    mkdir -p "$dir"
    (cd "$dir" && npm pack --silent "$spec" > /dev/null && tar xzf ./*.tgz)
  fi
  mkdir -p "$web/vendor/$(dirname "$dest")"
  cp "$dir/package/$file" "$web/vendor/$dest"
  name=${spec%@*}
  version=${spec##*@}
  sum=$(sha256sum "$web/vendor/$dest" | cut -d' ' -f1)
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$version" "$licence" "$dest" "$sum" >> "$lock"
done
cat "$lock"
