#!/usr/bin/env python3
"""Turns what bench/run measured (hyperfine JSON, GNU time's peak RSS, the
sandbox throughput line) into bench/RESULTS.md: every figure with its spread,
its ratio to the floor and to the AWS CLI, and each budget met or missed.

    python3 bench/report.py WORK_DIR RESULTS_FILE
"""

import json
import math
import re
import statistics
import sys
from pathlib import Path

work = Path(sys.argv[1])
out_path = Path(sys.argv[2])


def read_machine():
    info = {}
    for line in (work / "machine.txt").read_text().splitlines():
        key, _, value = line.partition("=")
        info[key] = value
    return info


m = read_machine()
n = {key: int(m[key]) for key in (
    "list_n", "small_n", "big_n", "details_n", "dereg_fleet", "dereg_n",
    "aws_loop_n", "rate_n", "concurrency", "details_latency", "dereg_latency",
)}
rate_limit = float(m["rate_limit"])
has_deregister = m["has_deregister"] == "true"


def runs(name):
    """hyperfine's results in NAME.json, by command name; {} when absent."""
    path = work / f"{name}.json"
    if not path.exists():
        return {}
    return {r["command"]: r for r in json.loads(path.read_text())["results"]}


def ms(seconds):
    value = seconds * 1000
    if value >= 10_000:
        return f"{seconds:.1f} s"
    if value >= 1_000:
        return f"{seconds:.2f} s"
    if value >= 100:
        return f"{value:.0f} ms"
    if value >= 10:
        return f"{value:.1f} ms"
    return f"{value:.2f} ms"


def spread(r):
    if len(r["times"]) < 2:
        return "1 run"
    return f"±{ms(r['stddev'])} σ; {ms(r['min'])} – {ms(r['max'])}"


def failures(r):
    codes = r.get("exit_codes") or []
    return sum(1 for c in codes if c != 0)


rows = []     # the measurements table
budgets = []  # (budget, figure, verdict)


def row(scenario, program, r, floor=None, aws_seconds=None, note=""):
    vs_floor = f"{r['median'] / floor['median']:.2f} ×" if floor else ""
    vs_aws = f"{aws_seconds / r['median']:.0f} × faster" if aws_seconds else ""
    rows.append((scenario, program, ms(r["median"]), spread(r), str(len(r["times"])),
                 vs_floor, vs_aws, note))


def verdict(ok):
    return "**met**" if ok else "**missed**"


# --- startup --------------------------------------------------------------

version = runs("version").get("wsfleet")
aws_version = runs("version-aws").get("aws")
if version:
    row("start-up", "`wsfleet --version`", version,
        aws_seconds=aws_version["median"] if aws_version else None)
    budgets.append(("`wsfleet --version` under 5 ms wall", ms(version["median"]),
                    verdict(version["median"] < 0.005)))
if aws_version:
    row("start-up", "`aws --version`", aws_version)
if m.get("binary_bytes"):
    size = int(m["binary_bytes"])
    budgets.append(("`cargo build --release` binary under 25 MiB",
                    f"{size / 2**20:.2f} MiB ({size:,} bytes)", verdict(size < 25 * 2**20)))

# --- listing ----------------------------------------------------------------

listing = runs("list")
aws_list = runs("list-aws").get("aws")
floor_list = listing.get("floor")
scenario = f"list {n['list_n']:,} devices"
if floor_list:
    row(scenario, "floor: ListDevices pages only", floor_list)
for name, flag in (("wsfleet", "ndjson"), ("wsfleet-json", "json"), ("wsfleet-csv", "csv")):
    if name in listing:
        row(scenario, f"`wsfleet devices list -o {flag}`", listing[name], floor_list,
            aws_list["median"] if aws_list else None)
if aws_list:
    row(scenario, "`aws workspaces-thin-client list-devices`", aws_list, floor_list)
if "wsfleet" in listing and floor_list:
    ratio = listing["wsfleet"]["median"] / floor_list["median"]
    budgets.append((f"`devices list -o ndjson`, {n['list_n']:,} devices: at most 1.25 × the floor",
                    f"{ratio:.2f} × ({ms(listing['wsfleet']['median'])} vs {ms(floor_list['median'])})",
                    verdict(ratio <= 1.25)))
