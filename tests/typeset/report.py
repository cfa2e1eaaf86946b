#!/usr/bin/python3
"""Typesetting quality report for guidepress PDFs.

Usage:
  report.py [--details N] [--check] PDF [PDF...]
  report.py --blocks PDF [PDF...]      (how each block was classified)
  report.py [--details N] [--check] --compare LABEL=DIR LABEL=DIR [NAME...]

Everything is measured from the PDF itself, through `pdftotext -bbox-layout`
(poppler), which gives <page><flow><block><line><word xMin yMin xMax yMax>.
Nothing is read from guidepress's own inputs, so the report judges what a
reader actually sees.

How the text is classified (all tolerances are in points):

* Size class. A word's height (yMax - yMin) is its font's ascent + descent
  at its size, so it identifies the size (and usually the face). A line's
  size class is the most common word height on it, rounded to 0.05pt.

* Word spaces. The gaps between consecutive words of a line,
  xMin[i+1] - xMax[i]. Gaps under 0.5pt or under 0.25x the line's natural
  space are not word spaces (poppler splits a word where the font changes,
  e.g. at the end of an italic title followed by "'s") and are ignored.

* Justified blocks. The column of a block is its x-extent. A line "touches"
  when its left and right edges are both within TOUCH (1pt) of the block's
  edges. A block is justified when it has at least two lines and
    (a) a touching line other than its last is not set at natural spacing:
        fewer than half of its word spaces equal (within 0.01pt) a value
        that occurs among the spaces of lines that cannot be justified lines
        (blocks' last lines, lines short of their block's right edge) at
        least twice in the line's size class or 3 times in the document.
        A size class with fewer than 4 such spaces gives no verdict (display
        sizes: titles, the cover). A ragged-right line shows the font's
        space on most of its gaps (kerning against a neighbouring letter
        makes the odd one differ), a justified line shows it stretched or
        shrunk, so a ragged block's longest line, which touches by
        definition, is not taken for a justified one; or
    (b) its extent matches (within 0.5pt) that of a block found by (a) in
        the same document, and a line other than its last touches; or
    (c) it has a single line, of the size of the lines of a justified
        column found by (a) or (b), starting at that column's left edge and
        not passing its right edge: a one-line paragraph, or a paragraph's
        lone first or last line at a page break.
  When one line of a block sticks out of the column (an overfull line) the
  column's right edge is taken as the right edge shared by most lines, and
  the overfull line is reported.

* Paragraphs. pdftotext starts a new block at a paragraph's gap, so a
  justified block is a paragraph; inside it a line clearly shorter than the
  column (right edge more than TOUCH short) also ends a paragraph. The
  block's last line ends the paragraph unless it goes on to the next page
  (below). A paragraph's last line is excluded from the spacing statistics;
  a justified line is every other line of a justified paragraph.

* Natural space, per document and size class: the median word space on
  the paragraphs' last lines and on every line of the ragged (not
  justified) blocks of that size class. The space ratio of a justified
  line is its mean word space divided by that natural space.

* Hyphenated line: a justified line whose last word ends in a hyphen
  (U+002D, U+2010 or U+00AD; not an en or em dash) while the paragraph goes
  on. Both discretionary and explicit hyphens ("first-" / "rate") count. A
  hyphen run is a sequence of consecutive hyphenated lines of one paragraph
  (across a page break too).

* Page breaks, widows and orphans (justified body text only). The last
  paragraph of page p goes on at the top of page p+1 when
    - the last justified block of page p ends with a line that touches the
      right edge (no short last line), and the first justified block of
      page p+1 has the same column (both edges within 1pt), with no heading
      (a line larger than its text) above it in that column; and
    - that line is stretched (a paragraph's last line never is: the end
      fill takes the slack), or, as a last line may be shrunk to fit and
      then touch the edge too, it ends in a hyphen, or does not end a
      sentence (. ! ? : …), or the next page's text starts in lower case.
  Its lines on page p are counted back to the paragraph's start, its lines
  on page p+1 up to the paragraph's end.
    orphan: exactly one line of the paragraph on page p (the page's last
            block is a lone first line that goes on overleaf);
    widow:  exactly one line on page p+1 (the page's first body block is
            the paragraph's last line alone, followed by a block gap).
  Running headers, footers and headings are never justified blocks, so they
  do not get in the way. Ragged text (questions, lists) is not checked for
  widows and orphans: from the PDF alone there is no telling whether a
  ragged last line on a page ends its item.

Details (--details N, default 5, 0 for none) lists per document the N
loosest lines, the tightest when below 0.80x, consecutive lines whose
ratios differ by 0.75 or more, hyphens at a page break, hyphen runs longer
than 2, widows, orphans and overfull lines. "Space ratio by column width"
groups the justified lines of all documents by measure.

Exit status: 0 (this is a report, not a test), 2 if a PDF cannot be read,
1 with --check when a target below fails:
  95th percentile space <= 1.25x natural
  no line above 2.0x except last lines
  widows and orphans: 0
  at most 2 consecutive hyphens
"""

