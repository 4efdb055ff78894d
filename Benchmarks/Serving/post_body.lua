-- wrk script: POST the JSON body in the file $BODY_FILE (bench-serving writes it).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local file = assert(io.open(os.getenv("BODY_FILE"), "rb"))
wrk.body = file:read("*a")
file:close()

-- Count non-2xx answers so a run of errors is not taken for throughput.
function done(summary, latency, requests)
  io.write(string.format("NON2XX %d\n", summary.errors.status))
end
