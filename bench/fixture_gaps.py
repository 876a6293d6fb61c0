"""How far the digits fixture of `19_cli` moves under float rounding, and how far a real change moves it.

Reruns the fixture's short digits runs (`nbs/fixtures/digits_histories.json`, written on another machine) and prints,
per run, the largest relative gap of a per-epoch loss and the largest gap of an accuracy in test images. Run it with
another thread count (`OMP_NUM_THREADS=1`) for rounding, and with `--seed 1` for a change that matters; 19_cli's
tolerances sit between the two. One JSON line per run, appended to bench/results/fixture_gaps.jsonl.
"""

import argparse, json, os, tempfile, torch
from pathlib import Path
from ff_nbdev.cli import train
from ff_nbdev.collab import collab_learner
from ff_nbdev.data import load_data
from common import start, finish

NBS = Path(__file__).resolve().parent.parent / 'nbs'
RUNS = dict(mlp=dict(model='mlp', epochs=[4], lr=0.003), cnn_supervised=dict(model='cnn', epochs=[1]),
            cnn_competitive=dict(model='cnn_competitive', epochs=[1]),
            cnn_unsupervised=dict(model='cnn_unsupervised', epochs=[1]), scff=dict(model='scff', epochs=[1]))


def history(k: str, seed: int) -> dict:
    "The fixture's run `k` as 19_cli reruns it: per-layer accuracies (%), overall (%), per-epoch losses."
    if k == 'collab':
        learn = collab_learner(load_data('digits', device='cpu'), [64, 100, 100], 'all', epochs=3, eval_frequency=1,
                               seed=seed)
        learn.fit()
        return dict(overall=[round(100 * e['overall'], 3) for e in learn.history], loss=[e['loss'] for e in learn.train_log])
    with tempfile.TemporaryDirectory() as d:
        train(out=d, quiet=True, eval_frequency=1, device='cpu', valid=0, seed=seed, **RUNS[k])
        h = json.loads((Path(d) / 'layer_accuracies_history.json').read_text())
    return dict(accuracies=h['accuracies'], overall=h['overall'], loss=[e['loss'] for e in h['train_log']])


def flat(v) -> torch.Tensor:
    return torch.tensor(list(v.values()) if isinstance(v, dict) else v, dtype=torch.float64, device='cpu').flatten()


if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--seed', type=int, default=0, help='0 is the fixture\'s seed; any other is "a real change"')
    p.add_argument('--out', default=str(Path(__file__).parent / 'results' / 'fixture_gaps.jsonl'))
    a = p.parse_args()
    a.threads, a.n_train = 0, None  # torch's default threads: set OMP_NUM_THREADS to change them
    facts = start(a)
    ref = json.loads((NBS / 'fixtures' / 'digits_histories.json').read_text())
    n = len(load_data('digits', device='cpu').test.y)
    for k in [*RUNS, 'collab']:
        got = history(k, a.seed)
        lg, lr = flat(got['loss']), flat(ref[k]['loss'])
        rel = ((lg - lr).abs() / lr.abs().clamp_min(1e-12)).max().item()
        acc = max((flat(got[f]) - flat(ref[k][f])).abs().max().item() for f in ('accuracies', 'overall') if f in got)
        r = dict(run=k, seed=a.seed, threads=torch.get_num_threads(), omp=os.environ.get('OMP_NUM_THREADS'),
                 loss_max_rel_gap=rel, acc_max_gap_images=round(acc * n / 100, 2), n_test=n)
        finish(a, facts, r, ('run', 'seed', 'threads', 'loss_max_rel_gap', 'acc_max_gap_images'))
