"""Protecting customer data at rest: masked payment data, the sealed originals, reveals.

``vault`` seals and opens the originals; ``store`` masks message rows on the write path and
masks rows stored before masking existed; ``reveal`` is the one audited way back to an
original.
"""
