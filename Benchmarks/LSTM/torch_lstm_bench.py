"""PyTorch side of bench-lstm: the reference design at 15 s (EVALUATION.md §7, TARGETS.md §2).

Window 240, batch 32, 8 features, hidden 128, 2 layers, bidirectional, dropout 0.3,
heads Linear(256,64) → ReLU → Dropout → Linear(n) for n = 20/60/120, loss Σ w·MSE,
Adam lr 1e-3. Prints one JSON object with median seconds for 1 and 2 threads.
Usage: python3 torch_lstm_bench.py [steps] [inference_repeats]
"""
import json
import statistics
import sys
import time

import torch
from torch import nn

T, B, F, H, P = 240, 32, 8, 128, 64
OUTS = [20, 60, 120]
W = [1.0, 1.5, 1.0]


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(F, H, 2, batch_first=True, bidirectional=True, dropout=0.3)
        self.heads = nn.ModuleList(
            [nn.Sequential(nn.Linear(2 * H, P), nn.ReLU(), nn.Dropout(0.3), nn.Linear(P, n)) for n in OUTS])

    def forward(self, x):
        _, (h, _) = self.lstm(x)
        r = torch.cat([h[-2], h[-1]], dim=1)
        return [head(r) for head in self.heads]


def median_time(fn, repeats, warmup=2):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def measure(threads, steps, repeats):
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    net = Net()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    x = torch.randn(B, T, F)
    ys = [torch.randn(B, n) for n in OUTS]

    def step():
        net.train()
        opt.zero_grad()
        out = net(x)
        loss = sum(w * nn.functional.mse_loss(o, y) for w, o, y in zip(W, out, ys))
        loss.backward()
        opt.step()

    train = median_time(step, steps)
    net.eval()
    one = torch.randn(1, T, F)
    many = torch.randn(1000, T, F)

    def single():
        with torch.no_grad():
            net(one)

    def thousand():
        with torch.no_grad():
            for i in range(0, 1000, 250):
                net(many[i:i + 250])

    return {"threads": threads, "train_step_s": train, "samples_per_s": B / train,
            "one_window_s": median_time(single, 20 * repeats), "thousand_windows_s": median_time(thousand, repeats, warmup=1)}


if __name__ == "__main__":
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    print(json.dumps({"torch_version": torch.__version__, "runs": [measure(t, steps, repeats) for t in (1, 2)]}))
