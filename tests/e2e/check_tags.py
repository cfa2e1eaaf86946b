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
    fail("catalog: no /ViewerPreferences /DisplayDocTitle true (07-001, 07-002)")


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


ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def read_string(data, i):
    """The bytes of the literal string opening at data[i-1], and the index after it."""
    depth, out = 1, bytearray()
    while True:
        c = data[i:i + 1]
        if not c:
            raise ValueError("unterminated string")
        i += 1
        if c == b"\\":
            e = data[i:i + 1]
            m = re.match(rb"[0-7]{1,3}", data[i:i + 3])
            if m:
                out.append(int(m.group(0), 8) & 0xFF)
                i += m.end()
            elif e in (b"\r", b"\n"):  # a line continuation
                i += 1
            else:
                out += ESCAPES.get(e, e)
                i += 1
            continue
        depth += c == b"("
        depth -= c == b")"
        if not depth:
            return bytes(out), i
        out += c


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
            value, i = read_string(data, i)
        elif kind == "hex":
            h = re.sub(rb"\s", b"", text[1:-1])
            value = bytes.fromhex((h + b"0" * (len(h) % 2)).decode())
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

def font_codes(font):
    """The Type 0 font's ToUnicode map: code -> text (UTF-16BE decoded)."""
    cmap = {}
    tu = font.get("/ToUnicode")
    if not tu:
        return cmap
    data = stream_data(tu).decode("latin-1")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for code, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            cmap[int(code, 16)] = bytes.fromhex(uni).decode("utf-16-be", "replace")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, rest in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]*>)", block):
            lo, hi = int(lo, 16), int(hi, 16)
            if rest.startswith("["):
                for k, uni in enumerate(re.findall(r"<([0-9A-Fa-f]*)>", rest)):
                    cmap[lo + k] = bytes.fromhex(uni).decode("utf-16-be", "replace")
            else:
                start = int(rest[1:-1], 16)
                for k in range(hi - lo + 1):
                    cmap[lo + k] = chr(start + k)
    return cmap


fonts = {}  # font ref -> (its ToUnicode map, its name, bytes a code)

ONE_BYTE_IDENTITY = re.compile(r"begincodespacerange\s*<00>\s*<FF>\s*endcodespacerange\s*"
                               r"1\s+begincidrange\s*<00>\s*<FF>\s*0\s*endcidrange")


def code_bytes(f):
    """2 for Identity-H; 1 for an embedded CMap mapping each byte to that CID; else None."""
    enc = f.get("/Encoding")
    if enc == "/Identity-H":
        return 2
    if isinstance(enc, str) and enc.endswith(" R") and (obj(enc) or {}).get("/Type") == "/CMap":
        if ONE_BYTE_IDENTITY.search(stream_data(enc).decode("latin-1")):
            return 1
    return None



def check_font(ref):
    """ISO 14289-1 7.21: a Type 0 font with its program embedded, a CIDToGIDMap for
    TrueType outlines, and a ToUnicode map (10-001 checks the codes)."""
    if ref in fonts:
        return fonts[ref]
    f = obj(ref)
    problems = []
    width = code_bytes(f)
    if f.get("/Subtype") != "/Type0" or width is None:
        problems.append("not a Type 0 font with Identity-H or a one-byte identity CMap")
    desc = [obj(d) for d in f.get("/DescendantFonts", [])]
    for d in desc or [f]:
        fd = obj(d.get("/FontDescriptor")) or {}
        if not any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            problems.append("its font program is not embedded (ISO 14289-1 7.21.4.1)")
        if d.get("/Subtype") == "/CIDFontType2" and "/CIDToGIDMap" not in d:
            problems.append("a CIDFontType2 without /CIDToGIDMap (ISO 14289-1 7.21.3.2)")
    if "/ToUnicode" not in f:
        problems.append("no /ToUnicode (10-001)")
    for prob in problems:
        fail(f"font {f.get('/BaseFont')}: {prob}")
    fonts[ref] = (font_codes(f), f.get("/BaseFont"), width or 2)
    return fonts[ref]


def shown_bytes(args):
    """The string operands of a text-showing operator (TJ's array's strings)."""
    for a in args:
        if isinstance(a, bytes):
            yield a
        elif isinstance(a, list):
            yield from (x for x in a if isinstance(x, bytes))


