"""Layer-wise learning curves of SCFF under the parallel schedule (every layer trained on every batch from the start),
one dataset and one seed per process, for two questions: do shallow layers learn faster than deep ones, and is the last
layer always the best? Figures only, no asserts.
  OMP_NUM_THREADS=1 python bench/scff_layers.py --dataset mnist --seed 0 --epochs 8 --data-root $FF_DATA
The MNIST recipe (preset `mnist`: two 2000-unit triangle layers, two translated views per pair) on MNIST or
Fashion-MNIST, both layers for `--epochs` epochs. 10,000 training images are held out (split seed 0, the same for every
seed). Before training (the random-init control) and every `--eval-every` epochs, each layer gets a linear probe fitted
on the 50,000 training features (Adam 1e-3, batches of 128, 10 epochs: the SCFF readout's per-layer probe), scored on
validation; so does the concatenation of both layers. After the last epoch the same probes are scored on test, once.
Appends one JSON line to bench/results/scff_layers.jsonl (or --out)."""

import argparse, time, torch
from common import finish, seeded_flags, start
from ff_nbdev.learner import ProgressCB
from ff_nbdev.readout import fit_head, linear_accuracy
from ff_nbdev.scff import get_preset, scff_features, scff_learner
from ff_nbdev.scff_run import _scff_data

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument('--dataset', default='mnist', choices=['mnist', 'fmnist'])
p.add_argument('--epochs', type=int, default=8, help='epochs of both layers')
p.add_argument('--eval-every', type=int, default=1)
p.add_argument('--probe-epochs', type=int, default=10)
a = seeded_flags(p, 'bench/results/scff_layers.jsonl').parse_args()
facts = start(a)


class Probes:
    "Readout: a linear probe per layer and one on all layers' features, fitted on the training split (kept in `.heads`)."

    def __call__(self, learn, split):
        tr = learn.data.train
        ftr, fte = (
            scff_features(learn.model, learn.negatives, tr.x),
            scff_features(learn.model, learn.negatives, split.x),
        )
        ftr, fte = ftr + [torch.cat(ftr, 1)], fte + [torch.cat(fte, 1)]
        self.heads = [fit_head(f, tr.y, learn.data.n_classes, epochs=a.probe_epochs, lr=1e-3, bs=128) for f in ftr]
        acc = [linear_accuracy(h, f, split.y) for h, f in zip(self.heads, fte)]
        return dict(layers=acc[:-1], overall=acc[-1])

    def score(self, learn, split):
        "Accuracies on `split` of the heads fitted by the last evaluation (the test set's one look)."
        fs = scff_features(learn.model, learn.negatives, split.x)
        return [linear_accuracy(h, f, split.y) for h, f in zip(self.heads, fs + [torch.cat(fs, 1)])]


pre = get_preset('mnist')
data = _scff_data(a.dataset, pre, a.data_root, False, a.device, a.n_train, 10000, 0)
readout = Probes()
learn = scff_learner(
    data,
    'mnist',
    'parallel',
    readout=readout,
    cbs=[ProgressCB(bar=False)],
    seed=a.seed,
    epochs=a.epochs,
    eval_frequency=a.eval_every,
)
learn.t0 = time.time()  # fit() sets it; the evaluation before fit needs it too
learn.evaluate()  # epoch 0: the random-init network, same probes
learn.fit()
test = readout.score(learn, data.test)
r = dict(
    bench='scff_layers_parallel',
    dataset=a.dataset,
    seed=a.seed,
    preset='mnist',
    schedule='parallel',
    epochs=a.epochs,
    probe_epochs=a.probe_epochs,
    n_train=len(data.train),
    n_valid=len(data.valid),
    valid_seed=0,
    valid=[dict(epoch=h['epoch'], layers=h['layers'], both=h['overall']) for h in learn.history],
    test=dict(layers=test[:-1], both=test[-1]),
    train_log=[dict(epoch=t['epoch'], gpos=t['gpos'], gneg=t['gneg']) for t in learn.train_log],
    train_seconds=round(learn.train_seconds, 1),
    device=str(learn.device),
    command=f"OMP_NUM_THREADS={a.threads} python bench/scff_layers.py --dataset {a.dataset} --seed {a.seed} "
    f"--epochs {a.epochs} --eval-every {a.eval_every} --data-root $FF_DATA",
)
finish(a, facts, r, ('dataset', 'seed', 'valid', 'test', 'train_seconds'))
