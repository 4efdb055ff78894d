"""Drives a tracking server with the stock MLflow client and asserts what it reads back.

Run with MLFLOW_TRACKING_URI pointing at `runs server` (or `mlflow server`). Prints one JSON
line with the ids it created on success; any failed assertion exits non-zero with a message.
The experiment name is taken from argv[1] so repeated runs against one server do not mix.
"""
import json
import os
import sys
import tempfile

import mlflow
from mlflow import MlflowClient
from mlflow.entities import Metric, Param, RunTag


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def main():
    experiment_name = sys.argv[1] if len(sys.argv) > 1 else "mlflow-client-test"
    model_name = experiment_name + "-model"
    client = MlflowClient()
    experiment = mlflow.set_experiment(experiment_name)
    check(experiment.name == experiment_name, f"set_experiment returned {experiment.name}")

    work = tempfile.mkdtemp()
    weights = os.path.join(work, "weights.txt")
    with open(weights, "w") as f:
        f.write("w = [0.25, 0.5]\n")
    mlmodel = os.path.join(work, "MLmodel")
    with open(mlmodel, "w") as f:
        f.write("flavors: {}\n")

    with mlflow.start_run(run_name="parent") as parent:
        parent_id = parent.info.run_id
        mlflow.log_params({"model": "lstm", "lr": "0.01"})
        for step in range(5):
            mlflow.log_metric("loss", 1.0 / (step + 1), step=step)
        mlflow.set_tag("team", "autoscale")
        mlflow.log_artifact(weights, artifact_path="model")
        mlflow.log_artifact(mlmodel, artifact_path="model")
        with mlflow.start_run(run_name="child-a", nested=True) as child_a:
            mlflow.log_param("model", "arima")
            mlflow.log_metric("mae", 0.2)
        with mlflow.start_run(run_name="child-b", nested=True) as child_b:
            mlflow.log_param("model", "naive")
            mlflow.log_metric("mae", 0.5)
        client.log_batch(parent_id, metrics=[Metric("val_loss", 0.3 - 0.01 * i, 0, i) for i in range(10)],
                         params=[Param("epochs", "10")], tags=[RunTag("stage", "train")])

    run = client.get_run(parent_id)
    check(run.info.status == "FINISHED", f"parent status {run.info.status}")
    check(run.data.params == {"model": "lstm", "lr": "0.01", "epochs": "10"}, f"params {run.data.params}")
    check(abs(run.data.metrics["loss"] - 0.2) < 1e-12, f"latest loss {run.data.metrics}")
    check(run.data.tags.get("team") == "autoscale" and run.data.tags.get("stage") == "train", f"tags {run.data.tags}")
    child = client.get_run(child_a.info.run_id)
    check(child.data.tags.get("mlflow.parentRunId") == parent_id, f"child parent tag {child.data.tags}")
    check(child.info.run_name == "child-a", f"child name {child.info.run_name}")

    found = mlflow.search_runs(experiment_ids=[experiment.experiment_id], filter_string="metrics.mae < 0.3",
                               output_format="list")
    check([r.info.run_name for r in found] == ["child-a"], f"filtered search {[r.info.run_name for r in found]}")
    ordered = mlflow.search_runs(experiment_ids=[experiment.experiment_id], filter_string="params.model != 'lstm'",
                                 order_by=["metrics.mae DESC"], output_format="list")
    check([r.info.run_name for r in ordered] == ["child-b", "child-a"], f"ordered search {[r.info.run_name for r in ordered]}")
    nested = mlflow.search_runs(experiment_ids=[experiment.experiment_id],
                                filter_string=f"tags.mlflow.parentRunId = '{parent_id}'", output_format="list")
    check(sorted(r.info.run_name for r in nested) == ["child-a", "child-b"], f"children {[r.info.run_name for r in nested]}")

    history = client.get_metric_history(parent_id, "loss")
    check([(m.step, round(m.value, 12)) for m in history] == [(s, round(1.0 / (s + 1), 12)) for s in range(5)],
          f"loss history {[(m.step, m.value) for m in history]}")
    check(len(client.get_metric_history(parent_id, "val_loss")) == 10, "val_loss history length")

    version = mlflow.register_model(f"runs:/{parent_id}/model", model_name)
    check(str(version.version) == "1", f"first version {version.version}")
    client.set_registered_model_alias(model_name, "champion", version.version)
    by_alias = client.get_model_version_by_alias(model_name, "champion")
    check(by_alias.run_id == parent_id and str(by_alias.version) == "1", f"alias resolves to {by_alias}")

    downloaded = mlflow.artifacts.download_artifacts(run_id=parent_id, artifact_path="model/weights.txt", dst_path=work + "/out")
    with open(downloaded) as f:
        check(f.read() == "w = [0.25, 0.5]\n", "downloaded artifact content")
    listed = sorted(a.path for a in client.list_artifacts(parent_id, "model"))
    check(listed == ["model/MLmodel", "model/weights.txt"], f"listed artifacts {listed}")

    print(json.dumps({"experiment_id": experiment.experiment_id, "parent": parent_id, "children": [child_a.info.run_id, child_b.info.run_id],
                      "model": model_name, "version": str(version.version)}))


if __name__ == "__main__":
    main()