import os
import re
import statistics
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict

TOUCH = 1.0          # a line edge within this of the column edge touches it
SAME_COLUMN = 0.5    # two block extents are the same column within this
MIN_GAP_ABS = 0.5
MIN_GAP_REL = 0.25
HYPHENS = ("-", "\u2010", "\u00ad")
LOOSE = 2.0          # "above 2.0x"
P95_TARGET = 1.25
MAX_HYPHEN_RUN = 2
UNEVEN = 0.75        # details: consecutive lines whose space ratios differ by this much


class ReadError(Exception):
    pass


# --------------------------------------------------------------------------
# reading the PDF


def size_class(h):
    return round(round(h / 0.05) * 0.05, 2)


class Line:
    __slots__ = ("page", "words", "x0", "x1", "y0", "y1", "cls", "gaps", "text",
                 "block", "index", "ratio", "space", "touch", "short", "overfull")

    def __init__(self, page, words):
        self.page = page
        self.words = words  # (x0, y0, x1, y1, text)
        self.x0 = min(w[0] for w in words)
        self.x1 = max(w[2] for w in words)
        self.y0 = min(w[1] for w in words)
        self.y1 = max(w[3] for w in words)
        heights = Counter(size_class(w[3] - w[1]) for w in words)
        top = max(heights.values())
        self.cls = max(h for h, c in heights.items() if c == top)
        self.gaps = [words[i + 1][0] - words[i][2] for i in range(len(words) - 1)]
        self.text = " ".join(w[4] for w in words)
        self.ratio = None
        self.space = None
        self.touch = self.short = False
        self.overfull = 0.0

    def word_gaps(self, natural=None):
        lim = MIN_GAP_ABS
        if natural:
            lim = max(lim, MIN_GAP_REL * natural)
        return [g for g in self.gaps if g >= lim]

    def last_word(self):
        return self.words[-1][4]


class Block:
    __slots__ = ("page", "x0", "x1", "y0", "y1", "lines", "justified", "col_x0", "col_x1")

    def __init__(self, page, x0, x1, y0, y1, lines):
        self.page, self.x0, self.x1, self.y0, self.y1 = page, x0, x1, y0, y1
        self.lines = lines
        self.justified = False
        self.col_x0, self.col_x1 = x0, x1


def read_pdf(path):
    if not os.path.isfile(path):
        raise ReadError(f"{path}: no such file")
    try:
        r = subprocess.run(["pdftotext", "-bbox-layout", path, "-"], capture_output=True)
    except OSError as e:
        raise ReadError(f"pdftotext: {e}")
    if r.returncode != 0:
        raise ReadError(f"{path}: pdftotext failed: {r.stderr.decode(errors='replace').strip()}")
    text = r.stdout.decode("utf-8", errors="replace")
    text = re.sub(r'\sxmlns="[^"]*"', "", text, count=1)
    try:
        root = ET.fromstring(text)
    except ET.ParseError as e:
        raise ReadError(f"{path}: cannot parse pdftotext output: {e}")
    pages = []
    for pno, page in enumerate(root.iter("page"), 1):
        blocks = []
        for b in page.iter("block"):
            lines = []
            for ln in b.findall("line"):
                words = [(float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")),
                          float(w.get("yMax")), w.text or "") for w in ln.findall("word")]
                if words:
                    lines.append(Line(pno, words))
            if lines:
                blk = Block(pno, float(b.get("xMin")), float(b.get("xMax")),
                            float(b.get("yMin")), float(b.get("yMax")), lines)
                for i, ln in enumerate(lines):
                    ln.block, ln.index = blk, i
                blocks.append(blk)
        pages.append(blocks)
    if not pages:
        raise ReadError(f"{path}: no pages")
    return pages


