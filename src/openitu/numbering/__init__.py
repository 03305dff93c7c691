"""Numbering resources: E.164 country codes, E.212 MCC/MNC, Q.708 signalling codes,
and the Bureau's administration of them (applications, assignment, change notices)."""
