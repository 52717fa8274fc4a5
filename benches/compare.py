#!/usr/bin/env python3
"""Benchmarks gongkai on a generated corpus, against Hugo on the same text, in one run.

    benches/compare.py [--services N] [--runs R] [--shared ../shared] [--bin target/release/gongkai]

Generates (once, cached under target/bench-corpus-N) a site of N services with
../shared/tools/gen-corpus.py and its Hugo twin, then runs, interleaved R times:
  - gongkai check
  - gongkai build (HTML, DOCX, data) into an empty output folder
  - gongkai build again over that output, the content unchanged
  - hugo (HTML of the same text) into an empty output folder
Output folders are removed and the disk synced before a run, outside its timing. Each run
is timed (wall clock) and its peak memory (max RSS) read with /usr/bin/time.
Prints a Markdown table with the medians and the ratios to Hugo.

--out DIR puts both outputs under DIR (e.g. /dev/shm, to leave the disk out).
"""
import argparse, os, shutil, statistics, subprocess, sys, tempfile

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


def du(path):
    total = files = 0
    for d, _, fs in os.walk(path):
        for f in fs:
            total += os.path.getsize(os.path.join(d, f))
            files += 1
    return files, total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--services", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "gongkai"))
    ap.add_argument("--out", help="folder for the outputs (default: beside the corpus)")
    a = ap.parse_args()
    gen = os.path.join(a.shared, "tools", "gen-corpus.py")
    if not os.path.exists(gen):
        sys.exit(f"no corpus generator at {gen}")
    if not os.path.exists(a.bin):
        subprocess.run(["cargo", "build", "--release"], cwd=ROOT, check=True)
    cache = os.path.join(ROOT, "target", f"bench-corpus-{a.services}")
    site, hugo_site = os.path.join(cache, "site"), os.path.join(cache, "hugo")
    if not os.path.exists(os.path.join(site, "site.yaml")):
        shutil.rmtree(cache, ignore_errors=True)
        subprocess.run([sys.executable, gen, site, "--services", str(a.services), "--hugo", hugo_site],
                       check=True)
    have_hugo = shutil.which("hugo") is not None
    outs = a.out or cache
    out = os.path.join(outs, "out-gongkai")
    hugo_out = os.path.join(outs, "out-hugo")
    results = {"check": [], "build": [], "rebuild": [], "hugo": []}

    def fresh(path):
        shutil.rmtree(path, ignore_errors=True)
        os.sync()

    for _ in range(a.runs):
        results["check"].append(timed([a.bin, "check", "--root", site]))
        fresh(out)
        results["build"].append(timed([a.bin, "build", "--root", site, "--output", out]))
        os.sync()
        results["rebuild"].append(timed([a.bin, "build", "--root", site, "--output", out]))
        if have_hugo:
            fresh(hugo_out)
            results["hugo"].append(timed(["hugo", "--quiet", "-s", hugo_site, "-d", hugo_out]))

    def med(k, i):
        return statistics.median(r[i] for r in results[k]) if results[k] else float("nan")

    files, size = du(out)
    docx = sum(1 for d, _, fs in os.walk(out) for f in fs if f.endswith(".docx"))
    print(f"corpus: {a.services} services; {a.runs} interleaved runs; outputs in {outs}; medians\n")
    print("| command | time (s) | peak memory (MB) | vs Hugo |")
    print("|---|---|---|---|")
    hugo_t = med("hugo", 0)
    for k, label in [("check", "gongkai check"),
                     ("build", "gongkai build (HTML + DOCX + data), empty output"),
                     ("rebuild", "gongkai build again, content unchanged"),
                     ("hugo", "hugo (HTML only), empty output")]:
        if not results[k]:
            continue
        ratio = f"{med(k, 0) / hugo_t:.2f}×" if have_hugo else "n/a"
        print(f"| {label} | {med(k, 0):.3f} | {med(k, 1):.0f} | {ratio} |")
    print(f"\ngongkai output: {files} files, {size / 1048576:.1f} MB, {docx} DOCX files")
    if docx:
        dsize = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(out) for f in fs
                    if f.endswith(".docx"))
        print(f"DOCX: {dsize / docx / 1024:.1f} KB a document on average")
    if have_hugo:
        hfiles, hsize = du(hugo_out)
        print(f"hugo output: {hfiles} files, {hsize / 1048576:.1f} MB")


if __name__ == "__main__":
    main()
