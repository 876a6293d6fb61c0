"""Representation analysis (issue 13): the transfer table (FF, BP, random init; MNIST -> Fashion-MNIST and back) and the
FF-vs-BP minibatch CKA diagonal on the MNIST test set. Prints one JSON line each. Figures only, no asserts.
Loads the networks that nbs/16_probe.ipynb saved as runs (--models, default nbs/models); with --train, trains missing
ones (the 08_mlp recipe, --epochs FF epochs, --bp-epochs, on the first --n-train training images) and saves them.
Example: python bench/analysis.py --data-root ../shared/data --models nbs/models
Quick:   python bench/analysis.py --data-root ../shared/data --models /tmp/small --train --n-train 5000 --epochs 2 --bp-epochs 1 --sizes 784,300,300"""

import argparse, json, time
from pathlib import Path
import numpy as np, torch
from ff_nbdev.data import FFData, load_data, random_shift
from ff_nbdev.mlp import mlp_learner
from ff_nbdev.probe import bp_mlp, fit_bp, ff_net, load_net, save_net, probe_config, transfer_row
from ff_nbdev.cka import cka_matrix

p = argparse.ArgumentParser(description=__doc__)
p.add_argument('--data-root', default=None)
p.add_argument('--models', default='nbs/models')
p.add_argument('--train', action='store_true', help='train and save the networks that are missing in --models')
p.add_argument('--sizes', default='784,1000,1000')
p.add_argument('--epochs', type=int, default=12)
p.add_argument('--bp-epochs', type=int, default=5)
p.add_argument('--n-train', type=int, default=0, help='first N training images of each dataset (0: all)')
p.add_argument('--probe-epochs', type=int, default=10)
p.add_argument('--cka-n', type=int, default=10000, help='MNIST test images for CKA')
p.add_argument('--cka-bs', type=int, default=1000)
p.add_argument('--threads', type=int, default=1)
a = p.parse_args()
torch.set_num_threads(a.threads)
t0 = time.time()
sizes, folder = [int(s) for s in a.sizes.split(',')], Path(a.models)
data = {}
for name in ('mnist', 'fmnist'):
    d = load_data(name, root=a.data_root)
    data[name] = FFData(d.name, d.train[: a.n_train] if a.n_train else d.train, None, d.test, d.shape)


def nets(d):
    if a.train and not (folder / f'ff_{d.name}').exists():
        learn = mlp_learner(
            d,
            sizes,
            label_scale=5.0,
            lr=2e-3,
            bs=100,
            epochs=a.epochs,
            tfm=lambda xb, g: random_shift(xb, 1, g),
            eval_frequency=a.epochs,
        ).fit()
        save_net(folder, f'ff_{d.name}', learn.model, d, probe_config('mlp', d, a.epochs, sizes))
    if a.train and not (folder / f'bp_{d.name}').exists():
        bp = bp_mlp(d, sizes)
        fit_bp(bp, d, a.bp_epochs, lr=1e-3, bs=100, shift=1, verbose=False)
        save_net(folder, f'bp_{d.name}', bp, d, probe_config('bp_mlp', d, a.bp_epochs, sizes))
    return load_net(folder, f'ff_{d.name}'), load_net(folder, f'bp_{d.name}'), ff_net(d, sizes)


def own(run, split):
    return run.predict(split.x).eq(split.y).float().mean().item()


rows, keep = [], {}
for s, t in (('mnist', 'fmnist'), ('fmnist', 'mnist')):
    S, T = data[s], data[t]
    ff, bp, rnd = keep[s] = nets(S)
    kw = dict(epochs=a.probe_epochs)
    rows += [
        transfer_row('FF', ff.net, ff.negatives, S, T, own(ff, S.test), **kw),
        transfer_row('BP', bp.net, None, S, T, own(bp, S.test), **kw),
        transfer_row('random init', rnd.model, rnd.negatives, S, T, **kw),
    ]


def r4(v):
    return [r4(x) for x in v] if isinstance(v, list) else round(v, 4) if isinstance(v, float) else v


print(
    json.dumps(
        dict(
            bench='transfer',
            sizes=sizes,
            n_train=a.n_train or 'all',
            probe_epochs=a.probe_epochs,
            rows=[{k: r4(v) for k, v in r.items()} for r in rows],
            seconds=round(time.time() - t0, 1),
        )
    ),
    flush=True,
)
ff, bp, rnd = keep['mnist']
x = data['mnist'].test.x[: a.cka_n]
M = cka_matrix(ff.net, x, bp.net, prep_a=ff.negatives.test_input, bs=a.cka_bs)
print(
    json.dumps(
        dict(
            bench='cka_ff_bp',
            data='mnist test',
            n=len(x),
            batch=a.cka_bs,
            estimator='minibatch linear CKA (Nguyen et al. 2021)',
            diagonal=r4(np.diag(M).tolist()),
            matrix=r4(M.tolist()),
            seconds=round(time.time() - t0, 1),
        )
    ),
    flush=True,
)
