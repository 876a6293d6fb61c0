"""Plain FF vs layer collaboration ('all', 'prev') on MNIST with the same network, loss, epochs and seeds.
Prints one JSON line per run (`ff_nbdev.collab.collab_run`): test error, per-layer errors, training seconds.
Figures only, no asserts. Example: python bench/collab.py --data-root ../shared/data --seeds 0,1 --epochs 5"""

import argparse, json, torch
from ff_nbdev.data import load_data
from ff_nbdev.collab import collab_run

p = argparse.ArgumentParser(description=__doc__)
p.add_argument('--data-root', default=None)
p.add_argument('--dataset', default='mnist')
p.add_argument('--variants', default='plain,all,prev', help="comma-separated: plain, all, prev")
p.add_argument('--seeds', default='0,1')
p.add_argument('--epochs', type=int, default=5)
p.add_argument('--layers', default=None, help='sizes, input first (default: input,500,500,500)')
p.add_argument('--gamma', type=float, default=1.0)
p.add_argument('--loss', default='softplus')
p.add_argument('--theta', type=float, default=2.0)
p.add_argument('--alpha', type=float, default=8.0)
p.add_argument('--lr', type=float, default=3e-3)
p.add_argument('--bs', type=int, default=100)
p.add_argument('--threads', type=int, default=0)
a = p.parse_args()
if a.threads:
    torch.set_num_threads(a.threads)
data = load_data(a.dataset, root=a.data_root)
layers = [int(v) for v in a.layers.split(',')] if a.layers else None
for s in [int(v) for v in a.seeds.split(',')]:
    for v in a.variants.split(','):
        r = collab_run(
            data,
            None if v == 'plain' else v,
            s,
            layers,
            a.epochs,
            a.gamma,
            loss=a.loss,
            loss_kw=dict(theta=a.theta) if a.loss == 'softplus' else dict(alpha=a.alpha),
            lr=a.lr,
            bs=a.bs,
        )
        r.pop('train_log')
        print(json.dumps(dict(bench='collab', **r, threads=torch.get_num_threads())), flush=True)
