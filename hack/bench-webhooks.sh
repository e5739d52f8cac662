#!/usr/bin/env bash
# Benchmark of the webhook server over TLS (HTTP/2, h2load), on 127.0.0.1 only, bounded in time:
#   1. a bare Vert.x HTTPS handler answering a fixed body (the ceiling),
#   2. /mutate and /validate with an AdmissionReview of a realistic Redis,
#   3. /convert with a ConversionReview of 500 Redis objects (v1api20230801 -> v1api20241101, through the hub).
# Prints p50/p99 latency, requests/s, and the CPU time per request of the server and of h2load for each run; the
# admission runs, at full load and at a fixed rate, come in ROUNDS (default 3) interleaved rounds, summarised by their
# medians; last, the webhook code's own CPU per request without HTTP or TLS. With PROFILE=1, a last validate run
# under JFR (settings=profile) and where the server's Java CPU samples went. SERVER_JAVA_OPTS replaces the server
# JVM's options (default -Xms1g -Xmx1g -XX:+UseParallelGC); RATE_PER_CONNECTION (default 150) sets the fixed-rate
# runs' pace.
# Usage: [ROUNDS=n] [PROFILE=1] [SERVER_JAVA_OPTS=...] [RATE_PER_CONNECTION=n] hack/bench-webhooks.sh [seconds-per-run, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-10}"
ROUNDS="${ROUNDS:-3}"
CONNECTIONS=64
RATE_PER_CONNECTION="${RATE_PER_CONNECTION:-150}" # the fixed-rate runs: requests/s of each connection
RATE=$((RATE_PER_CONNECTION * CONNECTIONS))
SERVER_JAVA_OPTS="${SERVER_JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseParallelGC}"

if ! command -v h2load >/dev/null; then
  echo "== installing h2load (Debian package nghttp2-client)"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get install -y -qq nghttp2-client >/dev/null 2>&1 || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq nghttp2-client >/dev/null; }
fi

WORK="$(mktemp -d)"
trap 'exec 3>&- 2>/dev/null || true; [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT

echo "== building webhooks (and the modules it needs)"
mvn -B -ntp -q -pl webhooks -am -DskipTests install >/dev/null
mvn -B -ntp -q -pl webhooks dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
CP="webhooks/target/test-classes:webhooks/target/classes:$(cat "$WORK/cp.txt")"

echo "== starting the servers"
mkfifo "$WORK/stdin"
# shellcheck disable=SC2086
java $SERVER_JAVA_OPTS -Xlog:gc:file="$WORK/gc.log" -cp "$CP" dev.aso.webhooks.bench.BenchServers "$WORK" <"$WORK/stdin" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
exec 3>"$WORK/stdin"
for _ in $(seq 1 120); do [ -f "$WORK/ports.env" ] && break; sleep 1; done
[ -f "$WORK/ports.env" ] || { echo "servers did not start:"; cat "$WORK/server.log"; exit 1; }
# shellcheck disable=SC1091
. "$WORK/ports.env"

cpu_ticks() { # user+system clock ticks of a process so far
  awk '{print $14 + $15}' "/proc/$1/stat"
}

run() { # name url body connections seconds [more h2load options]
  local name=$1 url=$2 body=$3 conns=$4 secs=$5 load before after
  shift 5
  load=$(cut -d' ' -f1 /proc/loadavg)
  rm -f "$WORK/$name.log" # h2load appends to its log file
  before=$(cpu_ticks "$SERVER_PID")
  gc_before=$(wc -l <"$WORK/gc.log")
  # h2load's own CPU seconds (user+system) go to $WORK/$name.h2cpu; the server's are read from /proc around the run
  /usr/bin/time -f '%U %S' -o "$WORK/$name.h2cpu" \
    timeout $((secs + 60)) h2load -c "$conns" -m 1 -t 1 -D "$secs" --warm-up-time 3 "$@" -H 'content-type: application/json' -d "$body" \
    --log-file "$WORK/$name.log" "$url" >"$WORK/$name.out" 2>&1 || { cat "$WORK/$name.out"; exit 1; }
  after=$(cpu_ticks "$SERVER_PID")
  tail -n +"$((gc_before + 1))" "$WORK/gc.log" >"$WORK/$name.gc"
  python3 - "$name" "$WORK/$name.log" "$WORK/$name.out" "$secs" "$((after - before))" "$(getconf CLK_TCK)" \
    "$WORK/$name.h2cpu" "$load" "$WORK/results.tsv" "$WORK/$name.gc" <<'PY'
import sys, re
name, log, out, secs = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
pauses = [float(m.group(1)) for m in re.finditer(r"Pause.* ([0-9.]+)ms", open(sys.argv[10]).read())]
server_cpu = int(sys.argv[5]) / float(sys.argv[6])  # seconds, warm-up included (as for h2load)
h2load_cpu = sum(float(x) for x in open(sys.argv[7]).read().split()[-2:])
load = sys.argv[8]
lat, bad = [], 0
for line in open(log):
    parts = line.split("\t")
    if len(parts) < 3: continue
    if parts[1] != "200": bad += 1
    lat.append(int(parts[2]) / 1000.0)
lat.sort()
pct = lambda p: lat[min(len(lat) - 1, int(p / 100.0 * len(lat)))] if lat else float("nan")
text = open(out).read()
m = re.search(r"finished in [^,]+, ([0-9.]+) req/s", text)
rps = float(m.group(1)) if m else len(lat) / secs
# the CPU figures cover h2load's 3 s warm-up too, at about the same rate
per = lambda cpu: cpu / (rps * (secs + 3)) * 1e6 if rps else float("nan")
gc = f"{len(pauses)}/{max(pauses, default=0):.1f}"
print(f"{name:<22} {pct(50):8.2f} {pct(99):8.2f} {rps:10.0f} {len(lat):9d} {bad:6d} {per(server_cpu):10.0f} {per(h2load_cpu):10.0f} {load:>6} {gc:>10}")
with open(sys.argv[9], "a") as results:
    results.write(f"{name}\t{pct(50)}\t{pct(99)}\t{rps}\t{per(server_cpu)}\t{per(h2load_cpu)}\n")
PY
}