# --------------------------------------------------------------------------
# analysis


def percentile(values, q):
    """Linear interpolation between closest ranks (numpy's default)."""
    if not values:
        return None
    v = sorted(values)
    k = (len(v) - 1) * q
    lo = int(k)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def column_of(blk):
    """The block's column; if one line sticks out, the edge most lines share."""
    x0, x1 = blk.x0, blk.x1
    if len(blk.lines) >= 3:
        rights = Counter(round(l.x1, 1) for l in blk.lines)
        edge, n = rights.most_common(1)[0]
        if n >= 2 and edge < x1 - TOUCH and x1 - edge < 20:
            x1 = max(l.x1 for l in blk.lines if round(l.x1, 1) == edge)
    return x0, x1


def touches(line, x0, x1):
    return abs(line.x0 - x0) <= TOUCH and abs(x1 - line.x1) <= TOUCH


class Doc:
    def __init__(self, path):
        self.path = path
        self.name = os.path.basename(path)
        self.pages = read_pdf(path)
        self.blocks = [b for p in self.pages for b in p]
        self.natural = {}
        self.paragraphs = []
        self.widows = []
        self.orphans = []
        self.classify()
        self.build_paragraphs()
        self.measure()

    # natural space per size class, from a set of lines
    @staticmethod
    def naturals(lines):
        gaps = defaultdict(list)
        for l in lines:
            gaps[l.cls].extend(l.word_gaps())
        return {c: statistics.median(g) for c, g in gaps.items() if g}

    def classify(self):
        # Lines that are certainly not justified lines: a block's last line,
        # or a line short of its block's right edge. Their word spaces are
        # natural; a ragged line shows one value on most of its spaces (the
        # font's space; kerning against the neighbouring letters makes the
        # odd one differ), a justified line shows that value stretched or
        # shrunk.
        values = Counter()
        by_class = defaultdict(Counter)
        for b in self.blocks:
            for i, l in enumerate(b.lines):
                if i == len(b.lines) - 1 or b.x1 - l.x1 > TOUCH:
                    vs = [round(g, 2) for g in l.word_gaps()]
                    values.update(vs)
                    by_class[l.cls].update(vs)
        self.natural0 = self.naturals([l for b in self.blocks for i, l in enumerate(b.lines)
                                       if i == len(b.lines) - 1 or b.x1 - l.x1 > TOUCH])
        common = {c: {v for v, n in values.items() if n >= 3} | {v for v, n in cnt.items() if n >= 2}
                  for c, cnt in by_class.items()}

        def natural_spaced(line):
            """True, or None when the size class gives too little evidence."""
            if sum(by_class[line.cls].values()) < 4:
                return None
            g = line.word_gaps()
            hits = sum(1 for x in g if any(abs(x - v) <= 0.011 for v in common[line.cls]))
            return hits >= 0.5 * len(g)

        # (a) blocks with a full-width line whose spaces are stretched or shrunk
        found = []
        for b in self.blocks:
            if len(b.lines) < 2:
                continue
            x0, x1 = column_of(b)
            for l in b.lines[:-1]:
                if touches(l, x0, x1) and l.word_gaps() and natural_spaced(l) is False:
                    b.justified = True
                    break
            if b.justified:
                b.col_x0, b.col_x1 = x0, x1
                found.append((x0, x1))
        # (b) blocks in a column already known to be justified
        for b in self.blocks:
            if b.justified or len(b.lines) < 2:
                continue
            x0, x1 = column_of(b)
            if any(abs(x0 - a) <= SAME_COLUMN and abs(x1 - c) <= SAME_COLUMN for a, c in found):
                if any(touches(l, x0, x1) for l in b.lines[:-1]):
                    b.justified = True
                    b.col_x0, b.col_x1 = x0, x1
        # (c) one-line blocks in a justified column, in its body size: one-line
        # paragraphs, or a paragraph's lone first or last line at a page break
        cols = {(round(b.col_x0, 1), round(b.col_x1, 1), l.cls)
                for b in self.blocks if b.justified for l in b.lines}
        for b in self.blocks:
            if b.justified or len(b.lines) != 1:
                continue
            l = b.lines[0]
            for x0, x1, cls in cols:
                if cls == l.cls and abs(l.x0 - x0) <= SAME_COLUMN and l.x1 <= x1 + TOUCH:
                    b.justified = True
                    b.col_x0, b.col_x1 = x0, x1
                    break
        for b in self.blocks:
            for l in b.lines:
                l.touch = touches(l, b.col_x0, b.col_x1) if b.justified else False
                l.short = b.justified and b.col_x1 - l.x1 > TOUCH
                if b.justified and l.x1 - b.col_x1 > TOUCH:
                    l.overfull = l.x1 - b.col_x1

    def continues(self, last, nxt, next_page_blocks):
        """Does the paragraph ending a page with line `last` go on in block `nxt`?"""
        pb = last.block
        if abs(pb.col_x0 - nxt.col_x0) > TOUCH or abs(pb.col_x1 - nxt.col_x1) > TOUCH:
            return False
        if last.short:
            return False
        # a heading (larger text) above it in its column starts a new section
        body = nxt.lines[0].cls
        for b in next_page_blocks:
            if b is nxt:
                break
            if b.y1 <= nxt.y0 + 1 and b.x0 < nxt.col_x1 and b.x1 > nxt.col_x0:
                if any(l.cls > body + 0.05 for l in b.lines):
                    return False
        # a paragraph's last line is never stretched (the end fill takes the
        # slack) but it may be shrunk to fit, so a full-width last line at
        # natural or tighter spacing is ambiguous: decide by the text
        nat = self.natural0.get(last.cls)
        g = last.word_gaps(nat)
        if g and nat and statistics.mean(g) / nat > 1.01:
            return True
        word = last.last_word()
        if word.endswith(HYPHENS):
            return True
        first = nxt.lines[0].text.lstrip("“‘\"'([")
        if first[:1].islower():
            return True
        return not word.rstrip("”’\"')]").endswith((".", "!", "?", ":", "…"))

    def build_paragraphs(self):
        """Paragraphs of justified text: lists of lines. A block is a paragraph
        (pdftotext starts a block at a paragraph gap), split further at short
        lines; the last paragraph of a page may go on at the top of the next."""
        jpages = [[b for b in p if b.justified] for p in self.pages]
        paras = []
        breaks = []  # (page, lines of the paragraph on the previous page, on this page, paragraph)
        carry = None
        for pi, blocks in enumerate(jpages):
            has_next = pi + 1 < len(jpages) and bool(jpages[pi + 1])
            for bi, b in enumerate(blocks):
                before = None
                if bi == 0 and carry is not None:
                    cur = carry
                    before = sum(1 for l in carry if l.page == carry[-1].page)
                else:
                    cur = []
                    paras.append(cur)
                carry = None
                goes_on = (bi + 1 == len(blocks) and has_next
                           and self.continues(b.lines[-1], jpages[pi + 1][0], self.pages[pi + 1]))
                after = 0
                for i, l in enumerate(b.lines):
                    cur.append(l)
                    after += 1
                    last_of_block = i + 1 == len(b.lines)
                    if before is not None and (l.short or last_of_block) and not (last_of_block and goes_on):
                        breaks.append((pi + 1, before, after, cur))
                        before = None
                    if l.short and not last_of_block:
                        cur = []
                        paras.append(cur)
                if goes_on:
                    carry = cur
        self.paragraphs = paras
        self.breaks = breaks
        for page, before, after, para in breaks:
            first_on_new = next(l for l in para if l.page == page)
            last_on_old = [l for l in para if l.page == page - 1][-1]
            if before == 1:
                self.orphans.append((page - 1, last_on_old))
            if after == 1:
                self.widows.append((page, first_on_new))

    def measure(self):
        last_lines = [p[-1] for p in self.paragraphs if p]
        ragged = [l for b in self.blocks if not b.justified for l in b.lines]
        self.natural = self.naturals(last_lines + ragged)
        nat_all = self.naturals([l for b in self.blocks for l in b.lines])
        self.jlines = []
        self.hyphen_lines = []
        self.runs = []  # runs of consecutive hyphenated lines
        self.overfull = []
        for p in self.paragraphs:
            run = []
            for i, l in enumerate(p):
                if i == len(p) - 1:
                    break  # a last line: not justified
                nat = self.natural.get(l.cls) or nat_all.get(l.cls)
                g = l.word_gaps(nat)
                if l.overfull:
                    self.overfull.append(l)
                if g and nat:  # (a one-word line has no space to measure)
                    l.space = statistics.mean(g)
                    l.ratio = l.space / nat
                    self.jlines.append(l)
                if l.last_word().endswith(HYPHENS):
                    self.hyphen_lines.append(l)
                    run.append(l)
                else:
                    if run:
                        self.runs.append(run)
                    run = []
            if run:
                self.runs.append(run)

    def stats(self):
        r = [l.ratio for l in self.jlines]
        return {
            "lines": len(r),
            "mean": statistics.mean(r) if r else None,
            "p95": percentile(r, 0.95),
            "max": max(r) if r else None,
            "loose": sum(1 for x in r if x > LOOSE),
            "hyph": len(self.hyphen_lines),
            "run": max((len(x) for x in self.runs), default=0),
            "widows": len(self.widows),
            "orphans": len(self.orphans),
            "ratios": r,
        }

    def body_class(self):
        c = Counter(l.cls for l in self.jlines)
        return c.most_common(1)[0][0] if c else None


