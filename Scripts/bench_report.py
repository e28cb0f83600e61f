"""The Markdown report of Scripts/bench.py: one function per section, each returning lines."""
import datetime
import os
import platform


def machine_info():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return "%s, %d cores, %s" % (cpu, os.cpu_count() or 0, platform.platform())


def fmt_s(x):
    return "%.3f" % x if x is not None else "n/a"


def cell(res, value):
    if res.error == "n/a":
        return "n/a"
    if res.error:
        return "timeout" if res.error.startswith("timeout") else "failed"
    if getattr(res, "wrong", False):
        return "wrong"
    return value


def row(cells):
    return "| " + " | ".join(cells) + " |"


def header(runtimes, runs):
    lines = ["## swasm benchmarks", "",
             "%s; %s; median of %d runs; CPU seconds (user+sys)." % (
                 datetime.date.today().isoformat(), machine_info(), runs)]
    vers = ["%s (%s)" % (rt.name, rt.version) for rt in runtimes if rt.available and rt.version]
    if vers:
        lines.append("Runtimes: %s." % ", ".join(vers))
    return lines + [""]


def time_table(workloads, table, runtimes, first_column):
    """CPU seconds per runtime, swasm's ratio to each other runtime, and the checksum."""
    rnames = [rt.name for rt in runtimes]
    labels = {rt.name: rt.label for rt in runtimes}
    others = [n for n in rnames if n != "swasm"]
    head = ([first_column] + ["%s s" % labels[n] for n in rnames] + ["swasm/%s" % labels[n] for n in others]
            + ["checksum (stdout)"])
    lines = [row(head), "|" + "|".join(["---"] + ["---:"] * (len(head) - 2) + ["---"]) + "|"]
    for w in workloads:
        results, checksum = table[w.name]
        cells = [w.name] + [cell(results[n], fmt_s(results[n].median_cpu())) for n in rnames]
        s = results["swasm"]
        for n in others:
            o = results[n]
            if s.error or o.error or s.wrong or o.wrong or not o.median_cpu():
                cells.append("n/a")
            else:
                cells.append("%.2fx" % (s.median_cpu() / o.median_cpu()))
        cells.append("`%s`" % checksum.replace("|", "\\|") if checksum else "")
        lines.append(row(cells))
    return lines + ["", "swasm/X = swasm CPU time divided by X's (below 1 means swasm is faster).", ""]


def programs_notes(programs):
    lines = []
    for w in programs:
        lines.append("- %s: %s; `%s` from PyPI `%s==%s` (%s bytes), run as `RUNTIME %s %s < %s`." % (
            w.name, w.program.title, w.program.file, w.program.dist, w.program.version,
            format(w.size, ",") if w.size else "?", w.program.file, " ".join(w.args), w.program.input_label))
    return lines + [""] if lines else []


def rss_table(workloads, table, runtimes):
    rnames = [rt.name for rt in runtimes]
    lines = ["### Peak RSS (MB, max over runs)", "",
             "| benchmark | " + " | ".join(rt.label for rt in runtimes) + " |",
             "|---|" + "---:|" * len(rnames)]
    for w in workloads:
        results, _ = table[w.name]
        lines.append(row([w.name] + [cell(results[n], "%.1f" % (max(results[n].rss_kb) / 1024.0)
                                          if results[n].rss_kb else "n/a") for n in rnames]))
    return lines + [""]


def startup_table(startup, runtimes):
    rnames = [rt.name for rt in runtimes]
    lines = ["### Start-up: process start + decode + instantiate + run (median wall ms; CPU ms in parentheses)", "",
             "| module | runs | " + " | ".join(rt.label for rt in runtimes) + " |",
             "|---|---:|" + "---:|" * len(rnames)]
    for label, runs, results in startup:
        cells = [label, str(runs)]
        for n in rnames:
            r = results[n]
            cells.append(cell(r, "%.1f (%.1f)" % (r.median_wall() * 1e3, r.median_cpu() * 1e3) if r.wall else "n/a"))
        lines.append(row(cells))
    return lines + ["", "hello.wasm: instantiate + `_start` of a WASI hello world; big_module.wasm: "
                    "decode + validate + compile of 1.39 MB, then a short run. "
                    "wasm3 and wasmtime run in a Python interpreter here (Scripts/run_wasm3.py, "
                    "Scripts/run_wasmtime.py): their times include Python start-up and import.", ""]


