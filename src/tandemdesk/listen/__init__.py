"""Listen: take conversations, events, articles and agents in, and keep one timeline per person.

- ``records``              the validated shape of everything an import or a channel hands us
- ``sources``, ``mapping``  files → rows with line numbers; which column feeds which field
- ``readers``, ``zendesk``, ``articles``, ``email``   rows, exports and mail → records
- ``identity``             find-or-create the customer behind an email, phone or external id
- ``ingest``, ``business``, ``bulk``, ``runner``      the bulk write path for imports
- ``imports``              one function per ``tandemdesk import …`` command
- ``delivery``             one live message: threaded into its conversation and stored
- ``timeline``             the unified, time-ordered view of one or many customers
"""
