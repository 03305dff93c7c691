"""The publications catalogue: Recommendations of the three Sectors and their search."""
