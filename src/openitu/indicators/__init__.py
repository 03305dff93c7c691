"""ICT indicators per country and the ICT Development Index (2023 and 2017 methods)."""