unmapped = set()
drawn = {}  # (page, mcid) -> tag
for p, ref in enumerate(pages):
    page = obj(ref)
    resources = obj(page.get("/Resources")) or {}
    page_fonts = obj(resources.get("/Font")) or {}
    font = None
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
        elif op in ("BMC", "BDC") and args[0] == "/Artifact" and any(m is not None for _, m in marks):
            fail(f"page {p + 1}: an artifact inside tagged content (01-003)")
        elif op == "BDC" and isinstance(args[1], dict) and "/MCID" in args[1] and \
                any(t == "/Artifact" for t, _ in marks):
            fail(f"page {p + 1}: tagged content inside an artifact (01-004)")
        if op == "Tf" and args:
            font = page_fonts.get(args[0])
            if font is None:
                fail(f"page {p + 1}: font {args[0]} is not in the page's resources")
        if op in SHOW and font is not None:
            cmap, name, width = check_font(font)
            for b in shown_bytes(args):
                for k in range(0, len(b) - width + 1, width):
                    code = int.from_bytes(b[k:k + width], "big")
                    text = cmap.get(code)
                    if (not text or any(c in "\u0000\ufeff\ufffe" for c in text)) and (name, code) not in unmapped:
                        unmapped.add((name, code))
                        fail(f"page {p + 1}: code {code:04X} of {name} has no Unicode text (10-001)")
        if op == "BMC":
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
                fail(f"page {p + 1}: {what} outside tagged content or an artifact (01-005)")
    if marks:
        fail(f"page {p + 1}: {len(marks)} marked content left open")

# ---- the structure tree ----

referenced = {}   # (page, mcid) -> element ref
objrs = {}        # annotation ref -> element ref
tree_root = root.get("/StructTreeRoot")
elements = []


def walk(ref, inherited_page, parent_tag=None):
    e = obj(ref)
    if e.get("/Type", "/StructElem") != "/StructElem":
        return
    elements.append(ref)
    structure_rules(ref, e, parent_tag)
    pg = e.get("/Pg", inherited_page)
    kids = e.get("/K", [])
    kids = kids if isinstance(kids, list) else [kids]
    tag = e.get("/S")
    if tag == "/Figure" and not str(e.get("/Alt", "")).split(":", 1)[-1].strip():
        fail(f"Figure {ref} without /Alt (13-004)")
    has_objr = False
    for k in kids:
        if isinstance(k, (int, float)):
            key = (page_index.get(pg), int(k))
            if key in referenced:
                fail(f"MCID {key[1]} of page {key[0] + 1} referenced twice")
            referenced[key] = ref
        elif isinstance(k, str) and k.endswith(" R") and obj(k).get("/Type", "/StructElem") == "/StructElem":
            walk(k, pg, tag)
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
                walk(k, pg, tag)
    if tag == "/Link" and not has_objr:
        fail(f"Link {ref} without an OBJR (28-011)")


# ---- PDF/UA-1: the Matterhorn Protocol's machine checks that apply ----

STANDARD = set("""Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3
    H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link
    Annot Ruby RB RT RP Warichu WT WP Figure Formula Form""".split())
BCP47 = re.compile(r"""[a-z]{2,3}(-[a-z]{3}){0,3}(-[a-z]{4})?(-([a-z]{2}|[0-9]{3}))?
    (-([a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(-[0-9a-wyz](-[a-z0-9]{2,8})+)*(-x(-[a-z0-9]{1,8})+)?""", re.X | re.I)
# where list and table elements may stand, and the checkpoint that says so
PARENTS = {"/LI": ("/L",), "/Lbl": ("/LI",), "/LBody": ("/LI",), "/TR": ("/Table", "/THead", "/TBody", "/TFoot"),
           "/TH": ("/TR",), "/TD": ("/TR",), "/THead": ("/Table",), "/TBody": ("/Table",), "/TFoot": ("/Table",)}
CHECKPOINT = {"/LI": "09-005", "/Lbl": "09-005", "/LBody": "09-005"}
role_map = {}
headings = []  # (level, element), in the tree's order


def text_string(v):
    return v.split(":", 1)[1] if isinstance(v, str) and v[:2] in ("u:", "b:") else v


def language_ok(where, lang):
    if not BCP47.fullmatch(text_string(lang) or ""):
        fail(f"{where}: /Lang {text_string(lang)!r} is not a BCP 47 language tag (11-001)")


def standard_type(tag):
    """The standard type a tag is (or maps to), or None (02-001)."""
    seen = set()
    while tag and tag[1:] not in STANDARD and tag not in seen:
        seen.add(tag)
        tag = role_map.get(tag)
    return tag if tag and tag[1:] in STANDARD else None


