"""Radio engineering: propagation (one module per Recommendation), antennas, emissions,
noise and interference. Pure numpy; no adapter imports."""
