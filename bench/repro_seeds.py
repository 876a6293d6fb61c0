"""The reproductions-table rows of Hinton (2022) and channel-wise competition (Papachristodoulou et al., AAAI 2024)
rerun under the validation protocol, one run per process. Figures only, no asserts.
  OMP_NUM_THREADS=1 python bench/repro_seeds.py ROW --seed N --data-root $FF_DATA
ROW is one of
  ff_mlp         08_mlp's supervised recipe: 784-1000-1000, SymBa, label embedding (height 5), shifted images, 20 epochs
  hybrid         09_cnn's unsupervised CNN with hybrid-image negatives, 6 epochs, linear head on all layers
  cwcomp_mnist   09_cnn's channel-wise competitive CNN on MNIST, 8 epochs
  cwcomp_fmnist  the same on Fashion-MNIST, channels 60-120-240, 12 epochs
with the settings of their earlier single-seed runs in 08_mlp and 09_cnn. 10,000 training images are held out (split
seed 0, the same for every seed); every readout the run offers is scored on them, the one with the lowest validation
error is chosen, and its test error is the row's figure. The same readouts on the random-init network are the control.
Appends one JSON line to bench/results/repro_seeds.jsonl (or --out)."""

import argparse
from common import finish, seeded_flags, start
from ff_nbdev.cnn import cnn_run
from ff_nbdev.data import load_data, random_shift
from ff_nbdev.learner import ProgressCB
from ff_nbdev.mlp import mlp_learner
from ff_nbdev.readout import LinearReadout

ROWS = ('ff_mlp', 'hybrid', 'cwcomp_mnist', 'cwcomp_fmnist')
p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument('row', choices=ROWS)
a = seeded_flags(p, 'bench/results/repro_seeds.jsonl').parse_args()
facts = start(a)
data = load_data('fmnist' if a.row == 'cwcomp_fmnist' else 'mnist', root=a.data_root, device=a.device, valid=10000)
if a.n_train:
    data = type(data)(data.name, data.train[: a.n_train], data.valid, data.test, data.shape, data.n_classes)


def flat(r: dict, tag: str = '') -> dict:
    "Each readout's error in a run record of `cnn_run`, by name: 'overall', 'layer_1', ..., 'class_goodness_all', ..."
    out = {'overall': r[f'{tag}error']}
    out.update({f'layer_{i + 1}': e for i, e in enumerate(r[f'{tag}layer_errors'])})
    out.update({f'class_goodness_{k}': e for k, e in r.get(f'{tag}class_goodness_errors', {}).items()})
    if f'{tag}linear_head_error' in r:
        out['linear_head'] = r[f'{tag}linear_head_error']
    return out


def mlp_row() -> dict:
    "08_mlp's recipe: the goodness readout, and a linear head on layers 2+ (both fitted on train, scored on valid)."
    kw = dict(label_scale=5.0, lr=2e-3, bs=100, seed=a.seed)
    run = mlp_learner(
        data,
        [784, 1000, 1000],
        epochs=20,
        eval_frequency=20,
        cbs=[ProgressCB(bar=False)],
        tfm=lambda xb, g: random_shift(xb, 1, g),
        **kw,
    ).fit()
    ctl = mlp_learner(data, [784, 1000, 1000], epochs=0, **kw)
    r = dict(train_seconds=round(run.train_seconds, 1))
    for tag, learn in (('', run), ('random_init_', ctl)):
        lin = LinearReadout(from_layer=1, per_layer=False)
        for name, split in (('valid', data.valid), ('test', data.test)):
            good = 1 - learn.evaluate(split, record=False)['overall']
            r.setdefault(name, {}).update({f'{tag}goodness': round(good, 4)})
        r['valid'][f'{tag}linear_head'] = round(1 - lin(learn, data.valid)['overall'], 4)  # fits the head on train
        acc = (lin.logits(learn.model, learn.negatives, data.test.x).argmax(1) == data.test.y).float().mean().item()
        r['test'][f'{tag}linear_head'] = round(1 - acc, 4)
    return r


def cnn_row() -> dict:
    kw = dict(
        hybrid=dict(mode='unsupervised', epochs=6),
        cwcomp_mnist=dict(mode='competitive', epochs=8, linear=True),
        cwcomp_fmnist=dict(mode='competitive', epochs=12, channels=[60, 120, 240], linear=True),
    )[a.row]
    r = cnn_run(data, seed=a.seed, **kw)
    v = r.pop('valid')
    test = {**flat(r), **{f'random_init_{k}': e for k, e in flat(r, 'random_init_').items()}}
    valid = {**flat(v), **{f'random_init_{k}': e for k, e in flat(v, 'random_init_').items()}}
    return dict(train_seconds=r['train_seconds'], settings=kw, valid=valid, test=test)


r = mlp_row() if a.row == 'ff_mlp' else cnn_row()
trained = [k for k in r['valid'] if not k.startswith('random_init_')]
chosen = min(trained, key=lambda k: r['valid'][k])  # on validation only
r.update(
    bench='repro_seeds',
    row=a.row,
    seed=a.seed,
    n_train=len(data.train),
    n_valid=len(data.valid),
    valid_seed=0,
    chosen=chosen,
    valid_error=r['valid'][chosen],
    test_error=r['test'][chosen],
    random_init_test_error=r['test'][f'random_init_{chosen}'],
    device=a.device,
    command=f"OMP_NUM_THREADS={a.threads} python bench/repro_seeds.py {a.row} --seed {a.seed} --data-root $FF_DATA",
)
finish(a, facts, r, ('row', 'seed', 'chosen', 'valid_error', 'test_error', 'random_init_test_error', 'train_seconds'))
