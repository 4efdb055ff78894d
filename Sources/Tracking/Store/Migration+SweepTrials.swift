extension Migrations {
    /// `2026-12-04.v2-sweep-trials`: the trial queue of hyperparameter sweeps (`Sweeps/`).
    ///
    /// One row per trial: `sweep` is the sweep's parent run, `number` 0, 1, 2 … is unique per sweep,
    /// `params` the sampler's canonical JSON. A trial is `queued` until a worker claims it
    /// (`running`: worker, claim time and heartbeat set, `attempts` counts the claims), then ends
    /// `complete`, `pruned` or `failed` (`finished_at` set; an objective only for complete or pruned).
    /// The CHECKs keep those combinations; the index `(sweep, state, number)` answers both the claim
    /// ("lowest queued number") and the requeue ("running trials of this sweep").
    static let v2SweepTrials = """
    CREATE TABLE sweep_trials (
        sweep TEXT NOT NULL REFERENCES runs(id),
        number INTEGER NOT NULL CHECK (number >= 0),
        params TEXT NOT NULL CHECK (length(params) > 0),
        state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'complete', 'pruned', 'failed')),
        run_id TEXT REFERENCES runs(id),
        worker TEXT CHECK (worker IS NULL OR length(worker) > 0),
        claimed_at REAL,
        heartbeat_at REAL,
        finished_at REAL,
        objective REAL,
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        PRIMARY KEY (sweep, number),
        CHECK ((state = 'queued' AND worker IS NULL AND claimed_at IS NULL AND heartbeat_at IS NULL AND run_id IS NULL)
            OR (state <> 'queued' AND worker IS NOT NULL AND claimed_at IS NOT NULL AND heartbeat_at IS NOT NULL AND attempts >= 1)),
        CHECK ((state IN ('complete', 'pruned', 'failed')) = (finished_at IS NOT NULL)),
        CHECK (objective IS NULL OR state IN ('complete', 'pruned'))
    );
    CREATE INDEX sweep_trials_by_state ON sweep_trials(sweep, state, number);
    """
}
