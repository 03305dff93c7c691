"""Every table module, imported so that Base.metadata knows them all."""
