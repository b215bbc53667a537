"""A reproducible demo workspace: a year of support at a fictional outdoor-gear webshop.

``generate_demo(out_dir, seed)`` writes conversations, customer events, knowledge-base
articles, macros and agents in the import formats of ``tandemdesk.listen.records``;
``iter_history(n, seed)`` streams conversations for import benchmarks.
"""

from tandemdesk.demo.generator import DemoFiles, generate_demo, iter_history

__all__ = ["DemoFiles", "generate_demo", "iter_history"]
