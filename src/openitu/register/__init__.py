"""The terrestrial register (RR Article 11, the Master International Frequency Register).

Pure rules over dataclasses: the notice and its Appendix 4 data (`notice.py`), the status
machine of a notice and its events (`status.py`), the regulatory examination and
completeness, the finding and recording under No. 4.4 (`examination.py`), the circular's
parts (`circular.py`). The technical examination and the coordination trigger are the
engineering modules (`technical.py`, `coordination.py`).
"""
