"""The curated public Python surface: ``from openitu.api import ...``.

The Table of Frequency Allocations needs no database: ``AllocationTable(rr2012_edition())``
is the shipped RR 2012 edition, and ``allocations_at``, ``allocations_between``,
``bands_carrying``, ``check_assignment``, ``edition_changes`` and ``footnotes_naming`` answer
on it what the CLI and the API answer (the same documents).

The ICT Development Index needs no database either: ``ict_development_index(country,
figures, idi_method("idi2023"))`` computes one country's index from its figures
(indicator code -> ``IndicatorFigure``), ``ict_development_ranking`` ranks many.
"""

from openitu.accounts.rights import Principal, Role, authorize
from openitu.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotAuthenticated,
    NotFound,
    OpenITUError,
    RateLimited,
)
from openitu.geo.borders import neighbours
from openitu.geo.countries import Country, all_countries, country, itu_region_of_country
from openitu.geo.names import countries_in_text
from openitu.geo.regions import itu_region_of_point
from openitu.governance.members import MemberState, member_state, member_states
from openitu.indicators.catalogue import Figure as IndicatorFigure
from openitu.indicators.idi import IndexResult
from openitu.indicators.idi import compute as ict_development_index
from openitu.indicators.idi import compute_all as ict_development_ranking
from openitu.indicators.idi import method as idi_method
from openitu.numbering.e164 import classify_e164, parse_number
from openitu.numbering.e212 import E212Register, bulletin_register
from openitu.radio.antennas import (
    antenna_gain_dbi,
    omni_gain_dbi,
)
from openitu.radio.emissions import Emission, format_emission, parse_emission
from openitu.radio.interference import (
    SpectrumMask,
    aggregate_i_over_n_db,
    c_over_i_db,
    frequency_dependent_rejection_db,
    i_over_n_db,
)
from openitu.radio.noise import (
    noise_figure_db,
    noise_temperature_k,
    power_sum_db,
    thermal_noise_dbw,
)
from openitu.radio.propagation.p452 import (
    P452Result,
    PathProfile,
    p452_basic_loss,
    smooth_earth_profile,
)
from openitu.radio.propagation.p525 import field_strength_dbuv_m, free_space_loss_db, pfd_dbw_m2
from openitu.radio.propagation.p618 import (
    SlantPathAttenuation,
    cross_polarization_discrimination_db,
    rain_attenuation_db,
    scintillation_attenuation_db,
    slant_path_attenuation,
)
from openitu.radio.propagation.p676 import SpecificAttenuation as GasSpecificAttenuation
from openitu.radio.propagation.p676 import gaseous_attenuation_db
from openitu.radio.propagation.p676 import specific_attenuation as gaseous_specific_attenuation
from openitu.radio.propagation.p837 import rain_probability_percent, rainfall_rate_mm_h
from openitu.radio.propagation.p840 import (
    cloud_attenuation_db,
    cloud_attenuation_lognormal_db,
    liquid_water_content_kg_m2,
)
from openitu.radio.propagation.p1511 import topographic_altitude_km
from openitu.radio.propagation.p1546 import (
    P1546Case,
    P1546Result,
    p1546_cases,
    p1546_field_strength,
    p1546_path,
    p1546_profile_parameters,
)
from openitu.radio.propagation.p1623 import FadeDurationStatistics, fade_duration_statistics
from openitu.radio.propagation.p2108 import (
    earth_space_clutter_loss_db,
    terminal_clutter_loss_db,
    terrestrial_clutter_loss_db,
)
from openitu.spectrum.model import Edition
from openitu.spectrum.queries import (
    allocations_at,
    allocations_between,
    bands_carrying,
    check_assignment,
    edition_changes,
    footnotes_naming,
)
from openitu.spectrum.reference import rr2012_edition
from openitu.spectrum.table import AllocationTable
from openitu.units import db_to_linear, format_frequency, linear_to_db, parse_frequency_hz

# Plain sorted() order, which tests/test_foundation.py checks (not ruff's natural order).
__all__ = [  # noqa: RUF022
    "AllocationTable",
    "Conflict",
    "Country",
    "E212Register",
    "Edition",
    "Emission",
    "FadeDurationStatistics",
    "Forbidden",
    "GasSpecificAttenuation",
    "IndexResult",
    "IndicatorFigure",
    "InvalidInput",
    "MemberState",
    "NotAuthenticated",
    "NotFound",
    "OpenITUError",
    "P1546Case",
    "P1546Result",
    "P452Result",
    "PathProfile",
    "Principal",
    "RateLimited",
    "Role",
    "SlantPathAttenuation",
    "SpectrumMask",
    "aggregate_i_over_n_db",
    "all_countries",
    "allocations_at",
    "allocations_between",
    "antenna_gain_dbi",
    "authorize",
    "bands_carrying",
    "bulletin_register",
    "c_over_i_db",
    "check_assignment",
    "classify_e164",
    "cloud_attenuation_db",
    "cloud_attenuation_lognormal_db",
    "countries_in_text",
    "country",
    "cross_polarization_discrimination_db",
    "db_to_linear",
    "earth_space_clutter_loss_db",
    "edition_changes",
    "fade_duration_statistics",
    "field_strength_dbuv_m",
    "footnotes_naming",
    "format_emission",
    "format_frequency",
    "free_space_loss_db",
    "frequency_dependent_rejection_db",
    "gaseous_attenuation_db",
    "gaseous_specific_attenuation",
    "i_over_n_db",
    "ict_development_index",
    "ict_development_ranking",
    "idi_method",
    "itu_region_of_country",
    "itu_region_of_point",
    "linear_to_db",
    "liquid_water_content_kg_m2",
    "member_state",
    "member_states",
    "neighbours",
    "noise_figure_db",
    "noise_temperature_k",
    "omni_gain_dbi",
    "p1546_cases",
    "p1546_field_strength",
    "p1546_path",
    "p1546_profile_parameters",
    "p452_basic_loss",
    "parse_emission",
    "parse_frequency_hz",
    "parse_number",
    "pfd_dbw_m2",
    "power_sum_db",
    "rain_attenuation_db",
    "rain_probability_percent",
    "rainfall_rate_mm_h",
    "rr2012_edition",
    "scintillation_attenuation_db",
    "slant_path_attenuation",
    "smooth_earth_profile",
    "terminal_clutter_loss_db",
    "terrestrial_clutter_loss_db",
    "thermal_noise_dbw",
    "topographic_altitude_km",
]
