#!/usr/bin/env python3
"""Differential testing of components: swasm against wasmtime (wasmtime-py's wasmtime.component).

Each component comes from Scripts/component_gen.py (random WIT types, core code in Canonical ABI
terms); wasm-tools makes and validates the binary; swasm must accept it too. Then every export is
called with random arguments in both engines (`SwasmFuzz component-calls` for swasm) and the
results and traps are compared (traps by category: the messages differ).

  fuzz_components.py --components N --seed S [--swasm-fuzz PATH] [--mutants N] [--validate-only]

Deterministic for a seed. Divergent components are saved under .fuzz-failures/components/
with their calls and both engines' outcomes. Exit status 1 on any unexplained divergence.
"""

import argparse
import collections
import json
import os
import random
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import wasmtime  # noqa: E402
import wasmtime.component as wc  # noqa: E402

from component_abi import contains, wit  # noqa: E402
from component_gen import generate_component  # noqa: E402
from component_mutants import mutate  # noqa: E402
from component_values import canonical, from_wasmtime, random_value, to_wasmtime  # noqa: E402

WASM_TOOLS = os.path.join(os.path.dirname(sys.executable), 'wasm-tools')
CALLS_PER_FUNCTION = 3

# Trap messages of both engines, by category (first match wins).
TRAP_CATEGORIES = [
    ('unreachable', ['unreachable']),
    ('alignment', ['unaligned', 'not aligned', 'misaligned', 'unalignedpointer']),
    ('bounds', ['out of bounds', 'out-of-bounds', 'beyond end', 'outofbounds', 'overflow']),
    ('string', ['utf-8', 'utf8', 'utf-16', 'utf16', 'latin1', 'surrogate', 'invalidstring', 'invalid string']),
    ('char', ['char', 'scalar']),
    ('discriminant', ['discriminant']),
    ('handle', ['handle', 'resource', 'unknownhandle', 'wronghandletype']),
    ('leave', ['cannot leave', 'cannotleave']),
    ('enter', ['cannot enter', 'cannotenter']),
]


# Both engines trap, for different reasons that both hold: the order of checks differs
# ((wasmtime's category, swasm's category), reason).
EXPLAINED_TRAP_PAIRS = [
    (('bounds', 'alignment'), 'a pointer both misaligned and out of bounds: the Canonical ABI checks alignment first '
                              '(load_list_from_range, load_string_from_range), as swasm does; wasmtime checks bounds first'),
]
# A component calling a component whose realloc is bad, with arguments the caller's options
# make invalid (its lowering encoding differs from the data's): two traps, in either order.
ADAPTER_ORDER = ('an adapter call with both an invalid argument in the caller and a bad realloc in the callee: '
                 'the Canonical ABI lifts all arguments from the caller before lowering any into the callee '
                 '(swasm too); wasmtime\'s fused adapters copy value by value, calling the callee\'s realloc first')
EXPLAINED = collections.Counter()
# Functions whose result must equal their arguments (both engines are checked against that too),
# unless strings pass a lowering whose encoding differs from the lifting's (then they may not).
ECHOES = {'echo', 'badrealloc', 'host', 'adapter:echo', 'adapter:badrealloc'}


def trap_category(message):
    m = message.lower()
    for name, words in TRAP_CATEGORIES:
        if any(w in m for w in words):
            return name
    return 'other'


def resource_calls(g, rng):
    """Handles made, used, moved back and dropped in an order that keeps them valid; then
    handles lifted from indices that may name none (traps last: they end the instance)."""
    by_kind = {f['kind']: f['name'] for f in g.functions}
    v = [rng.choice([0, 1, 7, 0xffffffff, rng.getrandbits(32)]) for _ in range(6)]
    plan = [('res-make', v[0]), ('res-make', v[1]), ('res-rep', {'handle': 0}), ('res-rep', {'handle': 1}),
            ('res-take', {'handle': 0}), ('res-rep', {'handle': 1}), ('res-index', v[2]), ('res-index', v[3]),
            ('res-take', {'handle': 1}), ('res-index', v[4]), ('res-lift', v[5]), ('res-lift', v[0]), ('res-lift', v[1])]
    return [{'func': by_kind[k], 'args': [a]} for k, a in plan]


