#!/usr/bin/env python3
"""Benchmarks gongkai on generated corpora, against Hugo on the same text, in one run:
every row of the performance table (docs/performance.md).

    benches/compare.py [--services N] [--large M] [--runs R] [--no-large] [--no-preview]
                       [--ram /dev/shm/gongkai-bench] [--shared ../shared]
                       [--bin target/release/gongkai]

Generates (once, cached under target/bench-corpus-N) a site of N services (default
10,000) with ../shared/tools/gen-corpus.py and its Hugo twin, and a site of M services
(default 100,000) without one, then runs, interleaved R times:
  - gongkai check (N items), and (M items) check and a full build on the RAM disk;
  - gongkai build into an empty output, then hugo into an empty output, on the RAM disk
    (--ram) and on the disk beside the corpus;
  - after the build on the disk, one item's file is changed (a word of its title) and
    gongkai build runs again over that output (the rebuild after one edit).
Output folders are removed and the disk synced before a run, outside its timing. Each run
is timed (wall clock) and its peak memory (max RSS) read with /usr/bin/time. Then the size
of the catalogue's pages is read from the output, and benches/serve_latency.py --hugo
measures the preview (save → reload) beside `hugo server`.
Prints a Markdown table with the medians and the ratios to Hugo.

--no-large leaves out the M-item rows (a quick run); --no-preview the preview row.
"""
import argparse, os, re, shutil, statistics, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def timed(cmd, cwd=None):
    """Runs cmd under /usr/bin/time; returns (seconds, max RSS in MB)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        p = subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", t.name] + cmd, cwd=cwd,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if p.returncode != 0:
            sys.exit(f"failed: {' '.join(cmd)}\n{p.stderr.decode(errors='replace')[-2000:]}")
        secs, rss = t.read().split()[-2:]
        return float(secs), int(rss) / 1024


def corpus(gen, services, hugo):
    cache = os.path.join(ROOT, "target", f"bench-corpus-{services}")
    site, hugo_site = os.path.join(cache, "site"), os.path.join(cache, "hugo")
    if not os.path.exists(os.path.join(site, "site.yaml")) or (hugo and not os.path.isdir(hugo_site)):
        shutil.rmtree(cache, ignore_errors=True)
        cmd = [sys.executable, gen, site, "--services", str(services)]
        if hugo:
            cmd += ["--hugo", hugo_site]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return cache, site, hugo_site


def fresh(path):
    shutil.rmtree(path, ignore_errors=True)
    os.sync()


def touch_one_item(site, n):
    """Changes one word of one item's title (a different one each run); returns a function
    that puts the file back."""
    folder = os.path.join(site, "content", "services")
    name = sorted(os.listdir(folder))[n % 97]
    path = os.path.join(folder, name)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    changed = re.sub(r"^(事项名称|名称|title):\s*(.*)$", lambda m: f"{m.group(1)}: {m.group(2)}（修订）",
                     text, count=1, flags=re.M)
    if changed == text:
        changed = text + "\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(changed)

    def restore():
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    return restore


def page_sizes(out):
    """Sizes in KB of the catalogue's first page, and of the largest listing page (every
    page under services/ that is not an item's page or its print page)."""
    first = os.path.getsize(os.path.join(out, "services", "index.html")) / 1024
    largest = 0
    for d, dirs, fs in os.walk(os.path.join(out, "services")):
        if "print" in dirs or os.path.basename(d) == "print" or "index.html" not in fs:
            continue
        largest = max(largest, os.path.getsize(os.path.join(d, "index.html")) / 1024)
    return first, largest


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--services", type=int, default=10000)
    ap.add_argument("--large", type=int, default=100000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-large", action="store_true", help="leave out the large-corpus rows")
    ap.add_argument("--no-preview", action="store_true", help="leave out the preview row")
    ap.add_argument("--ram", default="/dev/shm/gongkai-bench", help="folder on a RAM disk")
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "gongkai"))
    a = ap.parse_args()
    gen = os.path.join(a.shared, "tools", "gen-corpus.py")
    if not os.path.exists(gen):
        sys.exit(f"no corpus generator at {gen}")
    if not os.path.exists(a.bin):
        subprocess.run(["cargo", "build", "--release"], cwd=ROOT, check=True)
    have_hugo = shutil.which("hugo") is not None
    cache, site, hugo_site = corpus(gen, a.services, have_hugo)
    large_site = None if a.no_large else corpus(gen, a.large, False)[1]
    os.makedirs(a.ram, exist_ok=True)
    outs = {"ram": os.path.join(a.ram, "out-gongkai"), "disk": os.path.join(cache, "out-gongkai")}
    hugo_outs = {"ram": os.path.join(a.ram, "out-hugo"), "disk": os.path.join(cache, "out-hugo")}
    large_out = os.path.join(a.ram, "out-large")
    r = {k: [] for k in ["check", "large_check", "large_build", "build_ram", "hugo_ram",
                         "build_disk", "hugo_disk", "rebuild_one"]}

    for i in range(a.runs):
        r["check"].append(timed([a.bin, "check", "--root", site]))
        if large_site:
            r["large_check"].append(timed([a.bin, "check", "--root", large_site]))
            fresh(large_out)
            r["large_build"].append(timed([a.bin, "build", "--root", large_site, "--output", large_out]))
            fresh(large_out)
        for where in ("ram", "disk"):
            fresh(outs[where])
            r[f"build_{where}"].append(timed([a.bin, "build", "--root", site, "--output", outs[where]]))
            if have_hugo:
                fresh(hugo_outs[where])
                r[f"hugo_{where}"].append(timed(["hugo", "--quiet", "-s", hugo_site, "-d", hugo_outs[where]]))
        os.sync()
        restore = touch_one_item(site, i)
        try:
            r["rebuild_one"].append(timed([a.bin, "build", "--root", site, "--output", outs["disk"]]))
        finally:
            restore()

    def med(k, i):
        return statistics.median(x[i] for x in r[k]) if r[k] else float("nan")

    def ratio(k, h):
        return f"{med(k, 0) / med(h, 0):.2f}× Hugo" if r[h] else "n/a"

    first, largest = page_sizes(outs["disk"])
    n, m = f"{a.services:,}", f"{a.large:,}"
    print(f"{a.runs} interleaved runs; medians; RAM disk {a.ram}, disk {cache}\n")
    print("| | gongkai | peak memory | Hugo | vs Hugo |")
    print("|---|---|---|---|---|")

    def row(label, k, h=None):
        if not r[k]:
            return
        hugo = f"{med(h, 0):.2f} s, {med(h, 1):.0f} MB" if h and r[h] else "—"
        print(f"| {label} | {med(k, 0):.2f} s | {med(k, 1):.0f} MB | {hugo} | {ratio(k, h) if h else '—'} |")

    row(f"{n} items, full build (HTML + DOCX + search + data), RAM disk", "build_ram", "hugo_ram")
    row(f"the same on the disk", "build_disk", "hugo_disk")
    row(f"{m} items, full build, RAM disk", "large_build")
    row(f"{m} items, `check`", "large_check")
    row(f"{n} items, `check`", "check")
    row(f"{n} items, rebuild after one item changed, on disk", "rebuild_one")
    print(f"| {n} items, catalogue page | {first:.1f} KB the first page; largest listing page {largest:.1f} KB | — | — | — |")
    if not a.no_preview:
        cmd = [sys.executable, os.path.join(HERE, "serve_latency.py"), "--services", str(a.services),
               "--bin", a.bin, "--shared", a.shared]
        if have_hugo:
            cmd.append("--hugo")
        p = subprocess.run(cmd, capture_output=True, text=True)
        text = p.stdout
        lat = re.search(r"save → reload event \(ms\) \| (\d+)", text)
        hugo = re.search(r"hugo server: save → changed page served: median (\d+)", text)
        hwm = re.search(r"peak VmHWM (\d+) MB", text)
        if lat:
            ms = int(lat.group(1))
            hugo_cell = f"{hugo.group(1)} ms" if hugo else "—"
            vs = f"{ms / int(hugo.group(1)):.2f}× Hugo" if hugo else "—"
            print(f"| {n} items, preview save → reload (median) | {ms} ms | "
                  f"{hwm.group(1) if hwm else '?'} MB | {hugo_cell} | {vs} |")
        print("\n" + text.strip() if lat else f"\npreview bench failed:\n{text}\n{p.stderr[-2000:]}")


if __name__ == "__main__":
    main()
