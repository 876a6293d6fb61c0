"""Accuracy of bf16 against fp32: `ff-train --model mlp` (its defaults for the dataset) with `--precision fp32` and
`--precision bf16`, one seed per process, one JSON line each appended to bench/results/precision_parity.jsonl.

    OMP_NUM_THREADS=1 python bench/precision_parity.py --seed 0 --precision bf16
    OMP_NUM_THREADS=1 FF_DATA=../shared/data python bench/precision_parity.py --dataset mnist --seed 0 --precision bf16
"""

import argparse, json, os, subprocess, tempfile, time, warnings
import torch
from ff_nbdev.cli import ff_train

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument('--seed', type=int, default=0)
p.add_argument('--precision', choices=['fp32', 'bf16'], default='fp32')
p.add_argument('--model', default='mlp')
p.add_argument('--dataset', default='digits', help='digits (embedded), or mnist, fmnist from FF_DATA')
p.add_argument('--threads', type=int, default=1)
p.add_argument('--extra', default='', help="more ff-train flags, e.g. '--epochs 1 --train-subset 10000' (recorded)")
p.add_argument('--out', default=os.path.join(os.path.dirname(__file__), 'results', 'precision_parity.jsonl'))
a = p.parse_args()
torch.set_num_threads(a.threads)
warnings.simplefilter('ignore')  # the emulated-bf16 warning on a CPU without bf16 units
commit = subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], capture_output=True, text=True).stdout.strip()
t0 = time.time()
with tempfile.TemporaryDirectory() as tmp:
    args = ['--model', a.model, '--dataset', a.dataset, '--seed', str(a.seed), '--precision', a.precision, '--quiet',
            '--out', f'{tmp}/run', *a.extra.split()]
    res = ff_train(args)
    cfg = json.load(open(f'{tmp}/run/config.json'))
r = dict(bench='precision_parity', model=a.model, dataset=res['dataset'], seed=a.seed, precision=cfg['precision'],
         test=res['overall'], valid=res['valid']['overall'] if res.get('valid') else None, layers=res['layers'],
         epochs=cfg['epochs'], extra=a.extra, train_seconds=res['train_seconds'], threads=a.threads, commit=commit,
         load_avg=[round(v, 2) for v in os.getloadavg()], wall_seconds=round(time.time() - t0, 1))
with open(a.out, 'a') as f:
    f.write(json.dumps(r) + '\n')
print(json.dumps(r))