warm() { # url body seconds; prints the requests answered (h2load without a warm-up time has been seen to run on
  # past its duration when a connection was slow to start, hence the timeout)
  { timeout $(($3 + 30)) h2load -c "$CONNECTIONS" -m 1 -t 1 -D "$3" -H 'content-type: application/json' -d "$2" "$1" \
      2>/dev/null || true; } | awk '/^requests:/ {print $8}'
}

W="https://127.0.0.1:$WEBHOOK_PORT"
B="https://127.0.0.1:$BARE_PORT"
MUTATE="$W/mutate-cache-azure-com-v1api20230801-redis"
VALIDATE="$W/validate-cache-azure-com-v1api20230801-redis"
# The JIT needs far longer than h2load's own warm-up: until C2 has compiled the TLS (AES-GCM intrinsics), HTTP/2 and
# JSON paths, a request costs the server several times the CPU it costs later, and on 2 busy CPUs that takes minutes.
# Rounds of 5 s at full load on each admission path, at least 8 (2 minutes), then until the server's CPU per request
# stops falling by 5 % or more (at most 16 rounds); every path shares the TLS and HTTP/2 code.
echo "== warming up the JIT (rounds of bare, mutate and validate until the server's CPU per request settles)"
previous=0
for round in $(seq 1 16); do
  before=$(cpu_ticks "$SERVER_PID"); answered=0
  for url in "$B/bare" "$MUTATE" "$VALIDATE"; do
    n=$(warm "$url" "$WORK/admission.json" 5); answered=$((answered + ${n:-0}))
  done
  per_request=$(( ($(cpu_ticks "$SERVER_PID") - before) * 1000000 / $(getconf CLK_TCK) / (answered > 0 ? answered : 1) ))
  echo "   round $round: $answered requests, server ${per_request} µs CPU per request"
  if [ "$round" -ge 8 ] && [ $((per_request * 100)) -ge $((previous * 95)) ]; then break; fi
  previous=$per_request
done
warm "$W/convert" "$WORK/conversion.json" 5 >/dev/null
# collect the warm-up's garbage now (the 1 MB conversions leave plenty), not during the first timed run
jcmd "$SERVER_PID" GC.run >/dev/null

echo "== h2load over TLS (HTTP/2), $CONNECTIONS connections, 1 stream each, ${DURATION}s per run, at full load and at $RATE req/s"
echo "   ($RATE_PER_CONNECTION per connection); event loops: $EVENT_LOOPS; $(nproc) CPUs"
printf "%-22s %8s %8s %10s %9s %6s %10s %10s %6s %10s\n" "run" "p50 ms" "p99 ms" "req/s" "requests" "non200" \
  "server µs" "h2load µs" "load" "gc n/max"
# the admission runs in ROUNDS interleaved rounds, so that the JIT's progress and the machine's other load hit them
# alike; the summary below takes the median of each. Each round has the three at full load (each connection sends its
# next request when the last is answered: throughput, and latency = 64 / throughput plus queueing by Little's law), then
# the same three at a fixed rate (h2load --rps, each connection): the latency of a server with CPU to spare
for round in $(seq 1 "$ROUNDS"); do
  run bare-handler "$B/bare" "$WORK/admission.json" $CONNECTIONS "$DURATION"
  run mutate-redis "$MUTATE" "$WORK/admission.json" $CONNECTIONS "$DURATION"
  run validate-redis "$VALIDATE" "$WORK/admission.json" $CONNECTIONS "$DURATION"
  run bare-at-rate "$B/bare" "$WORK/admission.json" $CONNECTIONS "$DURATION" --rps="$RATE_PER_CONNECTION"
  run mutate-at-rate "$MUTATE" "$WORK/admission.json" $CONNECTIONS "$DURATION" --rps="$RATE_PER_CONNECTION"
  run validate-at-rate "$VALIDATE" "$WORK/admission.json" $CONNECTIONS "$DURATION" --rps="$RATE_PER_CONNECTION"
