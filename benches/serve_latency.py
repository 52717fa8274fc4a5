#!/usr/bin/env python3
"""Live-preview latency and memory of `gongkai serve` on a generated corpus.

    benches/serve_latency.py [--services N] [--saves S] [--shared ../shared] [--bin target/release/gongkai]
                             [--hugo]

Generates (once, cached under target/bench-corpus-N, shared with compare.py) a site of N
services with ../shared/tools/gen-corpus.py, starts `gongkai serve` on a free port, listens
to its Server-Sent Events stream, then S times rewrites one service file in place and
measures the time from the write to the `reload` event. Reports the median, 90th percentile
and maximum, the server's own rebuild timings (load / parse / render), and the memory it
holds (VmRSS and its peak VmHWM from /proc/PID/status) after the saves.

With --hugo, also runs `hugo server` (which renders to memory by default) on the Hugo twin of the same
corpus and measures, the same way, the time from a write to the changed page being served
with the new text (Hugo's live-reload channel is a WebSocket; polling the page is the
closest like-for-like measure), and reports the ratio.

Goals: median <= 300 ms, memory <= 400 MB.
"""
import argparse, os, re, shutil, socket, statistics, subprocess, sys, threading, time, urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def vm(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


class Lines:
    """Collects a process's output lines in a thread."""

    def __init__(self, stream):
        self.lines = []
        self.lock = threading.Lock()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream):
        for raw in iter(stream.readline, b""):
            with self.lock:
                self.lines.append(raw.decode(errors="replace").rstrip("\n"))

    def snapshot(self):
        with self.lock:
            return list(self.lines)


