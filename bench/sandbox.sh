#!/usr/bin/env bash
# Starts and stops the benchmark's sandboxes, each under a NAME, so that
# `bench/run` and hyperfine's --prepare (which restarts one before every
# measured run of a destructive command) share one way of doing it.
#
#   bench/sandbox.sh start NAME DEVICES [wsfleet sandbox serve options...]
#   (WorkSpaces: none, or BENCH_WORKSPACES of them)
#   bench/sandbox.sh stop NAME
#
# `start` stops NAME first if it runs, serves on a free port, and writes the
# endpoint URL to $BENCH_WORK/NAME.endpoint once the sandbox answers.
set -euo pipefail

work=${BENCH_WORK:?BENCH_WORK is set by bench/run}
wsfleet=${BENCH_WSFLEET:?BENCH_WSFLEET is set by bench/run}

stop() {
    local pidfile="$work/$1.pid"
    [[ -f $pidfile ]] || return 0
    local pid
    pid=$(<"$pidfile")
    rm -f "$pidfile" "$work/$1.endpoint"
    kill "$pid" 2>/dev/null || return 0
    # The port and the memory are free once it has exited.
    for _ in $(seq 200); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.05
    done
    kill -9 "$pid" 2>/dev/null || true
}

start() {
    local name=$1 devices=$2
    shift 2
    stop "$name"
    local out="$work/$name.out"
    : >"$out"
    # setsid and no inherited descriptors: the sandbox outlives the shell that
    # hyperfine's --prepare runs, and hyperfine never waits on its output.
    setsid "$wsfleet" sandbox serve --port 0 --devices "$devices" \
        --workspaces "${BENCH_WORKSPACES:-0}" "$@" \
        >"$out" 2>"$work/$name.err" </dev/null &
    echo $! >"$work/$name.pid"
    # A 100,000-device fleet takes a few seconds to seed on a loaded machine.
    for _ in $(seq 1200); do
        local url
        url=$(sed -n 's/^export AWS_ENDPOINT_URL=//p' "$out")
        if [[ -n $url ]]; then
            echo "$url" >"$work/$name.endpoint"
            return 0
        fi
        if ! kill -0 "$(<"$work/$name.pid")" 2>/dev/null; then
            echo "sandbox $name exited at start:" >&2
            cat "$work/$name.err" >&2
            return 1
        fi
        sleep 0.1
    done
    echo "sandbox $name did not start within 120 s" >&2
    stop "$name"
    return 1
}

case ${1:-} in
start) shift && start "$@" ;;
stop) shift && stop "$@" ;;
*)
    echo "usage: bench/sandbox.sh start NAME DEVICES [serve options...] | stop NAME" >&2
    exit 2
    ;;
esac
