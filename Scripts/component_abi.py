"""Component value types and their Canonical ABI layout, for the component generator.

Types are tuples whose first item is the kind:
  ('bool',) ('s8',) ... ('u64',) ('f32',) ('f64',) ('char',) ('string',)
  ('list', T) ('record', [T, ...]) ('tuple', [T, ...]) ('variant', [T or None, ...])
  ('enum', n) ('option', T) ('result', T or None, T or None) ('flags', n)
  ('own',) ('borrow',): handles to the component's one resource type (parameters and results only)
Field, case and flag names are positional: f0.., c0.., g0...
"""

MAX_FLAT_PARAMS = 16
MAX_FLAT_RESULTS = 1

PRIMITIVES = ['bool', 's8', 'u8', 's16', 'u16', 's32', 'u32', 's64', 'u64', 'f32', 'f64', 'char', 'string']
NAMED_KINDS = ('record', 'variant', 'enum', 'flags')


def cases_of(t):
    """The payload types of a variant-like type (variant, option, result, enum)."""
    k = t[0]
    if k == 'variant':
        return list(t[1])
    if k == 'option':
        return [None, t[1]]
    if k == 'result':
        return [t[1], t[2]]
    if k == 'enum':
        return [None] * t[1]
    raise ValueError(k)


def align_to(n, a):
    return (n + a - 1) // a * a


def discriminant_size(n):
    return 1 if n <= 256 else (2 if n <= 65536 else 4)


def flags_size(n):
    return 1 if n <= 8 else (2 if n <= 16 else 4)


def alignment(t):
    k = t[0]
    if k in ('bool', 's8', 'u8'):
        return 1
    if k in ('s16', 'u16'):
        return 2
    if k in ('s32', 'u32', 'f32', 'char', 'string', 'list', 'own', 'borrow'):
        return 4
    if k in ('s64', 'u64', 'f64'):
        return 8
    if k in ('record', 'tuple'):
        return max([alignment(f) for f in t[1]] + [1])
    if k in ('variant', 'option', 'result', 'enum'):
        cs = cases_of(t)
        return max(discriminant_size(len(cs)), max_case_alignment(cs))
    if k == 'flags':
        return flags_size(t[1])
    raise ValueError(k)


def max_case_alignment(cs):
    return max([alignment(c) for c in cs if c is not None] + [1])


def size(t):
    k = t[0]
    if k in ('bool', 's8', 'u8'):
        return 1
    if k in ('s16', 'u16'):
        return 2
    if k in ('s32', 'u32', 'f32', 'char', 'own', 'borrow'):
        return 4
    if k in ('s64', 'u64', 'f64', 'string', 'list'):
        return 8
    if k in ('record', 'tuple'):
        s = 0
        for f in t[1]:
            s = align_to(s, alignment(f)) + size(f)
        return align_to(s, alignment(t))
    if k in ('variant', 'option', 'result', 'enum'):
        cs = cases_of(t)
        s = discriminant_size(len(cs))
        s = align_to(s, max_case_alignment(cs))
        s += max([size(c) for c in cs if c is not None] + [0])
        return align_to(s, alignment(t))
    if k == 'flags':
        return flags_size(t[1])
    raise ValueError(k)


def field_offsets(fields):
    offs, s = [], 0
    for f in fields:
        s = align_to(s, alignment(f))
        offs.append(s)
        s += size(f)
    return offs


def payload_offset(t):
    cs = cases_of(t)
    return align_to(discriminant_size(len(cs)), max_case_alignment(cs))


def join(a, b):
    if a == b:
        return a
    if {a, b} == {'i32', 'f32'}:
        return 'i32'
    return 'i64'


def flatten(t):
    k = t[0]
    if k in ('bool', 's8', 'u8', 's16', 'u16', 's32', 'u32', 'char', 'enum', 'flags', 'own', 'borrow'):
        return ['i32']
    if k in ('s64', 'u64'):
        return ['i64']
    if k == 'f32':
        return ['f32']
    if k == 'f64':
        return ['f64']
    if k in ('string', 'list'):
        return ['i32', 'i32']
    if k in ('record', 'tuple'):
        return [x for f in t[1] for x in flatten(f)]
    if k in ('variant', 'option', 'result'):
        joined = []
        for c in cases_of(t):
            if c is None:
                continue
            for i, ft in enumerate(flatten(c)):
                if i < len(joined):
                    joined[i] = join(joined[i], ft)
                else:
                    joined.append(ft)
        return ['i32'] + joined
    raise ValueError(k)


def contains(t, kinds):
    """Whether `t` or a type inside it has one of `kinds`."""
    if t is None:
        return False
    k = t[0]
    if k in kinds:
        return True
    if k == 'list' or k == 'option':
        return contains(t[1], kinds)
    if k in ('record', 'tuple', 'variant'):
        return any(contains(f, kinds) for f in t[1])
    if k == 'result':
        return contains(t[1], kinds) or contains(t[2], kinds)
    return False


def depth(t):
    if t is None or len(t) == 1 or t[0] in ('enum', 'flags'):
        return 0
    k = t[0]
    if k in ('list', 'option'):
        return 1 + depth(t[1])
    if k == 'result':
        return 1 + max(depth(t[1]), depth(t[2]))
    return 1 + max([depth(f) for f in t[1]] + [0])


def wit(t):
    """A readable WIT-like spelling, for reports."""
    if t is None:
        return '_'
    k = t[0]
    if len(t) == 1:
        return k
    if k == 'list' or k == 'option':
        return '%s<%s>' % (k, wit(t[1]))
    if k == 'result':
        return 'result<%s, %s>' % (wit(t[1]), wit(t[2]))
    if k in ('record', 'tuple'):
        return '%s<%s>' % (k, ', '.join(wit(f) for f in t[1]))
    if k == 'variant':
        return 'variant<%s>' % ', '.join(wit(f) for f in t[1])
    return '%s<%d>' % (k, t[1])
