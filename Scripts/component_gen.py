"""Random components for differential testing (Scripts/fuzz_components.py).

A component has random named and anonymous value types, one core module "$mem" (memory,
allocators, a data region of random words and text) and one "$code" module whose functions
implement the exports in Canonical ABI terms:
  echo       returns its arguments (one argument: itself; more: a tuple of them)
  checksum   folds every scalar, length and string byte of the arguments into a u64
  lift       returns random core values or a pointer into the random data region
  trap       unreachable
  badrealloc echo whose realloc returns a misaligned or out-of-bounds pointer
  host       echo through an imported host function of the same type
Memory map: 0..0x4000 zero, 0x4000 scratch (flat arguments stored in memory, return areas),
0x8000 random data (DATA_SIZE bytes), 0x10000.. the bump heap.
"""

import random

from component_abi import (MAX_FLAT_PARAMS, MAX_FLAT_RESULTS, NAMED_KINDS, alignment, cases_of, contains,
                           discriminant_size, field_offsets, flags_size, flatten, payload_offset, size)

SCRATCH = 0x4000
HOST_RETURN_AREA = 0x6000
DATA = 0x8000
DATA_WORDS = 0x300
TEXT = DATA + DATA_WORDS
DATA_SIZE = 0x400
HEAP = 0x10000
MAX_TYPE_SIZE = 1024
ENCODINGS = ['utf8', 'utf16', 'latin1+utf16']

SCALARS = ['bool', 's8', 'u8', 's16', 'u16', 's32', 'u32', 's64', 'u64', 'f32', 'f64', 'char']


# ---------------------------------------------------------------- random types

def random_type(rng, budget):
    """A random value type; `budget` bounds the nesting."""
    if budget <= 0 or rng.random() < 0.35:
        return (rng.choice(SCALARS + ['string'] * 2),)
    k = rng.choice(['list', 'record', 'tuple', 'variant', 'enum', 'option', 'result', 'flags',
                    'list', 'record', 'option'])
    b = budget - 1
    if k == 'list':
        return ('list', random_type(rng, b))
    if k in ('record', 'tuple'):
        return (k, [random_type(rng, b) for _ in range(rng.randint(1, 4))])
    if k == 'variant':
        return ('variant', [random_type(rng, b) if rng.random() < 0.7 else None for _ in range(rng.randint(1, 5))])
    if k == 'enum':
        return ('enum', rng.choice([1, 2, 3, 5, 17, 256, 257]))
    if k == 'flags':
        return ('flags', rng.choice([1, 2, 7, 8, 9, 16, 17, 31, 32]))
    if k == 'option':
        return ('option', random_type(rng, b))
    return ('result', random_type(rng, b) if rng.random() < 0.75 else None,
            random_type(rng, b) if rng.random() < 0.75 else None)


def bounded_type(rng, budget):
    while True:
        t = random_type(rng, budget)
        if size(t) <= MAX_TYPE_SIZE:
            return t


def random_params(rng):
    """Parameter types: a few of any type, or many scalars to cross MAX_FLAT_PARAMS."""
    r = rng.random()
    if r < 0.15:
        return [(rng.choice(SCALARS),) for _ in range(rng.randint(12, 20))]
    if r < 0.25:
        return [bounded_type(rng, 3) for _ in range(rng.randint(4, 8))]
    return [bounded_type(rng, 3) for _ in range(rng.randint(1, 3))]


def tuple_of(params):
    return params[0] if len(params) == 1 else ('tuple', list(params))


# ---------------------------------------------------------------- component-level type text

