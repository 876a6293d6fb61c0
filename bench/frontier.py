"""DeeperForward or ASGE (24_frontier's recipes) on MNIST or Fashion-MNIST, one seed per process, with its untrained
control; or (--backprop) the same network trained end to end with backprop, the other control.
  OMP_NUM_THREADS=1 python bench/frontier.py --seed N --data-root $FF_DATA [--dataset fmnist] [--epochs E]
      [--method asge] [--backprop] [--shift S]
10,000 training images are held out (split seed 0, the same for every seed). After every epoch the per-layer and
span accuracies on them are appended as one JSON line (kind 'epoch') to bench/results/frontier_DATASET.jsonl, so a
kill loses at most one epoch. At the end the span of layers is chosen on the held-out images and the test split is
read once (kind 'final'), together with the control: the same network untrained, its span chosen on the same
held-out images, and a linear head on the last layer's pooled features (fitted on the training images) for both.
With --backprop the same network (same initialisation) is trained with one cross-entropy on its last layer's class
scores, gradients through every layer and shortcut, AdamW at lr 1e-3 (weight decay 5e-4, the same cosine decay, batch
and epochs); kind 'bp_epoch' and 'bp_final' lines go to the same file. --shift S shifts each training image by its own
random offset of up to S pixels each way (`ff_nbdev.data.random_shift`), in both arms alike."""

import argparse, json, time
import torch
import torch.nn.functional as F
from common import seeded_flags, start
from ff_nbdev.data import load_data, random_shift
from ff_nbdev.learner import Callback
from ff_nbdev.readout import fit_head, linear_accuracy
from ff_nbdev.frontier import deeperforward_learner, asge_learner, group_goodness, cos_to

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument('--dataset', default='mnist', choices=['mnist', 'fmnist'])
p.add_argument('--epochs', type=int, default=12)
p.add_argument('--method', default='deeperforward', choices=['deeperforward', 'asge'])
p.add_argument('--channels', type=int, nargs='+', help='default: 30 60 60 120 120 (deeperforward), 32 64 128 (asge)')
p.add_argument('--backprop', action='store_true', help='train the same network end to end with backprop instead')
p.add_argument('--shift', type=int, default=0, help='augmentation: random shifts of training images, up to S pixels')
a = seeded_flags(p, None).parse_args()
if a.shift < 0:
    p.error(f'--shift {a.shift}: a shift is a number of pixels, 0 or more (0: no augmentation)')
a.out = a.out or f'bench/results/frontier_{a.dataset}.jsonl'
DEFAULT = dict(deeperforward=[30, 60, 60, 120, 120], asge=[32, 64, 128])
a.channels = a.channels or DEFAULT[a.method]
make = dict(deeperforward=deeperforward_learner, asge=asge_learner)[a.method]
facts = start(a)
data = load_data(a.dataset, root=a.data_root, device=a.device, valid=10000)
if a.n_train:
    data = type(data)(data.name, data.train[: a.n_train], data.valid, data.test, data.shape, data.n_classes)
base = dict(bench='frontier', method=a.method, dataset=a.dataset, seed=a.seed, channels=a.channels, epochs=a.epochs,
            shift=a.shift, n_train=len(data.train), n_valid=len(data.valid), valid_seed=0, commit=facts['commit'],
            machine=facts['machine'])


def write(r: dict):
    "Append one record (not for a quick check with --n-train) and print it."
    r = dict(base, **r)
    if not a.n_train:
        with open(a.out, 'a') as f:
            f.write(json.dumps(r) + '\n')
    print(json.dumps(r), flush=True)


class EpochLine(Callback):
    "One JSON line per evaluation (every epoch, on the held-out images)."

    order = 30

    def after_eval(self, learn):
        h = learn.history[-1]
        write(dict(kind='epoch', epoch=h['epoch'], valid_layers=[round(v, 4) for v in h['layers']],
                   valid_error=round(1 - h['overall'], 4), span=list(learn.readout.span),
                   train_seconds=round(learn.train_seconds, 1)))


def last_layer_features(learn, x, bs=1000):
    "The last layer's activity pooled to 2x2 and RMS-normalised (the features of a linear head)."
    net = learn.model
    with torch.no_grad():
        return torch.cat([net.feature(len(net.layers) - 1, net.activities(net.check(xb))[-1], 2) for xb in x.split(bs)])


