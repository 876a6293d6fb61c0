"""Samples/s of the batched goodness readout (all C labels in one pass, layer 1's image part computed once)
versus C separate forward passes, on a 784-500-500 FF MLP. Prints one JSON object per line; figures only."""
import argparse, json, time, torch
from ff_nbdev.core import set_seed, default_device
from ff_nbdev.embed import LabelEmbed
from ff_nbdev.mlp import FFMLP, goodness_scores, goodness_scores_loop

p = argparse.ArgumentParser(description=__doc__)
p.add_argument('--layers', default='784,500,500'); p.add_argument('--bs', type=int, default=1000)
p.add_argument('--repeats', type=int, default=10); p.add_argument('--device', default=None)
p.add_argument('--threads', type=int, default=0)
a = p.parse_args()
if a.threads: torch.set_num_threads(a.threads)
dev = default_device(a.device); set_seed(0)
sizes = [int(v) for v in a.layers.split(',')]
emb = LabelEmbed(10, 2.)
model = FFMLP([sizes[0] + emb.n_extra] + sizes[1:]).to(dev).eval()
x = torch.randn(a.bs, sizes[0], device=dev)

def rate(f):
    f(model, x, emb)                       # warm-up
    if dev.type == 'cuda': torch.cuda.synchronize()
    t = time.perf_counter()
    for _ in range(a.repeats): f(model, x, emb)
    if dev.type == 'cuda': torch.cuda.synchronize()
    return a.repeats * a.bs / (time.perf_counter() - t)

# alternate the two, three rounds each, and keep the best of each (same run, same machine state)
r = {'batched': [], 'loop': []}
for _ in range(3):
    r['batched'].append(rate(goodness_scores)); r['loop'].append(rate(goodness_scores_loop))
b, l = max(r['batched']), max(r['loop'])
same = torch.allclose(goodness_scores(model, x, emb), goodness_scores_loop(model, x, emb), atol=1e-4)
print(json.dumps(dict(bench='predict', method='batched_one_pass', layers=a.layers, batch=a.bs, samples_per_s=round(b), device=str(dev), threads=torch.get_num_threads())))
print(json.dumps(dict(bench='predict', method='c_separate_passes', layers=a.layers, batch=a.bs, samples_per_s=round(l), device=str(dev), threads=torch.get_num_threads())))
print(json.dumps(dict(bench='predict', speedup=round(b / l, 2), scores_match=same)))
