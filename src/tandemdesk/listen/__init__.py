"""Listen: take conversations, events, articles and agents in, and keep one timeline per person.

- ``records``   the validated shape of everything an import or a channel hands us
- ``readers``   files (CSV, JSONL, Zendesk JSON, Markdown) → records, streaming, with line numbers
- ``email``     .eml / mbox → message records (multipart, HTML, quoted replies, charsets)
- ``identity``  find-or-create the customer behind an email, phone or external id
- ``ingest``    the one write path for imported records: batches, idempotency, threading
- ``timeline``  the unified, time-ordered view of one customer
"""