def overall(docs):
    r = [l.ratio for d in docs for l in d.jlines]
    return {
        "lines": len(r),
        "mean": statistics.mean(r) if r else None,
        "p95": percentile(r, 0.95),
        "max": max(r) if r else None,
        "loose": sum(1 for x in r if x > LOOSE),
        "hyph": sum(len(d.hyphen_lines) for d in docs),
        "run": max((len(x) for d in docs for x in d.runs), default=0),
        "widows": sum(len(d.widows) for d in docs),
        "orphans": sum(len(d.orphans) for d in docs),
    }


# --------------------------------------------------------------------------
# printing

METRICS = [
    ("lines", "justified lines", "{:d}"),
    ("mean", "space ratio mean", "{:.3f}"),
    ("p95", "space ratio 95th pct", "{:.3f}"),
    ("max", "space ratio max", "{:.3f}"),
    ("loose", "lines above 2.0x", "{:d}"),
    ("hyph", "hyphenated lines", "{:d}"),
    ("run", "longest hyphen run", "{:d}"),
    ("widows", "widows", "{:d}"),
    ("orphans", "orphans", "{:d}"),
]


def fmt(key, v):
    if v is None:
        return "-"
    for k, _, f in METRICS:
        if k == key:
            return f.format(v)
    return str(v)


