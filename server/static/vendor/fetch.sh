#!/usr/bin/env bash
# Re-fetches the third-party files the query console needs (committed here so that
# `go build` works from a clean clone, offline) from the npm registry:
#   monaco-editor 0.18.1 (MIT): the part of min/vs the console loads (editor, JavaScript/TypeScript
#     and JSON support and their workers, GraphQL syntax), with its licence and notices;
#   material-icons (Apache 2.0): the "Material Icons" font (woff2, woff), with its licence.
# Usage: bash server/static/vendor/fetch.sh   (needs npm; run from anywhere)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm pack --silent monaco-editor@0.18.1 material-icons@1.13.14 >/dev/null
mkdir m i
tar xzf monaco-editor-0.18.1.tgz -C m
tar xzf material-icons-1.13.14.tgz -C i

rm -rf "$here/monaco-editor" "$here/material-icons"
vs="$here/monaco-editor/min/vs"
mkdir -p "$vs"
for f in \
  loader.js \
  editor/editor.main.js editor/editor.main.css editor/editor.main.nls.js \
  base/worker/workerMain.js \
  language/typescript/tsMode.js language/typescript/tsWorker.js \
  language/json/jsonMode.js language/json/jsonWorker.js \
  basic-languages/javascript/javascript.js basic-languages/typescript/typescript.js \
  basic-languages/graphql/graphql.js; do
  mkdir -p "$vs/$(dirname "$f")"
  cp "m/package/min/vs/$f" "$vs/$f"
done
cp m/package/LICENSE m/package/ThirdPartyNotices.txt "$here/monaco-editor/"

mkdir -p "$here/material-icons"
cp i/package/iconfont/material-icons.woff2 i/package/iconfont/material-icons.woff i/package/LICENSE "$here/material-icons/"
cat > "$here/material-icons/material-icons.css" <<'CSS'
/* The "Material Icons" font (material-icons on npm, Apache 2.0), served locally. */
@font-face {
  font-family: "Material Icons";
  font-style: normal;
  font-weight: 400;
  font-display: block;
  src: url("material-icons.woff2") format("woff2"), url("material-icons.woff") format("woff");
}
.material-icons {
  font-family: "Material Icons";
  font-weight: normal;
  font-style: normal;
  font-size: 24px;
  line-height: 1;
  letter-spacing: normal;
  text-transform: none;
  display: inline-block;
  white-space: nowrap;
  word-wrap: normal;
  direction: ltr;
  -webkit-font-smoothing: antialiased;
  text-rendering: optimizeLegibility;
  font-feature-settings: "liga";
}
CSS
echo "vendor files written to $here"
