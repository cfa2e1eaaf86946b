#!/usr/bin/env python3
"""Checks a tagged PDF's structure, from `qpdf --json` output (stream data
inline, decoded): usage check_tags.py FILE.json; exit 1 with one line per
failure.

- the catalog: /MarkInfo /Marked true, /StructTreeRoot, /Lang,
  /ViewerPreferences /DisplayDocTitle, /Metadata;
- every page's content: every text, path paint and image operator inside
  marked content that is an artifact or has an MCID; marked content and
  text objects nest; MCIDs unique on their page;
- the structure tree: every MCID drawn referenced exactly once, and none
  referenced that is not drawn; the ParentTree maps each one back to the
  element that references it; every Figure has a non-empty /Alt; every
  Link has an OBJR, every link annotation is some Link's OBJR, with
  /Contents and a /StructParent that the ParentTree maps to that Link;
  pages with links have /Tabs /S.
"""
import base64
import json
import re
import sys

fails = []


def fail(msg):
    fails.append(msg)


doc = json.load(open(sys.argv[1], encoding="utf-8"))["qpdf"][1]


def obj(ref):
    """The value of a reference ("12 0 R"), or the value itself."""
    if isinstance(ref, str) and ref.endswith(" R"):
        o = doc.get("obj:" + ref)
        if o is None:
            return None
        return o["stream"]["dict"] if "stream" in o else o["value"]
    return ref


def stream_data(ref):
    o = doc["obj:" + ref]["stream"]
    return base64.b64decode(o.get("data", ""))


root = obj(doc["trailer"]["value"]["/Root"])
if not (obj(root.get("/MarkInfo")) or {}).get("/Marked"):
    fail("catalog: no /MarkInfo /Marked true")
for key in ("/Lang", "/Metadata", "/StructTreeRoot"):
    if key not in root:
        fail(f"catalog: no {key}")
if not (obj(root.get("/ViewerPreferences")) or {}).get("/DisplayDocTitle"):
    fail("catalog: no /ViewerPreferences /DisplayDocTitle true")


def pages_of(ref):
    node = obj(ref)
    if node.get("/Type") == "/Page":
        return [ref]
    return [p for kid in node["/Kids"] for p in pages_of(kid)]


pages = pages_of(root["/Pages"])
page_index = {ref: i for i, ref in enumerate(pages)}

# ---- content streams ----

TOKEN = re.compile(rb"""
    (?P<ws>[\s\x00]+|%[^\r\n]*)
  | (?P<str>\()
  | (?P<hex><[0-9A-Fa-f\s]*>)
  | (?P<dopen><<) | (?P<dclose>>>)
  | (?P<aopen>\[) | (?P<aclose>\])
  | (?P<name>/[^\s()<>\[\]{}/%]*)
  | (?P<num>[+-]?(?:\d+\.?\d*|\.\d+))
  | (?P<op>[^\s()<>\[\]{}/%]+)
""", re.X)


def skip_string(data, i):
    """The index after the literal string opening at data[i-1]."""
    depth = 1
    while depth:
        c = data[i:i + 1]
        if not c:
            raise ValueError("unterminated string")
        if c == b"\\":
            i += 2
            continue
        depth += c == b"(" 
        depth -= c == b")"
        i += 1
    return i


def operations(data):
    """(operator, operands) in order; a dict operand as a dict of names to values."""
    stack, i = [], 0
    containers = []
    while i < len(data):
        m = TOKEN.match(data, i)
        if not m:
            raise ValueError(f"cannot read content at byte {i}")
        i = m.end()
        kind = m.lastgroup
        text = m.group(kind)
        if kind == "ws":
            continue
        if kind == "str":
            i = skip_string(data, i)
            value = "(string)"
        elif kind == "hex":
            value = "(hex)"
        elif kind in ("dopen", "aopen"):
            containers.append((kind, len(stack)))
            continue
        elif kind in ("dclose", "aclose"):
            k, at = containers.pop()
            items = stack[at:]
            del stack[at:]
            value = dict(zip(items[0::2], items[1::2])) if k == "dopen" else items
        elif kind == "name":
            value = text.decode("latin-1")
        elif kind == "num":
            value = float(text)
        else:
            op = text.decode("latin-1")
            if op == "BI":  # inline image: skip to EI
                end = data.find(b"EI", i)
                yield "BI", []
                i = end + 2
                continue
            if containers:
                raise ValueError(f"operator {op} inside an array or dictionary")
            yield op, stack
            stack = []
            continue
        stack.append(value)


