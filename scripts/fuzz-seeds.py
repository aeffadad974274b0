#!/usr/bin/env python3
"""Regenerates the committed fuzz corpora, Fuzz/<Target>/corpus/, from the samples, the shipped
rules and report templates, the conformance files (../shared/conformance, or
$CUESHEET_CONFORMANCE_DIR) and a few hand-made hostile inputs taken from the tests.

Run from the repository root: python3 scripts/fuzz-seeds.py. Each corpus is a few dozen small
files (named by content hash, as libFuzzer names its own). Crash inputs found later are not added
here: they become regression tests (docs/fuzzing.md)."""
import hashlib
import json
import os
import re
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONFORMANCE = os.environ.get(
    "CUESHEET_CONFORMANCE_DIR", os.path.join(ROOT, "..", "shared", "conformance"))


def write(target, seeds):
    folder = os.path.join(ROOT, "Fuzz", target, "corpus")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    unique = {}
    for seed in seeds:
        data = seed if isinstance(seed, bytes) else seed.encode()
        unique[hashlib.sha1(data).hexdigest()] = data
    for name, data in sorted(unique.items()):
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)
    print(f"{target}: {len(unique)} seeds")


def head(path, lines):
    with open(path, "rb") as f:
        return b"".join(f.readlines()[:lines])


def csv_seeds():
    seeds = []
    for i, name in enumerate(sorted(os.listdir(os.path.join(ROOT, "samples")))):
        if name.endswith(".csv"):
            body = head(os.path.join(ROOT, "samples", name), 4)
            seeds += [bytes([i * 37 % 256]) + body, bytes([0]) + body]
    spectrum = os.path.join(CONFORMANCE, "csv-spectrum", "csvs")
    if os.path.isdir(spectrum):
        for i, name in enumerate(sorted(os.listdir(spectrum))):
            with open(os.path.join(spectrum, name), "rb") as f:
                seeds.append(bytes([i]) + f.read()[:600])
    hostile = [
        b"\xef\xbb\xbfa,b\r\n1,2\r\n", b'a,"b\r\nc",d\n', b'"unterminated\n', b'"a"x,b\n',
        b"a,b\r", b'"", ""\n\n\n"x""y",z', b"37\xc2\xb036'37.8\"N,1\n", b"\xff\xfe,\x00\n",
        b'show_id,name\n"s1","The ""Show"""\n', b"=cmd|' /C calc'!A0,+1,-2\n",
    ]
    seeds += [bytes([n]) + h for n, h in zip(range(0, 256, 25), hostile)]
    return seeds


