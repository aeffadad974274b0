#!/usr/bin/env python3
"""Writes a samples folder for `cuesheet demo --samples DIR`: the shipped samples plus many shows
with long, hostile names, to check that the dashboards stay readable and safe.

    python3 scripts/hostile-samples.py OUT_DIR [--shows 1000] [--days 45]

Every added show gets a name the importer accepts but a page must survive: up to 200 characters,
right-to-left Hebrew and Arabic, emoji (with ZWJ sequences and flags), `<script>` and HTML
entities, quotes and commas, spreadsheet formulas (`=HYPERLINK(...)`, `+1`, `@x`, `-2`), and words
with no space to break at. Each show has two episodes with daily metrics (two sources that
sometimes disagree), and a few advertisers, campaigns and live IOs use hostile names too, so every
dashboard family shows them. Deterministic: the same arguments write the same files.
"""

import argparse
import csv
import datetime
import os
import random
import shutil
import sys

HOSTILE = [
    "<script>alert('pwned')</script>",
    "\"><img src=x onerror=alert(1)>",
    "&amp; &lt;b&gt; not bold &#x3C;",
    "=HYPERLINK(\"http://evil.example\",\"click\")",
    "+1+1", "-2+3", "@SUM(A1:A9)",
    "שלום עולם — פודקאסט הבוקר",
    "بودكاست الصباح مع الأصدقاء",
    "🎙️🔥 Pod 👩‍👩‍👧‍👦 🇺🇦🇯🇵",
    "Supercalifragilisticexpialidocious" * 3,
    "Comma, \"quoted\", and 'single'",
    "日本語のポッドキャスト番組",
    "Ünïcödé Çafé Naïveté",
]


def hostile_name(index, rng):
    parts = [rng.choice(HOSTILE) for _ in range(rng.randint(1, 6))]
    name = f"{index:04d} " + " ".join(parts)
    if index % 7 == 0:
        name = (name + " " + "x" * 200)  # the longest names reach exactly 200 characters
    return name[:200].strip()


def copy_rows(source, target):
    with open(source, newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out")
    parser.add_argument("--samples", default=os.path.join(os.path.dirname(__file__), "..", "samples"))
    parser.add_argument("--shows", type=int, default=1000)
    parser.add_argument("--days", type=int, default=45)
    args = parser.parse_args()
    rng = random.Random(18)
    os.makedirs(args.out, exist_ok=True)
    for name in os.listdir(args.samples):
        if name.endswith(".csv"):
            shutil.copy(os.path.join(args.samples, name), os.path.join(args.out, name))

    def append(name, rows):
        with open(os.path.join(args.out, name), "a", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows(rows)

    with open(os.path.join(args.samples, "metrics_daily.csv")) as f:
        last_day = max(line.split(",")[0] for line in list(f)[1:])
    end = datetime.date.fromisoformat(last_day)

    shows, episodes, metrics = [], [], []
    categories = ["comedy", "business", "technology", "health", "society", "leisure"]
    for i in range(args.shows):
        show_id = f"hostile-{i:04d}"
        name = hostile_name(i, rng)
        creator = hostile_name(i + 5000, rng)[:120]
        shows.append([show_id, name, creator, ";".join(rng.sample(categories, 2)),
                      "false", "en", "US", f"{rng.uniform(15, 45):.2f}", name[:150]])
        for e in range(2):
            episode_id = f"{show_id}-{e + 1:03d}"
            published = end - datetime.timedelta(days=args.days - 1 - e * 10)
            episodes.append([episode_id, show_id, f"{e + 1}. {hostile_name(i * 3 + e, rng)[:180]}",
                             published.isoformat(), str(rng.randint(900, 4800))])
            base = rng.randint(20, 4000)
            for d in range(args.days - e * 10):
                day = (published + datetime.timedelta(days=d)).isoformat()
                downloads = max(0, int(base * rng.uniform(0.6, 1.3) / (1 + d / 20)))
                listeners = int(downloads * 0.8)
                impressions = int(downloads * 1.6)
                metrics.append([day, episode_id, "megaphone", downloads, listeners, impressions])
                if rng.random() < 0.2:
                    other = int(downloads * rng.uniform(0.8, 1.0))
                    metrics.append([day, episode_id, "spotify", other, int(other * 0.8), int(other * 1.6)])
    append("shows.csv", shows)
    append("episodes.csv", episodes)
    append("metrics_daily.csv", metrics)

    advertisers, campaigns, bookings = [], [], []
    stages = ["lead", "qualified", "proposal", "negotiation", "closed_won", "closed_lost"]
    for a in range(8):
        advertiser_id = f"adv-hostile-{a}"
        advertisers.append([advertiser_id, hostile_name(9000 + a, rng), "leisure", "comedy;business", "",
                            "yes", "60.00", "100", "", "", "Eve <script>", f"eve{a}@x.example"])
        for c in range(2):
            campaign_id = f"cmp-hostile-{a}-{c}"
            stage = stages[(a + c) % len(stages)]
            starts = end - datetime.timedelta(days=30)
            campaigns.append([campaign_id, advertiser_id, hostile_name(9100 + a * 2 + c, rng), stage,
                              f"{rng.randint(1000, 900000)}.00", starts.isoformat(),
                              (end + datetime.timedelta(days=30 - 40 * (c % 2))).isoformat()])
            if stage == "closed_won":
                for b in range(3):
                    show = f"hostile-{(a * 7 + b * 13) % args.shows:04d}"
                    bookings.append([f"IO-H{a}{c}{b}", campaign_id, show, ["pre", "mid", "post"][b], "",
                                     (end - datetime.timedelta(days=20)).isoformat(),
                                     (end + datetime.timedelta(days=10)).isoformat(), "cpm", "25.00",
                                     str(rng.randint(50_000, 400_000)), f"=CODE{a}{b}",
                                     f"x.example/{a}{b}", "live", "host_read"])
    append("advertisers.csv", advertisers)
    append("campaigns.csv", campaigns)
    append("io_bookings.csv", bookings)
    print(f"hostile-samples: {args.out}: {args.shows} shows, {len(episodes)} episodes, "
          f"{len(metrics)} metric rows, {len(advertisers)} advertisers, {len(bookings)} IOs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
