"""Small textual mutations of generated components, mostly making them invalid, for comparing
validity between swasm and wasm-tools (Scripts/fuzz_components.py --mutants N).

Each mutation edits one place of the text; those that do not apply return None.
"""

import re


def _sub_nth(rng, pattern, repl, text):
    matches = list(re.finditer(pattern, text))
    if not matches:
        return None
    m = rng.choice(matches)
    r = repl(m) if callable(repl) else m.expand(repl)
    return text[:m.start()] + r + text[m.end():]


def drop_realloc(rng, t):
    return _sub_nth(rng, r'\(realloc \(core func \$m "[a-z-]+"\)\) ', '', t)


def drop_memory(rng, t):
    return _sub_nth(rng, r'\(memory \(core memory \$m "mem"\)\) ', '', t)


def core_result_type(rng, t):
    return _sub_nth(rng, r'\(func \(export "f\d+"\)([^\n]*?)\(result (i32|i64|f32|f64)\)',
                    lambda m: m.group(0)[:-4] + rng.choice([x for x in ['i32', 'i64', 'f32', 'f64'] if x != m.group(2)]) + ')', t)


def core_param_type(rng, t):
    return _sub_nth(rng, r'\(func \(export "f\d+"\) \(param (i32|i64|f32|f64)\)',
                    lambda m: m.group(0)[:-4] + rng.choice([x for x in ['i32', 'i64', 'f32', 'f64'] if x != m.group(1)]) + ')', t)


def double_encoding(rng, t):
    return _sub_nth(rng, r'string-encoding=([a-z0-9+]+)', lambda m: m.group(0) + ' string-encoding=' + rng.choice(
        ['utf8', 'utf16', 'latin1+utf16']), t)


def bad_post_return(rng, t):
    return _sub_nth(rng, r'string-encoding=[a-z0-9+]+\)\)', lambda m: m.group(0)[:-2] + ' (post-return (core func $c "f0")))', t)


def realloc_wrong_type(rng, t):
    return _sub_nth(rng, r'\(realloc \(core func \$m "realloc"\)\)', '(realloc (core func $m "reset"))', t)


def duplicate_export(rng, t):
    return _sub_nth(rng, r'\(export "f([1-9]\d*)" \(func', '(export "f0" (func', t)


def duplicate_field(rng, t):
    return _sub_nth(rng, r'\(field "f([1-9]\d*)"', '(field "f0"', t)


def duplicate_case(rng, t):
    return _sub_nth(rng, r'\(case "c([1-9]\d*)"', '(case "c0"', t)


def duplicate_param(rng, t):
    return _sub_nth(rng, r'\(param "p([1-9]\d*)"', '(param "p0"', t)


def duplicate_name(rng, t):
    return _sub_nth(rng, r'"([eg])([1-9]\d*)"', lambda m: '"%s0"' % m.group(1), t)


def too_many_flags(rng, t):
    return _sub_nth(rng, r'\(flags "g0"', '(flags ' + ' '.join('"x%d"' % i for i in range(32)) + ' "g0"', t)


def bad_name(rng, t):
    return _sub_nth(rng, r'"(t\d+|f\d+|p\d+|f\d+|c\d+|e\d+|g\d+)"', lambda m: '"%s"' % rng.choice(
        [m.group(1).upper(), m.group(1) + '-', '-' + m.group(1), m.group(1) + '_x', m.group(1) + '--a', '', m.group(1) + '-A1']), t)


def unnamed_type(rng, t):
    # An export's signature using a record/variant/enum/flags type that is not exported.
    return _sub_nth(rng, r'\(export \$t(\d+) "t\d+" \(type \$d\d+\)\)',
                    lambda m: '(alias outer 0 $d%s (type $t%s))' % (m.group(1), m.group(1)), t)


def lower_result_area(rng, t):
    # A lowered import whose core type leaves out the return pointer (or has one too many).
    return _sub_nth(rng, r'\(import "host" "imp-\d+" \(func \$imp\d+([^\n]*?)\)\)\n',
                    lambda m: m.group(0).replace(m.group(1), m.group(1) + ' (param i32)', 1), t)


MUTATIONS = [drop_realloc, drop_memory, core_result_type, core_param_type, double_encoding, bad_post_return,
             realloc_wrong_type, duplicate_export, duplicate_field, duplicate_case, duplicate_param, duplicate_name,
             too_many_flags, bad_name, unnamed_type, lower_result_area]


def mutate(rng, text):
    """(mutation name, mutated text) or None if the chosen mutation does not apply."""
    m = rng.choice(MUTATIONS)
    out = m(rng, text)
    return None if out is None or out == text else (m.__name__, out)
