"""Load test: N concurrent gradio_client users asking questions for a while, on loopback.

    python bench/load.py                      # starts `python -m assistant serve` on ./data (ASSISTANT_DATA_DIR)
    python bench/load.py --url http://127.0.0.1:7860/ --users 50 --duration 60

Each user has its own client (own session) and asks the next question as soon as the previous answer
is in. Prints errors, latency p50/p95/max and answers per second. A user's answer counts as an error
when the call fails or the answer is the generic "Er ging iets mis" message.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

QUESTIONS = [
    "Hoeveel ondersteuningsplannen zijn er in H1 2018 in totaal opgesteld?",
    "Hoeveel cliënten had de Participatiewet in H1 2018?",
    "Wat waren de totale lasten van programma 3 in 2017?",
    "Hoeveel meldingen kreeg Veilig Thuis uit Zwijndrecht in 2016?",
    "Hoeveel mantelzorgers ondersteunde het Steunpunt Mantelzorg in H1 2018?",
    "Welke toezeggingen zijn er gedaan over mantelzorg?",
    "Wat houdt toezegging T2018-064 in?",
    "Waarom zijn er minder mensen de bijstand ingestroomd?",
    "Hoeveel jeugdigen in Gorinchem kregen in 2016 jeugdhulp?",
    "Hoeveel cliënten had de Jeugdwet in de eerste helft van 2018?",
    "En in H2 2017?",
    "Hoeveel inwoners van Amsterdam kregen een scootmobiel?",
]


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))] if xs else float("nan")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server() -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = dict(os.environ, GRADIO_ANALYTICS_ENABLED="False", ANONYMIZED_TELEMETRY="False", HF_HUB_OFFLINE="1")
    proc = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 600  # a fresh data dir ingests the bundled corpus first
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"serve stopped with exit code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return proc, url
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("serve did not start within 10 minutes")


def text_of(message: dict) -> str:
    content = message.get("content")
    return " ".join(c.get("text", "") for c in content) if isinstance(content, list) else str(content)


def run(url: str, users: int, duration: float, seed: int) -> dict:
    from gradio_client import Client

    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    connected = threading.Barrier(users + 1)
    go = threading.Event()
    stop_at = [0.0]

    def user(i: int) -> None:
        rng = random.Random(seed + i)
        try:
            client = Client(url, verbose=False)
        except Exception as e:  # noqa: BLE001 - counted, reported
            with lock:
                errors.append(f"user {i}: connect: {e}")
            connected.wait()
            return
        connected.wait()
        go.wait()
        while time.monotonic() < stop_at[0]:
            q = rng.choice(QUESTIONS)
            t0 = time.perf_counter()
            try:
                _, messages, *_ = client.predict(q, [], api_name="/vraag")
                answer = text_of(messages[-1])
                ok = bool(answer.strip()) and "Er ging iets mis" not in answer
                problem = "" if ok else f"user {i}: bad answer to {q!r}: {answer[:80]!r}"
            except Exception as e:  # noqa: BLE001 - counted, reported
                problem = f"user {i}: {type(e).__name__}: {e}"
            elapsed = time.perf_counter() - t0
            with lock:
                latencies.append(elapsed)
                if problem:
                    errors.append(problem)

    threads = [threading.Thread(target=user, args=(i,), daemon=True) for i in range(users)]
    for t in threads:
        t.start()
    connected.wait()  # every user has its client: start the clock
    t_start = time.monotonic()
    stop_at[0] = t_start + duration
    go.set()
    for t in threads:
        t.join(duration + 300)
    wall = time.monotonic() - t_start
    return {"users": users, "wall_s": wall, "answers": len(latencies), "errors": errors, "latencies": latencies}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--url", help="a running web interface; default: start one on the configured data dir")
    p.add_argument("--users", type=int, default=50)
    p.add_argument("--duration", type=float, default=60.0, help="seconds")
    p.add_argument("--seed", type=int, default=7)
    args = p.parse_args()
    proc = None
    url = args.url
    if url is None:
        proc, url = start_server()
    try:
        single = run(url, 1, min(15.0, args.duration), args.seed)
        result = run(url, args.users, args.duration, args.seed)
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(30)
    lat = result["latencies"]
    print(f"single user: {single['answers']} answers, p50 {pct(single['latencies'], .5):.2f} s, "
          f"p95 {pct(single['latencies'], .95):.2f} s")
    print(f"{result['users']} users for {result['wall_s']:.0f} s: {result['answers']} answers, "
          f"{len(result['errors'])} errors, p50 {pct(lat, .5):.2f} s, p95 {pct(lat, .95):.2f} s, "
          f"max {max(lat, default=float('nan')):.2f} s, mean {statistics.mean(lat) if lat else float('nan'):.2f} s, "
          f"{result['answers'] / result['wall_s']:.1f} answers/s")
    for e in result["errors"][:10]:
        print("  error:", e)


if __name__ == "__main__":
    main()