def load_section(load_rows, spec_rows, threads):
    """load_rows: (label, bytes, {threads: (result dict or None, error)}); spec_rows: the same
    with one entry under None (swasm's default thread count)."""
    lines = ["### swasm module load: decode + validate + compile (in-process, MB/s)", ""]
    if load_rows:
        lines.append(row(["module", "bytes"] + ["%d thread%s" % (t, "" if t == 1 else "s") for t in threads]
                         + ["%d threads / 1 thread" % t for t in threads if t != 1]))
        lines.append("|---|---:|" + "---:|" * (len(threads) + len([t for t in threads if t != 1])))
        for label, size, by_threads in load_rows:
            cells = [label, format(size, ",")]
            for t in threads:
                res, err = by_threads[t]
                cells.append("**%.1f** (%.1f ms, median of %d)" % (res["mbps"], res["ms"], res["runs"]) if res
                             else "n/a")
            one = by_threads.get(1, (None, None))[0]
            for t in threads:
                if t != 1:
                    res = by_threads[t][0]
                    cells.append("%.2fx" % (res["mbps"] / one["mbps"]) if res and one else "n/a")
            lines.append(row(cells))
        lines.append("")
    for label, size, by_threads in spec_rows:
        res, err = by_threads[None]
        if res:
            lines.append("- %s, %s bytes (default threads; small modules compile on one): **%.1f MB/s** "
                         "(%.1f ms, median of %d)" % (label, format(size, ","), res["mbps"], res["ms"], res["runs"]))
        else:
            lines.append("- %s: n/a (%s)" % (label, err))
    lines.append("")
    lines.append("`swasm compile-speed FILE RUNS THREADS`; wall-clock time, so other load on the machine "
                 "lowers the figures, the multi-threaded ones most.")
    return lines + [""]


def host_section(host):
    ns, repeats, calls, err = host
    lines = ["### swasm host calls (wasm -> Swift, in-process)", ""]
    if err:
        return lines + ["- n/a (%s)" % err, ""]
    desc = {"host_loop": "wasm loop calling a typed Swift host function `host.inc(i32) -> i32`",
            "values_loop": "the same loop calling a `[Value]` host function `host.inc_values`",
            "wasm_loop": "the same loop calling a wasm function `inc(i32) -> i32` (baseline)",
            "empty_loop": "the same loop with no call"}
    for loop, v in ns.items():
        lines.append("- %s: **%.2f ns per call**" % (desc.get(loop, loop), v))
    if "host_loop" in ns and "wasm_loop" in ns:
        lines.append("- host-call overhead over a wasm call: %.2f ns" % (ns["host_loop"] - ns["wasm_loop"]))
    return lines + ["", "%d calls per run, median of %d runs (SwasmBench host-call)." % (calls, repeats), ""]


def instantiate_section(inst):
    res, err = inst
    lines = ["### swasm instantiation (in-process, per request)", ""]
    if err:
        return lines + ["- n/a (%s)" % err, ""]
    pages = res["pages"]
    return lines + [
        "- new Store + new WASI (stdout captured) + instantiate + `_start` of %s: **%.2f µs**"
        % (res["module"], res["cycle"]),
        "- new Store + instantiate + call of a module with 1 page of memory: %.2f µs; with 257 pages "
        "(16 MiB, what zig and clang give a WASI program): %.2f µs" % (pages[1], pages[257]),
        "- 257 pages cost **%.2f µs** more than 1 page" % (pages[257] - pages[1]),
        "",
        "The module is compiled once; each figure is the median of %d cycles after a warm-up "
        "(SwasmBench instantiate)." % res["repeats"],
        ""]


def notes_section(notes):
    if not notes:
        return []
    return ["Notes:", ""] + ["- " + n for n in notes] + [""]