class TypeEmitter:
    """Type definitions in component text; records, variants, enums and flags are given names
    (exported, or imported with an `eq` bound when the component imports functions)."""

    def __init__(self, import_style):
        self.lines = []
        self.memo = {}
        self.import_style = import_style
        self.count = 0

    def ref(self, t):
        if t is None:
            return None
        if t[0] in ('own', 'borrow'):
            return '(%s $re)' % t[0]
        if len(t) == 1:
            return t[0]
        key = repr(t)
        if key in self.memo:
            return self.memo[key]
        k = t[0]
        if k == 'list':
            d = '(list %s)' % self.ref(t[1])
        elif k == 'record':
            d = '(record %s)' % ' '.join('(field "f%d" %s)' % (i, self.ref(f)) for i, f in enumerate(t[1]))
        elif k == 'tuple':
            d = '(tuple %s)' % ' '.join(self.ref(f) for f in t[1])
        elif k == 'variant':
            d = '(variant %s)' % ' '.join('(case "c%d" %s)' % (i, self.ref(c)) if c is not None else '(case "c%d")' % i
                                          for i, c in enumerate(t[1]))
        elif k == 'enum':
            d = '(enum %s)' % ' '.join('"e%d"' % i for i in range(t[1]))
        elif k == 'flags':
            d = '(flags %s)' % ' '.join('"g%d"' % i for i in range(t[1]))
        elif k == 'option':
            d = '(option %s)' % self.ref(t[1])
        elif k == 'result':
            parts = []
            if t[1] is not None:
                parts.append(self.ref(t[1]))
            if t[2] is not None:
                parts.append('(error %s)' % self.ref(t[2]))
            d = '(result %s)' % ' '.join(parts)
        else:
            raise ValueError(k)
        n = self.count
        self.count += 1
        self.lines.append('(type $d%d %s)' % (n, d))
        name = '$d%d' % n
        if k in NAMED_KINDS:
            if self.import_style:
                self.lines.append('(import "t%d" (type $t%d (eq $d%d)))' % (n, n, n))
            else:
                self.lines.append('(export $t%d "t%d" (type $d%d))' % (n, n, n))
            name = '$t%d' % n
        self.memo[key] = name
        return name

    def signature(self, params, result):
        s = ' '.join('(param "p%d" %s)' % (i, self.ref(p)) for i, p in enumerate(params))
        if result is not None:
            s += ' (result %s)' % self.ref(result)
        return s


# ---------------------------------------------------------------- core code

STORE = {1: 'i32.store8', 2: 'i32.store16', 4: 'i32.store'}
LOAD_U = {1: 'i32.load8_u', 2: 'i32.load16_u', 4: 'i32.load'}


def convert(have, want, e):
    """A joined flat value `e` of core type `have` as the case's core type `want`."""
    if have == want:
        return e
    if have == 'i32' and want == 'f32':
        return '(f32.reinterpret_i32 %s)' % e
    if have == 'i64' and want == 'i32':
        return '(i32.wrap_i64 %s)' % e
    if have == 'i64' and want == 'f32':
        return '(f32.reinterpret_i32 (i32.wrap_i64 %s))' % e
    if have == 'i64' and want == 'f64':
        return '(f64.reinterpret_i64 %s)' % e
    raise ValueError((have, want))


class Body:
    """A core function body under construction: its extra locals and instructions."""

    def __init__(self, nparams, encoding):
        self.nparams = nparams
        self.locals = []
        self.code = []
        self.encoding = encoding

    def local(self, ty):
        self.locals.append(ty)
        return self.nparams + len(self.locals) - 1

    def emit(self, s):
        self.code.append(s)

    def text(self):
        out = ''.join(' (local %s)' % t for t in self.locals)
        return out + '\n    ' + '\n    '.join(self.code)


def store_flat(b, t, vals, base, off):
    """Instructions storing the flat values `vals` (pure expressions) of `t` at base+off."""
    k = t[0]
    at = '(local.get %d)' % base
    if k in ('bool', 's8', 'u8'):
        b.emit('(i32.store8 offset=%d %s %s)' % (off, at, vals[0]))
    elif k in ('s16', 'u16'):
        b.emit('(i32.store16 offset=%d %s %s)' % (off, at, vals[0]))
    elif k in ('s32', 'u32', 'char'):
        b.emit('(i32.store offset=%d %s %s)' % (off, at, vals[0]))
    elif k in ('s64', 'u64'):
        b.emit('(i64.store offset=%d %s %s)' % (off, at, vals[0]))
    elif k == 'f32':
        b.emit('(f32.store offset=%d %s %s)' % (off, at, vals[0]))
    elif k == 'f64':
        b.emit('(f64.store offset=%d %s %s)' % (off, at, vals[0]))
    elif k in ('string', 'list'):
        b.emit('(i32.store offset=%d %s %s)' % (off, at, vals[0]))
        b.emit('(i32.store offset=%d %s %s)' % (off + 4, at, vals[1]))
    elif k == 'flags':
        b.emit('(%s offset=%d %s %s)' % (STORE[flags_size(t[1])], off, at, vals[0]))
    elif k in ('record', 'tuple'):
        i = 0
        for f, o in zip(t[1], field_offsets(t[1])):
            n = len(flatten(f))
            store_flat(b, f, vals[i:i + n], base, off + o)
            i += n
    else:
        cs = cases_of(t)
        disc = vals[0]
        b.emit('(%s offset=%d %s %s)' % (STORE[discriminant_size(len(cs))], off, at, disc))
        joined = flatten(t)[1:]
        po = off + payload_offset(t)
        for i, c in enumerate(cs):
            if c is None:
                continue
            want = flatten(c)
            payload = [convert(joined[j], want[j], vals[1 + j]) for j in range(len(want))]
            saved, b.code = b.code, []
            store_flat(b, c, payload, base, po)
            inner, b.code = b.code, saved
            b.emit('(if (i32.eq %s (i32.const %d)) (then %s))' % (disc, i, ' '.join(inner)))


