#!/usr/bin/python3
"""Measurements for tests/bench/run.sh, which builds the fixtures; see there.

Each process is started from here and timed from spawn to reap
(time.perf_counter); its peak resident memory is the ru_maxrss that wait4()
reports for it, the number `/usr/bin/time -f %M` prints (KB = 1024 bytes),
and its CPU time (user + system, all threads) comes from the same wait4():
on a loaded machine CPU time moves less than wall time, and CPU time / wall
shows how much of the machine the run actually got.
Figures are medians of repeated runs, and runs that are compared (the guide
and /bin/true, -j 1 and -j 2) are interleaved so that load from other users
of the machine falls on both alike. Progress goes to stderr, the table to
stdout. Standard library only.
"""

import argparse
import collections
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

TIMINGS_RE = re.compile(
    r"timings: .*: load ([\d.]+) ms, layout ([\d.]+) ms, fonts ([\d.]+) ms, "
    r"write ([\d.]+) ms, (\d+) pages")
STAGES = ("load", "layout", "fonts", "write")
# --timings' last line: the whole process, from its start to its exit
RUN_TIMINGS_RE = re.compile(r"timings: run: .*, total ([\d.]+) ms")


class Failed(Exception):
    pass


def progress(msg):
    print(f"bench: {msg}", file=sys.stderr, flush=True)


Run = collections.namedtuple("Run", "wall rss err cpu")


def run(argv, want_stderr=False):
    """Runs argv once: wall seconds, peak RSS in KB, stderr text (or ''),
    CPU seconds (user + system, all threads)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE)
    err = p.stderr.read()  # to EOF, i.e. until the process exits
    p.stderr.close()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)  # reaped here; keep Popen from waiting
    if p.returncode != 0:
        raise Failed(f"{' '.join(argv)}: exit status {p.returncode}\n"
                     + err.decode("utf-8", "replace"))
    return Run(wall, usage.ru_maxrss, err.decode("utf-8", "replace") if want_stderr else "",
               usage.ru_utime + usage.ru_stime)


def median(xs):
    return statistics.median(xs)


class Table:
    """Rows grouped in numbered sections, printed in section order whatever
    the order they were measured in."""

    def __init__(self):
        self.sections = {}
        self.current = None

    def section(self, key, title):
        self.sections[key] = (title, [])
        self.current = key

    def add(self, figure, value, target="-", ok=None):
        status = "-" if ok is None else ("PASS" if ok else "MISS")
        self.sections[self.current][1].append((figure, value, target, status))

    def note(self, text):
        """A line of text under the rows before it, left out of the columns."""
        self.sections[self.current][1].append((text,))

    def print(self):
        rows = [r for _, (_, rs) in self.sections.items() for r in rs if len(r) == 4]
        head = ("figure", "value", "target", "result")
        w = [max(len(r[i]) for r in rows + [head]) for i in range(3)]
        fmt = f"{{:<{w[0]}}}   {{:>{w[1]}}}   {{:<{w[2]}}}   {{}}"
        rule = "-" * (sum(w) + 9 + 6)
        print(fmt.format(*head))
        for key in sorted(self.sections):
            title, rs = self.sections[key]
            print(rule)
            print(title)
            for r in rs:
                print(fmt.format(*r) if len(r) == 4 else f"  {r[0]}")
        print(rule)
        status = [r[3] for r in rows]
        print(f"{status.count('PASS')} PASS, {status.count('MISS')} MISS "
              f"(a MISS is reported, never an error)")


def ms(s):
    return f"{s * 1e3:.2f} ms"


def kib(kb):
    return f"{kb / 1024:.1f} MiB ({kb} KB)"


def pdf_image_bytes(pdf, images_dir):
    """(bytes of image XObject streams, bytes of embedded font programs, how)."""
    objs = None
    if shutil.which("qpdf"):  # qpdf 11 or later for --json=2
        q = subprocess.run(["qpdf", "--json=2", "--json-key=qpdf", "--json-stream-data=none", pdf],
                           capture_output=True)
        if q.returncode == 0:
            objs = json.loads(q.stdout)["qpdf"][1]
    if objs is not None:

        def length(d):
            n = d.get("/Length", 0)
            if isinstance(n, str):  # "56 0 R"
                n = objs[f"obj:{n}"]["value"]
            return int(n)

        def stream(ref):
            return objs.get(f"obj:{ref}", {}).get("stream", {}).get("dict", {})

        images = fonts = 0
        for v in objs.values():
            s = v.get("stream")
            if s and s["dict"].get("/Subtype") == "/Image":  # includes soft masks
                images += length(s["dict"])
            d = v.get("value")
            if isinstance(d, dict) and d.get("/Type") == "/FontDescriptor":
                for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                    if key in d:
                        fonts += length(stream(d[key]))
        return images, fonts, "image XObject streams, from qpdf"
    # Without a usable qpdf: the source image files, an approximation.
    size = sum(os.path.getsize(os.path.join(images_dir, f))
               for f in ("last-train-home.png", "influence-logo.png"))
    return size, None, "source image file sizes; no qpdf 11+"


TYPST_BATCH = 50


def typst_figures(t, a, gp_one, gp_batch_rate):
    """Typst's cold guide and in-process batch, measured now, beside
    guidepress's cold guide (gp_one, s) and -j 2 batch rate (guides/s)."""
    t.section(0, "0. Side by side with Typst 0.14 (../shared/peers), measured in this run")
    if not a.typst:
        t.add("Typst", f"SKIPPED: {a.typst_skip or 'no peer given'}")
        return
    node = shutil.which("node")
    build = os.path.join(a.typst, "build.js")
    cold = [node, build, os.path.join(a.work, "typst.pdf")]
    progress(f"Typst: one guide, {a.typst_runs} cold runs")
    run(cold)  # warm the page cache
    walls = [run(cold).wall for _ in range(a.typst_runs)]
    typst_one = median(walls)
    progress(f"Typst: {TYPST_BATCH} guides in one process, {a.batch_runs} runs")
    batch = [node, build, "--batch", str(TYPST_BATCH), os.path.join(a.work, "typst-batch")]
    typst_rate = TYPST_BATCH / median([run(batch).wall for _ in range(a.batch_runs)])
    t.add("Typst, one guide, cold process (node + compiler)", ms(typst_one))
    t.add(f"Typst, guides per second, {TYPST_BATCH} in one process", f"{typst_rate:.1f} /s")
    t.add("guidepress cold guide, times faster than Typst's", f"{typst_one / gp_one:.1f}x",
          ">= 20x", typst_one / gp_one >= 20)
    t.add("guidepress -j 2 batch, times Typst's in-process rate", f"{gp_batch_rate / typst_rate:.1f}x",
          ">= 20x", gp_batch_rate / typst_rate >= 20)


