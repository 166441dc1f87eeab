"""Places the detector never takes for a company.

Money into a country, state or city is capital spending, not a stake in a company
("Microsoft to invest $3 billion in India cloud", dev-0016; "TSMC to invest $100
billion in Arizona chip plants", dev-0015), and a capitalised place beside a
trigger must not become a party.
"""

from __future__ import annotations

from typing import Final

# Comma-separated, lowercase; the U.S. states, large economies and business cities.
_PLACES_TEXT = """
    southeast, northeast, midwest, southwest, northwest, gulf coast, west coast, east coast,
    abu dhabi, africa, alabama, alaska, america, amsterdam, arabia, argentina, arizona,
    arkansas, asia, australia, austria, bangladesh, barcelona, bavaria, beijing, belfast,
    belgium, bengaluru, berlin, brazil, britain, california, canada, chile, china, colombia,
    colorado, connecticut, czech republic, delaware, denmark, doha, dubai, egypt, england,
    europe, finland, florida, france, frankfurt, geneva, georgia, germany, greece, hawaii,
    hong kong, hungary, idaho, illinois, india, indiana, indonesia, iowa, ireland, israel,
    italy, jakarta, japan, kansas, kentucky, kenya, korea, latin america, london, louisiana,
    madrid, maine, malaysia, maryland, massachusetts, melbourne, mexico, michigan, middle east,
    milan, minnesota, mississippi, missouri, montana, mumbai, munich, nebraska, netherlands,
    nevada, new hampshire, new jersey, new mexico, new york, new zealand, nigeria,
    north carolina, north dakota, norway, ohio, oklahoma, ontario, oregon, pakistan, paris,
    pennsylvania, peru, philippines, poland, portugal, qatar, quebec, rhode island, riyadh,
    romania, russia, saudi arabia, scotland, seoul, shanghai, shenzhen, silicon valley,
    singapore, south africa, south carolina, south dakota, south korea, southeast asia, spain,
    stockholm, sweden, switzerland, sydney, taipei, taiwan, tennessee, texas, thailand,
    the u.s., tokyo, toronto, turkey, u.s., uae, uk, ukraine, united kingdom, united states, us,
    utah, vancouver, vermont, vietnam, virginia, wales, wall street, washington,
    washington state, west virginia, wisconsin, wyoming, zaragoza, zurich,
"""
PLACES: Final[frozenset[str]] = frozenset(
    p.strip() for p in _PLACES_TEXT.replace("\n", " ").split(",") if p.strip()
)
