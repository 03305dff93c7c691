"""The terrestrial register: notices, examination, coordination and recording."""
