"""Supervised FF MLP on MNIST (offline, from a data root): prints one JSON object per evaluation and a final summary.
Figures only, no asserts. Example: python bench/mlp_mnist.py --data-root ../shared/data"""

import argparse, json, time, torch
from ff_nbdev.data import load_data, random_shift
from common import Report
from ff_nbdev.mlp import mlp_learner
from ff_nbdev.readout import LinearReadout

p = argparse.ArgumentParser(description=__doc__)
p.add_argument('--data-root', default=None)
p.add_argument('--dataset', default='mnist')
p.add_argument('--layers', default='784,1000,1000')
p.add_argument('--epochs', type=int, default=30)
p.add_argument('--bs', type=int, default=100)
p.add_argument('--lr', type=float, default=2e-3)
p.add_argument('--loss', default='symba')
p.add_argument('--alpha', type=float, default=8.0)
p.add_argument('--theta', type=float, default=2.0)
p.add_argument('--label-scale', type=float, default=5.0)
p.add_argument('--seed', type=int, default=0)
p.add_argument('--eval-frequency', type=int, default=1)
p.add_argument('--shift', type=int, default=0, help='random-shift augmentation (pixels)')
p.add_argument('--threads', type=int, default=0)
p.add_argument('--linear', action='store_true', help='also report the linear readout at the end')
a = p.parse_args()
if a.threads:
    torch.set_num_threads(a.threads)

t0 = time.time()
data = load_data(a.dataset, root=a.data_root)
rep = Report()
learn = mlp_learner(
    data,
    [int(v) for v in a.layers.split(',')],
    label_scale=a.label_scale,
    loss=a.loss,
    loss_kw=dict(alpha=a.alpha, theta=a.theta),
    lr=a.lr,
    bs=a.bs,
    epochs=a.epochs,
    eval_frequency=a.eval_frequency,
    cbs=[rep],
    seed=a.seed,
    tfm=(lambda xb, g: random_shift(xb, a.shift, g)) if a.shift else None,
)
learn.data.valid = None  # evaluate on the test split during training, to record when 98 % is first reached
learn.fit()
res = learn.evaluate(data.test, record=False)
out = dict(
    bench='mlp_mnist',
    dataset=data.name,
    layers=a.layers,
    epochs=a.epochs,
    loss=a.loss,
    lr=a.lr,
    bs=a.bs,
    shift=a.shift,
    test_error=round(1 - res['overall'], 4),
    train_seconds=round(learn.fit_time, 1),
    wall_seconds=round(time.time() - t0, 1),
    first_98=rep.first98,
    threads=torch.get_num_threads(),
)
if a.linear:
    out['linear_readout_error'] = round(
        1 - LinearReadout(from_layer=1, per_layer=False)(learn, data.test)['overall'], 4
    )
    out['wall_seconds_with_linear'] = round(time.time() - t0, 1)
print(json.dumps(out), flush=True)
