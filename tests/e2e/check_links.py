#!/usr/bin/python3
"""Checks that a PDF's link annotations sit on their text, and link what a
reference PDF of the same guide links (an imposed booklet against the
guide printed page by page).

usage: check_links.py PDF REFERENCE_PDF

Every link's rectangle must hold the centre of a word pdftotext finds on
its page, and the multiset of link targets must equal the reference's.
Exit 1 with a message on the first failure."""
import json
import re
import subprocess
import sys
from collections import Counter


def fail(msg):
    print("check_links:", msg)
    sys.exit(1)


def links(pdf):
    """(page from 1, (x0, y0, x1, y1) in PDF points, uri) of every link."""
    j = json.loads(subprocess.run(["qpdf", "--json", pdf], check=True, capture_output=True).stdout)
    objs = j["qpdf"][1]
    get = lambda v: objs["obj:" + v]["value"] if isinstance(v, str) and v.endswith(" R") else v
    out = []
    for page in j["pages"]:
        annots = get(get(page["object"]).get("/Annots", []))
        for ref in annots:
            a = get(ref)
            if a.get("/Subtype") != "/Link":
                continue
            uri = get(get(a["/A"])["/URI"])
            out.append((page["pageposfrom1"], [float(get(v)) for v in get(a["/Rect"])], re.sub(r"^[ub]:", "", uri)))
    return out


def words(pdf):
    """page from 1 -> word centres, in PDF points from the bottom left."""
    html = subprocess.run(["pdftotext", "-bbox", pdf, "-"], check=True, capture_output=True, text=True).stdout
    pages, n, h = {}, 0, 0
    for line in html.splitlines():
        m = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', line)
        if m:
            n, h = n + 1, float(m.group(2))
            pages[n] = []
        m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', line)
        if m:
            x0, y0, x1, y1 = map(float, m.groups())
            pages[n].append(((x0 + x1) / 2, h - (y0 + y1) / 2))
    return pages


def main():
    pdf, ref = sys.argv[1:3]
    got, want = links(pdf), links(ref)
    if Counter(l[2] for l in got) != Counter(l[2] for l in want):
        fail("links %s, the reference has %s" % (sorted(l[2] for l in got), sorted(l[2] for l in want)))
    ws = words(pdf)
    for page, (x0, y0, x1, y1), uri in got:
        if not any(x0 <= x <= x1 and y0 <= y <= y1 for x, y in ws.get(page, [])):
            fail("page %d: the link to %s at %.1f %.1f %.1f %.1f is on no text" % (page, uri, x0, y0, x1, y1))
    if not got:
        fail("no links")
    print("check_links: %d links on their text" % len(got))


main()
