"""Catalogue search over a synthetic catalogue (the issue's goal: p95 < 50 ms at 10 000).

Run: ``.venv/bin/python benchmarks/bench_library.py [--entries N] [--queries Q]
[--database-url URL]`` (default: a fresh SQLite file; a ``postgresql+psycopg://`` URL of
an empty database measures PostgreSQL's full-text search instead).

The catalogue is the seed plus synthetic entries whose titles, keywords and abstracts
are drawn (seeded, so the same every run) from the seed's own vocabulary; the timed part
is one call of the use case `openitu.usecases.library.search` (terms, ranked query,
rows back to entries), each query drawn from the same vocabulary.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from openitu.library.catalogue import seed
from openitu.store import library as repository
from openitu.store import migrate
from openitu.store.db import make_engine, session_factory
from openitu.usecases import library as usecases


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'library.sqlite3'}"
        engine = make_engine(url)
        migrate.upgrade(engine, "library@head")
        sessions = session_factory(engine)
        base = seed()
        words = sorted(
            {
                w.lower()
                for p in base
                for w in re.findall(r"[A-Za-z]{4,}", f"{p.title} {p.abstract}")
            }
        )
        rng = np.random.default_rng(18)
        series = ["P", "S", "F", "M", "SM", "BT", "E", "G", "Q"]
        with sessions() as session, session.begin():
            for p in base:
                repository.add(session, p)
            for i in range(args.entries - len(base)):
                pick = rng.choice(words, size=30)
                repository.add(
                    session,
                    replace(
                        base[0],
                        sector="T" if i % 3 == 0 else "R",
                        series=series[i % len(series)],
                        number=str(10_000 + i),
                        version=f"X.{10_000 + i}-0",
                        title=" ".join(pick[:10]).capitalize(),
                        keywords=tuple(pick[10:16]),
                        abstract=" ".join(pick[16:]) + ".",
                    ),
                )
        if engine.dialect.name == "postgresql":
            # What autovacuum would do soon after a bulk load: planner statistics.
            with engine.begin() as connection:
                connection.exec_driver_sql("ANALYZE library_publications")
        queries = [
            " ".join(rng.choice(words, size=int(rng.integers(1, 5)))) for _ in range(args.queries)
        ]
        times = []
        with sessions() as session:
            usecases.search(session, query=queries[0])  # warm the caches
            for query in queries:
                start = time.perf_counter()
                usecases.search(session, query=query)
                times.append(time.perf_counter() - start)
        engine.dispose()
    ms = np.array(times) * 1e3
    print(f"{engine.dialect.name}: {args.entries} entries, {len(queries)} queries of 1-4 words")
    print(f"search: median {np.median(ms):.2f} ms, p95 {np.percentile(ms, 95):.2f} ms "
          f"(goal < 50 ms: {'met' if np.percentile(ms, 95) < 50 else 'NOT met'})")  # fmt: skip


if __name__ == "__main__":
    main()
