#!/usr/bin/python3
"""Validate guidepress YAML files against a JSON Schema.

usage: check.py SCHEMA FILE...

Exit status 0 if every FILE is valid, 1 if any is not (each problem is
printed as FILE:LINE:COLUMN: error: MESSAGE), 2 on a bad command line or
an unusable schema.

YAML is read the way guidepress reads it (src/load/yaml.c, schema.c), not
with PyYAML's YAML 1.1 rules, so that the schema sees the same values the
program does:
  - a quoted or block scalar is always a string;
  - a plain scalar is null if it is empty, ~, null or Null; a boolean if it
    is true/True/TRUE/yes/Yes/on or false/False/FALSE/no/No/off; an integer
    if it is decimal digits with an optional sign; otherwise a string
    (so 2009-01-01, 1:30 or 0x1F stay strings);
  - tags are ignored, keys are always strings, and `<<` is an ordinary key;
  - a duplicate key, a non-scalar key, more than one document, nesting
    deeper than 64 levels or more than 1,000,000 nodes after expanding
    aliases are errors, as in guidepress.
"""
import json
import re
import sys

import yaml

try:
    import jsonschema
except ImportError:  # pragma: no cover
    sys.stderr.write("check.py: python3-jsonschema is missing (apt-get install python3-jsonschema)\n")
    sys.exit(2)

try:
    Loader = yaml.CSafeLoader  # libyaml, the parser guidepress uses
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    Loader = yaml.SafeLoader  # note: rejects some flow scalars libyaml accepts (like `[Why?, How?]`)

NULLS = {"", "~", "null", "Null"}
TRUES = {"true", "True", "TRUE", "yes", "Yes", "on"}
FALSES = {"false", "False", "FALSE", "no", "No", "off"}
INT_RE = re.compile(r"[+-]?[0-9]+\Z")
MAX_DEPTH = 64
MAX_NODES = 1000000


class LoadError(Exception):
    def __init__(self, mark, message):
        super().__init__(message)
        self.mark = mark
        self.message = message


def scalar_value(node):
    s = node.value
    if node.style:  # quoted or block scalar (plain is None, or "" from libyaml)
        return s
    if s in NULLS:
        return None
    if s in TRUES:
        return True
    if s in FALSES:
        return False
    if INT_RE.match(s):
        return int(s)
    return s


def convert(root):
    """Compose-node tree -> Python values, as guidepress sees them."""
    weights = {}

    def weight(node, depth):
        if depth > MAX_DEPTH:
            raise LoadError(node.start_mark, "nesting is deeper than %d levels" % MAX_DEPTH)
        key = id(node)
        if key in weights:
            return weights[key]
        w = 1
        if isinstance(node, yaml.MappingNode):
            for _k, v in node.value:
                w += weight(v, depth + 1)
                if w > MAX_NODES:
                    raise LoadError(node.start_mark, "the document is too large once its aliases are expanded")
        elif isinstance(node, yaml.SequenceNode):
            for v in node.value:
                w += weight(v, depth + 1)
                if w > MAX_NODES:
                    raise LoadError(node.start_mark, "the document is too large once its aliases are expanded")
        weights[key] = w
        return w

    weight(root, 0)
    done = {}

    def build(node):
        key = id(node)
        if key in done:
            return done[key]
        if isinstance(node, yaml.ScalarNode):
            value = scalar_value(node)
        elif isinstance(node, yaml.SequenceNode):
            value = []
            done[key] = value
            value.extend(build(v) for v in node.value)
        else:
            value = {}
            done[key] = value
            for k, v in node.value:
                if not isinstance(k, yaml.ScalarNode):
                    raise LoadError(k.start_mark, "a key must be a plain string")
                if k.value in value:
                    raise LoadError(k.start_mark, "duplicate key `%s`" % k.value)
                value[k.value] = build(v)
        done[key] = value
        return value

    return build(root)


def node_at(root, path):
    """The compose node at a JSON path (for its line and column)."""
    node = root
    for part in path:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == part:
                    node = v
                    break
            else:
                return node
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            return node
    return node


def where(mark):
    return "%d:%d" % (mark.line + 1, mark.column + 1)


def leaves(errors):
    for e in errors:
        if e.context:
            yield from leaves(e.context)
        else:
            yield e


def shorten(value, limit=60):
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def describe(error):
    """One readable line per error: for anyOf/oneOf, the problem inside the
    branch that got furthest; for patterns, the schema's description."""
    if error.validator in ("anyOf", "oneOf") and error.context:
        best = max(leaves(error.context), key=lambda e: (len(e.absolute_path), e.validator != "type"))
        if len(best.absolute_path) > len(error.absolute_path):
            return describe(best)
    if error.validator in ("anyOf", "oneOf", "pattern", "not") and isinstance(error.schema, dict):
        what = error.schema.get("description")
        if what:
            return error, "%s is not valid here. Expected: %s" % (shorten(error.instance), what)
    if error.validator == "enum" and len(error.validator_value) > 3:
        return error, "%s is not one of: %s" % (shorten(error.instance), ", ".join(map(str, error.validator_value)))
    return error, error.message


def check_file(validator, path):
    """Returns a list of (position, message)."""
    try:
        with open(path, "rb") as f:
            data = f.read()
        text = data.decode("utf-8")
    except OSError as e:
        return [("1:1", "cannot read the file: %s" % e.strerror)]
    except UnicodeDecodeError as e:
        return [("1:1", "the file is not valid UTF-8 (byte 0x%02X at offset %d)" % (data[e.start], e.start))]
    try:
        root = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        return [(where(mark) if mark else "1:1", "invalid YAML: %s" % (e.problem or e.context))]
    except yaml.YAMLError as e:
        return [("1:1", "invalid YAML: %s" % e)]
    except RecursionError:
        return [("1:1", "nesting is too deep")]
    if root is None or (isinstance(root, yaml.ScalarNode) and not root.style and root.value == ""):
        return [("1:1", "the file is empty")]
    try:
        instance = convert(root)
    except LoadError as e:
        return [(where(e.mark), e.message)]
    except RecursionError:
        return [("1:1", "nesting is too deep")]
    problems = []
    for error in validator.iter_errors(instance):
        shown, message = describe(error)
        path = list(shown.absolute_path)
        node = node_at(root, path)
        at = "/" + "/".join(str(p) for p in path)
        if shown.validator == "additionalProperties" and isinstance(node, yaml.MappingNode):
            # One error per unknown key, pointing at the key, as guidepress does.
            known = shown.schema.get("properties", {})
            for k, _v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value not in known:
                    problems.append((k.start_mark, "unknown key `%s` (at %s); known keys: %s"
                                     % (k.value, at, ", ".join(known))))
            continue
        problems.append((node.start_mark, "%s (at %s)" % (message, at)))
    problems.sort(key=lambda p: (p[0].line, p[0].column))
    return [(where(mark), message) for mark, message in problems]


def main(argv):
    if len(argv) < 3 or argv[1] in ("-h", "--help"):
        sys.stderr.write("usage: check.py SCHEMA FILE...\n")
        return 2
    try:
        with open(argv[1], encoding="utf-8") as f:
            schema = json.load(f)
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
    except (OSError, ValueError, jsonschema.exceptions.SchemaError) as e:
        sys.stderr.write("check.py: %s: unusable schema: %s\n" % (argv[1], e))
        return 2
    validator = cls(schema)
    failed = 0
    for path in argv[2:]:
        problems = check_file(validator, path)
        if problems:
            failed += 1
        for pos, message in problems:
            print("%s:%s: error: %s" % (path, pos, message))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
