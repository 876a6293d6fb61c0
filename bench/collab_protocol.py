"""Layer collaboration in the paper's protocol on MNIST: plain FF vs 'all'/'prev', the same logistic loss and theta
for every arm, each arm's readout chosen on a seeded validation split (10,000 training images), test read once.
Prints one JSON line per run (`ff_nbdev.collab.collab_protocol`); figures only, no asserts.
Example: python bench/collab_protocol.py --data-root ../shared/data --schedule layerwise --variants plain,prev"""

import argparse, json, subprocess, time, torch
from ff_nbdev.data import load_data
from ff_nbdev.collab import collab_protocol

p = argparse.ArgumentParser(description=__doc__)
p.add_argument('--data-root', default=None)
p.add_argument('--dataset', default='mnist')
p.add_argument('--schedule', default='all', help="all: every layer on every batch (the paper's 'network'); layerwise")
p.add_argument('--variants', default='plain,all,prev', help="comma-separated: plain, all, prev")
p.add_argument('--seeds', default='0,1,2,3,4')
p.add_argument('--epochs', type=int, default=20, help='epochs (per layer with --schedule layerwise)')
p.add_argument('--theta', type=float, default=6.0)
p.add_argument('--lr', type=float, default=3e-3)
p.add_argument('--bs', type=int, default=100)
p.add_argument('--valid', type=int, default=10000)
p.add_argument('--threads', type=int, default=1)
a = p.parse_args()
torch.set_num_threads(a.threads)
commit = subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], capture_output=True, text=True).stdout.strip()
data = load_data(a.dataset, root=a.data_root, valid=a.valid, seed=0, device='cpu')
layers = [data.n_features, 500, 500, 500]
epochs = a.epochs if a.schedule == 'all' else [a.epochs] * 3
for s in [int(v) for v in a.seeds.split(',')]:
    for v in a.variants.split(','):
        t = time.time()
        r = collab_protocol(
            data, None if v == 'plain' else v, s, layers, epochs, a.theta, lr=a.lr, bs=a.bs, schedule=a.schedule
        )
        print(
            json.dumps(
                dict(
                    bench='collab_protocol',
                    dataset=data.name,
                    **r,
                    wall_seconds=round(time.time() - t, 1),
                    threads=a.threads,
                    commit=commit,
                )
            ),
            flush=True,
        )
