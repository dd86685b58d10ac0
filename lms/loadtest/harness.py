"""`manage.py loadtest`: set up a PostgreSQL database, serve it with gunicorn,
load it with locust's simulated learners, report, and stop what it started.

Everything the run needs is made by the run, in this order, each step a
subprocess with the load test's own environment (so nothing of the caller's
settings leaks in):

1. the database: DATABASE_URL when it points to PostgreSQL, otherwise
   `postgres://postgres@127.0.0.1:5432/lms_load`, created when missing;
2. `migrate`, `seed_demo` (idempotent), `loadtest_learners` (the simulated
   learners and their sessions, see learners.py), `collectstatic`;
3. `gunicorn lms.wsgi` on 127.0.0.1 on a free port, with the production
   settings minus TLS (lms/settings/loadtest.py), Redis as the cache when one
   answers on 127.0.0.1:6379 (or REDIS_URL), media in `.loadtest/media/`;
4. `locust --headless`: the users start at the spawn rate, the statistics are
   reset once all are running, and then they run for the given time;
5. gunicorn is stopped whatever happens (also on Ctrl-C or SIGTERM).

The run's files (plan, logs, locust's CSV) stay in `.loadtest/` for a look.
"""

import csv
import os
import resource
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import dj_database_url

PROJECT = Path(__file__).resolve().parents[2]
WORKDIR = PROJECT / ".loadtest"
LOCUSTFILE = Path(__file__).with_name("locustfile.py")
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/lms_load"
DEFAULT_REDIS = ("127.0.0.1", 6379)
TARGET_P95_MS = 500


class HarnessError(Exception):
    pass


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def run_to_the_end(run) -> dict:
    """Call `run()` with SIGTERM turned into KeyboardInterrupt, so that a
    killed command still stops the servers it started; harness failures come
    back as HarnessError (the commands' CommandError)."""
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        return run()
    except subprocess.SubprocessError as error:
        raise HarnessError(str(error)) from error
    finally:
        signal.signal(signal.SIGTERM, previous)