if "wsfleet" in listing and aws_list:
    speedup = aws_list["median"] / listing["wsfleet"]["median"]
    budgets.append((f"`devices list -o ndjson`, {n['list_n']:,} devices: at least 10 × faster than the AWS CLI",
                    f"{speedup:.0f} × ({ms(aws_list['median'])} vs {ms(listing['wsfleet']['median'])})",
                    verdict(speedup >= 10)))

big = runs("list-big")
if big:
    scenario = f"list {n['big_n']:,} devices"
    row(scenario, "floor: ListDevices pages only", big["floor"])
    row(scenario, "`wsfleet devices list -o ndjson`", big["wsfleet"], big["floor"])

# --- memory -----------------------------------------------------------------

rss = {}
rss_path = work / "rss.tsv"
if rss_path.exists():
    for line in rss_path.read_text().splitlines():
        label, _, values = line.partition("\t")
        rss[label] = statistics.median(int(v) for v in values.split(","))


def mib(kb):
    return f"{kb / 1024:.1f} MiB"


memory_rows = []
small, big_n = n["small_n"], n["big_n"]
for program, label in (("`wsfleet devices list -o ndjson`", "wsfleet -o ndjson"),
                       ("`wsfleet devices list -o json`", "wsfleet -o json"),
                       ("`wsfleet devices list -o csv`", "wsfleet -o csv"),
                       ("floor", "floor list")):
    a, b = rss.get(f"{label} {small}"), rss.get(f"{label} {big_n}")
    if a and b:
        memory_rows.append((program, mib(a), mib(b), f"{(b - a) / a * 100:+.0f} %"))
aws_rss = rss.get(f"aws list-devices {n['list_n']}")
a, b = rss.get(f"wsfleet -o ndjson {small}"), rss.get(f"wsfleet -o ndjson {big_n}")
if a and b:
    growth = (b - a) / a
    budgets.append((f"`devices list -o ndjson` peak RSS: {big_n:,} devices within 20 % of {small:,}",
                    f"{mib(a)} → {mib(b)} ({growth * 100:+.0f} %)", verdict(abs(growth) <= 0.20)))
    budgets.append(("`devices list -o ndjson` peak RSS under 40 MiB", mib(max(a, b)),
                    verdict(max(a, b) < 40 * 1024)))
for flag in ("json", "csv"):
    a, b = rss.get(f"wsfleet -o {flag} {small}"), rss.get(f"wsfleet -o {flag} {big_n}")
    if a and b:
        growth = (b - a) / a
        budgets.append((f"`-o {flag}` streams too (same checks)",
                        f"{mib(a)} → {mib(b)} ({growth * 100:+.0f} %)",
                        verdict(abs(growth) <= 0.20 and max(a, b) < 40 * 1024)))

# --- details ----------------------------------------------------------------

details = runs("details")
if details:
    count, latency, conc = n["details_n"], n["details_latency"] / 1000, n["concurrency"]
    pages = math.ceil(count / 50)
    ideal = count * latency / conc + pages * latency
    scenario = f"list --details, {count:,} devices, {n['details_latency']} ms latency, concurrency {conc}"
    row(scenario, "floor: ListDevices + GetDevice", details["floor"])
    row(scenario, f"`wsfleet devices list --details --concurrency {conc}`", details["wsfleet"],
        details["floor"])
    w = details["wsfleet"]["median"]
    budgets.append((f"`devices list --details`, {count:,} devices, {n['details_latency']} ms, concurrency {conc}: "
                    f"within 1.5 × of {count:,} × {n['details_latency']} ms / {conc} + {pages} pages × "
                    f"{n['details_latency']} ms = {ms(ideal)}",
                    f"{ms(w)} = {w / ideal:.2f} × (floor: {details['floor']['median'] / ideal:.2f} ×)",
                    verdict(w <= 1.5 * ideal)))

# --- WorkSpaces in many directories -------------------------------------------

