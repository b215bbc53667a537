"""act: what tandemdesk does with a decided message — answer it, route it, or hand it over.

Like ``understand`` and ``decide``, the modules here are pure: the orchestrator loads the
customer, the timeline and the knowledge base and passes them in; nothing here touches the
database. ``answers`` composes replies grounded in the knowledge base and the customer's own
data, and says why when it cannot; ``llm`` optionally rewrites such a reply in a warmer tone
without letting a model change the facts.
"""