def fold(b, acc, e):
    b.emit('(local.set %d (i64.add (i64.mul (local.get %d) (i64.const 31)) %s))' % (acc, acc, e))


def fold_mem(b, t, base, off, acc):
    """Instructions folding the value of `t` at base+off into the i64 local `acc`."""
    k = t[0]
    at = '(local.get %d)' % base
    if k in ('bool', 'u8'):
        fold(b, acc, '(i64.extend_i32_u (i32.load8_u offset=%d %s))' % (off, at))
    elif k == 's8':
        fold(b, acc, '(i64.extend_i32_s (i32.load8_s offset=%d %s))' % (off, at))
    elif k == 'u16':
        fold(b, acc, '(i64.extend_i32_u (i32.load16_u offset=%d %s))' % (off, at))
    elif k == 's16':
        fold(b, acc, '(i64.extend_i32_s (i32.load16_s offset=%d %s))' % (off, at))
    elif k in ('u32', 'char', 'f32'):
        fold(b, acc, '(i64.extend_i32_u (i32.load offset=%d %s))' % (off, at))
    elif k == 's32':
        fold(b, acc, '(i64.extend_i32_s (i32.load offset=%d %s))' % (off, at))
    elif k in ('s64', 'u64', 'f64'):
        fold(b, acc, '(i64.load offset=%d %s)' % (off, at))
    elif k == 'flags':
        fold(b, acc, '(i64.extend_i32_u (%s offset=%d %s))' % (LOAD_U[flags_size(t[1])], off, at))
    elif k in ('record', 'tuple'):
        for f, o in zip(t[1], field_offsets(t[1])):
            fold_mem(b, f, base, off + o, acc)
    elif k == 'string':
        p, n, i = b.local('i32'), b.local('i32'), b.local('i32')
        b.emit('(local.set %d (i32.load offset=%d %s))' % (p, off, at))
        b.emit('(local.set %d (i32.load offset=%d %s))' % (n, off + 4, at))
        fold(b, acc, '(i64.extend_i32_u (local.get %d))' % n)
        if b.encoding == 'utf16':
            b.emit('(local.set %d (i32.shl (local.get %d) (i32.const 1)))' % (n, n))
        elif b.encoding == 'latin1+utf16':
            b.emit('(if (i32.lt_s (local.get %d) (i32.const 0)) (then (local.set %d (i32.shl (local.get %d) (i32.const 1)))))'
                   % (n, n, n))
        b.emit('(local.set %d (i32.const 0))' % i)
        b.emit('(block (loop (br_if 1 (i32.ge_u (local.get %d) (local.get %d)))' % (i, n))
        fold(b, acc, '(i64.extend_i32_u (i32.load8_u (i32.add (local.get %d) (local.get %d))))' % (p, i))
        b.emit('(local.set %d (i32.add (local.get %d) (i32.const 1))) (br 0)))' % (i, i))
    elif k == 'list':
        e = t[1]
        p, n, i, eb = b.local('i32'), b.local('i32'), b.local('i32'), b.local('i32')
        b.emit('(local.set %d (i32.load offset=%d %s))' % (p, off, at))
        b.emit('(local.set %d (i32.load offset=%d %s))' % (n, off + 4, at))
        fold(b, acc, '(i64.extend_i32_u (local.get %d))' % n)
        b.emit('(local.set %d (i32.const 0))' % i)
        b.emit('(block (loop (br_if 1 (i32.ge_u (local.get %d) (local.get %d)))' % (i, n))
        b.emit('(local.set %d (i32.add (local.get %d) (i32.mul (local.get %d) (i32.const %d))))' % (eb, p, i, size(e)))
        fold_mem(b, e, eb, 0, acc)
        b.emit('(local.set %d (i32.add (local.get %d) (i32.const 1))) (br 0)))' % (i, i))
    else:
        cs = cases_of(t)
        d = b.local('i32')
        b.emit('(local.set %d (%s offset=%d %s))' % (d, LOAD_U[discriminant_size(len(cs))], off, at))
        fold(b, acc, '(i64.extend_i32_u (local.get %d))' % d)
        po = off + payload_offset(t)
        for i, c in enumerate(cs):
            if c is None:
                continue
            saved, b.code = b.code, []
            fold_mem(b, c, base, po, acc)
            inner, b.code = b.code, saved
            b.emit('(if (i32.eq (local.get %d) (i32.const %d)) (then %s))' % (d, i, ' '.join(inner)))


