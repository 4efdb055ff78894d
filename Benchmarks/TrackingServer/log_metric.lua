-- wrk script of bench-tracking-server: POST runs/log-metric on the run $RUN_ID, a new step
-- (and value) each request, so no two requests log the same point.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local run = os.getenv("RUN_ID")
local step = 0

function request()
  step = step + 1
  return wrk.format(nil, nil, nil, string.format(
    '{"run_id": "%s", "key": "loss", "value": %d, "timestamp": 1764900000000, "step": %d}', run, step, step))
end

-- Non-2xx answers are counted so a run of errors is not taken for speed.
function done(summary, latency, requests)
  io.write(string.format("NON2XX %d\n", summary.errors.status))
  io.write(string.format("REQUESTS %d\n", summary.requests))
end
