"""SCFF benchmark: figures only, no asserts.
python bench/scff.py mlp   --data-root ../shared/data [--dataset mnist] [--device cuda] [--eval-frequency 2]
    SCFF MLP recipe: probe test accuracy at every evaluation, random-init probe, wall seconds, when 98 % was first reached.
python bench/scff.py speed [--device cuda] [--epochs 2] [--n 50000] [--schedule greedy]
    seconds per epoch of each CIFAR-10 layer (layer i trained on top of the frozen layers below), on CIFAR-shaped
    random tensors (50,000 images of 3x32x32, batches of 100), for comparison with the paper's 1.2 s/epoch (one layer, RTX 4090)."""

import argparse, json, time, torch
from ff_nbdev.core import default_device
from ff_nbdev.data import FFData, Split
from common import Report
from ff_nbdev.scff import scff_learner
from ff_nbdev.scff_run import scff_run

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument('what', choices=['mlp', 'speed'])
p.add_argument('--data-root')
p.add_argument('--dataset', default='mnist')
p.add_argument('--device')
p.add_argument('--eval-frequency', type=int, default=2)
p.add_argument('--seed', type=int, default=0)
p.add_argument('--epochs', type=int, default=2, help='speed: epochs timed per layer (the first one includes warm-up)')
p.add_argument('--n', type=int, default=50000)
p.add_argument('--schedule', default='greedy')
p.add_argument('--threads', type=int, default=0)
a = p.parse_args()
if a.threads:
    torch.set_num_threads(a.threads)
dev = default_device(a.device)
if dev.type == 'cuda':
    torch.backends.cudnn.benchmark = True  # let cuDNN pick the fastest convolution for these fixed shapes
name = torch.cuda.get_device_name(dev) if dev.type == 'cuda' else f'cpu ({torch.get_num_threads()} threads)'


def sync():
    if dev.type == 'cuda':
        torch.cuda.synchronize(dev)


if a.what == 'mlp':
    t0, rep = time.time(), Report()
    res = scff_run(
        a.dataset,
        device=a.device,
        data_root=a.data_root,
        eval_frequency=a.eval_frequency,
        quiet=True,
        cbs=[rep],
        seed=a.seed,
    )
    learn = res['learn']
    ctrl = scff_learner(learn.data, res['preset'], epochs=0).evaluate(record=False)
    print(
        json.dumps(
            dict(
                bench='scff_mlp',
                dataset=res['dataset'],
                device=name,
                test_acc=round(res['overall'], 4),
                layers=[round(v, 4) for v in res['layers']],
                random_init_acc=round(ctrl['overall'], 4),
                random_init_layers=[round(v, 4) for v in ctrl['layers']],
                train_seconds=res['train_seconds'],
                fit_seconds=res['fit_seconds'],
                wall_seconds=round(time.time() - t0, 1),
                first_98=rep.first98,
            )
        )
    )
else:
    g = torch.Generator(dev).manual_seed(0)
    x = torch.randn(a.n, 3, 32, 32, device=dev, generator=g)
    y = torch.randint(0, 10, (a.n,), device=dev, generator=g)
    data = FFData('cifar10', Split(x, y), None, Split(x[:1000], y[:1000]), (3, 32, 32), 10)
    preset = 'cifar10' if a.schedule == 'greedy' else 'cifar10_parallel'
    out = dict(
        bench='scff_speed', device=name, preset=preset, n=a.n, bs=100, epochs_timed=a.epochs, seconds_per_epoch=[]
    )
    for i in range(3):
        learn = scff_learner(data, preset, readout=None, epochs=[a.epochs] * 3)
        times = []
        for e in range(a.epochs):
            sync()
            t = time.time()
            learn.run_epoch([i], e, a.epochs)
            sync()
            times.append(round(time.time() - t, 3))
        out['seconds_per_epoch'].append(dict(layer=i + 1, epochs=times, best=min(times)))
        print(json.dumps(out['seconds_per_epoch'][-1]), flush=True)
    print(json.dumps(out))