SHOW = {"Tj", "TJ", "'", '"'}
PAINT = {"f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "Do", "sh", "BI"}

drawn = {}  # (page, mcid) -> tag
for p, ref in enumerate(pages):
    page = obj(ref)
    contents = page.get("/Contents")
    refs = contents if isinstance(contents, list) else [contents] if contents else []
    data = b"\n".join(stream_data(r) for r in refs)
    marks = []       # open marked content: (tag, mcid or None, inside a text object)
    in_text = False
    try:
        ops = list(operations(data))
    except ValueError as e:
        fail(f"page {p + 1}: {e}")
        continue
    for op, args in ops:
        if op == "BT":
            in_text = True
            text_depth = len(marks)
        elif op == "ET":
            if len(marks) != text_depth:
                fail(f"page {p + 1}: marked content opened in a text object is still open at ET")
            in_text = False
        elif op == "BMC":
            marks.append((args[0], None))
        elif op == "BDC":
            props = args[1] if len(args) > 1 else {}
            mcid = props.get("/MCID") if isinstance(props, dict) else None
            marks.append((args[0], int(mcid) if mcid is not None else None))
            if mcid is not None:
                if (p, int(mcid)) in drawn:
                    fail(f"page {p + 1}: MCID {int(mcid)} used twice")
                drawn[(p, int(mcid))] = args[0]
        elif op == "EMC":
            if not marks:
                fail(f"page {p + 1}: EMC without a BMC/BDC")
            else:
                marks.pop()
        elif op in SHOW or op in PAINT:
            if not any(tag == "/Artifact" or mcid is not None for tag, mcid in marks):
                what = "text" if op in SHOW else f"`{op}`"
                fail(f"page {p + 1}: {what} outside tagged content or an artifact")
    if marks:
        fail(f"page {p + 1}: {len(marks)} marked content left open")

# ---- the structure tree ----

referenced = {}   # (page, mcid) -> element ref
objrs = {}        # annotation ref -> element ref
tree_root = root.get("/StructTreeRoot")
elements = []


def walk(ref, inherited_page):
    e = obj(ref)
    if e.get("/Type", "/StructElem") != "/StructElem":
        return
    elements.append(ref)
    pg = e.get("/Pg", inherited_page)
    kids = e.get("/K", [])
    kids = kids if isinstance(kids, list) else [kids]
    tag = e.get("/S")
    if tag == "/Figure" and not str(e.get("/Alt", "")).split(":", 1)[-1].strip():
        fail(f"Figure {ref} without /Alt")
    has_objr = False
    for k in kids:
        if isinstance(k, (int, float)):
            key = (page_index.get(pg), int(k))
            if key in referenced:
                fail(f"MCID {key[1]} of page {key[0] + 1} referenced twice")
            referenced[key] = ref
        elif isinstance(k, str) and k.endswith(" R") and obj(k).get("/Type", "/StructElem") == "/StructElem":
            walk(k, pg)
        else:
            d = obj(k)
            if d.get("/Type") == "/MCR":
                key = (page_index.get(d.get("/Pg", pg)), int(d["/MCID"]))
                if key in referenced:
                    fail(f"MCID {key[1]} of page {key[0] + 1} referenced twice")
                referenced[key] = ref
            elif d.get("/Type") == "/OBJR":
                has_objr = True
                objrs[d["/Obj"]] = ref
            elif isinstance(k, str) and k.endswith(" R"):
                walk(k, pg)
    if tag == "/Link" and not has_objr:
        fail(f"Link {ref} without an OBJR")


if tree_root:
    tr = obj(tree_root)
    kids = tr.get("/K", [])
    for k in kids if isinstance(kids, list) else [kids]:
        walk(k, None)
    for key in drawn:
        if key not in referenced:
            fail(f"page {key[0] + 1}: MCID {key[1]} ({drawn[key]}) is in no structure element")
    for key in referenced:
        if key not in drawn:
            fail(f"page {key[0] + 1}: MCID {key[1]} is referenced but not drawn")

    def nums(node):
        node = obj(node)
        out = list(zip(node.get("/Nums", [])[0::2], node.get("/Nums", [])[1::2]))
        for kid in node.get("/Kids", []):
            out += nums(kid)
        return out

    parent_tree = dict(nums(tr["/ParentTree"])) if "/ParentTree" in tr else {}
    for p, ref in enumerate(pages):
        page = obj(ref)
        sp = page.get("/StructParents")
        mine = sorted(m for (q, m) in drawn if q == p)
        if mine and sp is None:
            fail(f"page {p + 1}: marked content but no /StructParents")
            continue
        owners = obj(parent_tree.get(sp, [])) if sp is not None else []
        if mine and len(owners) != len(mine):
            fail(f"page {p + 1}: the ParentTree maps {len(owners)} MCIDs, the page draws {len(mine)}")
        for m in mine:
            if m >= len(owners) or owners[m] != referenced.get((p, m)):
                fail(f"page {p + 1}: the ParentTree does not map MCID {m} to its element")
        annots = [a for a in page.get("/Annots", []) if obj(a).get("/Subtype") == "/Link"]
        if annots and page.get("/Tabs") != "/S":
            fail(f"page {p + 1}: links but no /Tabs /S")
        for a in annots:
            ad = obj(a)
            if a not in objrs:
                fail(f"page {p + 1}: link annotation {a} is in no Link element")
            elif parent_tree.get(ad.get("/StructParent")) != objrs[a]:
                fail(f"page {p + 1}: link annotation {a}'s /StructParent does not map to its Link")
            if not ad.get("/Contents"):
                fail(f"page {p + 1}: link annotation {a} without /Contents")

for f in fails[:40]:
    print(f)
if len(fails) > 40:
    print(f"... and {len(fails) - 40} more")
sys.exit(1 if fails else 0)
