/// Experiment tracking: SQLite store of runs, params, metrics, artifacts and the model registry.
public enum TrackingModule {}