def linear_test_error(learn) -> tuple:
    "(valid, test) error of a linear head on the last layer, fitted on the training images."
    f = lambda s: last_layer_features(learn, s.x)
    head = fit_head(f(data.train), data.train.y, data.n_classes, epochs=10, lr=3e-3, seed=a.seed)
    return tuple(round(1 - linear_accuracy(head, f(s), s.y), 4) for s in (data.valid, data.test))


def command() -> str:
    return (f"OMP_NUM_THREADS=1 python bench/frontier.py --seed {a.seed} --dataset {a.dataset} --epochs {a.epochs} "
            f"--method {a.method}{' --backprop' if a.backprop else ''}{f' --shift {a.shift}' if a.shift else ''}"
            f"{' --channels ' + ' '.join(map(str, a.channels)) if a.channels != DEFAULT[a.method] else ''} "
            "--data-root $FF_DATA")


def bp_scores(net, x):
    "The last layer's class scores, with gradients through every layer and shortcut (the walk with `active=None`)."
    acts = net.activities(x)
    score = getattr(net, 'class_scores', None) or (lambda i, a: group_goodness(a, net.n_classes, 'mean'))
    return score(len(acts) - 1, acts[-1])


def bp_error(net, s) -> float:
    with torch.no_grad():
        net.eval()
        p = torch.cat([bp_scores(net, net.check(xb)).argmax(1) for xb in s.x.split(1000)])
        net.train()
    return round(1 - (p == s.y).float().mean().item(), 4)


def backprop():
    "Train the FF learner's network end to end (same initialisation, batch, epochs, schedule); a line per epoch."
    net = make(data, a.channels, epochs=0, seed=a.seed).model
    opt = torch.optim.AdamW(net.parameters(), lr=1e-3, weight_decay=5e-4)
    steps_per_epoch = -(-len(data.train) // 128)
    sched = cos_to(0.1)(opt, steps_per_epoch * a.epochs)
    g = torch.Generator(device='cpu').manual_seed(a.seed)
    gs = torch.Generator(device=data.train.x.device).manual_seed(a.seed)  # the shifts, on the data's device
    seconds = 0.0  # training time only (the evaluations are left out, as FFLearner.train_seconds does)
    for e in range(1, a.epochs + 1):
        t0 = time.time()
        for idx in torch.randperm(len(data.train), generator=g).split(128):
            b = data.train[idx.to(data.train.x.device)]
            loss = F.cross_entropy(bp_scores(net, net.check(random_shift(b.x, a.shift, gs))), b.y)
            if not torch.isfinite(loss):
                raise FloatingPointError(f"backprop loss is {loss.item()} at epoch {e}: lower the learning rate.")
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        seconds += time.time() - t0
        write(dict(kind='bp_epoch', epoch=e, valid_error=bp_error(net, data.valid), train_seconds=round(seconds, 1)))
    write(dict(kind='bp_final', valid_error=bp_error(net, data.valid), test_error=bp_error(net, data.test),
               train_seconds=round(seconds, 1), wall_seconds=round(time.time() - facts['t0'], 1),
               command=command()))


if a.backprop:
    backprop()
    raise SystemExit(0)
tfm = dict(tfm=lambda xb, g: random_shift(xb, a.shift, g)) if a.shift else {}
learn = make(data, a.channels, epochs=a.epochs, eval_frequency=1, seed=a.seed, cbs=[EpochLine()], **tfm)
learn.fit()
ctl = make(data, a.channels, epochs=0, seed=a.seed)
r = {}
for tag, l in (('', learn), ('control_', ctl)):
    v = l.evaluate(data.valid, record=False)  # chooses the span on the held-out images
    t = l.evaluate(data.test, record=False)  # the same span (chosen again on the held-out images, not on test)
    lin_v, lin_t = linear_test_error(l)
    r.update({f'{tag}span': list(l.readout.span), f'{tag}valid_error': round(1 - v['overall'], 4),
              f'{tag}test_error': round(1 - t['overall'], 4), f'{tag}test_layers': [round(x, 4) for x in t['layers']],
              f'{tag}linear_valid_error': lin_v, f'{tag}linear_test_error': lin_t})
write(dict(kind='final', **r, train_seconds=round(learn.train_seconds, 1),
           wall_seconds=round(time.time() - facts['t0'], 1), command=command()))
