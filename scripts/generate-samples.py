#!/usr/bin/env python3
"""Generates the sample podcast network in samples/ (deterministic: same seed, same files).

    python3 scripts/generate-samples.py [OUT_DIR]      # default: samples

One CSV per import kind, consistent with each other: every episode's show exists, metrics only for
published episodes, listeners <= downloads, the three sources agree within a few percent except for
a few deliberate >5% disagreements, live IO flights overlap 2026-11-24, pacing both healthy and at
risk. See docs/import.md for the formats.
"""
import csv
import datetime as dt
import math
import os
import random
import sys

SEED = 20261124
END = dt.date(2026, 11, 24)
DAYS = 90
START = END - dt.timedelta(days=DAYS - 1)
SOURCES = ["megaphone", "spotify", "apple"]

SHOWS = [
    # id, name, creator, categories, explicit, language, country, cpm, popularity
    ("night-shift", "Night Shift", "Dana Okafor", "true_crime;society", True, "en", "US", "32.00", 9000),
    ("byte-sized", "Byte Sized", "Priya Raman", "technology;business", False, "en", "US", "38.50", 7000),
    ("the-ledger", "The Ledger", "Marcus Hale", "business;news", False, "en", "US", "45.00", 5200),
    ("laugh-track", "Laugh Track", "Sam \"Sammy\" Ortiz", "comedy", True, "en", "US", "24.00", 12000),
    ("body-well", "Body, Well", "Dr. Lena Fischer", "health;science", False, "en", "GB", "29.00", 4100),
    ("full-court", "Full Court", "Andre Miles", "sports", True, "en", "US", "27.50", 8300),
    ("star-chart", "Star Chart", "Noor Haddad", "science;education", False, "en", "CA", "26.00", 3000),
    ("old-world", "Old World", "Tomasz Wójcik", "history;education", False, "en", "GB", "22.00", 3600),
    ("mesa-redonda", "Mesa Redonda", "Lucía Ferrer", "news;society", False, "es", "US", "18.00", 2500),
    ("first-gen", "First Gen Money", "Kelly Tran", "business;education", False, "en", "US", "34.00", 4700),
    ("after-hours", "After Hours", "Rico Vance", "comedy;music", True, "en", "US", "21.00", 6100),
    ("green-thumb", "Green Thumb", "Hattie Moss", "leisure;home", False, "en", "US", "19.50", 2200),
]

TOPICS = [
    "The beginning", "What nobody tells you", "Listener questions", "A long night",
    "Numbers, and what they hide", "The interview", "Behind the scenes", "Going back",
    "Ask us anything", "Season wrap-up", "The \"impossible\" one", "Live, from the road",
]

ADVERTISERS = [
    # id, name, category, targets, excluded, allows_explicit, max_cpm, min_downloads, agency, commission, contact, email
    ("adv-northwind", "Northwind Mattress", "home", "health;leisure;comedy", "", True, "35.00", 2000, "", "", "Ava Lin", "ava@northwind.example"),
    ("adv-ledgerly", "Ledgerly", "finance", "business;technology;education", "comedy", False, "48.00", 3000, "Spark Media", "15", "Ben Cho", "ben@ledgerly.example"),
    ("adv-cloudnine", "CloudNine Hosting", "technology", "technology;business;science", "", True, "40.00", 2500, "", "", "Cara Diaz", "cara@cloudnine.example"),
    ("adv-freshcrate", "FreshCrate Meals", "food", "health;comedy;society", "true_crime", True, "30.00", 1500, "Spark Media", "15", "Dev Patel", "dev@freshcrate.example"),
    ("adv-sprout", "Sprout Kids", "education", "education;science;home", "true_crime;comedy", False, "28.00", 1000, "", "", "Eli Park", "eli@sprout.example"),
    ("adv-velo", "Velo Sportswear", "apparel", "sports;health", "", True, "32.00", 4000, "Kinetic Partners", "12.5", "Fay Moore", "fay@velo.example"),
    ("adv-quill", "Quill Books", "media", "history;education;society", "", False, "25.00", 1000, "", "", "Gus Reid", "gus@quill.example"),
    ("adv-safeharbor", "SafeHarbor Insurance", "finance", "business;news;home", "comedy;true_crime", False, "42.00", 3500, "Kinetic Partners", "12.5", "Hana Ito", "hana@safeharbor.example"),
    ("adv-lumen", "Lumen VPN", "technology", "technology;true_crime;comedy", "", True, "36.00", 5000, "", "", "Ian Ford", "ian@lumen.example"),
    ("adv-terra", "Terra Coffee", "food", "news;business;music", "", True, "22.00", 2000, "", "", "Jo Kim", "jo@terra.example"),
]

