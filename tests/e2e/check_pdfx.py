#!/usr/bin/python3
"""The PDF/X-4 structure guidepress claims for `print: pdfx: true`, read
from `qpdf --json` (no PDF/X validator runs here): the output intent with
the embedded CMYK profile (the bytes of PROFILE), /GTS_PDFXVersion,
/Trapped /False and the dates in the info dictionary, XMP metadata saying
the same, a TrimBox on every page within its MediaBox (and BleedBox), a
header of PDF 1.6 at most, and no DeviceRGB anywhere (a strict PDF/X-4
check refuses it beside a CMYK output intent): no /DeviceRGB name in any
object (images, colour spaces), no rg/RG operator in any content stream;
RGB is in an ICC-based colour space whose profile is an RGB one.

usage: check_pdfx.py FILE.pdf PROFILE.icc   (exit 1 with the failures)"""
import base64
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

pdf, profile = sys.argv[1], sys.argv[2]
objs = json.loads(subprocess.check_output(["qpdf", "--json", "--json-stream-data=inline", pdf]))["qpdf"][1]
bad = []


def obj(ref):
    o = objs.get("obj:" + ref) if isinstance(ref, str) and ref.endswith(" R") else None
    return ref if o is None else o.get("value", o.get("stream"))


def string(v):
    return v[2:] if isinstance(v, str) and v[:2] in ("u:", "b:") else v


def expect(what, cond):
    if not cond:
        bad.append(what)


trailer = objs["trailer"]["value"]
root = obj(trailer["/Root"])
info = obj(trailer["/Info"])
version = open(pdf, "rb").read(8).decode("latin-1")
expect("header %s: PDF 1.6 at most" % version, re.fullmatch(r"%PDF-1\.[0-6]", version) is not None)

intents = [obj(i) for i in root.get("/OutputIntents", [])]
expect("one output intent", len(intents) == 1)
for oi in intents:
    expect("/S /GTS_PDFX", oi.get("/S") == "/GTS_PDFX")
    expect("/Type /OutputIntent", oi.get("/Type") == "/OutputIntent")
    expect("/OutputConditionIdentifier", string(oi.get("/OutputConditionIdentifier")))
    dest = obj(oi.get("/DestOutputProfile"))
    expect("/DestOutputProfile is a stream", isinstance(dest, dict) and "data" in dest)
    if isinstance(dest, dict) and "data" in dest:
        data = base64.b64decode(dest["data"])
        expect("the profile has /N 4", dest["dict"].get("/N") == 4)
        expect("the profile is an ICC CMYK output profile", data[36:40] == b"acsp" and data[16:20] == b"CMYK"
               and data[12:16] == b"prtr")
        expect("the profile is " + profile, data == open(profile, "rb").read())

expect("/GTS_PDFXVersion (PDF/X-4) in Info", string(info.get("/GTS_PDFXVersion")) == "PDF/X-4")
expect("/Trapped /False in Info", info.get("/Trapped") == "/False")
for key in ("/CreationDate", "/ModDate", "/Title"):
    expect(key + " in Info", string(info.get(key)))

meta = obj(root.get("/Metadata"))
expect("/Metadata is an XML stream", isinstance(meta, dict) and meta.get("dict", {}).get("/Subtype") == "/XML"
       and meta["dict"].get("/Type") == "/Metadata")
