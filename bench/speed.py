"""Training speed of the recipes against this machine's own matmul peak, fp32 and bf16 side by side.

For each recipe, one JSON line: the seconds of one training step (negatives made, every layer's forward, goodness,
loss, backward and optimiser step) averaged over `--steps` steps after a warm-up step, on MNIST-shaped random data;
images per second; the GFLOPS it achieves, counted from the layer shapes (matmuls and convolutions only: forward, the
weight gradient, and the input gradient where a layer's input needs one); and the ratio to the peak of a 2048x2048
matmul in the same precision, measured in the same run. A last line, `layer_2000`, times one 2000-wide layer's step in
bf16 by autocast against bf16 weights with an fp32 master copy (the choice `05_learner` explains).

    python bench/speed.py                 # both precisions, appends to bench/results/speed.jsonl
    python bench/speed.py --quick         # one timed step, a short peak: a check of the script, writes nothing
"""

import argparse, json, math, os, platform, subprocess, time, warnings
import torch
from torch import nn
from ff_nbdev.core import default_device, fast_bf16, bf16_unsupported
from ff_nbdev.data import FFData, Split
from ff_nbdev.recipes import run_config, resolve, build_learner

SETUPS = dict(  # the recipes timed: the 4x2000 MLP at batch 1000, the competitive CNN at its own batch size (128)
    mlp_4x2000=dict(model='mlp', layers=[784, 2000, 2000, 2000, 2000], batch_size=1000),
    cnn_competitive=dict(model='cnn_competitive'),
    cnn=dict(model='cnn', batch_size=100),
    scff=dict(model='scff'),
)


def sync(device: torch.device):
    if device.type == 'cuda':
        torch.cuda.synchronize(device)


