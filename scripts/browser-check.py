#!/usr/bin/env python3
"""Opens every HTML page of a report build in headless Chromium and checks what a person sees.

    .venv/bin/python scripts/browser-check.py OUT [OUT ...] [--widths 1280,390] [--sample 8]
                                              [--screenshots DIR] [--no-axe]

For each page and each viewport width (default 1280 and 390 CSS px) it fails when:
  - a text element of an SVG chart sticks out of its SVG (clipped text);
  - a table cell's content is wider than the cell (text overflowing its cell);
  - the page itself scrolls sideways (something wider than the screen outside a scroll box);
  - an image does not load, or a link points to a file that does not exist (or off the build);
  - axe-core reports an accessibility violation (WCAG 2.x A/AA and best practices).
A full-page screenshot of each page at each width is written to DIR (default OUT/screenshots),
named after the page, so a person can look.

Report families with many pages (one per show) are sampled: the first and last page and evenly
spaced ones between, up to --sample per folder (0 = every page), always the same ones for the same
build. Needs Debian's chromium and chromium-driver, and selenium and axe-selenium-python from
scripts/requirements-test.txt (scripts/setup.sh installs all of them). Exit 0 when every check
passes, 1 when any fails, 2 on a usage error, 3 when the browser tools are missing.
"""

import argparse
import json
import os
import shutil
import sys
import time
import urllib.parse

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from axe_selenium_python import Axe
except ImportError as error:  # pragma: no cover - reported to the Swift test
    print(f"browser-check: missing Python package: {error.name}; run scripts/setup.sh", file=sys.stderr)
    sys.exit(3)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver") or "/usr/lib/chromium/chromedriver"

# One script per page and width: returns the problems it sees, as plain strings.
LAYOUT_CHECK = r"""
const problems = [];
const tolerance = 0.5;
function describe(el) {
  const text = (el.textContent || '').trim().replace(/\s+/g, ' ');
  return JSON.stringify(text.length > 60 ? text.slice(0, 57) + '...' : text);
}
function visible(el) { return el.getClientRects().length > 0; }
for (const text of document.querySelectorAll('svg text')) {
  if (!visible(text)) continue;
  const svg = text.ownerSVGElement;
  const a = text.getBoundingClientRect(), b = svg.getBoundingClientRect();
  if (a.left < b.left - tolerance || a.right > b.right + tolerance ||
      a.top < b.top - tolerance || a.bottom > b.bottom + tolerance) {
    problems.push(`chart text ${describe(text)} overflows its SVG ` +
      `(text ${a.left.toFixed(1)}..${a.right.toFixed(1)} x ${a.top.toFixed(1)}..${a.bottom.toFixed(1)}, ` +
      `svg ${b.left.toFixed(1)}..${b.right.toFixed(1)} x ${b.top.toFixed(1)}..${b.bottom.toFixed(1)})`);
  }
  const size = parseFloat(getComputedStyle(text).fontSize) * (b.width / svg.viewBox.baseVal.width || 1);
  if (size < 9) problems.push(`chart text ${describe(text)} is drawn at ${size.toFixed(1)} px (under 9 px)`);
}
for (const cell of document.querySelectorAll('td, th')) {
  if (!visible(cell)) continue;
  if (cell.scrollWidth > cell.clientWidth + 1) {
    problems.push(`table cell ${describe(cell)} overflows its cell (${cell.scrollWidth} px in ${cell.clientWidth} px)`);
  }
}
const page = document.scrollingElement;
if (page.scrollWidth > window.innerWidth + 1) {
  let widest = null;
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right > window.innerWidth + 1 && (!widest || r.right > widest.r.right)) widest = {el, r};
  }
  problems.push(`the page scrolls sideways (${page.scrollWidth} px in a ${window.innerWidth} px window)` +
    (widest ? `; widest: <${widest.el.tagName.toLowerCase()} class="${widest.el.className.baseVal ?? widest.el.className}">` : ''));
}
for (const img of document.images) {
  if (!img.complete || img.naturalWidth === 0) problems.push(`image ${img.getAttribute('src')} does not load`);
}
const links = [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'));
return {problems, links, height: Math.ceil(page.scrollHeight)};
"""


def pages_under(root, sample):
    """Every .html under root (screenshots excluded), with folders of many pages sampled."""
    by_folder = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "screenshots" and not d.startswith("."))
        htmls = sorted(f for f in files if f.endswith(".html"))
        if htmls:
            by_folder[folder] = [os.path.join(folder, f) for f in htmls]
    chosen, skipped = [], 0
    for folder in sorted(by_folder):
        files = by_folder[folder]
        if sample and len(files) > sample:
            picks = sorted({round(i * (len(files) - 1) / (sample - 1)) for i in range(sample)})
            skipped += len(files) - len(picks)
            files = [files[i] for i in picks]
        chosen.extend(files)
    return chosen, skipped


