"""ITU-R propagation models, one module per Recommendation (P.525, P.452, P.1546, P.2108,
and the Earth-space set of P.618/P.676/P.840 ...)."""