def core_signature(params, result):
    fp = [x for p in params for x in flatten(p)]
    if len(fp) > MAX_FLAT_PARAMS:
        fp = ['i32']
    fr = flatten(result) if result is not None else []
    if len(fr) > MAX_FLAT_RESULTS:
        fr = ['i32']
    return fp, fr


def sig_text(fp, fr):
    s = ''.join(' (param %s)' % t for t in fp)
    return s + ''.join(' (result %s)' % t for t in fr)


def params_in_scratch(b, params, fp):
    """A local holding the address of the arguments in memory (stored there if they came flat)."""
    base = b.local('i32')
    if len([x for p in params for x in flatten(p)]) > MAX_FLAT_PARAMS:
        b.emit('(local.set %d (local.get 0))' % base)
        return base
    b.emit('(local.set %d (i32.const %d))' % (base, SCRATCH))
    store_flat(b, ('tuple', list(params)), ['(local.get %d)' % i for i in range(len(fp))], base, 0)
    return base


def random_word(rng):
    r = rng.random()
    if r < 0.35:
        return rng.randint(0, 4)
    if r < 0.55:
        return DATA + 8 * rng.randint(0, DATA_WORDS // 8 - 1)
    if r < 0.75:
        return TEXT + rng.randint(0, 0x40)
    if r < 0.9:
        return rng.choice([0x7f, 0x80, 0xff, 0x100, 0xffff, 0xd7ff, 0xd800, 0xdfff, 0xe000, 0x10ffff,
                           0x110000, 0x7fffffff, 0x80000000, 0x80000002, 0xffffffff])
    return rng.getrandbits(32)


def random_text(rng, n):
    out = bytearray()
    while len(out) < n:
        r = rng.random()
        if r < 0.7:
            out += bytes([rng.randint(0x20, 0x7e)])
        elif r < 0.8:
            out += chr(rng.randint(0xa0, 0xff)).encode()
        elif r < 0.88:
            out += chr(rng.randint(0x100, 0xd7ff)).encode()
        elif r < 0.94:
            out += chr(rng.randint(0x10000, 0x1ffff)).encode()
        elif r < 0.97:
            out += bytes([0])
        else:
            out += bytes([rng.choice([0x80, 0xc0, 0xed, 0xf8, 0xff])])
    return bytes(out[:n])


def random_flat_const(rng, ty):
    if ty == 'i32':
        return '(i32.const %d)' % (random_word(rng) if rng.random() < 0.6 else rng.choice([0, 1, 2, 3, 255, 256, 65535, 65536, -1, -2]))
    if ty == 'i64':
        v = rng.choice([0, 1, 2, 0xffffffff, 0x100000000, -1, 1 << 63, rng.getrandbits(64)])
        return '(i64.const %d)' % (v - (1 << 64) if v >= 1 << 63 else v)
    if ty == 'f32':
        bits = rng.choice([0, 0x3f800000, 0x7fc00000, 0x7fa00001, 0xffc00000, rng.getrandbits(32)])
        return '(f32.reinterpret_i32 (i32.const %d))' % signed32(bits)
    return '(f64.reinterpret_i64 (i64.const %d))' % signed64(rng.choice([0, 0x3ff0000000000000, 0x7ff8000000000000,
                                                                        0x7ff0000000000001, rng.getrandbits(64)]))


def signed32(v):
    return v - (1 << 32) if v >= 1 << 31 else v


def signed64(v):
    return v - (1 << 64) if v >= 1 << 63 else v


# ---------------------------------------------------------------- components

MEM_MODULE = """(core module $mem
    (memory (export "mem") 4)
    (global $bump (mut i32) (i32.const %(heap)d))
    (data (i32.const %(data)d) "%(bytes)s")
    (func $alloc (param $align i32) (param $size i32) (result i32)
      (local $r i32)
      (local.set $r (i32.and (i32.add (global.get $bump) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
      (global.set $bump (i32.add (local.get $r) (local.get $size)))
      (block (loop
        (br_if 1 (i32.le_u (global.get $bump) (i32.mul (memory.size) (i32.const 65536))))
        (if (i32.lt_s (memory.grow (i32.const 1)) (i32.const 0)) (then unreachable))
        (br 0)))
      (local.get $r))
    (func $realloc (export "realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
      (local $r i32)
      (local.set $r (call $alloc (local.get $align) (local.get $size)))
      (if (local.get $old) (then
        (memory.copy (local.get $r) (local.get $old)
          (select (local.get $old_size) (local.get $size) (i32.lt_u (local.get $old_size) (local.get $size))))))
      (local.get $r))
    (func (export "realloc-misaligned") (param i32 i32 i32 i32) (result i32)
      (i32.add (call $realloc (local.get 0) (local.get 1) (local.get 2) (local.get 3))
               (i32.gt_u (local.get 2) (i32.const 1))))
    (func (export "realloc-oob") (param i32 i32 i32 i32) (result i32)
      (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.shr_u (local.get 3) (i32.const 1))))
    (func (export "reset") (global.set $bump (i32.const %(heap)d)))
  )"""


def wat_bytes(bs):
    return ''.join('\\%02x' % c for c in bs)


class Generated:
    """One generated component: its text and, per export, its type and kind."""

    def __init__(self):
        self.wat = ''
        self.functions = []  # dicts: name, kind, params, result, imported (the host import's name)


def function_type(rng, kind):
    """Random parameter and result types for a function of `kind`."""
    if kind == 'lift':
        return ([] if rng.random() < 0.5 else [(rng.choice(SCALARS),)]), bounded_type(rng, 3)
    if kind == 'checksum':
        return random_params(rng), ('u64',)
    if kind == 'leave-post':
        return [('u32',)], ('u32',)
    if kind == 'leave-realloc':
        return [('string',)], ('u32',)
    if kind == 'trap':
        return random_params(rng), (bounded_type(rng, 2) if rng.random() < 0.8 else None)
    params = random_params(rng)
    return params, tuple_of(params)


def generate_component(seed):
    rng = random.Random(seed)
    g = Generated()
    specs = []
    for _ in range(rng.randint(1, 6)):
        kind = rng.choice(['echo', 'echo', 'echo', 'checksum', 'checksum', 'lift', 'lift', 'trap', 'badrealloc',
                           'host', 'adapter', 'leave-post', 'leave-realloc'])
        inner = rng.choice(['echo', 'echo', 'checksum', 'lift', 'lift', 'trap', 'badrealloc']) if kind == 'adapter' else None
        params, result = function_type(rng, inner or kind)
        specs.append((kind, inner, params, result))
    if rng.random() < 0.25:
        specs += [('res-make', None, [('u32',)], ('own',)), ('res-rep', None, [('borrow',)], ('u32',)),
                  ('res-take', None, [('own',)], ('u32',)), ('res-index', None, [('u32',)], ('u32',)),
                  ('res-lift', None, [('u32',)], ('own',))]
    g.wat, g.functions = component_text(rng, specs)
    return g


def component_text(rng, specs):
    """A component implementing `specs` (kind, inner kind of an adapter, params, result) as f0, f1..."""
    functions = []
    import_style = any(k == 'host' for k, _, _, _ in specs)
    types = TypeEmitter(import_style)
    data = bytearray()
    for _ in range(DATA_WORDS // 4):
        data += random_word(rng).to_bytes(4, 'little')
    data += random_text(rng, DATA_SIZE - DATA_WORDS)

    imports, nested, lowers, code_imports, code_funcs, lifts = [], [], [], [], [], []
    for n, (kind, inner, params, result) in enumerate(specs):
        enc = rng.choice(ENCODINGS)
        name = 'f%d' % n
        fp, fr = core_signature(params, result)
        b = Body(len(fp), enc)
        realloc = '$m "realloc"'
        post_return = None
        lower_encoding = None
        imported = None
        if kind in ('echo', 'badrealloc'):
            if kind == 'badrealloc':
                realloc = '$m "%s"' % rng.choice(['realloc-misaligned', 'realloc-oob'])
            flat_params = [x for p in params for x in flatten(p)]
            if len(flat_params) > MAX_FLAT_PARAMS or len(fr) == len(flat_params):
                b.emit(' '.join('(local.get %d)' % i for i in range(len(fp))))
            else:
                base = b.local('i32')
                b.emit('(local.set %d (i32.const %d))' % (base, SCRATCH))
                store_flat(b, result, ['(local.get %d)' % i for i in range(len(fp))], base, 0)
                b.emit('(local.get %d)' % base)
        elif kind == 'checksum':
            acc = b.local('i64')
            base = params_in_scratch(b, params, fp)
            fold_mem(b, ('tuple', params), base, 0, acc)
            b.emit('(local.get %d)' % acc)
        elif kind == 'lift':
            # What earlier calls left in memory may differ between engines (NaN bits are not
            # deterministic): clear all but the data region, which the lifted values point into.
            b.emit('(memory.fill (i32.const 0) (i32.const 0) (i32.const %d))' % DATA)
            b.emit('(memory.fill (i32.const %d) (i32.const 0) (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const %d)))'
                   % (DATA + DATA_SIZE, DATA + DATA_SIZE))
            if len(flatten(result)) <= MAX_FLAT_RESULTS:
                b.emit(random_flat_const(rng, fr[0]))
            else:
                r = rng.random()
                if r < 0.8:
                    ptr = DATA + alignment(result) * rng.randint(0, 16)
                elif r < 0.95:
                    ptr = DATA + 8 * rng.randint(0, 8) + rng.choice([1, 2, 4])
                else:
                    ptr = rng.choice([0xfffffff0, 0x40000 - 4])
                b.emit('(i32.const %d)' % signed32(ptr))
        elif kind == 'trap':
            b.emit('unreachable')
        elif kind == 'res-make':
            b.emit('(call $rnew (local.get 0))')
        elif kind == 'res-rep':
            b.emit('(local.get 0)')  # a borrow of its own resource arrives as the representation
        elif kind == 'res-take':
            rep = b.local('i32')
            b.emit('(local.set %d (call $rrep (local.get 0)))' % rep)
            b.emit('(call $rdrop (local.get 0))')
            b.emit('(local.get %d)' % rep)
        elif kind == 'res-index':
            b.emit('(call $rnew (local.get 0))')  # the index: the handle stays in the table
        elif kind == 'res-lift':
            # A handle of its own (new, or one left by res-index), or an index naming none.
            b.emit('(drop (call $rnew (local.get 0)))')
            b.emit('(i32.const %d)' % rng.choice([0, 1, 2, 3, 4, 5, 100, -1]))
        elif kind in ('leave-post', 'leave-realloc'):
            # Calls out while it may not leave: in post-return, in realloc while arguments are lowered.
            imported = 'imp-%d' % n
            imports.append('(import "%s" (func $imp%d (param "p0" u32) (result u32)))' % (imported, n))
            lowers.append('(core func $low%d (canon lower (func $imp%d)))' % (n, n))
            code_imports.append('(import "host" "imp-%d" (func $imp%d (param i32) (result i32)))' % (n, n))
            if kind == 'leave-post':
                b.emit('(local.get 0)')
                post_return = 'pr%d' % n
                code_funcs.append('(func (export "%s") (param i32) (drop (call $imp%d (i32.const 1))))' % (post_return, n))
            else:
                b.emit('(local.get 1)')
                realloc = '$c "ra%d"' % n
                code_funcs.append('(func (export "ra%d") (param i32 i32 i32 i32) (result i32) (drop (call $imp%d (i32.const 1))) '
                                  '(call $realloc (local.get 0) (local.get 1) (local.get 2) (local.get 3)))' % (n, n))
        elif kind in ('host', 'adapter'):
            if kind == 'host':
                imported = 'imp-%d' % n
                imports.append('(import "%s" (func $imp%d %s))' % (imported, n, types.signature(params, result)))
            else:
                inner_text, _ = component_text(rng, [(inner, None, params, result)])
                nested.append(inner_text.replace('(component', '(component $inner%d' % n, 1))
                nested.append('(instance $ii%d (instantiate $inner%d))' % (n, n))
                nested.append('(alias export $ii%d "f0" (func $imp%d))' % (n, n))
            lower_encoding = rng.choice(ENCODINGS)
            lowers.append('(core func $low%d (canon lower (func $imp%d) (memory (core memory $m "mem")) '
                          '(realloc (core func $m "realloc")) string-encoding=%s))' % (n, n, lower_encoding))
            lp, lr = list(fp), list(fr)
            args = ' '.join('(local.get %d)' % i for i in range(len(fp)))
            if result is not None and len(flatten(result)) > MAX_FLAT_RESULTS:
                lp, lr = lp + ['i32'], []
                b.emit('(call $imp%d %s (i32.const %d))' % (n, args, HOST_RETURN_AREA))
                b.emit('(i32.const %d)' % HOST_RETURN_AREA)
            else:
                b.emit('(call $imp%d %s)' % (n, args))
            code_imports.append('(import "host" "imp-%d" (func $imp%d%s))' % (n, n, sig_text(lp, lr)))
        if fr and kind not in ('trap', 'leave-post') and rng.random() < 0.3:
            post_return = 'pr%d' % n
            code_funcs.append('(func (export "%s")%s (call $reset))' % (post_return, sig_text(fr, [])))
        code_funcs.append('(func (export "%s")%s%s)' % (name, sig_text(fp, fr), b.text()))
        opts = '(memory (core memory $m "mem")) (realloc (core func %s)) string-encoding=%s' % (realloc, enc)
        if post_return:
            opts += ' (post-return (core func $c "%s"))' % post_return
        lifts.append('(func $%s %s (canon lift (core func $c "%s") %s))' % (name, types.signature(params, result), name, opts))
        lifts.append('(export "%s" (func $%s))' % (name, name))
        functions.append({'name': name, 'kind': kind + (':' + inner if inner else ''), 'params': params,
                          'result': result, 'imported': imported, 'encoding': enc, 'lower_encoding': lower_encoding})

    resources = any(k.startswith('res-') for k, _, _, _ in specs)
    code = ['(core module $code',
            '    (import "mem" "mem" (memory 1))',
            '    (import "mem" "reset" (func $reset))',
            '    (import "mem" "realloc" (func $realloc (param i32 i32 i32 i32) (result i32)))']
    host_exports = ['(export "imp-%d" (func $low%d))' % (n, n) for n, spec in enumerate(specs)
                    if spec[0] in ('host', 'adapter', 'leave-post', 'leave-realloc')]
    if resources:
        code += ['    (import "host" "r-new" (func $rnew (param i32) (result i32)))',
                 '    (import "host" "r-rep" (func $rrep (param i32) (result i32)))',
                 '    (import "host" "r-drop" (func $rdrop (param i32)))']
        host_exports += ['(export "r-new" (func $r-new))', '(export "r-rep" (func $r-rep))', '(export "r-drop" (func $r-drop))']
        lowers += ['(core func $r-new (canon resource.new $r))', '(core func $r-rep (canon resource.rep $r))',
                   '(core func $r-drop (canon resource.drop $r))']
    code += ['    ' + x for x in code_imports]
    code += ['    ' + x for x in code_funcs]
    code.append('  )')
    host = '(core instance $h %s)' % ' '.join(host_exports)
    parts = ['(component']
    if resources:
        parts += ['  (type $r (resource (rep i32)))', '  (export $re "r" (type $r))']
    parts += ['  ' + x for x in types.lines]
    parts += ['  ' + x for x in imports]
    parts += ['  ' + x for x in nested]
    parts.append('  ' + MEM_MODULE % {'heap': HEAP, 'data': DATA, 'bytes': wat_bytes(data)})
    parts.append('  (core instance $m (instantiate $mem))')
    parts += ['  ' + x for x in lowers]
    parts.append('  ' + host)
    parts.append('\n'.join(code))
    parts.append('  (core instance $c (instantiate $code (with "mem" (instance $m)) (with "host" (instance $h))))')
    parts += ['  ' + x for x in lifts]
    parts.append(')')
    return '\n'.join(parts) + '\n', functions
