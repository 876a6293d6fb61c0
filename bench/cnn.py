"""Supervised, competitive and unsupervised FF CNNs on MNIST and Fashion-MNIST (offline, from a data root).
Prints one JSON line per run (`ff_nbdev.cnn.cnn_run`): test errors per layer and per readout, the random-init control,
training seconds. Figures only, no asserts. Example: python bench/cnn.py --data-root ../shared/data --epochs 2 --train-subset 10000"""

import argparse, json, time, torch
from ff_nbdev.data import load_data, FFData, random_shift
from ff_nbdev.cnn import cnn_run, MODES

p = argparse.ArgumentParser(description=__doc__)
p.add_argument('--data-root', default=None)
p.add_argument('--datasets', default='mnist,fmnist', help='comma-separated: mnist, fmnist')
p.add_argument('--modes', default='supervised,unsupervised', help='comma-separated: ' + ', '.join(MODES))
p.add_argument('--epochs', type=int, default=10)
p.add_argument('--train-subset', type=int, default=0, help='first N training images (0 = all)')
p.add_argument('--test-subset', type=int, default=0, help='first N test images (0 = all)')
p.add_argument('--channels', default=None, help="e.g. 32,64,128 (default: the learner's, 40-80-160 competitive)")
p.add_argument('--k', default=None, help='kernel sizes, e.g. 5,3,3')
p.add_argument('--bs', type=int, default=None, help="batch size (default: the learner's)")
p.add_argument('--lr', type=float, default=None, help="Adam learning rate (default: the learner's)")
p.add_argument(
    '--bn',
    choices=['auto', 'on', 'off'],
    default='auto',
    help='batch norm after every layer (auto: on when supervised)',
)
p.add_argument(
    '--linear', action='store_true', help="supervised modes: also a linear head on all layers' pooled features"
)
p.add_argument('--shift', type=int, default=0, help='random-shift augmentation (pixels)')
p.add_argument('--grid', type=int, default=4)
p.add_argument('--seed', type=int, default=0)
p.add_argument('--threads', type=int, default=0)
p.add_argument('--no-control', action='store_true', help='skip the random-init control')
a = p.parse_args()
if a.threads:
    torch.set_num_threads(a.threads)
chans = [int(c) for c in a.channels.split(',')] if a.channels else None

for ds in a.datasets.split(','):
    full = load_data(ds, root=a.data_root)
    data = FFData(
        full.name,
        full.train[: a.train_subset or None],
        None,
        full.test[: a.test_subset or None],
        full.shape,
        full.n_classes,
    )
    for mode in a.modes.split(','):
        t0 = time.time()
        kw = {
            k: v
            for k, v in dict(
                lr=a.lr,
                bs=a.bs,
                k=[int(v) for v in a.k.split(',')] if a.k else None,
                bn=None if a.bn == 'auto' else a.bn == 'on',
            ).items()
            if v is not None
        }
        out = cnn_run(
            data,
            mode,
            a.epochs,
            chans,
            linear=a.linear,
            control=not a.no_control,
            grid=a.grid,
            seed=a.seed,
            tfm=(lambda xb, g: random_shift(xb, a.shift, g)) if a.shift else None,
            **kw,
        )
        print(
            json.dumps(
                dict(bench='cnn', **out, wall_seconds=round(time.time() - t0, 1), threads=torch.get_num_threads())
            ),
            flush=True,
        )
