"""Out-going work: the delivery outbox and the channels replies and events leave through.

- ``outbox``: rows written in the same transaction as what causes them (a reply, an event),
  claimed by workers with a lease, retried with backoff, dead-lettered.
- ``email_out``: SMTP, threaded replies with a Message-ID fixed at creation.
- ``webhooks``: subscriptions and signed calls to other tools.
- ``senders``: which adapter sends which delivery.
- ``worker``: the loop ``tandemdesk worker`` (and, on SQLite, ``serve``) runs.
"""
