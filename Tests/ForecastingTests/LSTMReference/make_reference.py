"""Reference outputs of the PyTorch reference network for fixed weights.

Run once (torch 2.x, CPU):  python3 make_reference.py > lstm_torch_reference.json
The Swift test LSTMTorchReferenceTests reads the JSON. The network is the design of
EVALUATION.md §7 at toy sizes: nn.LSTM (2 layers, bidirectional) → r = [h_n[-2]; h_n[-1]]
→ per head Linear → ReLU → Dropout → Linear. Weights are θ_i = 0.5·sin(0.37·i + 0.1)
in state_dict order; inputs x[t, b, f] = cos(0.3·t + 0.7·b + 1.1·f); evaluation mode (no
dropout), float64. Also records ∂L/∂θ for L = Σ_k w_k·mean((ŷ_k − y_k)²).
"""
import json
import math

import torch
from torch import nn

T, B, F, H, L, P = 6, 2, 3, 5, 2, 6
OUTS = [2, 3]
WEIGHTS = [1.0, 1.5]


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(F, H, L, bidirectional=True, dropout=0.3)
        self.heads = nn.ModuleList(
            [nn.Sequential(nn.Linear(2 * H, P), nn.ReLU(), nn.Dropout(0.3), nn.Linear(P, n)) for n in OUTS]
        )

    def forward(self, x):
        _, (h, _) = self.lstm(x)
        r = torch.cat([h[-2], h[-1]], dim=1)
        return [head(r) for head in self.heads]


def main():
    net = Net().double().eval()
    names, flat, i = [], [], 0
    with torch.no_grad():
        for name, p in net.state_dict().items():
            values = torch.tensor([0.5 * math.sin(0.37 * (i + k) + 0.1) for k in range(p.numel())], dtype=torch.float64)
            p.copy_(values.reshape(p.shape))
            names.append({"name": name, "shape": list(p.shape)})
            flat.extend(values.tolist())
            i += p.numel()
    x = torch.tensor([[[math.cos(0.3 * t + 0.7 * b + 1.1 * f) for f in range(F)] for b in range(B)] for t in range(T)],
                     dtype=torch.float64)
    outputs = net(x)
    targets = [torch.tensor([[0.1 * (b + 1) - 0.05 * j for j in range(n)] for b in range(B)], dtype=torch.float64) for n in OUTS]
    loss = sum(w * ((o - y) ** 2).mean() for w, o, y in zip(WEIGHTS, outputs, targets))
    loss.backward()
    grads = []
    for name, p in net.named_parameters():
        grads.extend(p.grad.flatten().tolist())
    print(json.dumps({
        "torch_version": torch.__version__,
        "steps": T, "batch": B, "input_size": F, "hidden": H, "layers": L, "head_hidden": P,
        "head_outputs": OUTS, "loss_weights": WEIGHTS,
        "tensors": names,
        "parameters": flat,
        "input_time_major": x.flatten().tolist(),
        "outputs": [o.flatten().tolist() for o in outputs],
        "targets": [y.flatten().tolist() for y in targets],
        "loss": loss.item(),
        "gradients": grads,
    }, indent=1))


if __name__ == "__main__":
    main()