# 9. What a feature costs (issues 12-15): a guide with the feature beside
# the same guide without it, cold processes interleaved, medians; the
# instruction ratio (callgrind) beside the wall-time one, as it does not move
# with the machine's load. PASS/MISS is on wall time, as the issues state it.
COST_RUNS = 15
GARAMOND = "/usr/share/fonts/opentype/ebgaramond"  # fonts-ebgaramond: CFF outlines


def latin_twin(text):
    """The content with every Arabic-script letter replaced by a Latin one and
    Persian digits by ASCII ones, language en: a Latin guide of the same
    sections, words and length."""
    out = []
    for ch in text:
        c = ord(ch)
        if 0x06F0 <= c <= 0x06F9 or 0x0660 <= c <= 0x0669:
            out.append(str(c & 0xF))
        elif 0x0600 <= c <= 0x06FF or 0xFB50 <= c <= 0xFEFF:
            out.append("etaoinshrdlucmfwypvbgkqjxz"[c % 26])
        elif c in (0x200C, 0x200D, 0x200E, 0x200F):  # joiners and marks: none in Latin
            continue
        else:
            out.append(ch)
    return re.sub(r"(?m)^language: fa$", "language: en", "".join(out))


def with_fonts(brand_text, roles, family):
    """The brand with the given roles of its `fonts:` block set in family (a
    YAML value)."""
    lines, in_fonts = brand_text.split("\n"), False
    for i, line in enumerate(lines):
        if line and not line[0].isspace():
            in_fonts = line.startswith("fonts:")
        for role in roles:
            if in_fonts and line.startswith(f"  {role}: "):
                lines[i] = f"  {role}: {family}"
    return "\n".join(lines)


def instructions(argv, work):
    # (a command started through env: the program env runs, not env, is counted)
    cg = subprocess.run(["valgrind", "--tool=callgrind", "--trace-children=yes",
                         "--callgrind-out-file=" + os.path.join(work, "cost.cg")] + argv,
                        capture_output=True, text=True)
    m = re.search(r"Collected : (\d+)", cg.stderr)
    return int(m.group(1)) if m else None