def structure_rules(ref, e, parent_tag):
    tag = e.get("/S")
    std = standard_type(tag)
    if std is None:
        fail(f"{ref}: structure type {tag} is neither standard nor mapped to one (02-001)")
    parent_std = standard_type(parent_tag) if parent_tag else None
    if std in PARENTS and parent_std not in PARENTS[std]:
        fail(f"{ref}: {std} inside {parent_tag}, not in {' or '.join(PARENTS[std])} ({CHECKPOINT.get(std, '09-004')})")
    if std == "/L" or std == "/LI":
        for k in e.get("/K", []) if isinstance(e.get("/K"), list) else [e.get("/K")]:
            kd = obj(k) if isinstance(k, str) else None
            if isinstance(kd, dict) and kd.get("/Type", "/StructElem") == "/StructElem":
                allowed = ("/LI", "/Caption", "/L") if std == "/L" else ("/Lbl", "/LBody")
                if standard_type(kd.get("/S")) not in allowed:
                    fail(f"{ref}: {std} holds a {kd.get('/S')} (09-005)")
    if std == "/Note" and not e.get("/ID"):
        fail(f"{ref}: a Note without /ID (19-003)")
    if "/Lang" in e:
        language_ok(ref, e["/Lang"])
    m = re.fullmatch(r"/H([1-6])", std or "")
    if m or std == "/H":
        headings.append((int(m.group(1)) if m else 0, ref))


if (obj(root.get("/MarkInfo")) or {}).get("/Suspects"):
    fail("catalog: /MarkInfo /Suspects true (01-007)")
if "/Encrypt" in doc["trailer"]["value"]:
    fail("the file is encrypted (26-001)")
if "/Lang" in root:
    language_ok("catalog", root["/Lang"])
prefs = obj(root.get("/ViewerPreferences")) or {}
if "/Metadata" in root:
    import xml.etree.ElementTree as ET
    NS = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "dc": "http://purl.org/dc/elements/1.1/",
          "pdfuaid": "http://www.aiim.org/pdfua/ns/id/"}
    try:
        x = ET.fromstring(re.sub(rb"<\?xpacket[^>]*\?>", b"", stream_data(root["/Metadata"])))
        title = x.find(".//dc:title/rdf:Alt/rdf:li", NS)
        part = x.find(".//pdfuaid:part", NS)
        if title is None or not (title.text or "").strip():
            fail("XMP: no dc:title (06-003)")
        if part is None or part.text != "1":
            fail("XMP: no pdfuaid:part 1, the PDF/UA-1 identifier (06-002)")
    except ET.ParseError as err:
        fail(f"XMP: not XML ({err}) (06-001)")
for a_ref in (a for ref in pages for a in obj(ref).get("/Annots", [])):
    if obj(a_ref).get("/Subtype") not in ("/Link", "/Widget", "/PrinterMark", "/Popup"):
        fail(f"annotation {a_ref} ({obj(a_ref).get('/Subtype')}) in no Annot element (ISO 14289-1 7.18.1)")

if tree_root:
    tr = obj(tree_root)
    for name, to in (obj(tr.get("/RoleMap")) or {}).items():
        role_map[name] = to
        if name[1:] in STANDARD:
            fail(f"RoleMap: the standard type {name} is mapped to {to} (02-004)")
    kids = tr.get("/K", [])
    for k in kids if isinstance(kids, list) else [kids]:
        walk(k, None)
    # 14-002, 14-003: the first heading H1, no level skipped going down; H and Hn not mixed
    levels = [lvl for lvl, _ in headings]
    if levels and 0 in levels and any(levels):
        fail("headings: both H and H1-H6")
    elif levels and levels[0] > 1:
        fail(f"headings: the first is H{levels[0]}, not H1 (14-002)")
    for (prev, _), (lvl, ref) in zip(headings, headings[1:]):
        if prev and lvl > prev + 1:
            fail(f"{ref}: H{lvl} after H{prev}, a level skipped (14-003)")
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
            fail(f"page {p + 1}: links but no /Tabs /S (ISO 14289-1 7.18.3)")
        for a in annots:
            ad = obj(a)
            if a not in objrs:
                fail(f"page {p + 1}: link annotation {a} is in no Link element")
            elif parent_tree.get(ad.get("/StructParent")) != objrs[a]:
                fail(f"page {p + 1}: link annotation {a}'s /StructParent does not map to its Link")
            if not ad.get("/Contents"):
                fail(f"page {p + 1}: link annotation {a} without /Contents (28-012)")

for f in fails[:40]:
    print(f)
if len(fails) > 40:
    print(f"... and {len(fails) - 40} more")
sys.exit(1 if fails else 0)
