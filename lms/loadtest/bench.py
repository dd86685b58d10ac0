"""`make bench` (`manage.py bench`): requests per second of an enrolled
learner's lesson page, course page and My learning, and of a bare view that
returns the lesson's bytes through the same middleware, with wrk against
`gunicorn lms.wsgi -w 2`.

It reuses the load test's harness (harness.py): the database (PostgreSQL when
DATABASE_URL points there, else an SQLite file in .loadtest/), the settings
(lms/settings/bench.py: the load test's, plus the bare view), migrate and
seed_demo, gunicorn on a free port of 127.0.0.1 and stopping it whatever
happens. Then `bench_probe` finds the pages, makes the learner's session and
counts each page's queries (warm) and bytes; wrk runs the four pages in turn,
ROUNDS times each, and the medians are reported with each page's ratio to the
bare view.
"""

import json
import os
import re
import shutil
import statistics
import subprocess
from dataclasses import dataclass

from .harness import (
    WORKDIR,
    HarnessError,
    LoadTest,
    database_create,
    free_port,
    stop,
)

PAGES = ("lesson", "course", "my_learning", "bare")
TARGETS = {"lesson": 600, "course": 400, "my_learning": 400}
SQLITE_FILE = WORKDIR / "bench.sqlite3"
REQUESTS = re.compile(r"Requests/sec:\s+([\d.]+)")
PERCENTILE = re.compile(r"^\s+(50|99)(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", re.M)
NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
ERRORS = re.compile(
    r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"
)
UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@dataclass
class Bench(LoadTest):
    rounds: int = 3
    duration: int = 15
    connections: int = 16
    wrk_threads: int = 2

    def database(self) -> str:
        url = self.database_url or os.environ.get("DATABASE_URL", "")
        if url.startswith(("postgres://", "postgresql://")):
            database_create(url)
            return url
        return f"sqlite:///{SQLITE_FILE}"

    def run(self) -> dict:
        wrk = shutil.which("wrk")
        if wrk is None:
            raise HarnessError("wrk is missing: apt-get install wrk (make bench does)")
        WORKDIR.mkdir(exist_ok=True)
        database_url = self.database()
        env = self.environment(database_url)
        env["DJANGO_SETTINGS_MODULE"] = "lms.settings.bench"
        env["BENCH_BARE_FILE"] = str(WORKDIR / "bench-lesson.html")
        engine = "postgresql" if database_url.startswith("postgres") else "sqlite"
        self.say(f"Setting up ({engine}, cache: {env.get('REDIS_URL') or 'local'}):")
        self.manage(env, "migrate", "--noinput", "-v", "0")
        self.manage(env, "seed_demo")
        self.manage(env, "collectstatic", "--noinput", "-v", "0")
        probe_file = WORKDIR / "bench-probe.json"
        plan = str(WORKDIR / "bench-plan.json")
        bare_file = env["BENCH_BARE_FILE"]
        self.manage(
            env,
            "bench_probe",
            str(probe_file),
            "--bare-file",
            bare_file,
            "--plan",
            plan,
        )
        probe = json.loads(probe_file.read_text())
        port = free_port()
        host = f"http://127.0.0.1:{port}"
        load_before = os.getloadavg()[0]
        server = self.serve(env, port)
        runs: dict[str, list[dict]] = {name: [] for name in PAGES}
        try:
            self.wait_until_up(server, host)
            cookie = (
                f"{probe['session_cookie']}={probe['session']}; "
                f"{probe['csrf_cookie']}={probe['csrf']}"
            )
            for name in PAGES:  # warm both workers' caches
                self.wrk(wrk, host + probe["pages"][name]["url"], cookie, 2)
            for round_number in range(1, self.rounds + 1):
                for name in PAGES:
                    url = host + probe["pages"][name]["url"]
                    result = self.wrk(wrk, url, cookie, self.duration)
                    runs[name].append(result)
                    self.say(
                        f"  round {round_number} {name:<12} {result['rps']:>8.1f} rps"
                        f"  p50 {result['p50_ms']} ms  p99 {result['p99_ms']} ms"
                    )
        finally:
            stop(server)
        return self.summary_of(probe, runs, engine, env, load_before)

    def wrk(self, wrk: str, url: str, cookie: str, seconds: int) -> dict:
        command = [
            wrk, f"-t{self.wrk_threads}", f"-c{self.connections}", f"-d{seconds}s",
            "--latency", "-H", f"Cookie: {cookie}", "-H", "Accept-Encoding: gzip",
            url,
        ]  # fmt: skip
        output = subprocess.run(  # noqa: S603 (wrk from PATH, our URL)
            command, capture_output=True, text=True, timeout=seconds + 60, check=True
        ).stdout
        requests = REQUESTS.search(output)
        if requests is None:
            raise HarnessError(f"wrk said:\n{output}")
        percentiles = {
            p: round(float(value) * UNIT_MS[unit], 2)
            for p, value, unit in PERCENTILE.findall(output)
        }
        socket_errors = ERRORS.search(output)
        errors = sum(map(int, socket_errors.groups())) if socket_errors else 0
        non_2xx = NON_2XX.search(output)
        return {
            "rps": float(requests.group(1)),
            "p50_ms": percentiles.get("50"),
            "p99_ms": percentiles.get("99"),
            "errors": errors + (int(non_2xx.group(1)) if non_2xx else 0),
        }

    def summary_of(self, probe, runs, engine, env, load_before) -> dict:
        def median(name, key):
            values = [r[key] for r in runs[name] if r[key] is not None]
            return round(statistics.median(values), 2) if values else None

        bare_rps = median("bare", "rps") or 0
        pages = {}
        for name in PAGES:
            info = probe["pages"][name]
            rps = median(name, "rps")
            pages[name] = {
                "url": info["url"],
                "rps": rps,
                "rps_runs": [r["rps"] for r in runs[name]],
                "p50_ms": median(name, "p50_ms"),
                "p99_ms": median(name, "p99_ms"),
                "errors": sum(r["errors"] for r in runs[name]),
                "queries": info["queries"],
                "queries_kept": info["queries_kept"],
                "bytes": info["bytes"],
                "gzip_bytes": info["gzip_bytes"],
                "ratio_to_bare": round(rps / bare_rps, 3) if bare_rps else None,
                "target_rps": TARGETS.get(name),
            }
        return {
            "server": " ".join(self.server_command),
            "load": f"wrk -t{self.wrk_threads} -c{self.connections} -d{self.duration}s",
            "rounds": self.rounds,
            "database": engine,
            "cache": "redis" if env.get("REDIS_URL") else "local memory",
            "static": probe.get("static"),
            "load_average_before": round(load_before, 2),
            "load_average_after": round(os.getloadavg()[0], 2),
            "pages": pages,
            "targets_met": all(
                pages[n]["rps"] and pages[n]["rps"] >= t and not pages[n]["errors"]
                for n, t in TARGETS.items()
            )
            and pages["lesson"]["queries"] <= 6,
        }


def table(result: dict) -> str:
    lines = [
        f"{'page':<12} {'rps':>8} {'p50 ms':>7} {'p99 ms':>7} {'queries':>7} "
        f"{'kept q':>6} {'bytes':>7} {'gzip':>6} {'/bare':>6} {'errors':>6}"
    ]
    for name, row in result["pages"].items():
        lines.append(
            f"{name:<12} {row['rps']:>8} {row['p50_ms']!s:>7} {row['p99_ms']!s:>7} "
            f"{row['queries']:>7} {row['queries_kept']:>6} {row['bytes']:>7} "
            f"{row['gzip_bytes']:>6} "
            f"{row['ratio_to_bare']!s:>6} {row['errors']:>6}"
        )
    return "\n".join(lines)