def cel_seeds():
    exprs = []
    for suite in ("cel", "cel-extensions"):
        folder = os.path.join(CONFORMANCE, suite)
        if not os.path.isdir(folder):
            sys.exit(f"fuzz-seeds.py: {folder} is missing; set CUESHEET_CONFORMANCE_DIR")
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".json"):
                continue
            with open(os.path.join(folder, name)) as f:
                tests = json.load(f)["tests"]
            step = max(1, len(tests) // 3)
            exprs += [t["expr"] for t in tests[::step][:3]]
    exprs += [
        "i + 1 > 0 && s.startsWith('h')", "l.map(x, x * i).filter(y, y < 0).size()",
        "m['a'] + m.b", "d.k[1] == 'x'", "ls.exists(c, c in ['tech'])", "u * 2u", "f / 0.0",
        "string(i) + s.upperAscii()", "[1, 2, 3].all(x, x > 0) ? 'y' : 'n'",
        "timestamp('2024-03-31T01:00:00Z') + duration('90m')", "b || i / 0 == 1",
        "s.matches('^h.*o$')", "size(b'\\x00\\xff')", "int('9223372036854775807') + 1",
        "{'a': [1, {'b': null}]}.a[1].b == null", "cel.bind(x, i * i, x + x)",
    ]
    return exprs


def rules_seeds():
    seeds = []
    for name in sorted(os.listdir(os.path.join(ROOT, "rules"))):
        path = os.path.join(ROOT, "rules", name)
        if os.path.isfile(path):
            with open(path, "rb") as f:
                text = f.read()
            seeds += [b"\x01" + text, b"\x00" + text]
    seeds += [
        b"\x01flag F {\n  default on\n  when env == \"x\" => off\n}\n",
        b"\x01flag F {\n  variants { a = 1\n b = \"two\" }\n  default a\n  when true => split by account.id { a 50%, b 50% }\n}\n",
        b"\x00test \"t\" {\n  flag ENABLE_IO_PDF\n  context {\"env\": \"ci\"}\n  expect off reason TARGETING_MATCH\n}\n",
        b"\x01flag F {\n  default on\n  requires G\n}\nflag G {\n  default off\n  requires F\n}\n",
        b"\x01flag F {\n  default on\n  active from 2026-01-01T00:00:00Z until 2025-01-01T00:00:00Z\n}\n",
        b"\x01flag {\n", b"\x01# only a comment\n", b"\x01flag F { default on when => }",
    ]
    return seeds


def template_seeds():
    seeds = []
    for name in sorted(os.listdir(os.path.join(ROOT, "reports"))):
        if name.endswith(".md"):
            with open(os.path.join(ROOT, "reports", name), "rb") as f:
                seeds.append(f.read()[:3500])
    with open(os.path.join(ROOT, "Tests", "ReportsTests", "TemplateErrorTests.swift")) as f:
        source = f.read()
    for text in re.findall(r'text:\s*"((?:[^"\\]|\\.)*)"', source):
        seeds.append(text.encode().decode("unicode_escape").encode("latin-1", "ignore")
                     .replace("1️⃣".encode(), b""))
    seeds += [
        "---\ntitle: T\npages: shows\n---\n{% for s in q %}{{ s.name | upper }}{% endfor %}\n",
        "---\ntitle: T\n---\n{% if x > 1 %}a{% else %}b{% endif %}\n",
        "---\ntitle: T\n---\n```sql q\nSELECT 1 AS n\n```\n{% kpi q n=\"N|number\" %}\n",
        "---\ntitle: T\n---\n{% chart q x=\"day\" y=\"downloads\" %}\n",
        "---\n---\n", "{{", "{%", "---\ntitle: \"unterminated\n",
    ]
    return seeds


def cron_seeds():
    with open(os.path.join(ROOT, "Tests", "ReportsTests", "CronScheduleTests.swift")) as f:
        source = f.read()
    seeds = sorted(set(re.findall(r'"([^"\n]*\*[^"\n]*)"', source)))
    seeds += [
        "0 2 * * * Europe/Berlin", "30 1 * * sun America/Sao_Paulo", "0 0 29 2 *",
        "*/7 3-5/2 1,15,L jan-mar mon-fri Australia/Lord_Howe", "59 23 31 12 7 Pacific/Kiritimati",
        "0 0 * * * Etc/GMT+12", "0 0 L * sat Asia/Kathmandu",
    ]
    return seeds


def multipart_seeds():
    def body(parts, boundary="XyZ"):
        out = b""
        for headers, content in parts:
            out += b"--" + boundary.encode() + b"\r\n" + headers + b"\r\n\r\n" + content + b"\r\n"
        return out + b"--" + boundary.encode() + b"--\r\n"

    csv = head(os.path.join(ROOT, "samples", "shows.csv"), 3)
    kind = (b'Content-Disposition: form-data; name="kind"', b"shows")
    file = (b'Content-Disposition: form-data; name="file"; filename="shows.csv"\r\n'
            b"Content-Type: text/csv", csv)
    ct = b"multipart/form-data; boundary=XyZ\n"
    seeds = [
        b"\x07" + ct + body([kind, file]), b"\x00" + ct + body([file]),
        b"\x3f" + ct + body([file, file]), b"\x01" + ct + body([kind])[:-9],
        b"\x02" + b'multipart/form-data; boundary="a b"\n' + body([file], "a b"),
        b"\x05" + ct + b"preamble\r\n" + body([(b"content-disposition: form-data; name=file", b"x\r\n--XyZ")]),
        b"\x03" + ct + b"--XyZ\r\n" + b"X" * 200, b"\x04" + ct + body([(b"", b"")]),
    ]
    return seeds


write("CSV", csv_seeds())
write("CEL", cel_seeds())
write("Rules", rules_seeds())
write("Templates", template_seeds())
write("Cron", cron_seeds())
write("Multipart", multipart_seeds())
