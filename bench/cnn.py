"""Supervised and unsupervised FF CNNs on MNIST and Fashion-MNIST (offline, from a data root).
Prints one JSON line per run: test error, epochs, wall seconds (and, unsupervised, the random-init control).
Figures only, no asserts. Example: python bench/cnn.py --data-root ../shared/data --epochs 2 --train-subset 10000"""
import argparse, json, time, torch
from ff_nbdev.data import load_data, FFData, random_shift
from ff_nbdev.cnn import cnn_learner, CNNLinearReadout, competitive_scores, sum_layers
from ff_nbdev.learner import Callback

class Timer(Callback):
    "Seconds of training (without evaluation) since the fit started."
    def before_fit(self, learn): self.train = 0.
    def after_epoch(self, learn): self.train = time.time() - learn.t0

p = argparse.ArgumentParser(description=__doc__)
p.add_argument('--data-root', default=None)
p.add_argument('--datasets', default='mnist,fmnist', help='comma-separated: mnist, fmnist')
p.add_argument('--modes', default='supervised,unsupervised', help='comma-separated: supervised (label channels), competitive (channel-wise competition), unsupervised')
p.add_argument('--epochs', type=int, default=10); p.add_argument('--train-subset', type=int, default=0, help='first N training images (0 = all)')
p.add_argument('--test-subset', type=int, default=0, help='first N test images (0 = all)')
p.add_argument('--channels', default=None, help="e.g. 32,64,128 (default: the learner's, 40-80-160 competitive)"); p.add_argument('--k', default=None, help='kernel sizes, e.g. 5,3,3 (default: the learner\'s)')
p.add_argument('--bs', type=int, default=None, help="batch size (default: the learner's, 128 competitive, 16 otherwise)")
p.add_argument('--lr', type=float, default=None, help="Adam learning rate (default: the learner's, 1e-2 competitive, 3e-3 otherwise)")
p.add_argument('--bn', choices=['auto', 'on', 'off'], default='auto', help='batch norm after every layer (auto: on when supervised, off when unsupervised)')
p.add_argument('--linear', action='store_true', help='supervised runs: also fit a linear head on all layers\' pooled features')
p.add_argument('--shift', type=int, default=0, help='random-shift augmentation (pixels)')
p.add_argument('--alpha', type=float, default=8.); p.add_argument('--label-scale', type=float, default=1.)
p.add_argument('--grid', type=int, default=4); p.add_argument('--seed', type=int, default=0); p.add_argument('--threads', type=int, default=0)
p.add_argument('--no-control', action='store_true', help='skip the random-init control of the unsupervised runs')
a = p.parse_args()
if a.threads: torch.set_num_threads(a.threads)
chans = [int(c) for c in a.channels.split(',')] if a.channels else None

for ds in a.datasets.split(','):
    full = load_data(ds, root=a.data_root)
    tr = full.train[:a.train_subset] if a.train_subset else full.train
    te = full.test[:a.test_subset] if a.test_subset else full.test
    data = FFData(full.name, tr, None, te, full.shape, full.n_classes)
    for mode in a.modes.split(','):
        if mode not in ('supervised', 'competitive', 'unsupervised'): raise SystemExit(f"unknown mode {mode!r}: use supervised, competitive or unsupervised")
        sup, comp = mode != 'unsupervised', mode == 'competitive'
        t0 = time.time()
        opt = {k: v for k, v in dict(lr=a.lr, bs=a.bs).items() if v is not None}
        learn = cnn_learner(data, chans, supervised=sup, competitive=comp, grid=a.grid, label_scale=a.label_scale, **opt,
                            bn=None if a.bn == 'auto' else a.bn == 'on', k=[int(v) for v in a.k.split(',')] if a.k else None,
                            tfm=(lambda xb, g: random_shift(xb, a.shift, g)) if a.shift else None,
                            epochs=a.epochs, loss_kw=dict(alpha=a.alpha), eval_frequency=a.epochs + 1, seed=a.seed, cbs=[timer := Timer()])
        learn.fit()                       # evaluates once, at the end, on the test split (there is no valid split)
        res = learn.history[-1]
        out = dict(bench='cnn', dataset=data.name, mode=mode, readout=('class goodness' if comp else 'goodness') if sup else 'linear (all layers)',
                   channels=learn.model.channels, bn=learn.model.bn, bs=learn.bs, lr=learn.lrs[0], epochs=a.epochs, train_images=len(tr), test_images=len(te),
                   test_error=round(1 - res['overall'], 4), layer_errors=[round(1 - v, 4) for v in res['layers']],
                   train_seconds=round(timer.train, 1), seconds_per_epoch=round(timer.train / max(a.epochs, 1), 1), eval_seconds=round(learn.fit_time - timer.train, 1),
                   wall_seconds=round(time.time() - t0, 1), threads=torch.get_num_threads())
        if comp:                          # the class-goodness readout summed over all layers, from layer 2, or the last layer alone
            s = competitive_scores(learn.model, te.x, data.n_classes)
            out['class_goodness_errors'] = {k: round(1 - (sum_layers(s, f).argmax(1) == te.y).float().mean().item(), 4)
                                            for k, f in [('all', 0), ('from_2', 1), ('last', -1)]}
        if sup and a.linear:
            lin = CNNLinearReadout(per_layer=False)(learn, data.test)
            out['linear_head_error'] = round(1 - lin['overall'], 4); out['wall_seconds_with_linear'] = round(time.time() - t0, 1)
        if not sup and not a.no_control:
            ctrl = cnn_learner(data, chans, supervised=False, grid=a.grid, epochs=0, seed=a.seed).evaluate(data.test, record=False)
            out['random_init_error'] = round(1 - ctrl['overall'], 4)
            out['random_init_layer_errors'] = [round(1 - v, 4) for v in ctrl['layers']]
        print(json.dumps(out), flush=True)