def make_calls(g, rng):
    calls = []
    for f in g.functions:
        if f['kind'].startswith('res-'):
            continue
        # NaN bits are not deterministic (the ABI lets lowering pick any NaN): no NaNs where core
        # code observes them, in checksums and where strings are read with another encoding
        # (past their own bytes, into whatever the lowering stored next to them).
        nonan = f['kind'].endswith('checksum') or f['lower_encoding'] not in (None, f['encoding'])
        for _ in range(CALLS_PER_FUNCTION):
            calls.append({'func': f['name'], 'args': [random_value(rng, p, nonan) for p in f['params']]})
    if any(f['kind'].startswith('res-') for f in g.functions):
        calls += resource_calls(g, rng)
    return calls


def echo_host(result_type):
    def host(_store, *args):
        if result_type is None:
            return None
        return args[0] if len(args) == 1 else tuple(args)
    return host


class Wasmtime:
    """Runs calls in wasmtime; a new instance after each trap (a trapped instance may not be entered)."""

    def __init__(self, engine, path, g):
        self.engine = engine
        self.component = wc.Component.from_file(engine, path)
        self.g = g
        self.instance = None
        self.handles = []

    def instantiate(self):
        self.store = wasmtime.Store(self.engine)
        linker = wc.Linker(self.engine)
        with linker.root() as root:
            for f in self.g.functions:
                if f['imported']:
                    root.add_func(f['imported'], echo_host(f['result']))
        self.instance = linker.instantiate(self.store, self.component)

    def call(self, name, args):
        if self.instance is None:
            self.instantiate()
        func = self.instance.get_func(self.store, name)
        ty = func.type(self.store)
        try:
            values = [to_wasmtime(a, pt, self.handles) for a, (_, pt) in zip(args, ty.params)]
            result = func(self.store, *values)
        except wasmtime.WasmtimeError as e:
            self.instance = None
            return {'trap': str(e).replace('\n', ' ')}
        except wasmtime.Trap as e:
            self.instance = None
            return {'trap': str(e).replace('\n', ' ')}
        return {'ok': None if ty.result is None else from_wasmtime(result, ty.result, self.handles)}


def run_swasm(swasm_fuzz, path, calls, tmp):
    calls_path = os.path.join(tmp, 'calls.json')
    with open(calls_path, 'w') as f:
        json.dump({'calls': calls}, f)
    r = subprocess.run([swasm_fuzz, 'component-calls', path, calls_path], capture_output=True, text=True, timeout=120)
    if r.returncode != 0:
        return None, 'swasm exit %d: %s' % (r.returncode, (r.stderr or r.stdout)[-2000:])
    return [json.loads(line) for line in r.stdout.split('\n') if line.strip()], None