class Events:
    """Reads the SSE stream; records (monotonic time, generation) of each reload event."""

    def __init__(self, addr):
        self.reloads = []
        self.cond = threading.Condition()
        s = socket.create_connection(addr)
        s.sendall(b"GET /__gongkai/events HTTP/1.0\r\nHost: bench\r\nAccept: text/event-stream\r\n\r\n")
        threading.Thread(target=self._read, args=(s,), daemon=True).start()

    def _read(self, s):
        buf = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                return
            now = time.monotonic()
            buf += chunk
            while b"\n\n" in buf:
                block, buf = buf.split(b"\n\n", 1)
                m = re.search(rb"event: reload\ndata: (\d+)", block)
                if m:
                    with self.cond:
                        self.reloads.append((now, int(m.group(1))))
                        self.cond.notify_all()

    def wait_generation(self, gen, timeout=60):
        end = time.monotonic() + timeout
        with self.cond:
            while True:
                for t, g in self.reloads:
                    if g >= gen:
                        return t, g
                left = end - time.monotonic()
                if left <= 0:
                    sys.exit(f"no reload event for generation {gen} within {timeout} s")
                self.cond.wait(left)


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def bench_gongkai(a, site):
    services = sorted(os.listdir(os.path.join(site, "content", "services")))
    proc = subprocess.Popen([a.bin, "--lang", "en", "serve", "--root", site, "--port", str(free_port())],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = Lines(proc.stdout)
    try:
        started = time.monotonic()
        while not any("serving" in l for l in out.snapshot()):
            if proc.poll() is not None or time.monotonic() - started > 300:
                sys.exit("serve did not start:\n" + "\n".join(out.snapshot()[-20:]))
            time.sleep(0.05)
        url = next(re.search(r"http://[^ ]+", l).group(0) for l in out.snapshot() if "serving" in l)
        host, port = url[len("http://"):].split("/")[0].rsplit(":", 1)
        first_build = next((l for l in out.snapshot() if l.startswith("built ")), "")
        events = Events((host, int(port)))
        _, gen = events.wait_generation(1)
        latencies = []
        for i in range(a.saves):
            path = os.path.join(site, "content", "services", services[(i * 37) % len(services)])
            with open(path, encoding="utf-8") as f:
                text = f.read()
            # Change the item's name: a real edit, new bytes every time.
            text = re.sub(r"^(事项名称|name): ?(.*?)(（改\d+）)?$",
                          lambda m: f"{m.group(1)}: {m.group(2)}（改{i}）", text, count=1, flags=re.M)
            t0 = time.monotonic()
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            t, gen = events.wait_generation(gen + 1)
            latencies.append((t - t0) * 1000)
            time.sleep(0.3)
        rss, hwm = vm(proc.pid, "VmRSS"), vm(proc.pid, "VmHWM")
        rebuilds = [l for l in out.snapshot() if l.startswith("rebuilt in")]
        failed = [l for l in out.snapshot() if l.startswith("rebuild failed")]
        if failed:
            sys.exit("a rebuild failed:\n" + "\n".join(failed))
        stages = {k: [] for k in ("load", "parse", "render")}
        for l in rebuilds:
            for k in stages:
                m = re.search(rf"{k} (\d+) ms", l)
                if m:
                    stages[k].append(int(m.group(1)))
        return latencies, rss, hwm, first_build, stages, len(rebuilds)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def bench_hugo(a, hugo_site):
    port = free_port()
    proc = subprocess.Popen(["hugo", "server", "-s", hugo_site, "--port", str(port), "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = Lines(proc.stdout)
    base = f"http://127.0.0.1:{port}"
    try:
        started = time.monotonic()
        while True:
            try:
                urllib.request.urlopen(base + "/", timeout=5).read()
                break
            except Exception:
                if proc.poll() is not None or time.monotonic() - started > 300:
                    sys.exit("hugo server did not start:\n" + "\n".join(out.snapshot()[-20:]))
                time.sleep(0.1)
        content = os.path.join(hugo_site, "content")
        pages = []
        for d, _, fs in os.walk(os.path.join(content, "services")):
            pages += [os.path.join(d, f) for f in fs if f.endswith(".md") and not f.startswith("_")]
        pages.sort()
        latencies = []
        for i in range(a.saves):
            path = pages[(i * 37) % len(pages)]
            rel = os.path.relpath(path, content)[:-3].replace(os.sep, "/").lower()
            page_url = f"{base}/{rel}/"
            urllib.request.urlopen(page_url, timeout=30).read()
            marker = f"gongkai-bench-{i}-{time.time_ns()}"
            with open(path, encoding="utf-8") as f:
                text = f.read()
            text = re.sub(r"gongkai-bench-\S+\n?$", "", text) + f"\n{marker}\n"
            t0 = time.monotonic()
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            while True:
                body = urllib.request.urlopen(page_url, timeout=30).read().decode(errors="replace")
                if marker in body:
                    break
                if time.monotonic() - t0 > 60:
                    sys.exit(f"hugo never served the change to {page_url}")
                time.sleep(0.005)
            latencies.append((time.monotonic() - t0) * 1000)
            time.sleep(0.3)
        return latencies, vm(proc.pid, "VmRSS")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--services", type=int, default=10000)
    ap.add_argument("--saves", type=int, default=20)
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "gongkai"))
    ap.add_argument("--hugo", action="store_true", help="also measure hugo server on the same text")
    a = ap.parse_args()
    gen = os.path.join(a.shared, "tools", "gen-corpus.py")
    if not os.path.exists(a.bin):
        subprocess.run(["cargo", "build", "--release"], cwd=ROOT, check=True)
    cache = os.path.join(ROOT, "target", f"bench-corpus-{a.services}")
    site, hugo_site = os.path.join(cache, "site"), os.path.join(cache, "hugo")
    if not os.path.exists(os.path.join(site, "site.yaml")):
        if not os.path.exists(gen):
            sys.exit(f"no corpus generator at {gen}")
        shutil.rmtree(cache, ignore_errors=True)
        subprocess.run([sys.executable, gen, site, "--services", str(a.services), "--hugo", hugo_site],
                       check=True)
    # Saves modify the corpus: work on a copy.
    work = os.path.join(cache, "serve-work")
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(site, work)

    lat, rss, hwm, first, stages, n = bench_gongkai(a, work)
    print(f"corpus: {a.services} services; {a.saves} saves, one file each, written in place\n")
    print(f"first build: {first}")
    print("| measure | median | p90 | max |")
    print("|---|---|---|---|")
    print(f"| save → reload event (ms) | {statistics.median(lat):.0f} | {pct(lat, 90):.0f} | {max(lat):.0f} |")
    for k, v in stages.items():
        if v:
            print(f"| rebuild: {k} (ms) | {statistics.median(v):.0f} | {pct(v, 90):.0f} | {max(v):.0f} |")
    print(f"\nrebuilds: {n} for {a.saves} saves")
    print(f"memory held by serve: VmRSS {rss:.0f} MB, peak VmHWM {hwm:.0f} MB")
    med = statistics.median(lat)
    print(f"goals: median ≤ 300 ms: {'met' if med <= 300 else 'MISSED'}; "
          f"memory ≤ 400 MB: {'met' if rss <= 400 else 'MISSED'}")
    if a.hugo:
        if not shutil.which("hugo"):
            print("hugo not installed; no comparison")
            return
        hlat, hrss = bench_hugo(a, hugo_site if os.path.isdir(hugo_site) else sys.exit("no Hugo twin"))
        print(f"\nhugo server: save → changed page served: median "
              f"{statistics.median(hlat):.0f} ms, p90 {pct(hlat, 90):.0f} ms; VmRSS {hrss:.0f} MB")
        print(f"ratio gongkai / hugo (median latency): {med / statistics.median(hlat):.2f}×; "
              f"memory: {rss / hrss:.2f}×")


if __name__ == "__main__":
    main()