def short_name(name):
    return name[:-4] if name.lower().endswith(".pdf") else name


def cut(text, n=70):
    return text if len(text) <= n else text[: n - 1] + "…"


def print_table(docs):
    cols = ["lines", "mean", "p95", "max", "loose", "hyph", "run", "widows", "orphans"]
    heads = ["lines", "mean", "p95", "max", ">2.0x", "hyph", "run", "widow", "orphan"]
    w = max([len(short_name(d.name)) for d in docs] + [8])
    print(f"{'document':<{w}}  " + " ".join(f"{h:>6}" for h in heads) + "  natural space")
    print("-" * (w + 2 + 7 * len(heads) + 15))
    for d in docs:
        s = d.stats()
        bc = d.body_class()
        nat = f"{d.natural[bc]:.3f}pt (h {bc})" if bc in d.natural else "-"
        print(f"{short_name(d.name):<{w}}  " + " ".join(f"{fmt(c, s[c]):>6}" for c in cols) + f"  {nat}")
    if len(docs) > 1:
        s = overall(docs)
        print("-" * (w + 2 + 7 * len(heads) + 15))
        print(f"{'overall':<{w}}  " + " ".join(f"{fmt(c, s[c]):>6}" for c in cols))
    print()
    print("lines: justified lines (paragraph last lines excluded); mean/p95/max: word space on those")
    print("lines / natural word space of the same size; hyph: hyphenated lines; run: longest run of")
    print("consecutive hyphenated lines; widow/orphan: lone last/first line of a paragraph split by a page.")


