"""The console: server-rendered pages for agents (inbox, conversation) and supervisors
(live queues, charts, decisions, emotional load, policy). Templates and assets ship inside
the package; nothing is fetched from elsewhere, so it works offline."""
