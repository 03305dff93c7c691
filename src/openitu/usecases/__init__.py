"""The use cases: load -> rule -> persist -> audit, one unit of work each.

One module per area (``usecases/numbering.py``, ``usecases/governance.py`` ...), each a set
of keyword-only functions taking the caller's session and the acting ``principal``. They
read through the area's repository (``store/<area>.py``), decide with the area's pure rules
(``<area>/``), write through the repository and record the change with
:func:`openitu.usecases.write.begin`. They never commit: the caller (a route, a command,
a batch) owns the transaction, so one change to a register is one transaction.
"""