def print_compare(labels, pairs):
    """pairs: [(name, [doc for each label])]"""
    w = 30
    cw = max(12, max(len(x) for x in labels) + 2)
    head = f"{'':<{w}}" + "".join(f"{x:>{cw}}" for x in labels)
    for name, docs in pairs:
        print(f"{short_name(name)}")
        print(head)
        stats = [d.stats() for d in docs]
        for key, title, _ in METRICS:
            print(f"  {title:<{w - 2}}" + "".join(f"{fmt(key, s[key]):>{cw}}" for s in stats))
        bc = docs[0].body_class()
        nat = [f"{d.natural[bc]:.3f}pt" if bc in d.natural else "-" for d in docs]
        print(f"  {'natural space (body)':<{w - 2}}" + "".join(f"{x:>{cw}}" for x in nat))
        print()
    print("overall")
    print(head)
    stats = [overall([p[1][i] for p in pairs]) for i in range(len(labels))]
    for key, title, _ in METRICS:
        print(f"  {title:<{w - 2}}" + "".join(f"{fmt(key, s[key]):>{cw}}" for s in stats))
    print()


def by_measure(docs):
    """Space ratios grouped by column width (rounded to 5pt), over all documents."""
    groups = defaultdict(list)
    for d in docs:
        for l in d.jlines:
            groups[5 * round((l.block.col_x1 - l.block.col_x0) / 5)].append(l.ratio)
    return groups


def print_by_measure(label_docs):
    """label_docs: [(label, docs)]"""
    widths = sorted({w for _, docs in label_docs for w in by_measure(docs)})
    if not widths:
        return
    print("Space ratio by column width (all documents): lines  mean  p95  max")
    head = f"  {'measure':<10}" + "".join(f"{lab:>28}" for lab, _ in label_docs)
    print(head)
    for w in widths:
        cells = []
        for _, docs in label_docs:
            r = by_measure(docs).get(w, [])
            if r:
                cells.append(f"{len(r):>5} {statistics.mean(r):6.3f} {percentile(r, 0.95):6.3f} {max(r):6.3f}")
            else:
                cells.append("-")
        print(f"  {str(w) + 'pt':<10}" + "".join(f"{c:>28}" for c in cells))
    print()


def print_details(docs, n, label=None):
    title = "Details" + (f" ({label})" if label else "")
    print(title)
    print("=" * len(title))
    for d in docs:
        out = []
        worst = sorted(d.jlines, key=lambda l: -l.ratio)[:n]
        if worst:
            out.append(f"  loosest lines:")
            for l in worst:
                out.append(f"    p{l.page:<2} {l.ratio:5.2f}x  {cut(l.text)}")
        tight = sorted(d.jlines, key=lambda l: l.ratio)[:min(n, 3)]
        if tight and tight[0].ratio < 0.80:
            out.append(f"  tightest lines:")
            for l in tight:
                out.append(f"    p{l.page:<2} {l.ratio:5.2f}x  {cut(l.text)}")
        jumps = []
        for p in d.paragraphs:
            body = [l for l in p[:-1] if l.ratio is not None]
            for a, b in zip(body, body[1:]):
                if abs(a.ratio - b.ratio) >= UNEVEN:
                    jumps.append((abs(a.ratio - b.ratio), a, b))
        for _, a, b in sorted(jumps, key=lambda j: -j[0])[:n]:
            out.append(f"  uneven neighbours p{a.page}: {a.ratio:.2f}x then {b.ratio:.2f}x:")
            out.append(f"      {cut(a.text)}")
            out.append(f"      {cut(b.text)}")
        for page, before, after, para in d.breaks:
            last = [l for l in para if l.page == page - 1][-1]
            if last.last_word().endswith(HYPHENS):
                out.append(f"  hyphen across the page break p{page - 1}-{page}: {cut(last.text)}")
        for run in d.runs:
            if len(run) > MAX_HYPHEN_RUN:
                out.append(f"  {len(run)} hyphenated lines in a row, p{run[0].page}:")
                for l in run:
                    out.append(f"      {cut(l.text)}")
        for page, l in d.widows:
            out.append(f"  widow   p{page}: {cut(l.text)}")
        for page, l in d.orphans:
            out.append(f"  orphan  p{page}: {cut(l.text)}")
        for l in d.overfull:
            out.append(f"  overfull by {l.overfull:.2f}pt p{l.page}: {cut(l.text)}")
        if out:
            print(short_name(d.name))
            print("\n".join(out))
    print()