# IO document parties (no randomness, so the other samples do not change): legal name, address,
# billing contact, billing e-mail (at the agency when the agency is invoiced), who is invoiced.
LEGAL = {
    "adv-northwind": ("Northwind Sleep Co.", "410 Harbor Way, Oakland, CA 94607, USA", "Accounts Payable", "ap@northwind.example", "advertiser"),
    "adv-ledgerly": ("Ledgerly, Inc.", "55 Water Street, New York, NY 10041, USA", "Spark Media Billing", "billing@sparkmedia.example", "agency"),
    "adv-cloudnine": ("CloudNine Hosting LLC", "900 Congress Ave, Austin, TX 78701, USA", "Billing", "billing@cloudnine.example", "advertiser"),
    "adv-freshcrate": ("FreshCrate Foods, Inc.", "12 Fulton Market, Chicago, IL 60607, USA", "Spark Media Billing", "billing@sparkmedia.example", "agency"),
    "adv-sprout": ("Sprout Learning PBC", "3 Pearl Street, Boston, MA 02110, USA", "Eli Park", "eli@sprout.example", "advertiser"),
    "adv-velo": ("Velo Sportswear Corp.", "1200 NW Naito Pkwy, Portland, OR 97209, USA", "Kinetic Accounts", "accounts@kinetic.example", "agency"),
    "adv-quill": ("Quill Books Ltd.", "77 Pike Street, Seattle, WA 98101, USA", "Gus Reid", "gus@quill.example", "advertiser"),
    "adv-safeharbor": ("SafeHarbor Mutual Insurance Company", "1 Financial Plaza, Hartford, CT 06103, USA", "Kinetic Accounts", "accounts@kinetic.example", "agency"),
    "adv-lumen": ("Lumen Privacy, Inc.", "450 Mission Street, San Francisco, CA 94105, USA", "Accounts Payable", "ap@lumen.example", "advertiser"),
    "adv-terra": ("Terra Coffee Roasters LLC", "8 Canal Street, Miami, FL 33130, USA", "Jo Kim", "jo@terra.example", "advertiser"),
}

# Agencies: legal name, address, contact, e-mail.
AGENCIES = {
    "Spark Media": ("Spark Media Group LLC", "250 Hudson Street, New York, NY 10013, USA", "Mia Torres", "mia@sparkmedia.example"),
    "Kinetic Partners": ("Kinetic Partners Inc.", "600 Congress Street, Boston, MA 02210, USA", "Raj Mehta", "raj@kinetic.example"),
}

STAGES = ["lead", "qualified", "proposal", "negotiation", "closed_won", "closed_lost"]


def money(value):
    return f"{value:.2f}"


