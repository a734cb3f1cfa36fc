"""API latency benchmark: synthetic events in SQLite, 8 concurrent clients on loopback.

    python bench/api_bench.py --events 1000000 --db .sitrep/bench-api.db

Loads ``--events`` synthetic events (10 per article; actors from 30 countries,
16 PLOVER types, 10 years of dates) into a SQLite store with one bulk
transaction (then counts the kept dyad series, ``Store.rebuild_dyad_counts``),
starts ``sitrep``'s app under uvicorn in a subprocess on a free 127.0.0.1 port
(one process, as ``sitrep serve`` runs it; ``--workers N`` for N processes), and
drives it with ``--clients`` threads. Reports p50/p95 latency of (1) the event
list with filters, (2) the dyad series and (3) full-text article search. Goal:
p95 under 200 ms for each. An existing database with the same event count is
reused (``--reload`` rebuilds it). Latency under 8 clients is CPU-bound: on a
shared machine, note the load (``uptime``) beside the figures.
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

#: Events per synthetic article.
PER_ARTICLE = 10
COUNTRIES = ("CHN", "RUS", "USA", "IND", "PAK", "IRN", "ISR", "TUR", "UKR", "FRA", "GBR", "DEU",
             "JPN", "KOR", "PRK", "SAU", "EGY", "SYR", "IRQ", "AFG", "BRA", "NGA", "ETH", "SDN",
             "VNM", "PHL", "IDN", "AUS", "CAN", "POL")
TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
CONTEXTS = ("military", "nuclear", "diplomatic", "economic", "maritime", "cyber", "terrorism")
CITIES = (("Harbin", 45.75, 126.65), ("Moscow", 55.75, 37.62), ("Kyiv", 50.45, 30.52),
          ("Tehran", 35.69, 51.39), ("Karachi", 24.86, 67.01), ("Manila", 14.6, 120.98),
          ("Damascus", 33.51, 36.29), ("Kabul", 34.53, 69.17), ("Lagos", 6.45, 3.39),
          ("Seoul", 37.57, 126.98), ("Washington", 38.9, -77.04), ("Ankara", 39.93, 32.86))
TOPICS = ("nuclear", "missile", "exercise", "frigate", "submarine", "drone", "border", "sanctions",
          "ceasefire", "artillery", "summit", "treaty", "helicopter", "radar", "airstrike", "navy")


def _weights(n: int) -> list[float]:
    return [1 / (i + 1) ** 0.8 for i in range(n)]


def load(db: Path, n_events: int, seed: int = 7) -> float:
    """Create the store schema and bulk-insert the synthetic data; return seconds."""
    from sitrep.store import Store

    t0 = time.time()
    db.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    Store.open(str(db)).close()  # schema and migrations
    rng = random.Random(seed)
    cw, tw = _weights(len(COUNTRIES)), _weights(len(TYPES))
    con = sqlite3.connect(db)
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA cache_size=-200000")
    n_articles = max(1, n_events // PER_ARTICLE)
    arts, evs, dyads = [], [], []
    event_id = 0
    for ai in range(n_articles):
        aid = f"b{ai:015d}"
        day = rng.randrange(3650)
        date = time.strftime("%Y-%m-%d", time.gmtime(1420070400 + day * 86400))
        words = rng.sample(TOPICS, 3) + [f"w{rng.randrange(5000)}" for _ in range(30)]
        text = " ".join(words)
        arts.append((aid, f"h{ai:063d}", "bench", f"Report {ai} {words[0]} {words[1]}", date,
                     f"pub{ai % 40}", "[]", text, json.dumps([text]), "[]", "en",
                     f"s{ai // 3}", 1, "{}", "{}", "2026-01-01"))
        for _ in range(PER_ARTICLE):
            event_id += 1
            a, b = rng.choices(COUNTRIES, cw, k=2)
            typ = rng.choices(TYPES, tw)[0]
            recip = a != b and rng.random() < 0.8
            actors = [{"text": a, "name": a, "country": a, "sector": "GOV"}]
            recips = [{"text": b, "name": b, "country": b, "sector": "MIL"}] if recip else []
            if not recip and a != b:
                actors.append({"text": b, "name": b, "country": b, "sector": "GOV"})
            city = rng.choice(CITIES) if rng.random() < 0.5 else None
            evs.append((event_id, aid, typ, None, json.dumps(rng.sample(CONTEXTS, 2)),
                        json.dumps(actors), json.dumps(recips),
                        "|" + "|".join(sorted({x["country"] for x in actors})) + "|",
                        f"|{b}|" if recip else None, date, "day",
                        json.dumps({"start": 0, "end": 5, "text": city[0], "name": city[0],
                                    "lat": city[1], "lon": city[2], "country": None,
                                    "geonameid": None, "feature": None}) if city else None,
                        city[0] if city else None, city[1] if city else None,
                        city[2] if city else None, 0, 20,
                        f"{a} and {b} {typ.lower()} over {words[0]} {words[3]}", 0.8, "bench", "0"))
            srcs = sorted({x["country"] for x in actors})
            dsts = sorted({x["country"] for x in recips})
            pairs = [(s, t) for s in srcs for t in dsts if s != t] if dsts else \
                [(s, t) for s in srcs for t in srcs if s != t]
            dyads += [(event_id, s, t, typ, date) for s, t in pairs]
        if len(evs) >= 100_000 or ai == n_articles - 1:
            con.executemany("INSERT INTO articles (id, content_hash, source, title, published, "
                            "publisher, tags, text, paragraphs, captions, language, story_id, "
                            "annotated, components, meta, ingested_at) VALUES "
                            "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", arts)
            con.executemany("INSERT INTO events (id, article_id, type, mode, context, actors, "
                            "recipients, actor_countries, recipient_countries, date, "
                            "date_precision, location, location_name, lat, lon, evidence_start, "
                            "evidence_end, evidence_text, confidence, coder, coder_version) "
                            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", evs)
            con.executemany("INSERT INTO event_dyads (event_id, source_country, target_country, "
                            "type, date) VALUES (?,?,?,?,?)", dyads)
            arts, evs, dyads = [], [], []
            print(f"  loaded {event_id:,} events", file=sys.stderr)
    con.commit()
    con.close()
    print("  counting the dyad series (dyad_counts) …", file=sys.stderr)
    with Store.open(str(db)) as store:  # rows went in directly: recount the kept series
        store.rebuild_dyad_counts()
    con = sqlite3.connect(db)
    con.execute("ANALYZE")
    con.close()
    return time.time() - t0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: str, port: int, workers: int = 1) -> None:
    """Run the app (subprocess entry point): one process as ``sitrep serve`` runs it,
    or ``workers`` processes, each with its own store connections and caches."""
    import os

    import uvicorn

    if workers == 1:
        uvicorn.run(_app(db), host="127.0.0.1", port=port, log_level="warning")
        return
    os.environ.update({"SITREP_DB": db, "SITREP_TOKEN": "bench"})
    uvicorn.run("sitrep.api.app:app_from_env", factory=True, workers=workers,
                host="127.0.0.1", port=port, log_level="warning")


def _app(db: str):
    from sitrep.api import Settings, create_app
    from sitrep.store import Store

    return create_app(Store.open(db), Settings(token="bench"))


def _queries(kind: str, rng: random.Random) -> str:
    top = COUNTRIES[:12]
    if kind == "events":
        a, b = rng.sample(top, 2)
        year = rng.randrange(2015, 2025)
        return rng.choice([
            f"/api/events?type={rng.choice(TYPES)}&limit=50",
            f"/api/events?dyad={a}-{b}&limit=50",
            f"/api/events?country={a}&since={year}-01-01&until={year}-06-30&limit=50",
            f"/api/events?type={rng.choice(TYPES)}&dyad={a}-{b}&since={year}&limit=50",
            f"/api/events?type={rng.choice(TYPES)}&offset=500&limit=50",
        ])
    if kind == "dyad":
        a, b = rng.sample(top, 2)
        return f"/api/dyads/{a}/{b}?by={rng.choice(['month', 'week'])}"
    return f"/api/articles?q={rng.choice(TOPICS)}+{rng.choice(TOPICS)}&limit=50" \
        if rng.random() < 0.5 else f"/api/articles?q={rng.choice(TOPICS)}&limit=50"


def drive(base: str, kind: str, clients: int, per_client: int) -> list[float]:
    """Latencies (ms) of ``clients`` threads each sending ``per_client`` requests."""
    import httpx

    out: list[float] = []
    lock = threading.Lock()

    def worker(i: int) -> None:
        rng = random.Random(1000 + i)
        with httpx.Client(base_url=base, timeout=60) as c:
            for _ in range(per_client):
                url = _queries(kind, rng)
                t = time.perf_counter()
                r = c.get(url)
                ms = (time.perf_counter() - t) * 1000
                assert r.status_code == 200, (url, r.status_code, r.text[:200])
                with lock:
                    out.append(ms)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def pct(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank)."""
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(p / 100 * len(s)) - 1))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", default=".sitrep/bench-api.db")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--requests", type=int, default=25, help="Requests per client per kind.")
    ap.add_argument("--reload", action="store_true", help="Rebuild the database.")
    ap.add_argument("--workers", type=int, default=1,
                    help="Server processes (1, the default, is how `sitrep serve` runs).")
    ap.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve:
        serve(args.db, args.port, args.workers)
        return
    db = Path(args.db)
    stamp = Path(str(db) + ".events")
    if args.reload or not db.exists() or not stamp.exists() or stamp.read_text() != str(args.events):
        print(f"loading {args.events:,} synthetic events into {db} …", file=sys.stderr)
        secs = load(db, args.events)
        stamp.write_text(str(args.events))
        print(f"loaded in {secs:.0f} s", file=sys.stderr)
    port = _free_port()
    proc = subprocess.Popen([sys.executable, __file__, "--serve", "--db", str(db),
                             "--port", str(port), "--workers", str(args.workers)])
    base = f"http://127.0.0.1:{port}"
    try:
        import httpx

        for _ in range(200):
            try:
                if httpx.get(base + "/api/health", timeout=60).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        drive(base, "events", 2, 5)  # warm the page cache
        rows = []
        for kind, label in (("events", "event list with filters"), ("dyad", "dyad series"),
                            ("search", "full-text search")):
            lat = drive(base, kind, args.clients, args.requests)
            rows.append((label, len(lat), statistics.median(lat), pct(lat, 95), max(lat)))
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    print(f"{args.events:,} events, {args.clients} concurrent clients, loopback, "
          f"{args.workers} server process{'es' if args.workers > 1 else ''}")
    print(f"{'endpoint':26} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  goal p95<200")
    for label, n, p50, p95, mx in rows:
        print(f"{label:26} {n:5d} {p50:8.1f} {p95:8.1f} {mx:8.1f}  {'ok' if p95 < 200 else 'MISSED'}")


if __name__ == "__main__":
    main()