done
run convert-500-c1 "$W/convert" "$WORK/conversion.json" 1 "$DURATION"
run convert-500-c64 "$W/convert" "$WORK/conversion.json" $CONNECTIONS "$DURATION"
echo "== medians of the $ROUNDS rounds"
python3 - "$WORK/results.tsv" <<'PY'
import sys, statistics
rows = {}
for line in open(sys.argv[1]):
    name, *values = line.rstrip("\n").split("\t")
    rows.setdefault(name, []).append([float(v) for v in values])
median = lambda name, i: statistics.median(r[i] for r in rows[name])
bare = median("bare-handler", 2)
print(f"{'run':<22} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>10} {'of bare':>8} {'server µs':>10} {'h2load µs':>10}")
# the share of bare is for the full-load runs only: at a fixed rate every server answers the same requests/s
for name in ("bare-handler", "mutate-redis", "validate-redis", "bare-at-rate", "mutate-at-rate", "validate-at-rate"):
    share = "" if name.endswith("-at-rate") else f"{median(name, 2) / bare:.0%}"
    print(f"{name:<22} {median(name, 0):8.2f} {median(name, 1):8.2f} {median(name, 2):10.0f} "
          f"{share:>8} {median(name, 3):10.0f} {median(name, 4):10.0f}")
PY
echo "(server µs / h2load µs: CPU time per request of the server JVM and of h2load; gc n/max: the server's GC pauses"
echo " during the run and the longest in ms; server JVM options: $SERVER_JAVA_OPTS; load: 1-minute load average"
echo " at the start of the run; conversion: ms per object = convert-500-c1 p50 / 500; admission bodies $(wc -c <"$WORK/admission.json") bytes, conversion body $(wc -c <"$WORK/conversion.json") bytes)"
if [ -n "${PROFILE:-}" ]; then
  echo "== JFR profile of the warm server during a ${DURATION}s validate run (share of the Java CPU samples)"
  jcmd "$SERVER_PID" JFR.start name=bench settings=profile filename="$WORK/validate.jfr" >/dev/null
  warm "$VALIDATE" "$WORK/admission.json" "$DURATION" >/dev/null
  jcmd "$SERVER_PID" JFR.stop name=bench >/dev/null
  cp "$WORK/validate.jfr" "${TMPDIR:-/tmp}/aso-bench-validate.jfr" && echo "(recording kept: ${TMPDIR:-/tmp}/aso-bench-validate.jfr)"
  jfr print --json --stack-depth 64 --events jdk.ExecutionSample "$WORK/validate.jfr" >"$WORK/samples.json"
  python3 - "$WORK/samples.json" <<'PY'
import sys, json, collections
events = [e["values"]["stackTrace"]["frames"] for e in json.load(open(sys.argv[1]))["recording"]["events"]
          if e["values"].get("stackTrace")]
name = lambda f: f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"]
parts = {  # a sample counts for every part whose method is on its stack
    "webhook code (parse, endpoint, write)": "WebhookRequestHandler.answer",
    "  parse the review (Jackson tree)": "ReviewParser.parse",
    "  endpoint (rules, defaults)": "AdmissionEndpoint.handle",
    "    JSON Schema check": "SchemaRule.check",
    "    spec walks (references, xFromConfig)": "SpecWalker.walk",
    "  write the answer": "ObjectMapper.writeValueAsBytes",
    "metrics (Micrometer)": "micrometer",
    "logging": "logback",
    "send the answer (Vert.x, HTTP/2)": "WebhookRequestHandler.send",
    "TLS decrypt": "SSLEngine.unwrap",
    "TLS encrypt": "SSLEngine.wrap",
    "TLS handshakes": "DelegatedTask",
}
count = collections.Counter()
top = collections.Counter()
for frames in events:
    names = [name(f) for f in frames]
    top[names[0]] += 1
    for label, method in parts.items():
        if any(method in n for n in names):
            count[label] += 1
total = len(events) or 1
print(f"{len(events)} samples")
for label in parts:
    print(f"  {100 * count[label] / total:5.1f} %  {label}")
print("top frames:")
for method, n in top.most_common(12):
    print(f"  {100 * n / total:5.1f} %  {method}")
PY
fi
echo "== the webhook code alone, without HTTP or TLS (in process; load average $(cut -d' ' -f1 /proc/loadavg))"
java -XX:+UseParallelGC -cp "$CP" dev.aso.webhooks.bench.HandlerCost 20