def device_name(device: torch.device) -> str:
    "The device in words: the GPU's name, or the CPU's model and the threads torch uses."
    if device.type == 'cuda':
        return torch.cuda.get_device_name(device)
    model = next((l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')), '')
    return f"{model or platform.processor()} ({torch.get_num_threads()} threads)"


def matmul_peak(device: torch.device, dtype: torch.dtype, n: int = 2048, reps: int = 3, trials: int = 3) -> float:
    "GFLOPS of an n x n matmul in `dtype`: the best of `trials` timings of `reps` products."
    a = torch.randn(n, n, device=device).to(dtype)
    b = torch.randn(n, n, device=device).to(dtype)
    a @ b
    best = math.inf
    for _ in range(trials):
        sync(device)
        t = time.perf_counter()
        for _ in range(reps):
            a @ b
        sync(device)
        best = min(best, (time.perf_counter() - t) / reps)
    return 2 * n**3 / best / 1e9


def mnist_shaped(n: int, device: torch.device) -> FFData:
    "Random images of MNIST's shape with random labels: the speed of a step does not depend on the pixels."
    x = torch.rand(n, 1, 28, 28, device=device)
    y = torch.randint(0, 10, (n,), device=device)
    return FFData('mnist', Split(x, y), None, Split(x[:200], y[:200]), (1, 28, 28), 10)


def step_flops(learn, xb, yb) -> float:
    "FLOPs of one training step, counted by hooks on every linear and conv layer during one step."
    flops = []

    def hook(m, inp, out):
        k = m.in_features if isinstance(m, nn.Linear) else m.in_channels // m.groups * math.prod(m.kernel_size)
        mac, grad = out.numel() * k, torch.is_grad_enabled()
        n = 1 + (grad and m.weight.requires_grad) + (grad and inp[0].requires_grad)  # forward, dW, dX
        flops.append(2 * mac * n)

    mods = list(learn.model.modules()) + (list(learn.loss.modules()) if isinstance(learn.loss, nn.Module) else [])
    hs = [m.register_forward_hook(hook) for m in mods if isinstance(m, (nn.Linear, nn.Conv2d))]
    one_step(learn, xb, yb)
    for h in hs:
        h.remove()
    return float(sum(flops))


def one_step(learn, xb, yb):
    "One training step of every layer: negatives, then the learner's own step."
    neg = learn.negatives
    xp, xn = neg.create_positive(xb, yb), neg.generate(xb, yb)
    learn.step(xp, xn, learn.active, yb)


def time_recipe(name: str, precision: str, device: torch.device, steps: int) -> dict:
    "Seconds per training step of recipe `name` in `precision` (mean of `steps` after a warm-up step), and its FLOPs."
    c = resolve(run_config(dataset='mnist', device=str(device), precision=precision, **SETUPS[name]))
    learn = build_learner(mnist_shaped(2, device), c)  # the data only sizes the network here
    bs = learn.bs
    data = mnist_shaped(bs * 2, device)
    learn.active, learn.stats, learn.n_batches = list(range(learn.L)), torch.zeros(learn.L, 3, device=device), 0
    learn.model.train()
    batches = [(data.train.x[i * bs:(i + 1) * bs], data.train.y[i * bs:(i + 1) * bs]) for i in range(2)]
    flops = step_flops(learn, *batches[0])  # also the warm-up step
    times = []
    for s in range(steps):
        sync(device)
        t = time.perf_counter()
        one_step(learn, *batches[s % 2])
        sync(device)
        times.append(time.perf_counter() - t)
    sec = sum(times) / len(times)
    return dict(precision=learn.precision, batch_size=bs, step_seconds=round(sec, 4),
                step_seconds_each=[round(t, 4) for t in times], samples_per_s=round(bs / sec, 1),
                gflop_per_step=round(flops / 1e9, 3), gflops=round(flops / sec / 1e9, 2),
                mnist_epoch_seconds=round(60000 / bs * sec, 1))


def layer_modes(device: torch.device, rows: int = 2000, width: int = 2000, steps: int = 3) -> dict:
    "Seconds per step of one FF layer (rows x width times width x width, ReLU, goodness, Adam) in the three ways."
    x = torch.randn(rows, width, device=device)
    w = nn.Parameter(torch.randn(width, width, device=device) / width**0.5)
    opt = torch.optim.Adam([w])

    def fp32():
        loss = torch.relu(x @ w.t()).pow(2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()

    def autocast():
        with torch.autocast(device.type, dtype=torch.bfloat16):
            h = torch.relu(x @ w.t())
        loss = h.float().pow(2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()

    x16, w16 = x.bfloat16(), w.detach().bfloat16().requires_grad_()

    def master():  # bf16 weights for the matmul, the fp32 copy for Adam
        loss = torch.relu(x16 @ w16.t()).float().pow(2).mean()
        w16.grad = None
        loss.backward()
        w.grad = w16.grad.float()
        opt.step()
        with torch.no_grad():
            w16.copy_(w)

    out = {}
    for name, f in (('fp32', fp32), ('bf16_autocast', autocast), ('bf16_weights_fp32_master', master)):
        f()
        sync(device)
        t = time.perf_counter()
        for _ in range(steps):
            f()
        sync(device)
        out[name] = round((time.perf_counter() - t) / steps, 4)
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--recipes', default='mlp_4x2000,cnn_competitive', help=f"comma-separated, of {', '.join(SETUPS)}")
    p.add_argument('--steps', type=int, default=3, help='timed steps per recipe and precision (after a warm-up step)')
    p.add_argument('--device', default=None, help='cpu or cuda (default: the best available)')
    p.add_argument('--threads', type=int, default=0, help="torch threads (0: torch's default)")
    p.add_argument('--quick', action='store_true', help='one timed step and a short peak: a check, writes nothing')
    p.add_argument('--out', default=os.path.join(os.path.dirname(__file__), 'results', 'speed.jsonl'))
    a = p.parse_args()
    if a.threads:
        torch.set_num_threads(a.threads)
    warnings.simplefilter('ignore')  # the emulated-bf16 warning: the record says fast_bf16 instead
    device, steps, t0 = default_device(a.device), 1 if a.quick else a.steps, time.time()
    commit = subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], capture_output=True, text=True).stdout.strip()
    precisions = ['fp32'] + ([] if bf16_unsupported(device) else ['bf16'])
    dtypes = dict(fp32=torch.float32, bf16=torch.bfloat16)
    peak = {p: round(matmul_peak(device, dtypes[p], reps=1 if a.quick else 3), 1) for p in precisions}
    facts = dict(started=time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(t0)), device=device_name(device),
                 device_type=device.type, fast_bf16=fast_bf16(device), torch=torch.__version__, commit=commit,
                 load_avg=[round(v, 2) for v in os.getloadavg()],
                 peak_gflops_2048_matmul=peak)
    lines = []
    for name in a.recipes.split(','):
        r = dict(bench='speed', recipe=name, steps=steps, **facts)
        for prec in precisions:
            t = time_recipe(name, prec, device, steps)
            t['of_peak'] = round(t['gflops'] / peak[prec], 4)
            r[prec] = t
        if 'bf16' in r:
            r['bf16_speedup'] = round(r['fp32']['step_seconds'] / r['bf16']['step_seconds'], 3)
        lines.append(r)
        print(json.dumps(r), flush=True)
    if 'bf16' in precisions:
        secs = layer_modes(device, steps=steps)
        r = dict(bench='speed', recipe='layer_2000', rows=2000, width=2000, step_seconds=secs, **facts)
        lines.append(r)
        print(json.dumps(r), flush=True)
    for r in lines:
        r['wall_seconds'] = round(time.time() - t0, 1)
    if not a.quick:
        with open(a.out, 'a') as f:
            f.writelines(json.dumps(r) + '\n' for r in lines)


if __name__ == '__main__':
    main()
