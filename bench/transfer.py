"""Issue 36: does layer collaboration make FF's features transfer better? One seed per process: the five arms of
`ff_nbdev.probe.transfer_arm` (FF, collaboration 'all' and 'prev', BP, untrained) trained on MNIST and probed on
Fashion-MNIST, and trained on Fashion-MNIST and probed on MNIST. Appends one JSON line per (seed, arm, direction) to
bench/results/transfer.jsonl as each finishes. Figures only, no asserts (16_probe reads and tests them).
Example: python bench/transfer.py --data-root ../shared/data --seed 0"""

import argparse, json, sys, time
from common import seeded_flags, start, finish
from ff_nbdev.data import FFData, load_data
from ff_nbdev.probe import ARMS, transfer_arm

p = seeded_flags(argparse.ArgumentParser(description=__doc__), 'bench/results/transfer.jsonl')
p.add_argument('--arms', default=','.join(ARMS), help='comma-separated, of: ' + ', '.join(ARMS))
p.add_argument('--directions', default='mnist:fmnist,fmnist:mnist', help='source:target, comma-separated')
p.add_argument('--n-source', type=int, default=40000, help='training images of the source (the first N)')
p.add_argument('--n-probe', type=int, default=20000, help="training images of each probe (the first N)")
p.add_argument('--valid', type=int, default=5000, help='validation images carved from each training set (seed 0)')
p.add_argument('--layers', default='784,500,500,500')
p.add_argument('--epochs', type=int, default=10)
p.add_argument('--theta', type=float, default=6.0)
p.add_argument('--lr', type=float, default=3e-3)
p.add_argument('--bp-lr', type=float, default=1e-3)
p.add_argument('--bs', type=int, default=100)
p.add_argument('--probe-epochs', default='2,5,10')
a = p.parse_args()
facts = start(a)
cut = lambda d, n: FFData(d.name, d.train[:n], d.valid, d.test, d.shape, d.n_classes)
full = {k: load_data(k, root=a.data_root, valid=a.valid, seed=0, device=a.device) for k in ('mnist', 'fmnist')}
n_src, n_probe = (min(a.n_train, n) if a.n_train else n for n in (a.n_source, a.n_probe))
for direction in a.directions.split(','):
    s, t = direction.split(':')
    for arm in a.arms.split(','):
        t0 = time.time()
        r = transfer_arm(
            arm,
            cut(full[s], n_src),
            cut(full[t], n_probe),
            a.seed,
            [int(v) for v in a.layers.split(',')],
            a.epochs,
            a.theta,
            a.lr,
            a.bs,
            a.bp_lr,
            tuple(int(v) for v in a.probe_epochs.split(',')),
        )
        r.update(
            bench='transfer',
            seconds=round(time.time() - t0, 1),
            n_probe=n_probe,
            valid=a.valid,
            command='python ' + ' '.join(sys.argv),
        )
        finish(a, facts, r, ('arm', 'seed', 'source', 'target', 'train_seconds', 'seconds'))
        print(
            json.dumps(dict(own=r['own'], src=r['source_probe']['chosen_test'], tgt=r['target_probe']['chosen_test'])),
            flush=True,
        )