ws = runs("workspaces")
aws_ws = runs("workspaces-aws").get("aws")
if ws and "ws_n" in m:
    ws_n, dirs, lat = int(m["ws_n"]), int(m["ws_dirs"]), int(m["ws_latency"])
    scenario = f"list {ws_n:,} WorkSpaces in {dirs} directories, {lat} ms latency"
    floor_ws = ws.get("floor")
    if floor_ws:
        row(scenario, f"floor: each directory's DescribeWorkspaces at once ({dirs})", floor_ws)
    for name, flag in (("wsfleet", "ndjson"), ("wsfleet-json", "json")):
        if name in ws:
            row(scenario, f"`wsfleet workspaces list --concurrency {dirs} -o {flag}`", ws[name], floor_ws,
                aws_ws["median"] if aws_ws else None)
    if aws_ws:
        row(scenario, "`aws workspaces describe-workspaces` (pages of 25, one after another)", aws_ws, floor_ws)
    w = ws.get("wsfleet")
    if w and floor_ws:
        ratio = w["median"] / floor_ws["median"]
        budgets.append((f"`workspaces list`, {ws_n:,} WorkSpaces in {dirs} directories, {lat} ms: "
                        "within 1.25 × the partitioned floor",
                        f"{ratio:.2f} × ({ms(w['median'])} vs {ms(floor_ws['median'])})", verdict(ratio <= 1.25)))
    if w and aws_ws:
        speedup = aws_ws["median"] / w["median"]
        budgets.append((f"`workspaces list`, {ws_n:,} WorkSpaces in {dirs} directories, {lat} ms: "
                        "at least 5 × faster than the AWS CLI",
                        f"{speedup:.1f} × ({ms(aws_ws['median'])} vs {ms(w['median'])})", verdict(speedup >= 5)))

# --- a whole organisation -------------------------------------------------------

org = runs("org")
org_one, org_whole = org.get("one-place"), org.get("organization")
if org_one and org_whole and "org_accounts" in m:
    accounts, lat = int(m["org_accounts"]), int(m["ws_latency"])
    pages = math.ceil((accounts + 1) / 20)
    scenario = (f"`workspaces list` over {accounts} accounts × 4 regions through `--assume-role`, "
                f"{m['org_fleet']} WorkSpaces a place, {lat} ms latency")
    row(scenario, "one place: `--assume-role R --account A --region us-east-1` (one AssumeRole)", org_one)
    row(scenario, "`--assume-role R --organization` (ListAccounts, then every place at once)", org_whole,
        note=f"{org_whole['median'] / org_one['median']:.2f} × one place; ListAccounts is {pages} pages of 20")
    if "accounts-from" in org:
        row(scenario, "`--assume-role R --accounts-from FILE` (the same accounts, no ListAccounts)",
            org["accounts-from"], note=f"{org['accounts-from']['median'] / org_one['median']:.2f} × one place")
    ratio = org_whole["median"] / org_one["median"]
    budgets.append((f"`workspaces list` over {accounts} accounts × 4 regions through `--assume-role "
                    "--organization`: within 1.5 × one place's listing plus one AssumeRole",
                    f"{ratio:.2f} × ({ms(org_whole['median'])} vs {ms(org_one['median'])})",
                    verdict(ratio <= 1.5)))

# --- completion -----------------------------------------------------------------

cold = runs("complete-cold").get("cold")
warm = runs("complete-warm").get("warm")
if cold and warm and "ws_latency" in m:
    lat = int(m["ws_latency"]) / 1000
    scenario = f"complete `devices get <TAB>` (fish), {m['ws_latency']} ms latency"
    row(scenario, "warm: from the cache", warm)
    row(scenario, "cold: one ListDevices", cold)
    budgets.append(("completion from the cache under 30 ms", ms(warm["median"]), verdict(warm["median"] < 0.030)))
    budgets.append((f"completion with no cache within one round trip ({m['ws_latency']} ms) + 30 ms",
                    ms(cold["median"]), verdict(cold["median"] <= lat + 0.030)))

# --- usage ---------------------------------------------------------------------

