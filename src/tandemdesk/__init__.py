"""tandemdesk: empathy at scale for customer support.

AI handles the routine, people handle the heart. The package follows the data flow of one
message: ``listen`` (take it in) → ``understand`` (intent, emotion, urgency …) → ``decide``
(automate or a person, and why) → ``act`` (answer, route, hand over) → ``learn``.
"""

__version__ = "0.1.0"
