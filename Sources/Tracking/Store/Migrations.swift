import GRDB

/// The registry schema as named, forward-only migrations. A shipped migration is never edited:
/// changes go in a new, later-named migration appended to `all`.
enum Migrations {
    static let identifiers = ["2026-11-29.v1-initial", "2026-12-04.v2-sweep-trials", "2026-12-05.v3-run-deletion"]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(identifiers[0]) { db in
            try db.execute(sql: v1Initial)
        }
        migrator.registerMigration(identifiers[1]) { db in
            try db.execute(sql: v2SweepTrials)
        }
        migrator.registerMigration(identifiers[2]) { db in
            try db.execute(sql: v3RunDeletion)
        }
        return migrator
    }

    /// Runs are named by a random 32-hex `id`; the tables written on every log (params, tags,
    /// metrics, latest_metrics) refer to the run's integer `seq` instead, so a run's rows sit
    /// together at the end of each B-tree and a commit touches few pages.
    /// Params and tags have no (key, value) index: a filter reaches them through their primary
    /// key from the runs already narrowed by metrics, and each such index would cost a page
    /// write per key per run. `latest_metrics(key, value)` is indexed: it drives range filters
    /// and ordering by a metric.
    /// Times are seconds since 1970 UTC (REAL). A metric value is NULL exactly when it is NaN
    /// (SQLite cannot store NaN), with `is_nan` saying so explicitly; ±infinity is stored as is.
    /// Runs can be soft-deleted (MLflow's `runs/delete` and `runs/restore`): `deleted` is the
    /// deletion time, NULL for a live run. Deleted runs are hidden from searches; nothing is erased.
    static let v3RunDeletion = """
    ALTER TABLE runs ADD COLUMN deleted REAL;
    """

    static let v1Initial = """
    CREATE TABLE experiments (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
        created REAL NOT NULL,
        deleted REAL
    );
    CREATE TABLE runs (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE CHECK (length(id) = 32 AND id NOT GLOB '*[^0-9a-f]*'),
        name TEXT NOT NULL,
        experiment_id INTEGER NOT NULL REFERENCES experiments(id),
        status TEXT NOT NULL CHECK (status IN ('SCHEDULED', 'RUNNING', 'FINISHED', 'FAILED', 'KILLED')),
        start_time REAL NOT NULL,
        end_time REAL CHECK (end_time IS NULL OR end_time >= start_time),
        heartbeat REAL NOT NULL,
        seed INTEGER,
        source_file TEXT,
        source_hash TEXT,
        parent_id TEXT REFERENCES runs(id)
    );
    CREATE INDEX runs_by_experiment ON runs(experiment_id, start_time);
    CREATE INDEX runs_by_start ON runs(start_time);
    CREATE INDEX runs_by_status ON runs(status);
    CREATE INDEX runs_by_parent ON runs(parent_id) WHERE parent_id IS NOT NULL;

    CREATE TABLE params (
        run INTEGER NOT NULL REFERENCES runs(seq),
        key TEXT NOT NULL CHECK (length(key) > 0),
        value TEXT NOT NULL,
        PRIMARY KEY (run, key)
    ) WITHOUT ROWID;
    CREATE TRIGGER params_write_once BEFORE UPDATE ON params
    BEGIN SELECT RAISE(ABORT, 'params are write-once'); END;

    CREATE TABLE metrics (
        run INTEGER NOT NULL REFERENCES runs(seq),
        key TEXT NOT NULL CHECK (length(key) > 0),
        step INTEGER NOT NULL,
        timestamp REAL NOT NULL,
        value REAL,
        is_nan INTEGER NOT NULL CHECK ((is_nan = 1 AND value IS NULL) OR (is_nan = 0 AND value IS NOT NULL))
    );
    CREATE INDEX metrics_by_run_key_step ON metrics(run, key, step);
    CREATE TRIGGER metrics_no_update BEFORE UPDATE ON metrics
    BEGIN SELECT RAISE(ABORT, 'metrics are append-only'); END;
    CREATE TRIGGER metrics_no_delete BEFORE DELETE ON metrics
    BEGIN SELECT RAISE(ABORT, 'metrics are append-only'); END;

    CREATE TABLE latest_metrics (
        run INTEGER NOT NULL REFERENCES runs(seq),
        key TEXT NOT NULL,
        step INTEGER NOT NULL,
        timestamp REAL NOT NULL,
        value REAL,
        is_nan INTEGER NOT NULL CHECK ((is_nan = 1 AND value IS NULL) OR (is_nan = 0 AND value IS NOT NULL)),
        PRIMARY KEY (run, key)
    ) WITHOUT ROWID;
    CREATE INDEX latest_metrics_by_key_value ON latest_metrics(key, value, run);

    CREATE TABLE metric_directions (
        key TEXT PRIMARY KEY NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('min', 'max'))
    ) WITHOUT ROWID;

    CREATE TABLE tags (
        run INTEGER NOT NULL REFERENCES runs(seq),
        key TEXT NOT NULL CHECK (length(key) > 0),
        value TEXT NOT NULL,
        PRIMARY KEY (run, key)
    ) WITHOUT ROWID;

    CREATE TABLE artifacts (
        id INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES runs(id),
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (length(kind) > 0),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
        size INTEGER NOT NULL CHECK (size >= 0),
        path TEXT NOT NULL CHECK (path NOT LIKE '/%' AND path NOT LIKE '%..%'),
        created REAL NOT NULL,
        UNIQUE (run_id, name)
    );
    CREATE INDEX artifacts_by_sha ON artifacts(sha256);

    CREATE TABLE registered_models (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
        created REAL NOT NULL
    );
    CREATE TABLE model_versions (
        id INTEGER PRIMARY KEY,
        model_id INTEGER NOT NULL REFERENCES registered_models(id),
        version INTEGER NOT NULL CHECK (version >= 1),
        run_id TEXT NOT NULL REFERENCES runs(id),
        artifact_id INTEGER NOT NULL REFERENCES artifacts(id),
        metrics_snapshot TEXT NOT NULL,
        created REAL NOT NULL,
        UNIQUE (model_id, version)
    );
    CREATE TRIGGER model_versions_immutable BEFORE UPDATE ON model_versions
    BEGIN SELECT RAISE(ABORT, 'model versions are immutable'); END;
    CREATE TRIGGER model_versions_kept BEFORE DELETE ON model_versions
    BEGIN SELECT RAISE(ABORT, 'model versions are immutable'); END;

    CREATE TABLE aliases (
        model_id INTEGER NOT NULL REFERENCES registered_models(id),
        name TEXT NOT NULL CHECK (length(name) > 0),
        version_id INTEGER NOT NULL REFERENCES model_versions(id),
        updated REAL NOT NULL,
        PRIMARY KEY (model_id, name)
    ) WITHOUT ROWID;
    CREATE TABLE alias_history (
        id INTEGER PRIMARY KEY,
        model_id INTEGER NOT NULL REFERENCES registered_models(id),
        alias TEXT NOT NULL,
        from_version_id INTEGER REFERENCES model_versions(id),
        to_version_id INTEGER NOT NULL REFERENCES model_versions(id),
        moved REAL NOT NULL,
        reason TEXT,
        undoes_id INTEGER REFERENCES alias_history(id)
    );
    CREATE INDEX alias_history_by_alias ON alias_history(model_id, alias, id);
    CREATE TRIGGER alias_history_append_only BEFORE UPDATE ON alias_history
    BEGIN SELECT RAISE(ABORT, 'alias history is append-only'); END;
    """
}