def write(out, name, header, rows):
    path = os.path.join(out, name)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    print(f"{path}: {len(rows)} rows")


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "samples"
    os.makedirs(out, exist_ok=True)
    rng = random.Random(SEED)

    # Shows.
    write(out, "shows.csv",
          ["show_id", "name", "creator", "categories", "explicit", "language", "country", "cpm", "description"],
          [[s[0], s[1], s[2], s[3], "true" if s[4] else "false", s[5], s[6], s[7],
            f"{s[1]}, hosted by {s[2]}."] for s in SHOWS])

    # Episodes: 10 per show, one every 9 days, the newest a few days before END.
    episodes = []
    for index, show in enumerate(SHOWS):
        offset = index % 7
        for number in range(1, 11):
            published = END - dt.timedelta(days=offset + 9 * (10 - number) + 2)
            title = f"{number}. {TOPICS[(number + index) % len(TOPICS)]}"
            episodes.append((f"{show[0]}-{number:03d}", show[0], title, published,
                             rng.randint(1200, 4800), show[8]))
    write(out, "episodes.csv",
          ["episode_id", "show_id", "title", "published_on", "duration_seconds"],
          [[e[0], e[1], e[2], e[3].isoformat(), e[4]] for e in episodes])

    # Metrics: per episode and day since publication, from three sources.
    # Deliberate disagreements (> 5%) for the ops dashboard: spotify under-reports one show for a
    # week, apple over-reports one episode on two days.
    metrics = []
    for episode_id, show_id, _, published, _, popularity in episodes:
        scale = popularity * rng.uniform(0.7, 1.3)
        first = max(published, START)
        day = first
        while day <= END:
            age = (day - published).days
            downloads = int(scale * (0.65 * math.exp(-age / 2.5) + 0.04 * math.exp(-age / 40)) + rng.randint(0, 6))
            if day.weekday() >= 5:
                downloads = int(downloads * 0.85)
            for source in SOURCES:
                factor = 1.0 if source == "megaphone" else rng.uniform(0.985, 1.015)
                if source == "spotify" and show_id == "full-court" and END - dt.timedelta(days=9) <= day <= END - dt.timedelta(days=3):
                    factor = 0.88
                if source == "apple" and episode_id == "byte-sized-010" and day in (END - dt.timedelta(days=1), END):
                    factor = 1.12
                d = max(0, int(downloads * factor))
                listeners = int(d * rng.uniform(0.72, 0.86))
                impressions = int(d * rng.uniform(1.6, 2.1))
                metrics.append([day.isoformat(), episode_id, source, d, listeners, impressions])
            day += dt.timedelta(days=1)
    metrics.sort(key=lambda row: (row[0], row[1], row[2]))
    write(out, "metrics_daily.csv",
          ["day", "episode_id", "source", "downloads", "listeners", "impressions"], metrics)

    # Advertisers.
    write(out, "advertisers.csv",
          ["advertiser_id", "name", "category", "target_categories", "excluded_categories",
           "allows_explicit", "max_cpm", "min_downloads", "agency", "agency_commission",
           "contact_name", "contact_email", "legal_name", "address", "billing_contact_name",
           "billing_contact_email", "invoice_to", "agency_legal_name", "agency_address",
           "agency_contact_name", "agency_contact_email"],
          [[a[0], a[1], a[2], a[3], a[4], "yes" if a[5] else "no", a[6], a[7], a[8], a[9], a[10], a[11]]
           + list(LEGAL[a[0]]) + list(AGENCIES.get(a[8], ("", "", "", "")))
           for a in ADVERTISERS])

    # Campaigns: 15, every stage present; the won ones carry the IO bookings.
    campaign_stages = ["closed_won"] * 6 + ["negotiation"] * 2 + ["proposal"] * 2 + ["qualified", "lead", "lead", "closed_lost", "closed_lost"]
    campaigns = []
    for number, stage in enumerate(campaign_stages, start=1):
        advertiser = ADVERTISERS[(number - 1) % len(ADVERTISERS)]
        starts = dt.date(2026, 9, 1) + dt.timedelta(days=7 * ((number * 3) % 12))
        ends = starts + dt.timedelta(days=rng.choice([45, 60, 90, 120]))
        budget = rng.choice([8000, 12000, 15000, 25000, 40000, 60000])
        season = ["Q4 Push", "Holiday", "Brand Lift", "Launch", "Always On"][number % 5]
        # Won campaigns of even number carry a PO number; every campaign has talking points.
        po = f"PO-{2026}-{4100 + number}" if stage == "closed_won" and number % 2 == 0 else ""
        points = (f"{advertiser[1]}: mention the offer code and the vanity URL twice; "
                  f"no claims about competitors; keep it in the host's voice.")
        campaigns.append([f"cmp-{number:03d}", advertiser[0], f"{advertiser[1]} {season}", stage,
                          money(budget), starts.isoformat(), ends.isoformat(), po, points])
    write(out, "campaigns.csv",
          ["campaign_id", "advertiser_id", "name", "stage", "budget", "starts_on", "ends_on",
           "po_number", "talking_points"], campaigns)

    # Recent daily ad impressions per show (megaphone), to set goals that pace well or badly.
    recent = {}
    for day, episode_id, source, _, _, impressions in metrics:
        if source == "megaphone" and day > (END - dt.timedelta(days=14)).isoformat():
            show_id = episode_id.rsplit("-", 1)[0]
            recent[show_id] = recent.get(show_id, 0) + impressions / 14

    # IO bookings: 20, every status, flights around END.
    won = [c for c in campaigns if c[3] == "closed_won"]
    pending = [c for c in campaigns if c[3] == "negotiation"]
    plan = (["live"] * 6 + ["completed"] * 4 + ["scheduled"] * 4 + ["draft"] * 3 + ["cancelled"] * 3)
    bookings = []
    for number, status in enumerate(plan, start=1):
        campaign = (pending if status == "draft" else won)[number % len(pending if status == "draft" else won)]
        show = SHOWS[(number * 5) % len(SHOWS)]
        if status == "live":
            start = END - dt.timedelta(days=rng.randint(5, 20))
            end = END + dt.timedelta(days=rng.randint(5, 25))
        elif status == "completed":
            end = END - dt.timedelta(days=rng.randint(3, 30))
            start = end - dt.timedelta(days=rng.randint(14, 30))
        else:
            start = END + dt.timedelta(days=rng.randint(3, 30))
            end = start + dt.timedelta(days=rng.randint(14, 35))
        placement = ["pre", "mid", "post"][number % 3]
        advertiser = next(a for a in ADVERTISERS if a[0] == campaign[1])
        brand = advertiser[1].split()[0].upper()
        if number % 4 == 0:
            rate_type, rate, spots, goal = "flat", money(rng.choice([750, 1200, 2000])), rng.randint(2, 8), ""
        else:
            # Live bookings alternate between a goal delivery beats (healthy pacing) and one it
            # falls well short of (at risk).
            days = (end - start).days + 1
            pace = 0.6 if status != "live" or number % 2 == 0 else 1.8
            goal = int(recent[show[0]] * days * pace / 100) * 100
            rate_type, rate, spots = "cpm", show[7], ""
        promo = f"{brand}{show[0].split('-')[0].upper()}{number}"[:20]
        vanity = f"{advertiser[1].split()[0].lower()}.example/{show[0]}" if number % 3 else f"https://{advertiser[1].split()[0].lower()}.example/podcast?via={show[0]}"
        bookings.append([f"IO-{1000 + number}", campaign[0], show[0], placement, spots, start.isoformat(),
                         end.isoformat(), rate_type, rate, goal, promo, vanity, status,
                         "produced" if number % 5 == 0 else "host_read",
                         30 if number % 5 == 0 else 60])
    write(out, "io_bookings.csv",
          ["io_id", "campaign_id", "show_id", "placement", "spots", "flight_start", "flight_end",
           "rate_type", "rate", "impressions_goal", "promo_code", "vanity_url", "status", "ad_format",
           "spot_length"],
          bookings)


if __name__ == "__main__":
    main()