def compare(kind, w, s):
    """None if the outcomes agree, else (category, detail)."""
    if 'ok' in w and 'ok' in s:
        if w['ok'] == s['ok']:
            return None
        return 'result', 'wasmtime %s, swasm %s' % (json.dumps(w['ok']), json.dumps(s['ok']))
    if 'trap' in w and 'trap' in s:
        cw = trap_category(w['trap'])
        cs = trap_category(s.get('trap', '') + ' ' + s.get('message', ''))
        if cw == cs or 'other' in (cw, cs):
            return None
        for pair, reason in EXPLAINED_TRAP_PAIRS:
            if (cw, cs) == pair:
                EXPLAINED[reason] += 1
                return None
        if kind == 'adapter:badrealloc':
            EXPLAINED[ADAPTER_ORDER] += 1
            return None
        return 'trap-category', 'wasmtime %s (%s), swasm %s (%s)' % (cw, w['trap'][:200], cs, s.get('message', '')[:200])
    if 'trap' in w:
        return 'wasmtime-trap-only', 'wasmtime trap %s; swasm %s' % (w['trap'][:300], json.dumps(s)[:300])
    return 'swasm-trap-only', 'swasm %s; wasmtime %s' % (json.dumps(s)[:300], json.dumps(w['ok'])[:300])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--components', type=int, default=2000)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--swasm-fuzz', default='.build/release/SwasmFuzz')
    ap.add_argument('--validate-only', action='store_true', help='compare validity only (no calls)')
    ap.add_argument('--show', type=int, default=10, help='divergences printed in full')
    ap.add_argument('--mutants', type=int, default=2, help='mutants per component whose validity is compared')
    args = ap.parse_args()

    engine = wasmtime.Engine()
    stats = collections.Counter()
    divergences = collections.Counter()
    trap_pairs = collections.Counter()
    other_messages = set()
    by_kind = collections.defaultdict(collections.Counter)
    shown = 0
    failures_dir = os.path.join('.fuzz-failures', 'components')
    start = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.components):
            seed = args.seed * 1_000_003 + i
            g = generate_component(seed)
            wat_path, wasm_path = os.path.join(tmp, 'c.wat'), os.path.join(tmp, 'c.wasm')
            with open(wat_path, 'w') as f:
                f.write(g.wat)
            r = subprocess.run([WASM_TOOLS, 'parse', wat_path, '-o', wasm_path], capture_output=True, text=True)
            if r.returncode != 0:
                print('generator bug (wasm-tools parse), seed %d: %s' % (seed, r.stderr[:1000]))
                stats['generator-bugs'] += 1
                continue
            r = subprocess.run([WASM_TOOLS, 'validate', '--features', 'component-model', wasm_path],
                               capture_output=True, text=True)
            reference_valid = r.returncode == 0
            if not reference_valid:
                print('generator bug (invalid for wasm-tools), seed %d: %s' % (seed, r.stderr[:1000]))
                stats['generator-bugs'] += 1
                continue
            stats['components'] += 1
            rng = random.Random(seed ^ 0x5eed)
            calls = [] if args.validate_only else make_calls(g, rng)
            outcomes, error = run_swasm(args.swasm_fuzz, wasm_path, calls, tmp)
            found = []
            if error:
                found.append(('swasm-crash', error, None))
            elif 'invalid' in outcomes[0]:
                found.append(('validity', 'wasm-tools valid, swasm: %s' % outcomes[0]['invalid'], None))
            elif calls:
                if len(outcomes) > 1 and 'link' in outcomes[1]:
                    found.append(('link', 'swasm: %s' % outcomes[1]['link'], None))
                else:
                    wt = Wasmtime(engine, wasm_path, g)
                    for call, s in zip(calls, outcomes[1:]):
                        try:
                            w = wt.call(call['func'], call['args'])
                        except Exception as e:  # wasmtime failing to instantiate or convert
                            found.append(('wasmtime-error', repr(e)[:500], call))
                            break
                        stats['calls'] += 1
                        if 'trap' in w and 'trap' in s:
                            trap_pairs[(trap_category(w['trap']), s['trap'])] += 1
                            if trap_category(w['trap']) == 'other' and len(other_messages) < 5:
                                other_messages.add('wasmtime: %s | swasm: %s' % (w['trap'][:200], s['message'][:200]))
                        fn = next(f for f in g.functions if f['name'] == call['func'])
                        d = compare(fn['kind'], w, s)
                        by_kind[fn['kind']]['traps' if 'trap' in w else 'results'] += 1
                        if d is None and 'ok' in w and fn['kind'] in ECHOES and (
                                fn['lower_encoding'] in (None, fn['encoding']) or
                                not any(contains(p, ('string',)) for p in fn['params'])):
                            expected = canonical(call['args'][0] if len(call['args']) == 1 else call['args'],
                                                 fn['result'])
                            if w['ok'] != expected:
                                d = ('echo-mismatch', 'both engines %s, arguments %s' % (
                                    json.dumps(w['ok'])[:300], json.dumps(expected)[:300]))
                            else:
                                stats['echoes-checked'] += 1
                        if d is None:
                            stats['same'] += 1
                            stats['traps' if 'trap' in w else 'results'] += 1
                        else:
                            found.append((d[0], d[1], call))
                    if len(outcomes) - 1 < len(calls) and not found:
                        found.append(('swasm-missing-outcomes', '%d of %d' % (len(outcomes) - 1, len(calls)), None))
            mrng = random.Random(seed ^ 0x3a7e)
            for _ in range(args.mutants):
                m = mutate(mrng, g.wat)
                if m is None:
                    continue
                mname, mtext = m
                mwat, mwasm = os.path.join(tmp, 'm.wat'), os.path.join(tmp, 'm.wasm')
                with open(mwat, 'w') as f:
                    f.write(mtext)
                if subprocess.run([WASM_TOOLS, 'parse', mwat, '-o', mwasm], capture_output=True).returncode != 0:
                    stats['mutants-unparsed'] += 1
                    continue
                r = subprocess.run([WASM_TOOLS, 'validate', '--features', 'component-model', mwasm],
                                   capture_output=True, text=True)
                mout, error = run_swasm(args.swasm_fuzz, mwasm, [], tmp)
                stats['mutants'] += 1
                stats['mutants-valid' if r.returncode == 0 else 'mutants-invalid'] += 1
                if error:
                    found.append(('swasm-crash', error, None))
                elif (r.returncode == 0) != ('valid' in mout[0]):
                    found.append(('validity-mutant', '%s: wasm-tools %s, swasm %s' % (
                        mname, 'valid' if r.returncode == 0 else r.stderr.strip()[:300], json.dumps(mout[0])[:300]), None))
                    with open(os.path.join(tmp, 'last-mutant.wat'), 'w') as f:
                        f.write(mtext)
                    os.makedirs(failures_dir, exist_ok=True)
                    with open(os.path.join(failures_dir, 'seed%d-%s.wat' % (seed, mname)), 'w') as f:
                        f.write(mtext)
            for category, detail, call in found:
                divergences[category] += 1
                fn = next((f for f in g.functions if call and f['name'] == call['func']), None)
                if shown < args.show:
                    shown += 1
                    print('DIVERGENCE %s seed %d %s: %s' % (category, seed, call and call['func'], detail[:700]))
                    if fn:
                        print('    %s (%s) -> %s, %s' % (fn['kind'], ', '.join(wit(p) for p in fn['params']),
                                                       wit(fn['result']), fn['encoding']))
                        print('    args %s' % json.dumps(call['args'])[:600])
                os.makedirs(failures_dir, exist_ok=True)
                base = os.path.join(failures_dir, 'seed%d' % seed)
                with open(base + '.wat', 'w') as f:
                    f.write(g.wat)
                with open(base + '.txt', 'a') as f:
                    f.write('%s %s: %s\n  call %s\n' % (category, call and call['func'], detail, json.dumps(call)))
            if found:
                stats['divergent-components'] += 1
            if (i + 1) % 200 == 0:
                print('  %d components, %d calls, %.0fs' % (i + 1, stats['calls'], time.time() - start))
                sys.stdout.flush()

    print('fuzz_components seed %d: %d components, %d calls, %d same (%d results, %d traps), '
          'divergences %d in %d components, %.0fs' % (
              args.seed, stats['components'], stats['calls'], stats['same'], stats['results'], stats['traps'],
              sum(divergences.values()), stats['divergent-components'], time.time() - start))
    print('  echo results equal to their arguments in both engines: %d' % stats['echoes-checked'])
    print('  validity: %d mutants compared (%d valid, %d invalid for wasm-tools; %d did not parse)' % (
        stats['mutants'], stats['mutants-valid'], stats['mutants-invalid'], stats['mutants-unparsed']))
    print('  calls by function kind: ' + ', '.join('%s %d/%d' % (k, c['results'], c['traps'])
                                                   for k, c in sorted(by_kind.items())) + ' (results/traps)')
    for k, v in sorted(divergences.items()):
        print('  divergence %s: %d' % (k, v))
    for (cw, ks), v in sorted(trap_pairs.items()):
        print('  traps: wasmtime %s / swasm %s: %d' % (cw, ks, v))
    for m in sorted(other_messages):
        print('  uncategorized trap message: %s' % m)
    for reason, v in EXPLAINED.items():
        print('  explained (%d calls): %s' % (v, reason))
    if stats['generator-bugs']:
        print('  generator bugs: %d' % stats['generator-bugs'])
    return 1 if divergences or stats['generator-bugs'] else 0


if __name__ == '__main__':
    sys.exit(main())
