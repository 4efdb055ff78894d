/// YAML specs (per-metric configs, pipelines) decoded into typed values, and the stage runner.
public enum PipelineModule {}
