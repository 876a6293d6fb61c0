"""Choose collaboration's shared threshold and epochs on validation: plain FF (softplus loss, 784-500-500-500,
Adam 3e-3, batches of 100, seed 0) on MNIST with 10,000 training images held out, validation accuracy every
2 epochs for 20 epochs. Prints one JSON line per evaluation. Usage: python bench/collab_pilot.py THETA [DATA_ROOT]"""

import json, sys, torch
from ff_nbdev.data import load_data
from ff_nbdev.collab import collab_learner

torch.set_num_threads(1)
theta = float(sys.argv[1])
d = load_data('mnist', root=sys.argv[2] if len(sys.argv) > 2 else None, valid=10000, seed=0, device='cpu')
l = collab_learner(
    d,
    [784, 500, 500, 500],
    None,
    loss='softplus',
    loss_kw=dict(theta=theta),
    epochs=20,
    lr=3e-3,
    bs=100,
    eval_frequency=2,
    seed=0,
).fit()
for h in l.history:
    print(json.dumps(dict(bench='collab_pilot', split='valid', theta=theta, **h)), flush=True)