usage = runs("usage")
if usage and "usage_n" in m:
    usage_n, lat = int(m["usage_n"]), int(m["usage_latency"])
    scenario = f"usage of {usage_n:,} WorkSpaces over {m['usage_month']}, {lat} ms latency, concurrency {n['concurrency']}"
    floor_usage = usage.get("floor")
    if floor_usage:
        row(scenario, "floor: DescribeWorkspaces, packed GetMetricData, DescribeTags of the same WorkSpaces",
            floor_usage)
    w = usage.get("wsfleet")
    calls, minimum = int(m.get("usage_calls", 0)), int(m.get("usage_minimum", 0))
    if w:
        row(scenario, f"`wsfleet workspaces usage --month {m['usage_month']} --concurrency {n['concurrency']}`",
            w, floor_usage, note=f"{calls} GetMetricData calls (the limits allow {minimum})")
    if w and floor_usage:
        ratio = w["median"] / floor_usage["median"]
        budgets.append((f"`workspaces usage`, {usage_n:,} WorkSpaces, a month: within 1.25 × the floor",
                        f"{ratio:.2f} × ({ms(w['median'])} vs {ms(floor_usage['median'])})",
                        verdict(ratio <= 1.25)))
    if calls and minimum:
        budgets.append((f"`workspaces usage`, {usage_n:,} WorkSpaces, a month: GetMetricData calls within "
                        "1.05 × the fewest the API's limits allow (500 queries, 100,800 data points a call)",
                        f"{calls} calls vs {minimum} = {calls / minimum:.3f} ×", verdict(calls <= 1.05 * minimum)))

# --- deregistration -----------------------------------------------------------

dereg = runs("dereg")
aws_loop = runs("dereg-aws").get("aws-loop")
aws_extrapolated = None
if aws_loop:
    aws_extrapolated = aws_loop["median"] / n["aws_loop_n"] * n["dereg_n"]
count, latency, conc = n["dereg_n"], n["dereg_latency"] / 1000, n["concurrency"]
ideal = count * latency / conc
scenario = f"deregister {count:,} devices, {n['dereg_latency']} ms latency, concurrency {conc}"
if "floor" in dereg:
    row(scenario, "floor: DeregisterDevice only", dereg["floor"])
if "wsfleet" in dereg:
    row(scenario, f"`wsfleet devices deregister --yes --concurrency {conc}`", dereg["wsfleet"],
        dereg.get("floor"), aws_extrapolated)
    w = dereg["wsfleet"]["median"]
    budgets.append((f"`devices deregister --yes`, {count:,} devices, {n['dereg_latency']} ms, concurrency {conc}: "
                    f"within 1.5 × of {count:,} × {n['dereg_latency']} ms / {conc} = {ms(ideal)}",
                    f"{ms(w)} = {w / ideal:.2f} ×", verdict(w <= 1.5 * ideal)))
    if aws_extrapolated:
        speedup = aws_extrapolated / w
        budgets.append(("`devices deregister`: at least 50 × faster than the AWS CLI in a shell loop",
                        f"{speedup:.0f} × (AWS CLI: {ms(aws_loop['median'])} for {n['aws_loop_n']} devices, "
                        f"extrapolated to {ms(aws_extrapolated)} for {count:,})",
                        verdict(speedup >= 50)))
elif not has_deregister:
    budgets.append(("`devices deregister` budgets", "not measured: this wsfleet has no `devices deregister`",
                    "**not measured**"))
if aws_loop:
    row(scenario, f"`aws workspaces-thin-client deregister-device` loop over {n['aws_loop_n']} devices",
        aws_loop, note=f"extrapolated to {count:,}: {ms(aws_extrapolated)}")

# --- rate limit -----------------------------------------------------------------