def cost_cases(a, gp):
    """(name, plain argv, feature argv, target ratio, why skipped or '')."""
    work, brands = a.work, os.path.dirname(a.brand)
    with open(a.brand, encoding="utf-8") as f:
        brand_text = f.read()

    def guide(brand, src, *opts):
        return [gp, "-q", "-j", "1", "-b", brand, "-o", os.path.join(work, "cost.pdf"), *opts, src]

    def write(name, text):
        path = os.path.join(brands if name.endswith("brand.yaml") else os.path.dirname(a.sample), name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    no_qr = write("bench-no-qr-brand.yaml", brand_text + "\nprint: {qr_codes: false}\n")
    cases = [("QR codes (issue 13): with / without", guide(no_qr, a.sample), guide(a.brand, a.sample), 1.3, ""),
             ("A5 booklet (issue 13): --booklet / A5 pages", guide(a.brand, a.sample, "--paper", "a5"),
              guide(a.brand, a.sample, "--paper", "a5", "--booklet"), 1.3, "")]

    rtl = os.path.join(os.path.dirname(a.sample), "a-separation.yaml")
    if os.path.exists(rtl):
        with open(rtl, encoding="utf-8") as f:
            twin = write("bench-latin-twin.yaml", latin_twin(f.read()))
        cases.append(("Persian (issue 12): a-separation / its Latin twin", guide(a.brand, twin), guide(a.brand, rtl),
                      1.5, ""))
    else:
        cases.append(("Persian (issue 12)", None, None, 1.5, f"{rtl} missing"))

    faces = (f"{{regular: {GARAMOND}/EBGaramond12-Regular.otf, italic: {GARAMOND}/EBGaramond12-Italic.otf, "
             f"bold: {GARAMOND}/EBGaramond12-Bold.otf, bold_italic: {GARAMOND}/EBGaramond12-Bold.otf}}")
    cff = write("bench-cff-brand.yaml", with_fonts(brand_text, ("body", "quote"), faces))
    name = "CFF body (issue 14): EB Garamond .otf / Noto Serif .ttf"
    check = subprocess.run([gp, "-q", "--check", "-b", cff, a.sample], capture_output=True, text=True)
    if not os.path.isdir(GARAMOND):
        cases.append((name, None, None, 1.2, f"{GARAMOND} missing (fonts-ebgaramond)"))
    elif check.returncode != 0:
        first = (check.stderr.strip().splitlines() or ["refused"])[0]
        cases.append((name, None, None, 1.2, "the brand is refused: " + first.split("error: ", 1)[-1]))
    else:
        cases.append((name, guide(a.brand, a.sample), guide(cff, a.sample), 1.2, ""))

    # the page-count pass's retries (layout.c's lay_body) on an odd-count guide (Jiro: 7 pages as they
    # fall, 8 with its pages spread), beside the same guide without the pass (GUIDEPRESS_PAGES_AS_THEY_FALL=1)
    odd = os.path.join(os.path.dirname(a.sample), "jiro-dreams-of-sushi.yaml")
    name = "page-count pass (issue 13): Jiro, with its retries / without"
    if os.path.exists(odd):
        cases.append((name, ["env", "GUIDEPRESS_PAGES_AS_THEY_FALL=1"] + guide(a.brand, odd), ["env"] + guide(a.brand, odd),
                      1.3, ""))
    else:
        cases.append((name, None, None, 1.3, f"{odd} missing"))

    # the untagged twin: GUIDEPRESS_UNTAGGED=1 (job.c); both sides started through env, alike
    cases.append(("tagged PDF (issue 15): tagged / untagged", ["env", "GUIDEPRESS_UNTAGGED=1"] + guide(a.brand, a.sample),
                  ["env"] + guide(a.brand, a.sample), 1.15, ""))
    return cases


def cost_figures(t, a, gp):
    t.section(9, f"9. What a feature costs, beside the same guide without it (median of {COST_RUNS} cold runs, "
                 "interleaved; instructions from callgrind)")
    for name, plain, feature, target, skip in cost_cases(a, gp):
        if skip:
            t.add(name, "SKIPPED", f"< {target}x", None)
            t.note(f"skipped: {skip}")
            continue
        progress(f"cost: {name}")
        run(plain), run(feature)  # warm the page cache
        p, f = [], []
        for _ in range(COST_RUNS):
            p.append(run(plain).wall)
            f.append(run(feature).wall)
        ratio = median(f) / median(p)
        ir = ""
        if shutil.which("valgrind"):
            ip, iff = instructions(plain, a.work), instructions(feature, a.work)
            ir = f", instructions {iff / ip:.2f}x" if ip and iff else ""
        t.add(name, f"{ratio:.2f}x ({ms(median(f))} / {ms(median(p))}{ir})", f"< {target}x", ratio < target)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--guidepress", required=True)
    ap.add_argument("--linebreak", default="")
    ap.add_argument("--dictbreak", default="")
    ap.add_argument("--brand", required=True)
    ap.add_argument("--sample", required=True)
    ap.add_argument("--images", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--runs", type=int, default=30, help="cold single-guide runs")
    ap.add_argument("--batch-runs", type=int, default=5, help="runs of each 200-guide batch")
    ap.add_argument("--typst-runs", type=int, default=10, help="cold Typst runs")
    ap.add_argument("--typst", default="", help="the Typst peer's folder (build.js, node_modules)")
    ap.add_argument("--typst-skip", default="", help="why the Typst peer is not measured")
    a = ap.parse_args()

    gp, work = a.guidepress, a.work
    one_pdf = os.path.join(work, "one.pdf")
    guide = [gp, "-q", "-b", a.brand, "-o", one_pdf, a.sample]
    true = shutil.which("true") or "/bin/true"
    t = Table()
    start = time.perf_counter()

    ver = subprocess.run([gp, "--version"], capture_output=True, text=True).stdout.strip()
    load = os.getloadavg()
    print(f"guidepress benchmark: {ver or gp}, {os.cpu_count()} CPUs, "
          f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"(medians of repeated runs; ratios compare figures measured in this run)")
    print()

    # 1 + 3a. One guide from a cold process, against /bin/true.
    progress(f"one guide, {a.runs} cold runs (and /bin/true)")
    for _ in range(3):  # warm the page cache and the fontconfig cache
        run(guide)
        run([true])
    g_wall, g_rss, g_cpu, t_wall = [], [], [], []
    for _ in range(a.runs):
        t_wall.append(run([true]).wall)
        r = run(guide)
        g_wall.append(r.wall)
        g_rss.append(r.rss)
        g_cpu.append(r.cpu)
    one = median(g_wall)
    t.section(1, f"1. One guide (Last Train Home, influence brand), cold process, median of {a.runs}")
    t.add("wall time", ms(one), "<= 12 ms", one <= 0.012)
    t.add("/bin/true process start (reference)", ms(median(t_wall)))
    t.add("guide minus /bin/true", ms(one - median(t_wall)))
    t.add("CPU time, user + system (less load-sensitive)", ms(median(g_cpu)))

    # 6. Stage times from --timings.
    n_st = max(5, a.runs // 2)
    progress(f"stage times, {n_st} runs with --timings")
    st = {s: [] for s in STAGES}
    st_wall, st_total, pages = [], [], 0
    for _ in range(n_st):
        r = run(guide[:1] + ["--timings"] + guide[1:], want_stderr=True)
        m = TIMINGS_RE.search(r.err)
        if not m:
            raise Failed(f"no timings line in: {r.err!r}")
        for s, v in zip(STAGES, m.groups()):
            st[s].append(float(v) / 1e3)
        total = RUN_TIMINGS_RE.search(r.err)
        if not total:
            raise Failed(f"no run timings line in: {r.err!r}")
        st_total.append(float(total.group(1)) / 1e3)
        st_wall.append(r.wall)
        pages = int(m.group(5))
    wall6 = median(st_wall)
    stage_med = {s: median(v) for s, v in st.items()}
    t.section(6, f"6. Stages of that guide ({pages} pages), --timings, median of {n_st}; share of wall time")
    for s in STAGES:
        t.add(f"{s}", f"{ms(stage_med[s])} {100 * stage_med[s] / wall6:5.1f}%")
    inside = median([sum(st[s][i] for s in STAGES) for i in range(n_st)])
    t.add("the four stages", f"{ms(inside)} {100 * inside / wall6:5.1f}%")
    t.add("outside them (exec, start-up, brand, exit)", f"{ms(wall6 - inside)} {100 * (wall6 - inside) / wall6:5.1f}%")
    t.add("wall time of these runs", f"{ms(wall6)} 100.0%")
    accounted = median(st_total)
    t.add("--timings' run line (start, setup, guides, finish)", f"{ms(accounted)} {100 * accounted / wall6:5.1f}%",
          ">= 90% of the wall time", accounted >= 0.9 * wall6)
    t.add("not in it (spawning, the kernel's teardown after exit)",
          f"{ms(wall6 - accounted)} {100 * (wall6 - accounted) / wall6:5.1f}%")

    # 3. Memory, one guide (from the runs of 1).
    t.section(3, "3. Peak resident memory (ru_maxrss, as /usr/bin/time -f %M)")
    rss1 = median(g_rss)
    t.add("one guide", kib(int(rss1)), "<= 16 MiB", rss1 <= 16 * 1024)

    # 2 + 3b. Batches.
    out = os.path.join(work, "out") + "/"
    b200 = os.path.join(work, "batch200")
    b20 = os.path.join(work, "batch20")

    def batch(folder, jobs):
        return [gp, "-q", "-j", str(jobs), "-b", a.brand, "-o", out, folder]

    progress(f"batch of 200 at -j 1 and -j 2, {a.batch_runs} runs each, interleaved")
    run(batch(b20, 2))  # warm-up
    j1, j2, rss200, busy1, busy2, cpu1, cpu2 = [], [], [], [], [], [], []
    for _ in range(a.batch_runs):
        r = run(batch(b200, 1))
        j1.append(r.wall)
        rss200.append(r.rss)
        busy1.append(r.cpu / r.wall)
        cpu1.append(r.cpu / 200)
        r = run(batch(b200, 2))
        j2.append(r.wall)
        busy2.append(r.cpu / r.wall)
        cpu2.append(r.cpu / 200)
    progress(f"batch of 20 at -j 1, {a.batch_runs} runs")
    rss20 = [run(batch(b20, 1)).rss for _ in range(a.batch_runs)]
    gps1, gps2 = 200 / median(j1), 200 / median(j2)
    t.add("batch of 20 guides, -j 1", kib(int(median(rss20))))
    t.add("batch of 200 guides, -j 1", kib(int(median(rss200))))
    growth = median(rss200) / median(rss20)
    t.add("growth, 200-guide / 20-guide batch", f"{growth:.2f}x", "<= 1.10x (flat)", growth <= 1.10)

    t.section(2, f"2. Batch of 200 guides (the samples copied, titles varied), median of {a.batch_runs}")
    t.add("guides per second, -j 2", f"{gps2:.1f} /s", ">= 150 /s", gps2 >= 150)
    t.add("guides per second, -j 1", f"{gps1:.1f} /s")
    t.add("scaling, -j 2 / -j 1", f"{gps2 / gps1:.2f}x", ">= 1.8x", gps2 / gps1 >= 1.8)
    t.add("CPU time per guide, -j 1", ms(median(cpu1)))
    t.add("CPU time per guide, -j 2", ms(median(cpu2)))
    t.add("CPUs kept busy (CPU time / wall), -j 1", f"{median(busy1):.2f}", "~1 (else the machine is busy)")
    t.add("CPUs kept busy (CPU time / wall), -j 2", f"{median(busy2):.2f}", "~2 (else the machine is busy)")

    # 0. Typst, the same guide, in this run.
    typst_figures(t, a, one, gps2)

    # 4. PDF size without images.
    progress("PDF size")
    size = os.path.getsize(one_pdf)
    img, fonts, how = pdf_image_bytes(one_pdf, a.images)
    t.section(4, "4. Sample PDF size (KB = 1024 bytes)")
    t.add("whole file", f"{size / 1024:.1f} KB")
    t.add(f"images ({how})", f"{img / 1024:.1f} KB")
    rest = size - img
    t.add("file minus images", f"{rest / 1024:.1f} KB", "<= 60 KB", rest <= 60 * 1024)
    if fonts is not None:
        t.add("  of which embedded font programs", f"{fonts / 1024:.1f} KB")

    # 5. Linear cost.
    t.section(5, "5. Linear cost: Last Train Home with its sections repeated 1x, 10x, 100x")
    res = {}
    for k, n in ((1, 5), (10, 5), (100, 3)):
        progress(f"{k}x guide, {n} runs")
        src = os.path.join(work, "long", f"x{k}.yaml")
        cmd = [gp, "-q", "--timings", "-b", a.brand, "-o", os.path.join(work, f"x{k}.pdf"), src]
        walls, pg = [], 0
        for _ in range(n):
            r = run(cmd, want_stderr=True)
            walls.append(r.wall)
            m = TIMINGS_RE.search(r.err)
            pg = int(m.group(5)) if m else 0
        res[k] = (median(walls), pg)
    t1, p1 = res[1]
    for k in (1, 10, 100):
        tk, pk = res[k]
        per = f"{tk * 1e3 / pk:.2f} ms/page" if pk else "?"
        if k == 1:
            t.add(f"1x: {ms(tk)}, {pk} pages", per)
        else:
            ok = pk and tk / pk <= t1 / p1
            t.add(f"{k}x: {ms(tk)}, {pk} pages", per, "<= the 1x ms/page", bool(ok))
    for k in (10, 100):
        r = res[k][0] / t1
        t.add(f"time {k}x / time 1x", f"{r:.1f}x", f"<= {k + 1}x ({k}x + one 1x guide)", r <= k + 1)

    # 7. Line breaker.
    t.section(7, "7. Line breaker, ~80-word paragraphs at 300 pt (bench_linebreak)")
    if a.linebreak:
        progress("line breaker")
        out_lb = subprocess.run([a.linebreak, "1"], capture_output=True, text=True, check=True).stdout
        rates = dict(re.findall(r"^([\w-]+): ([\d.]+) paragraphs/s", out_lb, re.M))
        for name in ("total-fit", "greedy"):
            v = rates.get(name)
            t.add(f"{name} paragraphs per second", f"{float(v):,.0f} /s" if v else "?")
        if rates.get("total-fit") and rates.get("greedy"):
            t.add("greedy / total-fit speed", f"{float(rates['greedy']) / float(rates['total-fit']):.1f}x")
    else:
        t.add("paragraphs per second", "skipped (not given)")

    # 7b. Dictionary line breaks (text/breaks.c uses ICU; README says why).
    t.section(7.5, "7b. Dictionary line breaks, a 500-character paragraph (bench_dictbreak)")
    if a.dictbreak:
        progress("dictionary line breaks")
        out_db = subprocess.run([a.dictbreak], capture_output=True, text=True, check=True).stdout
        for lib, startup, per in re.findall(r"^(icu|libthai): start-up ([\d.]+) ms, ([\d.]+) us", out_db, re.M):
            t.add(f"Thai, {lib}: start-up", f"{startup} ms")
            t.add(f"Thai, {lib}: per paragraph", f"{per} us")
        for lib, per in re.findall(r"^latin (icu|libunibreak): ([\d.]+) us", out_db, re.M):
            t.add(f"English, {lib}: per paragraph", f"{per} us")
    else:
        t.add("dictionary line breaks", "skipped (not given)")

    # Instruction count.
    t.section(8, "8. Instructions, one guide (callgrind; stable on a noisy machine)")
    if shutil.which("valgrind"):
        progress("callgrind")
        cg = subprocess.run(["valgrind", "--tool=callgrind",
                             "--callgrind-out-file=" + os.path.join(work, "callgrind.out")] + guide,
                            capture_output=True, text=True)
        m = re.search(r"Collected : (\d+)", cg.stderr)
        t.add("instructions (Ir)", f"{int(m.group(1)) / 1e6:,.1f} M" if m else "? (callgrind failed)")
        progress("callgrind, untagged")
        cu = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + guide,
                            capture_output=True, text=True, env=dict(os.environ, GUIDEPRESS_UNTAGGED="1"))
        u = re.search(r"Collected : (\d+)", cu.stderr)
        if m and u:
            ratio = int(m.group(1)) / int(u.group(1))
            t.add("tagged / untagged (GUIDEPRESS_UNTAGGED=1)", f"{ratio:.3f}x", "< 1.15x", ratio < 1.15)
        else:
            t.add("tagged / untagged", "? (callgrind failed)")
    else:
        t.add("instructions (Ir)", "skipped (valgrind not installed)")

    cost_figures(t, a, gp)

    t.print()
    load = os.getloadavg()
    print(f"benchmark took {time.perf_counter() - start:.0f} s; load average at the end "
          f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (above ~0.5, other work shared the CPUs)")


if __name__ == "__main__":
    try:
        main()
    except (Failed, subprocess.CalledProcessError) as e:
        print(f"bench: a run failed: {e}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
