"""Lists the test classes and test methods of CPython's Lib/test/_test_multiprocessing.py.

The conformance suite (src/test/java/io/github/mp4j/conformance) ports these tests; its table
(docs/conformance.md) counts each method against this inventory. Run it on the CPython version named
in the output file's name and commit the result:

    python3 src/test/python/cpython_inventory.py \
        ~/.pyenv/versions/3.13.0/lib/python3.13/test/_test_multiprocessing.py \
        > src/test/resources/conformance/cpython-3.13.tsv

A class counts when it derives from BaseTestCase (run by CPython once per start method and, for
some, against the manager's types) or from unittest.TestCase; a method counts when its name starts
with "test". Output: one "class<TAB>method" line per method, in source order.
"""
import ast
import sys


def is_test_class(node):
    for base in node.bases:
        name = base.id if isinstance(base, ast.Name) else getattr(base, "attr", None)
        if name in ("BaseTestCase", "TestCase"):
            return True
    return False


def main(path):
    tree = ast.parse(open(path, encoding="utf-8").read())
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and is_test_class(node):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name.startswith("test"):
                    print(f"{node.name}\t{item.name}")


if __name__ == "__main__":
    main(sys.argv[1])
