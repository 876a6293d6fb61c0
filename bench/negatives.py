"""Compare the ten negative strategies on MNIST with a small, equal budget (same FF MLP, loss, optimiser, epochs, seed).
Prints one JSON line per strategy and per control (random-init network, raw pixels). Figures only, no asserts.
Example: python bench/negatives.py --data-root ../shared/data --n-train 10000 --epochs 2"""

import argparse, json, time, torch
from ff_nbdev.data import load_data, FFData
from ff_nbdev.compare import compare_negatives, STRATEGIES

p = argparse.ArgumentParser(description=__doc__)
p.add_argument('--data-root', default=None)
p.add_argument('--dataset', default='mnist')
p.add_argument('--strategies', default=','.join(STRATEGIES), help='comma-separated names')
p.add_argument('--n-train', type=int, default=10000, help='first N training images (0: all)')
p.add_argument('--hidden', default='500,500')
p.add_argument('--epochs', type=int, default=2)
p.add_argument('--bs', type=int, default=100)
p.add_argument('--lr', type=float, default=3e-3)
p.add_argument('--loss', default='symba')
p.add_argument('--alpha', type=float, default=8.0)
p.add_argument('--theta', type=float, default=2.0)
p.add_argument('--label-scale', type=float, default=2.0)
p.add_argument('--probe-epochs', type=int, default=10)
p.add_argument('--seed', type=int, default=0)
p.add_argument('--threads', type=int, default=1)
p.add_argument('--out', default=None, help='also write the table as JSON here')
a = p.parse_args()
if a.threads:
    torch.set_num_threads(a.threads)

t0 = time.time()
d = load_data(a.dataset, root=a.data_root)
if a.n_train:
    d = FFData(d.name, d.train[: a.n_train], None, d.test, d.shape, d.n_classes)
compare_negatives(
    d,
    a.strategies.split(','),
    tuple(int(v) for v in a.hidden.split(',')),
    epochs=a.epochs,
    bs=a.bs,
    lr=a.lr,
    loss=a.loss,
    loss_kw=dict(alpha=a.alpha, theta=a.theta),
    label_scale=a.label_scale,
    probe_epochs=a.probe_epochs,
    seed=a.seed,
    out=a.out,
    verbose=True,
)
print(
    json.dumps(
        dict(
            bench='negatives',
            dataset=d.name,
            n_train=len(d.train),
            n_test=len(d.test),
            hidden=a.hidden,
            epochs=a.epochs,
            bs=a.bs,
            lr=a.lr,
            loss=a.loss,
            wall_seconds=round(time.time() - t0, 1),
            threads=torch.get_num_threads(),
        )
    )
)
