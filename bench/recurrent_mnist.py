"""Hinton's recurrent FF net (nbs/23_recurrent) on MNIST in a comparable setting, one seed (and one arm) per process.
  OMP_NUM_THREADS=1 python bench/recurrent_mnist.py --seed 0 --data-root $FF_DATA            # top-down
  OMP_NUM_THREADS=1 python bench/recurrent_mnist.py --seed 0 --data-root $FF_DATA --no-top-down  # the control
Trains on 50,000 training images; the standard 10,000-image validation split (split seed 0) is evaluated after every
epoch and one JSON line per epoch is appended to the output file at once (a kill loses at most one epoch); the test
set is evaluated once, at the end, in a last line (status 'final'). The cost is measured: seconds per epoch, the
analytic FLOPs per image and per step, and the achieved GFLOPS as a share of a 1024x1024 fp32 matmul timed in the
same process. Writes bench/results/recurrent_mnist.jsonl (or --out)."""

import argparse, json, time, torch
from common import seeded_flags, start
from ff_nbdev.data import load_data
from ff_nbdev.learner import Callback
from ff_nbdev.recurrent import recurrent_learner, step_flops, train_flops, ITERS, DAMPING, WINDOW, TRAIN_WINDOW

p = seeded_flags(argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter),
                 'bench/results/recurrent_mnist.jsonl')
p.add_argument('--no-top-down', action='store_true', help='the control: no top-down connections')
p.add_argument('--epochs', type=int, default=6)
p.add_argument('--hidden', type=int, nargs='+', default=[500, 500])
p.add_argument('--lr', type=float, default=3e-3)
p.add_argument('--bs', type=int, default=100)
a = p.parse_args()
facts = start(a)


def matmul_gflops(n: int = 1024, reps: int = 10) -> float:
    "This process's fp32 matmul rate on an n x n product (the machine's own peak, measured in the same run)."
    x = torch.randn(n, n, device=a.device)
    x @ x
    t = time.time()
    for _ in range(reps):
        x @ x
    return 2 * n**3 * reps / (time.time() - t) / 1e9


peak = matmul_gflops()
data = load_data('mnist', a.data_root, device=a.device, valid='standard', seed=0)
if a.n_train:
    data.train = data.train[: a.n_train]
base = dict(bench='recurrent_mnist', setting='comparable', seed=a.seed, top_down=not a.no_top_down,
            layers=[784] + a.hidden, epochs=a.epochs, bs=a.bs, lr=a.lr, iters=ITERS, damping=DAMPING,
            window=list(WINDOW), train_window=list(TRAIN_WINDOW), negatives='predicted', loss='symba alpha 8',
            n_train=len(data.train), n_valid=len(data.valid), matmul_gflops_1024=round(peak, 1),
            commit=facts['commit'], machine=facts['machine'])


def write(rec: dict):
    print(json.dumps(rec), flush=True)
    if not a.n_train:
        with open(a.out, 'a') as f:
            f.write(json.dumps(rec) + '\n')


class EpochLine(Callback):
    "After every evaluation, one JSON line: validation accuracy, seconds, achieved GFLOPS."

    order = 30

    def before_fit(self, learn):
        self.last_train, self.flops = 0.0, train_flops(learn.model)

    def after_eval(self, learn):
        h = learn.history[-1]
        ep_s = learn.train_seconds - self.last_train
        self.last_train = learn.train_seconds
        gflops = self.flops * len(learn.data.train) / ep_s / 1e9
        write(dict(base, status='epoch', epoch=h['epoch'], valid_acc=round(h['overall'], 4),
                   valid_layers=[round(v, 4) for v in h['layers']], epoch_train_seconds=round(ep_s, 1),
                   elapsed_seconds=h['time'], gflop_per_image_step=round(step_flops(learn.model) / 1e9, 6),
                   gflop_per_train_image=round(self.flops / 1e9, 4), achieved_gflops=round(gflops, 1),
                   share_of_matmul_peak=round(gflops / peak, 3)))


learn = recurrent_learner(data, [784] + a.hidden, top_down=not a.no_top_down, epochs=a.epochs, bs=a.bs, lr=a.lr,
                          eval_frequency=1, seed=a.seed, cbs=[EpochLine()])
learn.fit()
t = time.time()
test = learn.evaluate(data.test, record=False)
write(dict(base, status='final', epoch=learn.epoch, valid_acc=round(learn.history[-1]['overall'], 4),
           test_acc=round(test['overall'], 4), test_layers=[round(v, 4) for v in test['layers']],
           test_eval_seconds=round(time.time() - t, 1), train_seconds=round(learn.train_seconds, 1),
           wall_seconds=round(time.time() - facts['t0'], 1)))
