"""Samples/s of the batched goodness readout (all C labels in one pass, layer 1's image part computed once)
versus C separate forward passes, on a 784-500-500 FF MLP. Prints one JSON object per line; figures only.

The two methods are timed back to back in each round and the speedup is the median over rounds of the paired
ratio: on a shared 2-core machine single timings drift by 20 % or more, the paired ratio much less."""

import argparse, json, statistics, time, torch
from ff_nbdev.core import set_seed, default_device
from ff_nbdev.embed import LabelEmbed
from ff_nbdev.layers import FFMLP
from ff_nbdev.readout import goodness_scores, goodness_scores_loop

p = argparse.ArgumentParser(description=__doc__)
p.add_argument('--layers', default='784,500,500')
p.add_argument('--bs', default='1000,10000', help='batch sizes to time (10000 = the MNIST test set in one call)')
p.add_argument('--rounds', type=int, default=7)
p.add_argument('--device', default=None)
p.add_argument('--threads', type=int, default=0)
a = p.parse_args()
if a.threads:
    torch.set_num_threads(a.threads)
dev = default_device(a.device)
set_seed(0)
sizes = [int(v) for v in a.layers.split(',')]
emb = LabelEmbed(10, 2.0)
model = FFMLP([sizes[0] + emb.n_extra] + sizes[1:]).to(dev).eval()


def rate(f, x, n_samples):
    f(model, x, emb)  # warm-up
    if dev.type == 'cuda':
        torch.cuda.synchronize()
    t = time.perf_counter()
    n = 0
    while n < n_samples:
        f(model, x, emb)
        n += len(x)
    if dev.type == 'cuda':
        torch.cuda.synchronize()
    return n / (time.perf_counter() - t)


for bs in [int(v) for v in a.bs.split(',')]:
    x = torch.randn(bs, 1, sizes[0], device=dev)
    b, l = [], []
    for _ in range(a.rounds):
        b.append(rate(goodness_scores, x, 20000))
        l.append(rate(goodness_scores_loop, x, 20000))
    same = torch.allclose(goodness_scores(model, x, emb), goodness_scores_loop(model, x, emb), atol=1e-4)
    ratios = [bi / li for bi, li in zip(b, l)]
    common = dict(bench='predict', layers=a.layers, batch=bs, device=str(dev), threads=torch.get_num_threads())
    print(json.dumps(dict(common, method='batched_one_pass', samples_per_s_median=round(statistics.median(b)))))
    print(json.dumps(dict(common, method='c_separate_passes', samples_per_s_median=round(statistics.median(l)))))
    print(
        json.dumps(
            dict(
                common,
                speedup_median=round(statistics.median(ratios), 2),
                speedup_min=round(min(ratios), 2),
                speedup_max=round(max(ratios), 2),
                scores_match=same,
            )
        )
    )