if isinstance(meta, dict) and "data" in meta:
    ns = {"pdfxid": "http://www.npes.org/pdfx/ns/id/", "pdf": "http://ns.adobe.com/pdf/1.3/",
          "xmp": "http://ns.adobe.com/xap/1.0/", "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
          "dc": "http://purl.org/dc/elements/1.1/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}
    x = ET.fromstring(re.sub(rb"<\?xpacket[^>]*\?>", b"", base64.b64decode(meta["data"])))

    def field(path):
        e = x.find(".//" + path, ns)
        return e.text if e is not None else None

    expect("pdfxid:GTS_PDFXVersion PDF/X-4", field("pdfxid:GTS_PDFXVersion") == "PDF/X-4")
    expect("pdf:Trapped False", field("pdf:Trapped") == "False")
    expect("xmpMM:DocumentID, VersionID, RenditionClass",
           all(field("xmpMM:" + k) for k in ("DocumentID", "VersionID", "RenditionClass")))
    expect("dc:title is the Info /Title", field("dc:title/rdf:Alt/rdf:li") == string(info.get("/Title")))
    d = re.fullmatch(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d).*", string(info.get("/CreationDate")) or "")
    expect("xmp:CreateDate is the Info /CreationDate",
           d is not None and field("xmp:CreateDate") == "%s-%s-%sT%s:%s:%sZ" % d.groups())
    expect("xmp:ModifyDate", field("xmp:ModifyDate") is not None)
    expect("pdf:Producer is the Info /Producer", field("pdf:Producer") == string(info.get("/Producer")))
    # one packet for every claim: a tagged guide's language too
    if "/StructTreeRoot" in root:
        expect("dc:language is the catalog's /Lang", field("dc:language/rdf:Bag/rdf:li") == string(root.get("/Lang")))


def names(v):
    """Every name in a JSON value (object values, array items, nested)."""
    if isinstance(v, str):
        yield v
    elif isinstance(v, list):
        for x in v:
            yield from names(x)
    elif isinstance(v, dict):
        for k, x in v.items():
            if k != "data":
                yield from names(x)


STRINGS = re.compile(rb"\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>")


def operators(content):
    """The operators of a content stream (its strings left out)."""
    return re.findall(rb"(?<![\w/#.-])[A-Za-z'\"*]+(?![\w])", STRINGS.sub(b" ", content))


rgb_ops = 0
for key, o in objs.items():
    value = o.get("value", o.get("stream", {}).get("dict"))
    if "/DeviceRGB" in names(value):
        bad.append("%s names /DeviceRGB" % key)
    v = o.get("value")
    if isinstance(v, list) and v[:1] == ["/ICCBased"]:
        icc = obj(v[1])
        n = icc["dict"].get("/N") if isinstance(icc, dict) else None
        data = base64.b64decode(icc.get("data", "")) if isinstance(icc, dict) else b""
        expect("%s: an ICC profile of /N %s in its colour space (%r)" % (key, n, data[16:20]),
               (n, data[16:20]) in ((3, b"RGB "), (4, b"CMYK"), (1, b"GRAY")))
    stream = o.get("stream")
    if stream and "data" in stream and (stream["dict"].get("/Subtype") in (None, "/Form")) \
            and "/Type" not in stream["dict"] and "/N" not in stream["dict"]:
        rgb_ops += sum(1 for op in operators(base64.b64decode(stream["data"])) if op in (b"rg", b"RG"))
expect("no DeviceRGB rg/RG operator in any content stream (%d found)" % rgb_ops, rgb_ops == 0)


def pages(node):
    node = obj(node)
    if node.get("/Type") == "/Pages":
        for kid in node["/Kids"]:
            yield from pages(kid)
    else:
        yield node


def inside(a, b):
    return a[0] >= b[0] - 0.01 and a[1] >= b[1] - 0.01 and a[2] <= b[2] + 0.01 and a[3] <= b[3] + 0.01


n = 0
for n, page in enumerate(pages(root["/Pages"]), 1):
    media, trim = page.get("/MediaBox"), page.get("/TrimBox")
    expect("page %d has a TrimBox" % n, trim is not None)
    if trim:
        expect("page %d: TrimBox within MediaBox" % n, inside(trim, media))
        if "/BleedBox" in page:
            expect("page %d: TrimBox within BleedBox" % n, inside(trim, page["/BleedBox"]))
expect("pages", n > 0)
for b in bad:
    print("check_pdfx.py: %s: %s" % (pdf, b))
sys.exit(1 if bad else 0)