rate = runs("rate").get("wsfleet")
if rate:
    count = n["rate_n"]
    # The sandbox's bucket starts full: one second of requests goes at once.
    burst = rate_limit
    wall = rate["median"]
    raw = count / wall
    steady = (count - burst) / wall
    results_file = work / "rate-results.ndjson"
    outcomes = [json.loads(line).get("outcome") for line in results_file.read_text().splitlines()
                if line.strip()] if results_file.exists() else []
    done = sum(1 for o in outcomes if o == "done")
    stderr = (work / "rate-stderr.txt").read_text() if (work / "rate-stderr.txt").exists() else ""
    failed_runs = failures(rate)
    scenario = f"deregister {count:,} devices under --rate-limit {rate_limit:g}"
    row(scenario, f"`wsfleet devices deregister --yes --concurrency {n['concurrency']}`", rate,
        note=f"{raw:.1f} targets/s; {steady:.1f}/s after the first second's burst of {burst:g}")
    ok_targets = done == count and failed_runs == 0 and "exit" not in stderr
    budgets.append((f"under `--rate-limit {rate_limit:g}`: throughput within 5 % of {rate_limit:g} requests a second",
                    f"{steady:.1f}/s after the burst ({raw:.1f}/s counting it); ideal wall "
                    f"{ms((count - burst) / rate_limit)}, measured {ms(wall)}",
                    verdict(steady >= 0.95 * rate_limit)))
    budgets.append(("under the rate limit: no target failed",
                    f"checked run: {done} of {count} done; {failed_runs} of {len(rate['times'])} timed runs "
                    "exited non-zero", verdict(ok_targets)))

# --- what bounds a miss ------------------------------------------------------------

bounds = []
if "wsfleet" in listing and aws_list and floor_list:
    floor_speedup = aws_list["median"] / floor_list["median"]
    if aws_list["median"] / listing["wsfleet"]["median"] < 10:
        bounds.append(
            f"Listing vs the AWS CLI: the floor itself is only {floor_speedup:.1f} × faster than the "
            f"AWS CLI here ({ms(floor_list['median'])} vs {ms(aws_list['median'])}), so 10 × would need "
            f"wsfleet at {ms(aws_list['median'] / 10)}, below the floor. The {n['list_n'] // 50} sequential "
            "round trips to a sandbox on the same cores dominate both; of the AWS CLI's "
            f"{ms(aws_list['median'])}, {ms(aws_version['median']) if aws_version else 'part'} is its start-up.")
if org_one and org_whole and org_whole["median"] > 1.5 * org_one["median"]:
    listed = org.get("accounts-from")
    bounds.append(
        f"Organisation: `--organization` first reads ListAccounts, at most 20 accounts a page, one page "
        f"after another ({math.ceil((int(m['org_accounts']) + 1) / 20)} round trips of "
        f"{int(m['ws_latency'])} ms here), before any account's role can be assumed"
        + (f"; the same accounts from a file take {ms(listed['median'])} "
           f"({listed['median'] / org_one['median']:.2f} × one place)" if listed else "")
        + ". Beyond the round trips, each of the 400 places costs a session and its clients on the "
        "same two cores as the sandbox serving them.")
if rate and steady < 0.95 * rate_limit:
    bounds.append(
        f"Rate limit: {ms(wall)} against the ideal {ms((count - burst) / rate_limit)} for "
        f"{count:,} targets. A `--yes` deregistration sends only the {count:,} DeregisterDevice "
        "calls (no GetDevice); past the burst the sandbox admits one a "
        f"{ms(1 / rate_limit)}, so the wall over the ideal is the process's start, the last round trip, "
        "and any slot left unused: the pacer (src/api/pace.rs) runs a little above the limit to "
        "leave none, and a run that falls short has a pace that stayed under it (with `-vv`, "
        "its `throttled: pacing at` lines).")

# --- the sandbox ----------------------------------------------------------------

throughput_line = (work / "throughput.txt").read_text().strip() if (work / "throughput.txt").exists() else ""
match = re.search(r"([\d.]+) requests/s", throughput_line)
if match:
    budgets.append(("the sandbox answers at least 10,000 simple requests a second",
                    f"{float(match.group(1)):,.0f} requests/s", verdict(float(match.group(1)) >= 10_000)))

# --- write ------------------------------------------------------------------------


def table(header, body):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cells) + " |" for cells in body]
    return "\n".join(lines)


