"""The reference for bench-serving: an ARIMA(1,1,1) fitted once with statsmodels on the
benchmark's history, saved as an MLflow pyfunc model whose predict() re-applies the
fitted parameters to the history in the request (as autoscale's /v1/predict conditions a
registered model on the history it is sent) and forecasts 30 steps.

usage: python mlflow_arima_model.py HISTORY.json MODEL_DIR
HISTORY.json: {"timestamps": [...], "values": [...]} (bench-serving writes it)."""
import json
import shutil
import sys

import mlflow.pyfunc
import numpy as np
from statsmodels.tsa.arima.model import ARIMA


class ArimaForecast(mlflow.pyfunc.PythonModel):
    def __init__(self, params):
        self.params = params

    def predict(self, context, model_input, params=None):
        values = np.asarray(model_input["value"], dtype=float)
        result = ARIMA(values, order=(1, 1, 1)).filter(self.params)
        return result.forecast(30).tolist()


def main():
    history, target = sys.argv[1], sys.argv[2]
    with open(history) as f:
        values = np.asarray(json.load(f)["values"], dtype=float)
    fitted = ARIMA(values, order=(1, 1, 1)).fit()
    shutil.rmtree(target, ignore_errors=True)
    mlflow.pyfunc.save_model(target, python_model=ArimaForecast(np.asarray(fitted.params)))


if __name__ == "__main__":
    main()
