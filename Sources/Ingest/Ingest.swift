/// Readers of CSV exports and Prometheus, the local collector and the synthetic workload generator.
public enum IngestModule {}
