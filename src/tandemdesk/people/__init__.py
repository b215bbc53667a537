"""Looking after the people who answer: presence and breaks (``presence``), the waiting list
and first-reply targets (``waiting``), emotional exposure and the lead's alerts
(``wellbeing``), and the routing simulation's input from a workspace (``replay``)."""
