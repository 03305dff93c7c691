"""Area pages: ``<slug>.py`` defines ``router`` for /<slug>; the shell finds it."""
