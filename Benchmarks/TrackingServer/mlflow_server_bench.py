"""The four client workloads of bench-tracking-server, timed against MLFLOW_TRACKING_URI.

Usage: python mlflow_server_bench.py SEARCH_RUNS  → one JSON line of seconds per workload.
The same script (same client, same calls) drives `runs server` and `mlflow server`.
  log_metric:  1,000 MlflowClient.log_metric calls on one run (one request each)
  log_batch:   10 MlflowClient.log_batch calls of 1,000 metrics each
  create_runs: 100 runs, each create_run + log_batch of 10 params + set_terminated
  search_runs: search_runs over SEARCH_RUNS seeded runs (filter on a metric, ordered, 100 results), 10 times
Seeding the SEARCH_RUNS runs (create_run + log_batch, 4 client threads) is not timed; SEARCH_RUNS 0 skips search.
"""
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from mlflow import MlflowClient
from mlflow.entities import Metric, Param


def timed(body):
    start = time.perf_counter()
    body()
    return time.perf_counter() - start


def main():
    search_runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    client = MlflowClient()
    now = int(time.time() * 1000)
    experiment = client.create_experiment(f"bench-{now}")
    results = {}

    run = client.create_run(experiment).info.run_id
    results["log_metric"] = timed(lambda: [client.log_metric(run, "loss", 1.0 / (i + 1), step=i) for i in range(1000)])

    batch_run = client.create_run(experiment).info.run_id

    def batches():
        for b in range(10):
            client.log_batch(batch_run, metrics=[Metric(f"m{i % 10}", float(i), now, b * 1000 + i) for i in range(1000)])
    results["log_batch"] = timed(batches)

    def create_runs():
        for r in range(100):
            run_id = client.create_run(experiment, run_name=f"r{r}").info.run_id
            client.log_batch(run_id, params=[Param(f"p{i}", str(r * 10 + i)) for i in range(10)])
            client.set_terminated(run_id)
    results["create_runs"] = timed(create_runs)

    if search_runs == 0:
        print(json.dumps(results))
        return
    search_experiment = client.create_experiment(f"bench-search-{now}")

    def seed(index):
        run_id = client.create_run(search_experiment, run_name=f"s{index}").info.run_id
        client.log_batch(run_id, metrics=[Metric("score", (index * 7919 % 10_000) / 10_000, now, 0)],
                         params=[Param("model", ["lstm", "arima", "prophet"][index % 3])])

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(seed, range(search_runs)))

    def searches():
        for _ in range(10):
            found = client.search_runs([search_experiment], filter_string="metrics.score > 0.5 and params.model = 'lstm'",
                                       order_by=["metrics.score DESC"], max_results=100)
            assert len(found) == 100, len(found)
    results["search_runs"] = timed(searches)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
