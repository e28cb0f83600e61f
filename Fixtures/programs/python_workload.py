# A small pure-Python workload for `make bench`: CPython 3.12 for WASI runs it from stdin
# (`python.wasm -`). Deterministic: it prints a checksum of every part, and nothing in it
# depends on string hashing (PYTHONHASHSEED) or on the clock.
import json
import re


def fnv(data, h=0xCBF29CE484222325):
    for b in data:
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


class Node:
    __slots__ = ("key", "left", "right")

    def __init__(self, key):
        self.key, self.left, self.right = key, None, None


def tree_insert(root, key):
    if root is None:
        return Node(key)
    node = root
    while True:
        if key < node.key:
            if node.left is None:
                node.left = Node(key)
                return root
            node = node.left
        else:
            if node.right is None:
                node.right = Node(key)
                return root
            node = node.right


def tree_walk(root):
    out, stack, node = [], [], root
    while stack or node is not None:
        while node is not None:
            stack.append(node)
            node = node.left
        node = stack.pop()
        out.append(node.key)
        node = node.right
    return out


def objects(n):
    """Class instances and attribute access: a binary search tree of pseudo-random keys."""
    x, root = 12345, None
    for _ in range(n):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        root = tree_insert(root, x % 1000003)
    keys = tree_walk(root)
    assert keys == sorted(keys)
    return fnv(b",".join(str(k).encode() for k in keys[::7]))


def integers(n):
    """Big-integer and small-integer arithmetic: primes by trial division, then 2**k digits."""
    primes = [2]
    candidate = 3
    while len(primes) < n:
        if all(candidate % p for p in primes if p * p <= candidate):
            primes.append(candidate)
        candidate += 2
    big = 1
    for p in primes[:200]:
        big *= p
    return fnv(str(big).encode()) ^ sum(primes)


def strings(n):
    """str methods, formatting, dict counting and sorting of words."""
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
    counts = {}
    text = []
    for i in range(n):
        w = words[i % 8] + words[(i * 7) % 8][: i % 5]
        w = w.upper() if i % 3 == 0 else w.capitalize()
        text.append("%s-%d" % (w, i % 97))
        counts[w] = counts.get(w, 0) + 1
    joined = " ".join(text)
    found = re.findall(r"([A-Z][a-z]+)-(\d+)", joined)
    ranking = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return fnv(joined.replace("-", "_").lower().encode()) ^ len(found) ^ fnv(repr(ranking[:10]).encode())


def documents(n):
    """json round trips of nested lists and dicts."""
    records = [{"id": i, "name": "item%04d" % i, "tags": [i % 3, i % 5, i % 7],
                "price": round(i * 1.25, 2), "nested": {"ok": i % 2 == 0}} for i in range(n)]
    text = json.dumps(records, sort_keys=True)
    back = json.loads(text)
    total = sum(r["price"] for r in back if r["nested"]["ok"])
    return fnv(text.encode()) ^ int(total * 100)


def generators(n):
    """Generators, comprehensions, closures and sorting with keys."""
    def counter(step):
        state = [0]

        def tick():
            state[0] += step
            return state[0]
        return tick

    ticks = [counter(s) for s in range(1, 8)]
    values = [t() for _ in range(n // 7) for t in ticks]
    pairs = sorted(((v % 101, -v) for v in values), reverse=True)
    evens = sum(v for v in values if v % 2 == 0)
    return fnv(repr(pairs[:50]).encode()) ^ evens


parts = [("objects", objects, 4000), ("integers", integers, 700), ("strings", strings, 5000),
         ("documents", documents, 500), ("generators", generators, 10000)]
total = 0
for name, function, size in parts:
    value = function(size)
    total = fnv(("%s=%x" % (name, value)).encode(), total or 0xCBF29CE484222325)
    print("%s %016x" % (name, value))
print("python_workload: checksum %016x" % total)
