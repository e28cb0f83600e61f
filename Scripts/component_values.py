"""Random component values and their conversions, for Scripts/fuzz_components.py.

Values are kept in the JSON encoding of `SwasmFuzz component-calls` (see
Sources/SwasmFuzz/ComponentCalls.swift); `to_wasmtime` and `from_wasmtime` convert to and from
wasmtime-py's Python values, directed by wasmtime's own types.
"""

import math
import struct

import wasmtime.component as wc

# wasmtime-py picks "untagged" Python values for variants whose cases have distinct Python
# classes, which confuses bool with int (bool is an int subclass): always use `Variant`.
wc._types.VariantLikeType._tagged = lambda self: True

INT_RANGES = {'s8': (-128, 127), 'u8': (0, 255), 's16': (-32768, 32767), 'u16': (0, 65535),
              's32': (-2 ** 31, 2 ** 31 - 1), 'u32': (0, 2 ** 32 - 1), 's64': (-2 ** 63, 2 ** 63 - 1),
              'u64': (0, 2 ** 64 - 1)}
F32_SPECIAL = [0, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000, 0x00000001, 0x007fffff, 0x7f7fffff]
F32_NAN = [0x7fc00000, 0xffc00000, 0x7fa00001, 0x7f800001, 0xffffffff]
F64_SPECIAL = [0, 1 << 63, 0x3ff0000000000000, 0x7ff0000000000000, 0xfff0000000000000, 1, 0x000fffffffffffff]
F64_NAN = [0x7ff8000000000000, 0xfff8000000000000, 0x7ff0000000000001, 0x7ff4000000000000]


