"""Reference value and gradient of the LSTM head loss with quantile outputs.

Run once (torch 2.x, CPU), e.g. with the accuracy venv:
    ~/.cache/autoscale/accuracy-venv/bin/python make_quantile_reference.py > lstm_quantile_loss_reference.json
The Swift test LSTMQuantileLossTests reads the JSON. One head's outputs ŷ [B × O·n] hold,
per row, the point path (n values) and then one path per quantile τ_q ascending; targets
y [B × n]. The head loss (docs/ARCHITECTURE.md, "LSTM quantile heads") is

    L = mean(ℓ(ŷ₀ − y)) + Σ_q mean(ρ_τq(y − ŷ_q)),   ρ_τ(u) = max(τ·u, (τ − 1)·u)

with ℓ the point loss (PyTorch's MSELoss, L1Loss, HuberLoss(delta)); recorded: L and
∂(w·L)/∂ŷ for a head weight w. Values are ŷ = 0.9·sin(0.7·i + 0.3), y = 0.8·cos(0.45·i + 0.2)
(no exact ties between a target and an output, where ρ has a kink), float64.
"""
import json
import math

import torch
from torch import nn

B, N = 3, 4
TAUS = [0.025, 0.1, 0.9, 0.975]
O = 1 + len(TAUS)
WEIGHT = 1.5
POINT_LOSSES = {
    "mse": nn.MSELoss(),
    "mae": nn.L1Loss(),
    "huber": nn.HuberLoss(delta=0.5),
}


def pinball(y, q, tau):
    u = y - q
    return torch.maximum(tau * u, (tau - 1) * u).mean()


def case(name, point_loss):
    outputs = torch.tensor([0.9 * math.sin(0.7 * i + 0.3) for i in range(B * O * N)], dtype=torch.float64,
                           requires_grad=True)
    targets = torch.tensor([0.8 * math.cos(0.45 * i + 0.2) for i in range(B * N)], dtype=torch.float64).reshape(B, N)
    rows = outputs.reshape(B, O, N)
    loss = point_loss(rows[:, 0, :], targets)
    for q, tau in enumerate(TAUS):
        loss = loss + pinball(targets, rows[:, q + 1, :], tau)
    (WEIGHT * loss).backward()
    return {
        "point_loss": name,
        "outputs": outputs.detach().tolist(),
        "targets": targets.reshape(-1).tolist(),
        "loss": loss.item(),
        "gradient": outputs.grad.tolist(),
    }


def main():
    print(json.dumps({
        "batch": B,
        "steps": N,
        "quantiles": TAUS,
        "weight": WEIGHT,
        "huber_delta": 0.5,
        "torch": torch.__version__,
        "cases": [case(name, loss) for name, loss in POINT_LOSSES.items()],
    }, indent=1))


if __name__ == "__main__":
    main()
