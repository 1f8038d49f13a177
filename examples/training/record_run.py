"""What a training script adds to record its result with Dossier: no package to install.

It writes the new model version (artifact, training data, features, hyperparameters, run) and its
evaluation as Dossier entities (docs/FORMAT.md) to a JSON file, then runs `dossier record` on it.
With --pr, Dossier commits them on a branch of the metadata repository and opens the pull request.
"""

import json
import subprocess
import sys


def record_run(path, model, version, metrics, run_id, pr=False):
    entities = [
        {
            "apiVersion": "dossier/v1",
            "kind": "ModelVersion",
            "metadata": {"name": model, "version": version, "owner": "risk-ml", "terms": ["pii"]},
            "spec": {
                "model": model,
                "stage": "development",
                "artifact": {"uri": f"s3://example-models/{model}/{version}/model.json", "format": "xgboost-json"},
                "training": {
                    "datasets": [{"ref": "transactions@2024-06", "role": "train"}],
                    "features": ["customer-transaction-stats#avg_amount_30d", "customer-transaction-stats#txn_count_24h"],
                    "hyperparameters": {"n_estimators": 900, "max_depth": 8, "learning_rate": 0.04},
                    "run": {"tracker": "mlflow", "id": run_id},
                },
            },
        },
        {
            "apiVersion": "dossier/v1",
            "kind": "Evaluation",
            "metadata": {"name": f"{model}-{version.replace('.', '-')}-holdout", "owner": "risk-ml"},
            "spec": {
                "modelVersion": f"{model}@{version}",
                "dataset": "transactions-holdout@2024-06",
                "split": "test",
                "metrics": [{"name": name, "value": value} for name, value in metrics.items()],
            },
        },
    ]
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(entities, handle, indent=2)
    command = ["npx", "dossier", "record", path] + (["--pr"] if pr else [])
    # Exit 1: the record has problems (printed with file:line:col); exit 2: a usage or setup error.
    return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    sys.exit(record_run("dossier-record.json", "fraud-detector", "3.1.0", {"auc_pr": 0.81, "recall_at_1pct_fpr": 0.69}, "7c1f0d2e"))