def random_int(rng, k):
    lo, hi = INT_RANGES[k]
    r = rng.random()
    if r < 0.3:
        return rng.choice([lo, hi, 0, 1, -1 if lo < 0 else 2, hi // 2, lo // 2])
    if r < 0.6:
        return rng.randint(max(lo, -300), min(hi, 300))
    return rng.randint(lo, hi)


def random_char(rng, profile):
    r = rng.random()
    if profile == 'ascii' or r < 0.4:
        return rng.randint(0x20, 0x7e)
    if profile == 'latin1' or r < 0.6:
        return rng.randint(0, 0xff)
    if r < 0.85:
        c = rng.randint(0x100, 0xfffd)
        return c if not 0xd800 <= c < 0xe000 else 0xe000
    return rng.randint(0x10000, 0x10ffff)


def random_value(rng, t, nonan, d=0):
    k = t[0]
    if k == 'bool':
        return rng.random() < 0.5
    if k in INT_RANGES:
        return random_int(rng, k)
    if k == 'f32':
        r = rng.random()
        if r < 0.3:
            return rng.choice(F32_SPECIAL)
        if r < 0.45 and not nonan:
            return rng.choice(F32_NAN)
        while True:
            bits = rng.getrandbits(32) if rng.random() < 0.5 else struct.unpack('<I', struct.pack('<f', rng.uniform(-100, 100)))[0]
            if not (nonan and math.isnan(struct.unpack('<f', struct.pack('<I', bits))[0])):
                return bits
    if k == 'f64':
        r = rng.random()
        if r < 0.3:
            return rng.choice(F64_SPECIAL)
        if r < 0.45 and not nonan:
            return rng.choice(F64_NAN)
        while True:
            bits = rng.getrandbits(64) if rng.random() < 0.5 else struct.unpack('<Q', struct.pack('<d', rng.uniform(-1e6, 1e6)))[0]
            if not (nonan and math.isnan(struct.unpack('<d', struct.pack('<Q', bits))[0])):
                return bits
    if k == 'char':
        return random_char(rng, 'any')
    if k == 'string':
        profile = rng.choice(['ascii', 'latin1', 'any', 'any'])
        n = rng.choice([0, 1, 2, 3, 5, 8, 13]) if rng.random() < 0.97 else rng.randint(100, 3000)
        return ''.join(chr(random_char(rng, profile)) for _ in range(n))
    if k == 'list':
        n = rng.choice([0, 1, 2, 3] if d < 2 else [0, 1])
        if d == 0 and rng.random() < 0.03:
            n = rng.randint(20, 300)
        return [random_value(rng, t[1], nonan, d + 1) for _ in range(n)]
    if k in ('record', 'tuple'):
        return [random_value(rng, f, nonan, d + 1) for f in t[1]]
    if k == 'variant':
        i = rng.randrange(len(t[1]))
        out = {'c': 'c%d' % i}
        if t[1][i] is not None:
            out['v'] = random_value(rng, t[1][i], nonan, d + 1)
        return out
    if k == 'enum':
        return 'e%d' % rng.randrange(t[1])
    if k == 'option':
        return None if rng.random() < 0.3 else {'some': random_value(rng, t[1], nonan, d + 1)}
    if k == 'result':
        ok = rng.random() < 0.5
        p = t[1] if ok else t[2]
        return {'ok' if ok else 'err': None if p is None else random_value(rng, p, nonan, d + 1)}
    if k == 'flags':
        return ['g%d' % i for i in range(t[1]) if rng.random() < 0.4]
    raise ValueError(k)


def to_wasmtime(v, wt, handles=None):
    """`handles`: the resources received so far ({"handle": k} is the k-th)."""
    if isinstance(wt, (wc.OwnType, wc.BorrowType)):
        return handles[v['handle']]
    if isinstance(wt, wc.F32):
        return struct.unpack('<f', struct.pack('<I', v))[0]
    if isinstance(wt, wc.F64):
        return struct.unpack('<d', struct.pack('<Q', v))[0]
    if isinstance(wt, wc.Char):
        return chr(v)
    if isinstance(wt, wc.ListType):
        e = wt.element
        if isinstance(e, wc.U8):
            return bytes(v)
        return [to_wasmtime(x, e) for x in v]
    if isinstance(wt, wc.RecordType):
        r = wc.Record()
        for (name, ft), x in zip(wt.fields, v):
            setattr(r, name, to_wasmtime(x, ft))
        return r
    if isinstance(wt, wc.TupleType):
        return tuple(to_wasmtime(x, e) for x, e in zip(v, wt.elements))
    if isinstance(wt, wc.VariantType):
        cases = dict(wt.cases)
        p = cases[v['c']]
        return wc.Variant(v['c'], None if p is None else to_wasmtime(v['v'], p))
    if isinstance(wt, wc.OptionType):
        return wc.Variant('none') if v is None else wc.Variant('some', to_wasmtime(v['some'], wt.payload))
    if isinstance(wt, wc.ResultType):
        tag = 'ok' if 'ok' in v else 'err'
        p = wt.ok if tag == 'ok' else wt.err
        return wc.Variant(tag, None if p is None else to_wasmtime(v[tag], p))
    if isinstance(wt, wc.FlagsType):
        return set(v)
    return v


def from_wasmtime(x, wt, handles=None):
    if isinstance(wt, (wc.OwnType, wc.BorrowType)):
        handles.append(x)
        return {'handle': len(handles) - 1}
    if isinstance(wt, wc.F32):
        return 'nan' if math.isnan(x) else struct.unpack('<I', struct.pack('<f', x))[0]
    if isinstance(wt, wc.F64):
        return 'nan' if math.isnan(x) else struct.unpack('<Q', struct.pack('<d', x))[0]
    if isinstance(wt, wc.Char):
        return ord(x)
    if isinstance(wt, wc.ListType):
        e = wt.element
        if isinstance(e, wc.U8):
            return list(x)
        return [from_wasmtime(y, e) for y in x]
    if isinstance(wt, wc.RecordType):
        return [from_wasmtime(getattr(x, name), ft) for name, ft in wt.fields]
    if isinstance(wt, wc.TupleType):
        return [from_wasmtime(y, e) for y, e in zip(x, wt.elements)]
    if isinstance(wt, wc.VariantType):
        out = {'c': x.tag}
        p = dict(wt.cases)[x.tag]
        if p is not None:
            out['v'] = from_wasmtime(x.payload, p)
        return out
    if isinstance(wt, wc.OptionType):
        return None if x.tag == 'none' else {'some': from_wasmtime(x.payload, wt.payload)}
    if isinstance(wt, wc.ResultType):
        p = wt.ok if x.tag == 'ok' else wt.err
        return {x.tag: None if p is None else from_wasmtime(x.payload, p)}
    if isinstance(wt, wc.FlagsType):
        return [n for n in wt.names if n in x]
    return x


def canonical(v, t):
    """`v` (of type `t`, as generated) with NaN bit patterns as "nan", as results are printed."""
    k = t[0]
    if k == 'f32':
        return 'nan' if math.isnan(struct.unpack('<f', struct.pack('<I', v))[0]) else v
    if k == 'f64':
        return 'nan' if math.isnan(struct.unpack('<d', struct.pack('<Q', v))[0]) else v
    if k == 'list':
        return [canonical(x, t[1]) for x in v]
    if k in ('record', 'tuple'):
        return [canonical(x, f) for x, f in zip(v, t[1])]
    if k == 'variant':
        p = t[1][int(v['c'][1:])]
        return v if p is None else {'c': v['c'], 'v': canonical(v['v'], p)}
    if k == 'option':
        return None if v is None else {'some': canonical(v['some'], t[1])}
    if k == 'result':
        tag = 'ok' if 'ok' in v else 'err'
        p = t[1] if tag == 'ok' else t[2]
        return {tag: None if p is None else canonical(v[tag], p)}
    return v
