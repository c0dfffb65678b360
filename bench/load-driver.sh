# Sourced by the run-*.sh scripts that drive a fresh CaaBot.Web host with bench/CaaBot.LoadDriver.
# Expects $root (the repository) to be set; sets $logs_dir.

logs_dir="$root/bench/results/logs"
mkdir -p "$logs_dir"

# build_host_and_driver NAME: builds CaaBot.Web and the load driver (Release), the log in bench/results/logs/build-NAME.log.
build_host_and_driver() {
    local log="$logs_dir/build-$1.log"
    echo "== Building CaaBot.Web and the load driver (Release)"
    for project in src/CaaBot.Web/CaaBot.Web.csproj bench/CaaBot.LoadDriver/CaaBot.LoadDriver.csproj; do
        dotnet build "$root/$project" -c Release --nologo -v quiet -clp:ErrorsOnly >"$log" 2>&1 || { cat "$log"; return 1; }
    done
}

# run_pinned_driver MODE OUT [ARGS...]: runs the driver's MODE writing OUT. With two cores or more the driver runs on
# CPU 1 and pins the host it starts to CPU 0, so they do not take turns on one core; otherwise nothing is pinned.
run_pinned_driver() {
    local mode=$1 out=$2
    shift 2
    local pin=() server_cpus=()
    if command -v taskset >/dev/null 2>&1 && [[ "$(nproc --all)" -ge 2 ]]; then
        pin=(taskset -c 1)
    else
        server_cpus=(--server-cpus "")
    fi

    echo "== Load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc --all) cores"
    "${pin[@]}" dotnet "$root/bench/CaaBot.LoadDriver/bin/Release/net10.0/CaaBot.LoadDriver.dll" "$mode" \
        --out "$out" "${server_cpus[@]}" "$@"
}
