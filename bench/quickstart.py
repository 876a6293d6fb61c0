"""The README's first command (`ff-train`, the default digits run) on this machine: one JSON line per run.

`python bench/quickstart.py` runs it at one and at two threads (another thread count may sum in another order, as
another CPU does); `--seeds 0 1 2 3 4` runs those seeds on one thread, for the spread a user should expect. Records are
appended to bench/results/quickstart.jsonl: threads, seed, test and validation accuracy, training seconds;
`--summary` appends their mean and sd over the one-thread runs.
"""

import argparse, json, os, platform, statistics, subprocess, tempfile
from pathlib import Path

OUT = Path(__file__).parent / 'results' / 'quickstart.jsonl'

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--seeds', type=int, nargs='*', help='seeds to run on one thread (default: seed 0 at 1 and 2 threads)')
    p.add_argument('--summary', action='store_true', help='append the mean and sd over the one-thread records, run nothing')
    a = p.parse_args()
    if a.summary:
        recs = [json.loads(ln) for ln in OUT.read_text().splitlines()]
        runs = {r['seed']: r for r in recs if r.get('threads') == 1 and 'seed' in r}
        pct = {k: [100 * r[k] for r in runs.values()] for k in ('test', 'valid')}
        rec = dict(summary='ff-train, one thread', seeds=sorted(runs), **{
            f"{k}_{f.__name__}": round(f(v), 2) for k, v in pct.items() for f in (statistics.mean, statistics.stdev)})
        with open(OUT, 'a') as f:
            f.write(json.dumps(rec) + '\n')
        print(json.dumps(rec))
        raise SystemExit(0)
    commit = subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], capture_output=True, text=True).stdout.strip()
    cpu = next((ln.split(':', 1)[1].strip() for ln in open('/proc/cpuinfo') if ln.startswith('model name')), '?')
    runs = [(1, s) for s in a.seeds] if a.seeds else [(1, 0), (2, 0)]
    for threads, seed in runs:
        with tempfile.TemporaryDirectory() as d:
            env = dict(os.environ, OMP_NUM_THREADS=str(threads))
            subprocess.run(['ff-train', '--seed', str(seed), '--out', d, '--overwrite', '--quiet'], env=env, check=True)
            r = json.loads((Path(d) / 'results.json').read_text())
        rec = dict(command=f'ff-train --seed {seed}', threads=threads, seed=seed, test=r['overall'],
                   valid=r['valid']['overall'], train_seconds=r['train_seconds'], cpus=os.cpu_count(), cpu=cpu,
                   machine=platform.node(), commit=commit)
        with open(OUT, 'a') as f:
            f.write(json.dumps(rec) + '\n')
        print(json.dumps(rec))