@dataclass
class LoadTest:
    users: int = 200
    spawn_rate: float = 20
    seconds: int = 60
    workers: int = 2
    threads: int = 1
    wait_min: float = 2
    wait_max: float = 8
    database_url: str = ""
    out: object = sys.stdout

    @property
    def server_command(self) -> list[str]:
        command = ["gunicorn", "lms.wsgi", "-w", str(self.workers)]
        if self.threads > 1:
            command += ["--threads", str(self.threads)]
        return command

    def say(self, message: str) -> None:
        self.out.write(message + "\n")
        self.out.flush()

    # -- set-up ------------------------------------------------------------

    def database(self) -> str:
        url = self.database_url or os.environ.get("DATABASE_URL", "")
        if not url.startswith(("postgres://", "postgresql://")):
            url = DEFAULT_DATABASE_URL
        database_create(url)
        return url

    def environment(self, database_url: str) -> dict[str, str]:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "lms.settings.loadtest",
            "DATABASE_URL": database_url,
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "MEDIA_ROOT": str(WORKDIR / "media"),
            "PYTHONDONTWRITEBYTECODE": "1",
            "LOADTEST_PLAN": str(WORKDIR / "plan.json"),
            "LOADTEST_WAIT_MIN": str(self.wait_min),
            "LOADTEST_WAIT_MAX": str(self.wait_max),
        }
        if not env.get("REDIS_URL") and _answers(*DEFAULT_REDIS):
            env["REDIS_URL"] = "redis://{}:{}/0".format(*DEFAULT_REDIS)
        return env

    def manage(self, env: dict[str, str], *args: str) -> None:
        self.say(f"  manage.py {' '.join(args)}")
        subprocess.run(  # noqa: S603 (our interpreter, our manage.py)
            [sys.executable, str(PROJECT / "manage.py"), *args],
            cwd=PROJECT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )

    # -- the run -----------------------------------------------------------

    def run(self) -> dict:
        WORKDIR.mkdir(exist_ok=True)
        database_url = self.database()
        env = self.environment(database_url)
        self.say(f"Setting up {dj_database_url.parse(database_url)['NAME']}:")
        self.manage(env, "migrate", "--noinput", "-v", "0")
        self.manage(env, "seed_demo")
        self.manage(env, "loadtest_learners", env["LOADTEST_PLAN"], "--count",
                    str(self.users))  # fmt: skip
        self.manage(env, "collectstatic", "--noinput", "-v", "0")
        port = free_port()
        host = f"http://127.0.0.1:{port}"
        load_before = os.getloadavg()[0]
        server = self.serve(env, port)
        try:
            self.wait_until_up(server, host)
            cpu = CpuMeter(server.pid, dj_database_url.parse(database_url)["NAME"])
            self.load(env, host)
            cpu.stop()
        finally:
            stop(server)
        return {**self.summary(load_before), "cpu": cpu.shares()}

    def serve(self, env: dict[str, str], port: int) -> subprocess.Popen:
        executable = Path(sys.executable).with_name("gunicorn")
        command = [str(executable), *self.server_command[1:]]
        command += ["--bind", f"127.0.0.1:{port}", "--timeout", "60"]
        command += ["--error-logfile", str(WORKDIR / "gunicorn.log")]
        self.say(f"Serving: {' '.join(self.server_command)} on 127.0.0.1:{port}")
        return subprocess.Popen(  # noqa: S603
            command, cwd=PROJECT, env=env, start_new_session=True
        )

    def wait_until_up(self, server: subprocess.Popen, host: str) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise HarnessError(
                    "gunicorn stopped; see .loadtest/gunicorn.log:\n"
                    + _tail(WORKDIR / "gunicorn.log")
                )
            try:
                with urllib.request.urlopen(f"{host}/healthz", timeout=5) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.3)
        raise HarnessError("gunicorn did not answer /healthz within 60 seconds")

    def load(self, env: dict[str, str], host: str) -> None:
        executable = Path(sys.executable).with_name("locust")
        if not executable.exists():
            raise HarnessError(
                "locust is not installed: pip install -e '.[load]' "
                "(make loadtest does it)"
            )
        ramp = self.users / self.spawn_rate
        run_time = int(ramp + self.seconds + 0.999)
        self.say(
            f"Loading: {self.users} learners (+{self.spawn_rate:g}/s), then "
            f"{self.seconds} s measured; {run_time} s in all"
        )
        command = [
            str(executable), "-f", str(LOCUSTFILE), "--headless",
            "-u", str(self.users), "-r", str(self.spawn_rate),
            "-t", f"{run_time}s", "--reset-stats", "--only-summary",
            "--stop-timeout", "10", "--host", host,
            "--csv", str(WORKDIR / "locust"), "--exit-code-on-error", "0",
        ]  # fmt: skip
        with open(WORKDIR / "locust.log", "w") as log:
            subprocess.run(  # noqa: S603
                command,
                cwd=PROJECT,
                env=env,
                check=True,
                stdout=log,
                stderr=subprocess.STDOUT,
                timeout=run_time + 120,
            )

    # -- the report --------------------------------------------------------

    def summary(self, load_before: float) -> dict:
        rows = list(csv.DictReader(open(WORKDIR / "locust_stats.csv")))
        if not rows:
            raise HarnessError("locust wrote no statistics; see .loadtest/locust.log")
        total = next(r for r in rows if r["Name"] == "Aggregated")
        requests = int(total["Request Count"])
        errors = int(total["Failure Count"])
        p95 = _number(total["95%"])
        return {
            "users": self.users,
            "seconds": self.seconds,
            "wait_s": [self.wait_min, self.wait_max],
            "server": " ".join(self.server_command),
            "database": "postgresql",
            "requests": requests,
            "rps": round(float(total["Requests/s"]), 1),
            "p50_ms": _number(total["50%"]),
            "p95_ms": p95,
            "p99_ms": _number(total["99%"]),
            "max_ms": _number(total["Max Response Time"]),
            "errors": errors,
            "target_met": errors == 0 and p95 is not None and p95 < TARGET_P95_MS,
            "load_average_before": round(load_before, 2),
            "endpoints": [
                {
                    "name": r["Name"],
                    "method": r["Type"],
                    "requests": int(r["Request Count"]),
                    "errors": int(r["Failure Count"]),
                    "rps": round(float(r["Requests/s"]), 1),
                    "p50_ms": _number(r["50%"]),
                    "p95_ms": _number(r["95%"]),
                    "p99_ms": _number(r["99%"]),
                }
                for r in rows
                if r["Name"] != "Aggregated"
            ],
            "failures": _failures(),
        }


def table(result: dict) -> str:
    """The result as a short text table, one line per kind of request."""
    lines = [
        f"{'request':<34} {'count':>7} {'errors':>6} {'rps':>7} "
        f"{'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}"
    ]
    for row in [*result["endpoints"], {**result, "name": "all", "method": ""}]:
        name = f"{row['method']} {row['name']}".strip()[:34]
        lines.append(
            f"{name:<34} {row['requests']:>7} {row['errors']:>6} {row['rps']:>7} "
            f"{_ms(row['p50_ms']):>7} {_ms(row['p95_ms']):>7} {_ms(row['p99_ms']):>7}"
        )
    return "\n".join(lines)


