"""The ten negative strategies of 10_compare under the validation protocol, one seed per process. Figures only, no asserts.
  OMP_NUM_THREADS=1 python bench/negatives.py --seed N --data-root $FF_DATA
The same FF MLP, loss, optimiser, epochs and seed for every strategy (10_compare's MNIST settings by default: hidden
500-500, 5 epochs, batches of 100, Adam 3e-3 with a cosine decay, SymBa alpha 8, label height 2), then the two controls
(the random-init network and the raw pixels, the same linear probe). 10,000 training images are held out (split seed
0, the same for every seed): every accuracy is measured on them and, once, on the test set. Appends one JSON line per
seed, with every row of the table, to bench/results/negatives_seeds.jsonl (or --out)."""

import argparse
from common import finish, seeded_flags, start
from ff_nbdev.cli import int_list
from ff_nbdev.compare import STRATEGIES, compare_negatives
from ff_nbdev.data import load_data

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument('--dataset', default='mnist')
p.add_argument('--valid', type=int, default=10000, help='training images held out for validation')
p.add_argument('--strategies', default=','.join(STRATEGIES), help='comma-separated names')
p.add_argument('--hidden', type=int_list, default=[500, 500])
p.add_argument('--epochs', type=int, default=5)
p.add_argument('--bs', type=int, default=100)
p.add_argument('--lr', type=float, default=3e-3)
p.add_argument('--loss', default='symba')
p.add_argument('--alpha', type=float, default=8.0)
p.add_argument('--label-scale', type=float, default=2.0)
p.add_argument('--probe-epochs', type=int, default=10)
a = seeded_flags(p, 'bench/results/negatives_seeds.jsonl').parse_args()
if a.valid <= 0:
    p.error('--valid must be positive: the strategies are compared on a validation split')
facts = start(a)
d = load_data(a.dataset, root=a.data_root, device=a.device, valid=a.valid)
if a.n_train:
    d = type(d)(d.name, d.train[: a.n_train], d.valid, d.test, d.shape, d.n_classes)
kw = dict(epochs=a.epochs, bs=a.bs, lr=a.lr, loss=a.loss, loss_kw=dict(alpha=a.alpha), label_scale=a.label_scale)
rows = compare_negatives(d, a.strategies.split(','), tuple(a.hidden), probe_epochs=a.probe_epochs, seed=a.seed, **kw)
r = dict(bench='negatives', dataset=d.name, seed=a.seed, n_train=len(d.train), n_valid=len(d.valid), valid_seed=0)
r.update(hidden=a.hidden, probe_epochs=a.probe_epochs, **kw, rows=rows, device=a.device)
r['command'] = f"OMP_NUM_THREADS={a.threads} python bench/negatives.py --seed {a.seed} --data-root $FF_DATA"
r['best_on_valid'] = max(rows[:-2], key=lambda x: x['valid_probe_acc'])['strategy']  # the two controls are last
finish(a, facts, r, ('dataset', 'seed', 'n_train', 'best_on_valid'))
