#!/bin/sh
# Validates every DOCX that gongkai made under the given output folders with
# openxml-audit (the Open XML SDK validator's rules, format microsoft365) and fails on
# any error. Files under static/ are the site's own attachments, copied as they are,
# and are not checked.
# Usage: tests/docx/audit.sh OUTPUT_DIR... (OPENXML_AUDIT names the program; default
# openxml-audit on the PATH).
# Prints the files, errors and the most frequent findings; exits 1 on any error.
set -u
[ $# -gt 0 ] || { echo "usage: audit.sh OUTPUT_DIR..." >&2; exit 2; }
audit=${OPENXML_AUDIT:-openxml-audit}
command -v "$audit" >/dev/null 2>&1 || { echo "audit: $audit not found" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/files"
report="$work/report.json"
# One validator run over a folder of copies: starting Python per file costs more than
# validating it.
for dir in "$@"; do
    find "$dir" -name '*.docx' -not -path '*/static/*'
done | sort | while read -r f; do
    cp "$f" "$work/files/$(printf '%s' "$f" | tr '/' '_')"
done
[ -n "$(ls "$work/files")" ] || { echo "audit: no .docx files" >&2; exit 2; }
status=0
"$audit" -f microsoft365 -m 0 -o json -r "$work/files" >"$report" 2>"$work/stderr" || status=1
python3 - "$report" <<'PY' || status=1
import collections, json, sys
files, errors = 0, collections.Counter()
decoder = json.JSONDecoder()
text = open(sys.argv[1], encoding="utf-8").read()
at = 0
while True:
    while at < len(text) and text[at].isspace():
        at += 1
    if at >= len(text):
        break
    value, at = decoder.raw_decode(text, at)
    for f in value if isinstance(value, list) else [value]:
        files += 1
        for e in f.get("errors", []):
            errors[(f["file"].rsplit("/", 1)[-1], e.get("part_uri", ""), e["description"])] += 1
total = sum(errors.values())
print(f"openxml-audit: {files} files, {total} errors")
for (name, part, what), n in errors.most_common(20):
    print(f"  {n:4} {name} {part}: {what}")
sys.exit(1 if total else 0)
PY
exit $status