class CpuMeter:
    """Where the machine's CPU went while locust ran (Linux /proc), as shares
    of all cores: gunicorn (master and workers), the PostgreSQL backends
    serving the load test's database, locust, and everything else (on a
    shared machine, other people's work: then the figures are disturbed)."""

    def __init__(self, server_pid: int, database: str):
        self.server_pid = server_pid
        self.database = database
        self.started = time.monotonic()
        self.machine = _machine_ticks()
        self.server = _tree_ticks(server_pid)
        self.backends = _backend_ticks(database)
        self.children = _children_cpu()
        # Every process's ticks, sampled each second so that programs that end
        # during the run (someone else's test run) are seen too.
        self.first = _all_ticks()
        self.last = dict(self.first)
        self.sampling = threading.Event()
        self.sampler = threading.Thread(target=self._sample, daemon=True)
        self.sampler.start()

    def _sample(self) -> None:
        while not self.sampling.wait(1):
            self.last.update(_all_ticks())

    def stop(self) -> None:
        self.seconds = time.monotonic() - self.started
        busy, total = _machine_ticks()
        self.machine = (busy - self.machine[0], total - self.machine[1])
        self.server = _tree_ticks(self.server_pid) - self.server
        before = self.backends
        self.backends = sum(
            ticks - before.get(pid, 0)
            for pid, ticks in _backend_ticks(self.database).items()
        )
        self.children = _children_cpu() - self.children
        self.sampling.set()
        self.sampler.join()
        self.last.update(_all_ticks())
        self.everyone: dict[str, int] = {}
        for pid, (name, ticks) in self.last.items():
            if pid in self.first and self.first[pid][0] == name:
                ticks -= self.first[pid][1]
            self.everyone[name] = self.everyone.get(name, 0) + ticks

    def shares(self) -> dict:
        busy, total = self.machine
        if not total:
            return {}
        ticks = os.sysconf("SC_CLK_TCK")
        cores = os.cpu_count() or 1
        capacity = self.seconds * cores
        server = self.server / ticks / capacity
        database = self.backends / ticks / capacity
        generator = self.children / capacity
        machine = busy / total
        return {
            "cores": cores,
            "machine_busy": round(machine, 2),
            "gunicorn": round(server, 2),
            "postgresql": round(database, 2),
            "locust": round(generator, 2),
            "others": round(max(machine - server - database - generator, 0), 2),
            # The busiest programs overall (ours included), to see who else ran.
            "busiest": {
                name: round(spent / ticks / capacity, 2)
                for name, spent in sorted(
                    self.everyone.items(), key=lambda item: -item[1]
                )[:5]
            },
        }


# -- helpers ---------------------------------------------------------------


def _machine_ticks() -> tuple[int, int]:
    """(busy, total) clock ticks of all CPUs since boot."""
    try:
        with open("/proc/stat") as stat:
            fields = [int(v) for v in stat.readline().split()[1:]]
    except OSError:
        return (0, 0)
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields) - idle, sum(fields))


def _process_ticks(pid: int) -> tuple[int, int]:
    """(parent pid, user + system ticks) of a live process."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return int(fields[1]), int(fields[11]) + int(fields[12])


def _tree_ticks(root: int) -> int:
    """CPU ticks of a process and its direct children (gunicorn's workers)."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent, ticks = _process_ticks(int(entry.name))
        except (OSError, ValueError, IndexError):
            continue
        if int(entry.name) == root or parent == root:
            total += ticks
    return total


def _backend_ticks(database: str) -> dict[int, int]:
    """CPU ticks of each PostgreSQL backend connected to `database` (their
    process titles name it), when the server runs on this machine."""
    backends = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            if title.startswith("postgres:") and f" {database} " in title:
                backends[int(entry.name)] = _process_ticks(int(entry.name))[1]
        except (OSError, ValueError, IndexError):
            continue
    return backends


def _all_ticks() -> dict[int, tuple[str, int]]:
    """Every process's program name and CPU ticks."""
    processes = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            with open(entry / "stat") as stat:
                text = stat.read()
            name = text[text.index("(") + 1 : text.rindex(")")]
            fields = text.rsplit(")", 1)[1].split()
            processes[int(entry.name)] = (name, int(fields[11]) + int(fields[12]))
        except (OSError, ValueError, IndexError):
            continue
    return processes


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def database_create(url: str) -> None:
    """Create the database named in `url` if it does not exist."""
    import psycopg
    from psycopg import sql

    settings = dj_database_url.parse(url)
    connect = {
        "dbname": "postgres",
        "user": settings["USER"] or None,
        "password": settings["PASSWORD"] or None,
        "host": settings["HOST"] or None,
        "port": settings["PORT"] or None,
        "autocommit": True,
    }
    connect = {key: value for key, value in connect.items() if value is not None}
    try:
        with psycopg.connect(**connect) as db:
            exists = db.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [settings["NAME"]]
            ).fetchone()
            if not exists:
                db.execute(
                    sql.SQL("CREATE DATABASE {}").format(
                        sql.Identifier(settings["NAME"])
                    )
                )
    except psycopg.Error as error:
        raise HarnessError(f"PostgreSQL at {settings['HOST']}: {error}") from error


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop(process: subprocess.Popen) -> None:
    """Stop a server started in its own session, and everything it forked."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def _number(value: str) -> float | None:
    try:
        return round(float(value), 1)
    except (TypeError, ValueError):
        return None


def _ms(value) -> str:
    return "-" if value is None else f"{value:g}"


def _failures() -> list[dict]:
    path = WORKDIR / "locust_failures.csv"
    if not path.exists():
        return []
    return [
        {"name": r["Name"], "error": r["Error"], "occurrences": int(r["Occurrences"])}
        for r in csv.DictReader(open(path))
    ][:10]


def _tail(path: Path, lines: int = 20) -> str:
    try:
        return "\n".join(path.read_text().splitlines()[-lines:])
    except OSError:
        return ""
