"""The default `ff-train` (embedded digits): test accuracy and wall seconds of the whole command, per seed.
Prints one JSON object per run and a summary line; figures only."""

import argparse, json, subprocess, tempfile, time
from pathlib import Path

p = argparse.ArgumentParser(description=__doc__)
p.add_argument('--seeds', default='0,1,2')
a = p.parse_args()
accs = []
for s in a.seeds.split(','):
    with tempfile.TemporaryDirectory() as out:
        t = time.time()
        subprocess.run(['ff-train', '--quiet', '--seed', s, '--out', out], check=True, stdout=subprocess.DEVNULL)
        wall = time.time() - t
        res = json.loads((Path(out) / 'results.json').read_text())
    accs.append(res['overall'])
    print(
        json.dumps(
            dict(
                bench='mlp_digits',
                seed=int(s),
                test_acc=round(res['overall'], 4),
                layers=[round(v, 4) for v in res['layers']],
                train_seconds=res['train_seconds'],
                command_wall_seconds=round(wall, 1),
            )
        ),
        flush=True,
    )
print(
    json.dumps(
        dict(
            bench='mlp_digits',
            seeds=len(accs),
            mean_test_acc=round(sum(accs) / len(accs), 4),
            min_test_acc=round(min(accs), 4),
        )
    )
)
