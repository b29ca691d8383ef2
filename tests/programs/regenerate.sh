#!/usr/bin/env bash
# Rewrites golden NAME.out files from the current dstreamlab, exactly as tst_programs runs them.
# Deliberate use only: check every changed golden by hand or against reference_wordcount.py /
# scala_cases.json before committing it (see README.md).
#
#   tests/programs/regenerate.sh [-b path/to/dstreamlab] NAME...   (NAME without .py; none = all)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${DSTREAMLAB_BIN:-$here/../../build/app/dstreamlab}"
if [[ "${1:-}" == "-b" ]]; then bin="$2"; shift 2; fi
[[ -x "$bin" ]] || { echo "regenerate.sh: no dstreamlab binary at $bin (use -b PATH)" >&2; exit 2; }
cd "$here"
names=("$@")
if [[ ${#names[@]} -eq 0 ]]; then
  for f in *.py; do [[ "$f" == reference_* ]] || names+=("${f%.py}"); done
fi
for n in "${names[@]}"; do
  args=(run "$n.py")
  [[ -f "$n.input" ]] && args+=(--input "$n.input")
  args+=(--start-time "2026-11-24 10:00:00")
  if [[ -f "$n.args" ]]; then read -r -a extra < "$n.args"; args+=("${extra[@]}"); fi
  set +e
  TZ=UTC "$bin" "${args[@]}" > "$n.out" 2> /dev/null < /dev/null
  status=$?
  set -e
  want=0; [[ -f "$n.exit" ]] && want="$(tr -d '[:space:]' < "$n.exit")"
  note=""; [[ "$status" != "$want" ]] && note="  (exit $status, but $n.exit expects $want)"
  echo "wrote $n.out$note"
done
