"""SCFF on MNIST with the reference recipe (preset `mnist`: two translated views, triangle layers), one seed per process,
under a validation protocol. Figures only, no asserts.
  OMP_NUM_THREADS=1 python bench/scff_mnist_seeds.py --seed 0 --data-root $FF_DATA --threads 1
Trains on 50,000 training images; a 10,000-image validation split (split seed 0, the same for every seed) carries the
curves (end of layer 1, end of layer 2); the test set is evaluated once, at the end. Beside the full readout (layers 1+2,
dropout 0.2) it fits three more heads on the same training features, each scored on validation and test:
layer 1 alone (dropout 0.1, the reference's one-layer readout), layer 1 + the untrained layer 2 (dropout 0.2), and the
untrained network (dropout 0.2). Writes bench/results/scff_mnist_seed{N}.json (or --out)."""

import argparse, json, os, platform, subprocess, time, torch
from ff_nbdev.scff import head_accuracy, with_random_layers
from ff_nbdev.scff_run import scff_run
from ff_nbdev.learner import ProgressCB, Callback

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument('--seed', type=int, default=0)
p.add_argument('--data-root')
p.add_argument('--device', default='cpu')
p.add_argument('--threads', type=int, default=1, help='torch threads (0: torch\'s default)')
p.add_argument('--valid', type=int, default=10000)
p.add_argument('--out')
a = p.parse_args()
if a.threads:
    torch.set_num_threads(a.threads)
out = a.out or f'bench/results/scff_mnist_seed{a.seed}.json'
t0 = time.time()
commit = (  # the code that runs: read at the start, not after later commits
    os.environ.get('FF_COMMIT')
    or subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], capture_output=True, text=True).stdout.strip()
)


class Partial(Callback):
    "After every evaluation, write what is known so far (a run killed later still leaves its validation curve)."

    def after_eval(self, learn):
        rec = dict(
            bench='scff_mnist_reference',
            seed=a.seed,
            status='running',
            history=learn.history,
            wall_seconds=round(time.time() - t0, 1),
        )
        open(out, 'w').write(json.dumps(rec, indent=1))


res = scff_run(
    'mnist',
    device=a.device,
    data_root=a.data_root,
    seed=a.seed,
    quiet=True,
    eval_frequency=100,
    valid=a.valid,
    valid_seed=0,
    cbs=[ProgressCB(bar=False), Partial()],
)
learn = res['learn']
data, neg, p_ = learn.data, learn.negatives, learn.model.config['preset']
splits = dict(valid=data.valid, test=data.test)
t1 = time.time()
l1 = head_accuracy(learn.model, neg, data.train, splits, layers=[0], dropout=p_['out_dropout'][0])
l1r = head_accuracy(with_random_layers(learn.model, 1, a.seed), neg, data.train, splits, dropout=p_['dropout'])
rnd = head_accuracy(with_random_layers(learn.model, 0, a.seed), neg, data.train, splits, dropout=p_['dropout'])
r = dict(
    bench='scff_mnist_reference',
    status='done',
    seed=a.seed,
    preset='mnist',
    translate=p_['translate'],
    acts=[l['act'] for l in p_['layers']],
    n_train=len(data.train),
    n_valid=len(data.valid),
    valid_seed=0,
    protocol=res['protocol'],
    full=dict(valid=res['valid']['overall'], test=res['overall'], dropout=p_['dropout']),
    probes_valid=res['valid']['layers'],
    layer1_alone=dict(l1, dropout=p_['out_dropout'][0]),
    layer1_random_layer2=dict(l1r, dropout=p_['dropout']),
    random_init=dict(rnd, dropout=p_['dropout']),
    history=learn.history,
    train_log=[dict(epoch=t['epoch'], gpos=t['gpos'], gneg=t['gneg']) for t in learn.train_log],
    train_seconds=res['train_seconds'],
    fit_seconds=res['fit_seconds'],
    controls_seconds=round(time.time() - t1, 1),
    wall_seconds=round(time.time() - t0, 1),
    machine=f"{platform.node()} {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, torch {torch.__version__}, {a.threads} thread(s), nice {os.nice(0)}",
    device=res['device'],
    commit=commit,
    command=f"OMP_NUM_THREADS={a.threads} python bench/scff_mnist_seeds.py --seed {a.seed} --data-root $FF_DATA --threads {a.threads} --device {a.device}",
)
os.makedirs(os.path.dirname(out) or '.', exist_ok=True)
open(out, 'w').write(json.dumps(r, indent=1))
print(
    json.dumps(
        {k: r[k] for k in ('seed', 'full', 'layer1_alone', 'layer1_random_layer2', 'random_init', 'wall_seconds')}
    )
)
