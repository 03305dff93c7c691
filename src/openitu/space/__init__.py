"""Satellite networks and the geostationary arc: pure rules, no database, web or terminal.

- `geometry`: visibility, elevation, azimuth and topocentric angles of GSO positions.
- `pfd`: RR Article 21 Table 21-4 pfd limits and the check of a space station against them.
- `arc`: RR Appendix 5 Table 5-1 coordination arc (No. 9.7, GSO/GSO).
- `dtt`: RR Appendix 8 apparent increase in equivalent satellite-link noise temperature.
- `networks`: satellite networks, beams and earth stations, validated field by field.
- `filings`: the filing life cycle and its regulatory time limits, as dated events.
- `coordination`: the networks a new coordination request affects (arc and ΔT/T).
"""

RR_EDITION = "RR 2020"
"""The edition of the Radio Regulations these rules follow unless a rule says otherwise."""