def print_blocks(docs):
    """--blocks: how every block was classified, for checking the heuristics."""
    for d in docs:
        print(f"== {d.name}")
        for b in d.blocks:
            kind = "J" if b.justified else "r"
            print(f"p{b.page:<2} {kind} x {b.col_x0:6.1f}-{b.col_x1:6.1f} y {b.y0:6.1f}  {len(b.lines)} lines")
            for l in b.lines:
                mark = "short" if l.short else ("touch" if l.touch else "")
                r = f"{l.ratio:5.2f}x" if l.ratio is not None else "      "
                print(f"      {mark:<5} {r} h{l.cls:<6} {cut(l.text, 80)}")
        print()


def targets(docs):
    s = overall(docs)
    res = []
    p95 = s["p95"]
    res.append((p95 is not None and p95 <= P95_TARGET,
                f"95th percentile space <= {P95_TARGET}x natural",
                f"({p95:.3f})" if p95 is not None else "(no justified lines)"))
    res.append((s["loose"] == 0, f"no line above {LOOSE}x except last lines",
                f"({s['loose']} line{'' if s['loose'] == 1 else 's'}, max {s['max']:.3f})" if s["max"] is not None else ""))
    wo = s["widows"] + s["orphans"]
    res.append((wo == 0, "widows and orphans: 0", f"({s['widows']} widows, {s['orphans']} orphans)"))
    res.append((s["run"] <= MAX_HYPHEN_RUN, f"at most {MAX_HYPHEN_RUN} consecutive hyphens",
                f"(longest run {s['run']})"))
    return res


def print_targets(docs, label=None):
    res = targets(docs)
    title = "Targets" + (f" (on the {label} renders)" if label else "")
    print(title)
    for ok, what, val in res:
        print(f"{what}: {'PASS' if ok else 'FAIL'} {val}".rstrip())
    return all(ok for ok, _, _ in res)


# --------------------------------------------------------------------------


def usage(msg=None):
    if msg:
        print(f"report.py: {msg}", file=sys.stderr)
    print(__doc__.split("\n\n")[1], file=sys.stderr)
    sys.exit(2)


def main(argv):
    details = 5
    check = False
    compare = None
    blocks = False
    files = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--check":
            check = True
        elif a == "--details":
            i += 1
            if i >= len(argv) or not argv[i].isdigit():
                usage("--details needs a number")
            details = int(argv[i])
        elif a == "--compare":
            if i + 2 >= len(argv):
                usage("--compare needs LABEL=DIR LABEL=DIR")
            compare = []
            for spec in argv[i + 1:i + 3]:
                if "=" not in spec:
                    usage(f"--compare: {spec}: expected LABEL=DIR")
                compare.append(tuple(spec.split("=", 1)))
            i += 2
        elif a == "--blocks":
            blocks = True
        elif a in ("-h", "--help"):
            print(__doc__)
            return 0
        elif a.startswith("-") and a != "-":
            usage(f"unknown option {a}")
        else:
            files.append(a)
        i += 1

    try:
        if compare:
            labels = [c[0] for c in compare]
            names = files or sorted(f for f in os.listdir(compare[0][1]) if f.lower().endswith(".pdf"))
            if not names:
                raise ReadError(f"{compare[0][1]}: no PDFs")
            pairs = [(n, [Doc(os.path.join(d, n)) for _, d in compare]) for n in names]
            print_compare(labels, pairs)
            print_by_measure([(lab, [p[1][li] for p in pairs]) for li, lab in enumerate(labels)])
            for li, label in enumerate(labels):
                if details:
                    print_details([p[1][li] for p in pairs], details, label)
            ok = print_targets([p[1][0] for p in pairs], labels[0])
        else:
            if not files:
                usage("no PDF given")
            docs = [Doc(f) for f in files]
            if blocks:
                print_blocks(docs)
                return 0
            print_table(docs)
            print()
            print_by_measure([("", docs)])
            if details:
                print_details(docs, details)
            ok = print_targets(docs)
    except ReadError as e:
        print(f"report.py: {e}", file=sys.stderr)
        return 2
    return 1 if (check and not ok) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