uptime_before = (work / "uptime-before.txt").read_text().strip()
uptime_after = (work / "uptime-after.txt").read_text().strip()
quick = m["mode"] == "quick"
doc = f"""# wsfleet benchmark results

{"**Quick run (`bench/run --quick`): smaller fleets, fewer runs; a first look, not the record.**" if quick else ""}

Produced by `bench/run` on {m['date']} at commit `{m['commit']}` ({m['wsfleet']}, release build).
Every figure below comes from this one run; reproduce with `bench/run` (see `bench/README.md`).

## Machine

- CPU: {m['cpu']}, `nproc` = {m['nproc']}
- Memory: {int(m['memory_kb']) / 1024 / 1024:.1f} GiB
- {m['rustc']}; {m['hyperfine']}; {m['aws']}
- Load before: `{uptime_before}`
- Load after: `{uptime_after}`

The machine is shared with other engineers' builds (the load averages above
say how busy it was), and the client and the sandbox share its {m['nproc']} cores:
figures are noisier and slower than on an idle machine, for wsfleet, the floor
and the AWS CLI alike, which ran in the same minutes. Compare the ratios.

## Budgets

{table(("Budget", "Figure (median)", "Verdict"), budgets)}

{"## What bounds the misses" + chr(10) + chr(10) + chr(10).join("- " + b for b in bounds) if bounds else ""}

## Measurements

Medians of wall time. "× floor" is wsfleet's median over the floor's, measured
in the same hyperfine invocation; "AWS CLI ÷" is how many times faster than the
AWS CLI doing the same thing.

{table(("Scenario", "Program", "Median", "Spread", "Runs", "× floor", "AWS CLI ÷", "Note"), rows)}

## Peak memory (GNU time, maximum resident set size, median of the repetitions)

{table(("Program", f"{small:,} devices", f"{big_n:,} devices", "change"), memory_rows)}

{f"The AWS CLI listing {n['list_n']:,} devices peaked at {mib(aws_rss)}." if aws_rss else ""}

## The sandbox

`cargo run --release -p wsfleet-sandbox --example throughput -- 8 SECONDS`:
{throughput_line or "not measured"}

## Method

- Sandboxes: `wsfleet sandbox serve --port 0 --devices N [--latency MS] [--rate-limit RPS]`,
  seed 42, on 127.0.0.1; the client and the sandbox share the machine's cores.
- The floor (`bench/floor`) makes the same requests as wsfleet with the same SDK and
  nothing else: ListDevices pages of 50; GetDevice per device at the same concurrency, a page
  at a time while the next page is listed; DeregisterDevice per id with a client token.
- `workspaces usage` and its floor make the same calls: DescribeWorkspaces pages, GetMetricData
  calls packed to the API's limits (500 queries, 100,800 data points a call) at the same
  concurrency, and DescribeTags of the WorkSpaces wsfleet recommended a switch for.
- Each deregistration run starts from a fresh sandbox (hyperfine `--prepare`); the
  same seed gives the same device ids every time.
- The AWS CLI runs from `bench/.venv` with `AWS_DISABLE_HOST_PREFIX_INJECTION=true`
  (botocore's `disable_host_prefix_injection`) so it calls 127.0.0.1 rather than
  `api.127.0.0.1`. Its listing uses `--page-size 50`, the same requests as wsfleet's.
  Its deregistration loop runs {n['aws_loop_n']} devices and is extrapolated linearly
  to {n['dereg_n']:,} (each call is a new process, so the cost per device is constant).
- Under the rate limit the sandbox's token bucket starts full, so the first
  {rate_limit:g} requests pass at once; throughput is judged on the rest:
  (targets − {rate_limit:g}) / wall time.
- Sizes in this run: listing {n['list_n']:,}; memory at {small:,} and {big_n:,};
  details {n['details_n']:,}; deregistration {n['dereg_n']:,} of a {n['dereg_fleet']:,}-device
  fleet; rate limit {n['rate_n']:,} targets; concurrency {n['concurrency']}.
"""
out_path.write_text(re.sub(r"\n{3,}", "\n\n", doc))
