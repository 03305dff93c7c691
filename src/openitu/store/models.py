"""Every table module, imported so that Base.metadata knows them all.

An area's tables live in ``openitu.store.tables.<area>``; each is found here.
"""

from openitu.discovery import submodules

TABLE_MODULES = submodules("openitu.store.tables")
