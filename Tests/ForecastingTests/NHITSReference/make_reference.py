"""Reference outputs and gradients of a tiny N-HiTS network for fixed weights.

Run once (torch 2.x, CPU), e.g. with the accuracy venv:
    ~/.cache/autoscale/accuracy-venv/bin/python make_reference.py > nhits_torch_reference.json
The Swift test NHITSTorchReferenceTests reads the JSON. The module is the network of
docs/ARCHITECTURE.md ("nhits") at toy sizes: per block max_pool1d(kernel = stride = k_b,
ceil_mode=True) → (Linear → ReLU) × layers → Linear to θ = [backcast L | O × n_b knots];
r ← r − backcast; ŷ += F.interpolate(knots, size=h, mode='linear'); ŷ starts at the last
input value (x[:, 0], inputs most recent first). Weights θ_i = 0.5·sin(0.37·i + 0.1) in
state_dict order; inputs x[n, j] = cos(0.9·j + 1.3·n) + 0.1·j; float64. Also records
∂L/∂θ for L = mean(|y − ŷ₀|) + Σ_q mean(ρ_τq(y − ŷ_q)) (MAE on the point output, pinball
on the quantile outputs).
"""
import json
import math

import torch
import torch.nn.functional as F
from torch import nn

L, H_STEPS, HIDDEN, LAYERS, B = 8, 4, 5, 2, 3
POOLS = [2, 3, 1]
DOWNSAMPLE = [4, 2, 1]
QUANTILES = [0.1, 0.9]
O = 1 + len(QUANTILES)


class Block(nn.Module):
    def __init__(self, pool, downsample):
        super().__init__()
        self.pool = pool
        self.knots = max(H_STEPS // downsample, 1)
        pooled = math.ceil(L / pool)
        self.layers = nn.ModuleList([nn.Linear(pooled, HIDDEN)] + [nn.Linear(HIDDEN, HIDDEN) for _ in range(LAYERS - 1)])
        self.output = nn.Linear(HIDDEN, L + O * self.knots)

    def forward(self, r):
        a = F.max_pool1d(r.unsqueeze(1), kernel_size=self.pool, stride=self.pool, ceil_mode=True).squeeze(1)
        for layer in self.layers:
            a = torch.relu(layer(a))
        theta = self.output(a)
        backcast = theta[:, :L]
        knots = theta[:, L:].reshape(r.shape[0], O, self.knots)
        forecast = F.interpolate(knots, size=H_STEPS, mode="linear", align_corners=False)
        return backcast, forecast


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = nn.ModuleList([Block(p, f) for p, f in zip(POOLS, DOWNSAMPLE)])

    def forward(self, x):
        y = x[:, :1, None].expand(x.shape[0], O, H_STEPS).clone()
        r = x
        for block in self.blocks:
            backcast, forecast = block(r)
            r = r - backcast
            y = y + forecast
        return y


def pinball(y, q, tau):
    u = y - q
    return torch.maximum(tau * u, (tau - 1) * u).mean()


def main():
    torch.manual_seed(0)
    net = Net().double()
    names, flat, i = [], [], 0
    with torch.no_grad():
        for name, p in net.state_dict().items():
            values = torch.tensor([0.5 * math.sin(0.37 * (i + k) + 0.1) for k in range(p.numel())], dtype=torch.float64)
            p.copy_(values.reshape(p.shape))
            names.append({"name": name, "shape": list(p.shape)})
            flat.extend(values.tolist())
            i += p.numel()
    x = torch.tensor([[math.cos(0.9 * j + 1.3 * n) + 0.1 * j for j in range(L)] for n in range(B)], dtype=torch.float64)
    y = net(x)
    targets = torch.tensor([[0.3 * math.sin(0.7 * k + n) - 0.2 for k in range(H_STEPS)] for n in range(B)], dtype=torch.float64)
    loss = (targets - y[:, 0, :]).abs().mean()
    for q, tau in enumerate(QUANTILES):
        loss = loss + pinball(targets, y[:, q + 1, :], tau)
    loss.backward()
    grads = []
    for name, p in net.named_parameters():
        grads.extend(p.grad.flatten().tolist())
    print(json.dumps({
        "torch_version": torch.__version__,
        "input_steps": L, "horizon_steps": H_STEPS, "hidden": HIDDEN, "layers": LAYERS, "batch": B,
        "pool_kernel_sizes": POOLS, "downsample_factors": DOWNSAMPLE, "quantiles": QUANTILES,
        "tensors": names,
        "parameters": flat,
        "input": x.flatten().tolist(),
        "outputs": y.detach().flatten().tolist(),
        "targets": targets.flatten().tolist(),
        "loss": loss.item(),
        "gradients": grads,
    }, indent=1))


if __name__ == "__main__":
    main()