def check_link(page, href, roots):
    """A problem with one link, or None. Links must stay inside the build and name a real file."""
    if href.startswith("#") or href.startswith("mailto:"):
        return None
    parsed = urllib.parse.urlparse(href)
    if parsed.scheme in ("http", "https"):
        return None  # outside links are allowed; nothing on the dashboards makes one today
    if parsed.scheme and parsed.scheme != "file":
        return f"link {href!r} uses scheme {parsed.scheme!r}"
    target = os.path.normpath(os.path.join(os.path.dirname(page), urllib.parse.unquote(parsed.path)))
    if not any(target == r or target.startswith(r + os.sep) for r in roots):
        return f"link {href!r} leaves the build ({target})"
    if not os.path.isfile(target):
        return f"link {href!r} is broken: {target} does not exist"
    return None


def driver_for():
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--hide-scrollbars", "--force-color-profile=srgb", "--allow-file-access-from-files"):
        options.add_argument(argument)
    options.binary_location = CHROMIUM
    return webdriver.Chrome(options=options, service=Service(DRIVER))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("roots", nargs="+", help="build output folders (each with HTML pages)")
    parser.add_argument("--widths", default="1280,390")
    parser.add_argument("--sample", type=int, default=8,
                        help="pages checked per folder at most (0: all)")
    parser.add_argument("--screenshots", help="where screenshots go (default: FIRST_ROOT/screenshots)")
    parser.add_argument("--no-axe", action="store_true", help="skip the accessibility checks")
    parser.add_argument("--json", help="also write the findings to this JSON file")
    args = parser.parse_args()
    roots = [os.path.realpath(r) for r in args.roots]
    for root in roots:
        if not os.path.isdir(root):
            print(f"browser-check: {root} is not a folder", file=sys.stderr)
            return 2
    if not CHROMIUM or not os.path.exists(DRIVER):
        print("browser-check: chromium and chromium-driver are needed; run scripts/setup.sh", file=sys.stderr)
        return 3
    widths = [int(w) for w in args.widths.split(",")]
    shots = args.screenshots or os.path.join(roots[0], "screenshots")
    os.makedirs(shots, exist_ok=True)

    pages, skipped = [], 0
    for root in roots:
        found, left = pages_under(root, args.sample)
        pages += found
        skipped += left
    if not pages:
        print("browser-check: no HTML pages found", file=sys.stderr)
        return 1

    started = time.monotonic()
    driver = driver_for()
    findings = []
    try:
        for page in pages:
            url = "file://" + urllib.parse.quote(page)
            name = os.path.relpath(page, os.path.commonpath(roots) if len(roots) > 1 else roots[0])
            for width in widths:
                driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                    "width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})
                driver.get(url)
                result = driver.execute_script(LAYOUT_CHECK)
                problems = list(result["problems"])
                for href in sorted(set(result["links"])):
                    problem = check_link(page, href, roots)
                    if problem:
                        problems.append(problem)
                if not args.no_axe:
                    axe = Axe(driver)
                    axe.inject()
                    report = axe.run(options={"resultTypes": ["violations"]})
                    for violation in report["violations"]:
                        targets = "; ".join(" ".join(n["target"]) for n in violation["nodes"][:3])
                        problems.append(f"axe {violation['id']} ({violation['impact']}): "
                                        f"{violation['help']} [{len(violation['nodes'])} node(s): {targets}]")
                height = min(max(result["height"], 600), 16000)
                driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                    "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
                shot = os.path.join(shots, name.replace(os.sep, "__")[:-5] + f"@{width}.png")
                driver.save_screenshot(shot)
                for problem in problems:
                    findings.append({"page": name, "width": width, "problem": problem})
                    print(f"FAIL {name} @{width}px: {problem}")
    finally:
        driver.quit()
    elapsed = time.monotonic() - started
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"pages": len(pages), "widths": widths, "skipped": skipped,
                       "findings": findings, "seconds": round(elapsed, 1)}, out, indent=2)
    sampled = f", {skipped} more sampled out (--sample {args.sample})" if skipped else ""
    print(f"browser-check: {len(pages)} page(s){sampled} at {', '.join(map(str, widths))} px in "
          f"{elapsed:.0f} s: {len(findings)} problem(s); screenshots in {shots}")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
