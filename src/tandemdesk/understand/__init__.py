"""understand: what a message asks for and how the customer is (intent, emotion, urgency …).

Components follow one contract (``base``), register by versioned name (``registry``) and
persist as safe model folders (``artifacts``). Everything here is pure: texts in, value
objects out, no database — so training, evaluation and simulation run offline.
"""
