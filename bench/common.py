"""Shared by the bench scripts (run as `python bench/NAME.py`, so this folder is on the path)."""

import argparse, json, os, platform, subprocess, time, torch
from ff_nbdev.learner import Callback


def seeded_flags(p: argparse.ArgumentParser, out: str) -> argparse.ArgumentParser:
    "The flags of a one-seed-per-process bench run: seed, data root, device, threads, a quick-check cut, output file."
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--data-root')
    p.add_argument('--device', default='cpu')
    p.add_argument('--threads', type=int, default=1, help="torch threads (0: torch's default)")
    p.add_argument('--n-train', type=int, help='cut the training images (a quick check of the script; writes nothing)')
    p.add_argument('--out', default=out, help='the JSONL file the record is appended to')
    return p


def start(a: argparse.Namespace) -> dict:
    "Set torch's threads; the facts of the run known at its start: t0, the commit (FF_COMMIT, else HEAD now), machine."
    if a.threads:
        torch.set_num_threads(a.threads)
    commit = (
        os.environ.get('FF_COMMIT')
        or subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], capture_output=True, text=True).stdout.strip()
    )
    machine = f"{platform.node()} {platform.machine()}, {os.cpu_count()} CPUs, torch {torch.__version__}, "
    return dict(t0=time.time(), commit=commit, machine=machine + f"{a.threads} thread(s)")


def finish(a: argparse.Namespace, facts: dict, r: dict, keys: tuple):
    "Add the run's facts and wall time to record `r`, append it to `a.out` (not for a quick check), print `keys` of it."
    r.update(wall_seconds=round(time.time() - facts['t0'], 1), machine=facts['machine'], commit=facts['commit'])
    if not a.n_train:
        with open(a.out, 'a') as f:
            f.write(json.dumps(r) + '\n')
    print(json.dumps({k: r[k] for k in keys}))


class Report(Callback):
    "Print one JSON line per evaluation and remember when the test accuracy first reached 98 %."

    order = 30

    def __init__(self):
        self.first98 = None

    def after_eval(self, learn):
        h = learn.history[-1]
        if self.first98 is None and h['overall'] >= 0.98:
            self.first98 = dict(epoch=h['epoch'], seconds=h['time'])
        print(
            json.dumps(
                dict(
                    epoch=h['epoch'],
                    test_acc=round(h['overall'], 4),
                    layers=[round(v, 4) for v in h['layers']],
                    seconds=h['time'],
                )
            ),
            flush=True,
        )
