#!/bin/sh
# Renders every DOCX in a folder with LibreOffice and checks the result:
#   - python-docx opens the file;
#   - one PDF comes out of it, every page A4 (595 x 842 pt);
#   - the page count is within bounds (一次性告知单 1-2 pages when the name is a service
#     code, a centre's binder `*-forms` any, otherwise 1-MAX_PAGES);
#   - the Chinese text is present (pdftotext finds CJK characters and "— 1 —");
#   - the page number's dashes are 7 mm (± 0.5 mm) below the type area (GB/T 9704 7.5;
#     BOTTOM_MM, default 35, is the bottom margin);
#   - no last page holds only the closing group (署名, 成文日期, 附件说明) without body
#     text (GB/T 9704 7.3.5), for documents other than 一次性告知单.
# Usage: tests/docx/render-check.sh DIR [MAX_PAGES]
# Needs: soffice (libreoffice-writer-nogui), fonts-noto-cjk, poppler-utils, python3-docx.
# Prints one line per file and "N passed, M failed"; exits 1 when any file failed.
set -u
dir=${1:?usage: render-check.sh DIR [MAX_PAGES]}
max_pages=${2:-20}
for tool in soffice pdfinfo pdftotext; do
    command -v "$tool" >/dev/null 2>&1 || { echo "render-check: $tool not found" >&2; exit 2; }
done
# The first Python that has python-docx (a pyenv shim may hide the system one).
py=""
for candidate in python3 /usr/bin/python3; do
    if "$candidate" -c 'import docx' >/dev/null 2>&1; then py=$candidate; break; fi
done
[ -n "$py" ] || { echo "render-check: python-docx not found (apt install python3-docx)" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
set -- "$dir"/*.docx
[ -e "$1" ] || { echo "render-check: no .docx files in $dir" >&2; exit 2; }
# One soffice call for all files: starting LibreOffice costs about a second.
soffice --headless --norestore -env:UserInstallation="file://$out/profile" \
    --convert-to pdf --outdir "$out" "$@" >"$out/soffice.log" 2>&1

passed=0
failed=0
for docx in "$@"; do
    name=$(basename "$docx" .docx)
    pdf="$out/$name.pdf"
    problems=""
    if ! "$py" -c 'import sys, docx; docx.Document(sys.argv[1])' "$docx" 2>"$out/pydocx.err"; then
        problems="$problems python-docx cannot open it ($(tail -1 "$out/pydocx.err"));"
    fi
    if [ ! -s "$pdf" ]; then
        problems="$problems LibreOffice produced no PDF;"
    else
        pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
        if pdfinfo -f 1 -l "$pages" "$pdf" | grep '^Page.*size:' | grep -qv ' 595\.[0-9]* x 84[12]\.[0-9]* pts'; then
            problems="$problems a page is not A4;"
        fi
        case $name in
            [0-9]*-*) lo=1; hi=2 ;;   # service codes: 一次性告知单
            *-forms) lo=1; hi=1000 ;;  # a centre's binder: its items' 一次性告知单
            *) lo=1; hi=$max_pages ;;
        esac
        if [ "$pages" -lt "$lo" ] || [ "$pages" -gt "$hi" ]; then
            problems="$problems $pages pages, expected $lo-$hi;"
        fi
        text=$(pdftotext -enc UTF-8 "$pdf" - 2>/dev/null)
        if ! printf '%s' "$text" | "$py" -c 'import sys; t=sys.stdin.read(); sys.exit(0 if sum("\u4e00" <= c <= "\u9fff" for c in t) >= 20 else 1)'; then
            problems="$problems no Chinese text in the PDF;"
        fi
        if ! printf '%s' "$text" | grep -q '—[[:space:]]*1[[:space:]]*—'; then
            problems="$problems no page number \"— 1 —\";"
        fi
        # The dashes' box on page 1: its middle is about 0.25 mm above the dash itself.
        where=$(pdftotext -f 1 -l 1 -bbox "$pdf" - 2>/dev/null | "$py" -c '
import re, sys
bottom = 297 - float(sys.argv[1])
boxes = [float(a) + float(b) for a, b in re.findall(r"yMin=\"([0-9.]+)\" xMax=\"[0-9.]+\" yMax=\"([0-9.]+)\">—<", sys.stdin.read())]
if boxes:
    print("%.1f" % (max(boxes) / 2 / 72 * 25.4 + 0.25 - bottom))
' "${BOTTOM_MM:-35}")
        if [ -z "$where" ] || ! "$py" -c 'import sys; sys.exit(0 if abs(float(sys.argv[1]) - 7) <= 0.5 else 1)' "$where"; then
            problems="$problems page number ${where:-?} mm below the type area, not 7;"
        fi
        case $name in
            [0-9]*-* | *-forms) ;;
            *)
                last=$(pdftotext -f "$pages" -l "$pages" -enc UTF-8 "$pdf" - 2>/dev/null)
                if printf '%s' "$last" | "$py" -c '
import re, sys
lines = [l.strip() for l in sys.stdin.read().splitlines() if l.strip()]
lines = [l for l in lines if not re.fullmatch(r"—\s*\d+\s*—", l)]
date = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
closing = lambda l: date.fullmatch(l) or l.startswith("附件") or re.match(r"^\d+\s*[．.]", l) or (len(l) <= 20 and not re.search(r"[。；，：]", l))
sys.exit(0 if lines and any(date.fullmatch(l) for l in lines) and all(closing(l) for l in lines) else 1)
'; then
                    problems="$problems the last page holds only the signature, date or attachments;"
                fi
                ;;
        esac
    fi
    if [ -z "$problems" ]; then
        passed=$((passed + 1))
        echo "ok   $name (${pages:-?} pages)"
    else
        failed=$((failed + 1))
        echo "FAIL $name:$problems"
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
