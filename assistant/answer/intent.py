"""A small Dutch question-intent grammar: what kind of answer a question wants.

- route: figure (a number from a table), text (an explanation, an intention, a meaning), commitment
  (toezeggingen), office (who holds an office: the reports do not answer that), or figure-or-text;
- measures: the measure classes a figure may have (hoeveel personen -> aantal; kosten, lasten -> geld;
  percentage, aandeel -> percentage; per 1.000 inwoners -> per_inwoners; wachttijd -> duur);
- operation: one value, a difference between periods, realised against budgeted, against Nederland or
  another municipality, a sum, a share, the highest/lowest, a trend;
- period kinds: realisatie unless the question asks for a budget, an estimate or a target.
The phrase lists are the general ways Dutch asks for these things, not sentences of any report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_F = re.IGNORECASE

COMMITMENT = re.compile(r"\b(toezegging\w*|toegezegd\w*|zegde toe|zegt toe|beloofd|belofte\w*|afspraak met de raad)\b", _F)
OFFICE = re.compile(
    r"\bwie\s+(?:is|zijn|was|waren|wordt|werd)\b.*\b(wethouder|burgemeester|portefeuillehouder|voorzitter|directeur"
    r"|griffier|gedeputeerde|minister|raadslid|raadsleden|ambtenaar|contactpersoon|verantwoordelijk\w*|leider"
    r"|coördinator|manager|secretaris|fractievoorzitter)\b"
    r"|\b(?:hoe heet|hoe heten|wat is de naam van|welke naam heeft)\b.*\b(wethouder|burgemeester|portefeuillehouder"
    r"|voorzitter|directeur|griffier|ambtenaar|contactpersoon|secretaris|manager)\b"
    r"|\b(welke|wat is de naam van de)\s+(wethouder|burgemeester|portefeuillehouder|voorzitter)\b", _F)
TEXT = re.compile(
    r"\b(waarom|hoe komt|hoe kan het|hoe verklaart|verklaring|verklaart|oorzaak|oorzaken|reden|redenen|wat houdt"
    r"|wat betekent|wat wordt (?:er )?(?:bedoeld|verstaan)|wat verstaat|wat is (?:het|een|de) doel|wat wil"
    r"|wat gaat|wat doet|wat deed|wat heeft (?:de gemeente|het college)|welke (?:maatregelen|acties|plannen|stappen"
    r"|knelpunten|ontwikkelingen|afspraken|doelen|doelstellingen|resultaten|oorzaken|redenen|aanpak|keuzes)"
    r"|hoe (?:gaat|wil|pakt|wordt|werkt|ziet|staat het|verloopt|is .* georganiseerd)|wat zijn de (?:plannen"
    r"|gevolgen|oorzaken|redenen|doelen|knelpunten|ervaringen)|wat merkt|wat concludeert|wat is er gebeurd"
    r"|wat is .* precies|waar gaat|wat staat er over|wat zegt|wat vindt|beschrijf|leg uit|stand van zaken)\b", _F)
FIGURE = re.compile(
    r"\b(hoeveel|aantal(?:len)?|welk percentage|welk aandeel|welk deel|percentage|procent|hoe hoog|hoe groot|hoe lang"
    r"|hoe vaak|hoeveel keer|hoe veel keer|hoe (?:on)?tevreden"
    r"|hoe veel|wat (?:was|waren|is|zijn|bedroeg|bedroegen) (?:[\w.-]+\s+){0,8}?(?:de|het) (?:\w+\s+){0,2}?"
    r"\w*(?:aantal|kosten|lasten|baten|budget|percentage|aandeel|saldo|omvang|wachttijd|score|cijfer|bedrag|uitgaven"
    r"|inkomsten|resultaat|stand|begroting|realisatie|tekort|overschot)|wat kost\w*|bedroeg|bedroegen"
    r"|gestegen|gedaald|toegenomen|afgenomen|gegroeid|veranderd|verschil|vergeleken|vergelijk\w*|hoe ontwikkel\w+|daalt|dalen|stijgt|stijgen|groeit|groeien|krimpt|\bne(?:emt|men)\b[^?]{0,80}?\b(?:af|toe)"
    r"|ontwikkeling van|uit te geven|uitgeven|uitgaven"
    r"|welke gemeente|hoogste|laagste|meeste|minste|begroot|uitgegeven|besteed|gekost|per saldo"
    r"|(?:met )?welk (?:resultaat|saldo|bedrag|tekort|overschot|budget|rapportcijfer|cijfer)|welke score"
    r"|welke (?:\w+ )?(?:streefwaarde|doelwaarde|norm|wachttijd|doorlooptijd)|streefwaarde"
    r"|welke (?:baten|lasten|kosten|uitgaven|inkomsten|bedragen|opbrengsten)|raamt|raamde|ramen|trekt|trok"
    r"|overschrijding|onderschrijding|overschreden|hoe verhoudt|hoe verhouden|zich (?:[\w-]+ ){0,4}ontwikkel\w*"
    r"|boven of onder|hoger of lager|meer of minder|groter of kleiner|(?:langer|korter) dan"
    r"|(?:binnen|boven|onder) (?:de |het )?(?:\w+ )?(?:begroting|budget|raming)"
    r"|over (?:de |het )?(?:\w+ )?\w*(?:begroting|budget|raming)(?: (?:voor|van|op|aan)(?: [\w-]+){1,5}?)? heen|uit met (?:het|de) (?:\w+ )?(?:geld|budget|begroting)"
    r"|(?:houdt|houden|hield|hielden) (?:\w+ ){0,5}?(?:geld|budget) over"
    r"|(?:gaf|gaven|geeft|geven)\b[^?]{0,60}\buit\b|besteedde\w*"
    r"|(?:meer|minder|hoger|lager|groter|kleiner|vaker) [\w-]+(?: [\w-]+){0,8}? dan (?:in|vorig|het|de|een|gemiddeld"
    r"|landelijk|gepland|begroot|verwacht))\b", _F)

# An explanation is asked even when the question names a change ("waarom is ... gedaald?").
WHY = re.compile(r"\b(waarom|hoe komt|hoe kan het|hoe verklaart|verklaring|verklaart|oorzaak|oorzaken|reden|redenen"
                 r"|waardoor|wat is de achtergrond)\b", _F)

# A question without a verb that names a figure: "Stand bijstandsuitkeringen eind 2023?"
NOUN_QUESTION = re.compile(r"^\s*(aantal|aantallen|stand|totaal|totale|omvang|percentage|aandeel|kosten|lasten|baten"
                           r"|budget|uitgaven|hoogte|niveau|saldo|realisatie|begroting)\b", _F)

# a percentage asked, not one that names a category ("een verdiencapaciteit van minder dan 50 procent", "80-100%")
PERCENT = re.compile(r"\b(percentage|procentpunt\w*|aandeel|welk deel)\b|(?<![\d\s])\s*(?<!\d)\b(?:procent)\b"
                     r"|(?<![\d%])%|\bhoeveel procent\b", _F)
# ("relatief verzuim" is a kind of school absence, no relative measure)
RELATIVE = re.compile(r"\b(naar verhouding|verhoudingsgewijs|relatief(?!\s+verzuim)|naar rato|in verhouding)\b", _F)
RATE = re.compile(r"\bper\s+(?:1\.?000|10\.?000|100\.?000|duizend|tienduizend)\b", _F)
MONEY = re.compile(r"\b(kwijt\s+(?:\w+\s+){0,2}aan|kosten|kostte|kostten|kost|lasten|baten|uitgaven|uitgegeven|besteed|bestede|euro|geld"
                   r"|\w*budget\w*|bedrag\w*|saldo|tekort|overschot|inkomsten|opbrengst\w*|miljoen"
                   r"|financi\w+|exploitatie)\b|€", _F)
# A budget word asks for money unless it asks how many of something were planned ("hoeveel waren er begroot").
BUDGET_MONEY = re.compile(r"\b(begroot|begroting|geraamd|raming)\b", _F)
DURATION = re.compile(r"\b(hoe lang|wachttijd\w*|doorlooptijd\w*|wachten|weken|dagen)\b", _F)
SCORE = re.compile(r"\b(rapportcijfer|cijfer gaven|gemiddeld cijfer|waardering|score)\b", _F)
_COUNTED = (r"(mensen|personen|cliënten|clienten|jongeren|kinderen|jeugdigen|inwoners"
            r"|huishoudens|gezinnen|ouderen|volwassenen|aanvragen|meldingen|indicaties|trajecten|plaatsingen|deelnemers"
            r"|vrijwilligers|mantelzorgers|uitkeringen|bijstandsuitkeringen|voorzieningen|maatwerkvoorzieningen"
            r"|gebruikers|leerlingen|scholen|contracten|plekken|plaatsen|woningen|subsidies|adviezen|vragen|gesprekken"
            r"|zaken|dossiers|signalen|verwijzingen|beschikkingen|klachten|bezwaren|statushouders|thuiszitters"
            r"|maatregelen)\b")
COUNT_NOUN = re.compile(r"\bhoeveel\s+(?:\w+\s+){0,2}?" + _COUNTED, _F)
# "meer of minder huishoudens dan begroot": people or things compared, so a count (not the budget's money)
COMPARED_COUNT = re.compile(r"\b(?:meer|minder)\s+(?:of\s+(?:meer|minder)\s+)?(?:\w+\s+)?\w*" + _COUNTED, _F)

# "hoeveel <plural noun>" asks for a count, whatever is counted ("hoeveel kandidaten", "hoeveel aanmeldingen")
PLURAL_COUNT = re.compile(
    r"\bhoeveel\s+(?!(?:euro|procent|keer|uren|weken|dagen|maanden|jaren|meer|minder|daarvan|ervan|er|is|was|zijn"
    r"|waren|werden|worden|hebben|kosten|kostten|bedragen|bedroegen|middelen|uitgaven|lasten|baten|inkomsten)\b)"
    r"[a-zà-ÿ-]{3,}(?:en|s)\b(?!\s+(?:de|het|een|er|ze|zij|we|wij|u|jullie)\b)", _F)

DIFFERENCE = re.compile(
    r"\b(verschil|gestegen|gedaald|gestegen|toegenomen|afgenomen|stijging|daling|toename|afname|meer dan in"
    r"|minder dan in|hoeveel meer|hoeveel minder|ten opzichte van|t\.o\.v\.|vergeleken met|groei|gegroeid"
    r"|gekrompen|veranderd|verandering|procentuele|met hoeveel|hoger dan|lager dan|meer dan|minder dan|daalt|dalen|stijgt|stijgen|groeit|groeien|krimpt|\bne(?:emt|men)\b[^?]{0,80}?\b(?:af|toe)"
    r"|(?:meer|minder|hoger|lager|vaker|langer|korter) [\w-]+(?: [\w-]+){0,12}? dan|(?:langer|korter) dan"
    r"|erbij gekomen|bijgekomen|erbij|afgevallen)\b", _F)
VERSUS_PLAN = re.compile(
    r"\b(?:meer|minder|hoger|lager|duurder|goedkoper)\b.{0,80}?\bdan\s+(?:\w+\s+){0,5}?(?:begroot|geraamd|verwacht|gepland"
    r"|in de begroting|de begroting|het budget|de raming|voorzien"
    r"|(?:in\s+)?(?:de|het)\s+(?:\w+\s+)?(?:begroting|raming|budget))\b|\b(overschrijding|onderschrijding|overschreden|onderschreden|overschreed|overschreden|overschrijdt"
    r"|(?:binnen|boven|onder) (?:de |het )?(?:\w+ )?(?:begroting|budget|raming))\b"
    r"|\bbegroot\b.*\b(werkelijk|gerealiseerd|uitgegeven|realisatie)\b|\b(werkelijk|gerealiseerd|uitgegeven"
    r"|realisatie)\b.*\b(begroot|begroting|geraamd|raming)\b"
    r"|\b(?:vergeleken met|ten opzichte van|t\.o\.v\.|tegenover|afgezet tegen)\s+(?:wat|het|de|hoeveel)?\s*(?:er\s+)?"
    r"(?:begroot|begrote|geraamd|geraamde|begroting|raming|verwacht|gepland)"
    r"|\bverh(?:oudt|ouden|ield|ielden)\b.{0,80}?\btot\s+(?:de|het|wat)\s+(?:\w+\s+)?(?:begroting|budget|raming|begroot)"
    r"|\b(?:kom\w*|kwam\w*|gekomen)\b.{0,60}?\buit\s+met\s+(?:het|de|zijn|haar)\s+(?:\w+\s+)?(?:geld|budget|begroting|middelen)"
    r"|\bover\s+(?:de\s+|het\s+)?(?:\w+\s+)?\w*(?:begroting|budget|raming)(?:\s+(?:voor|van|op|aan)(?:\s+[\w-]+){1,5}?)?\s+heen\b"
    r"|\b(?:houdt|houden|hield|hielden)\b.{0,40}?\b(?:geld|budget|iets|wat)\s+over\b",
    _F)
SUM = re.compile(r"\b(samen|opgeteld|bij elkaar|in totaal|totaal van|gezamenlijk\w*|alle .* samen)\b", _F)
SHARE = re.compile(r"\b(welk deel van|welk aandeel van|hoeveel procent van|welk percentage van)\b", _F)
# A deviation from the budget named in a question or a sentence ("welk tekort", "het nadeel op jeugd", "geld
# overgehouden"): the difference column answers it, a sentence naming it and its cause explains it
DEVIATION = re.compile(r"\b(voordelig|nadelig|voordeel|nadeel|tekort|overschot|overschrijding|overhield\w*"
                       r"|opgehoogd|verhoogd|verlaagd|bijgesteld|(?<!na )(?<!na de )bijstelling|ophoging|verlaging"
                       r"|overgehouden|overhouden|(?:houdt|houden|hield|hielden)\b.{0,40}?\bover|over\s+(?:de\s+|het\s+)?(?:\w+\s+)?\w*(?:begroting|budget|raming)(?:\s+(?:voor|van|op|aan)(?:\s+[\w-]+){1,5}?)?\s+heen)\b",
                       re.I)
HIGHEST = re.compile(r"\b(hoogste|meeste|grootste|hoogst|meest|grootst)\b", _F)
LOWEST = re.compile(r"\b(laagste|minste|kleinste|laagst|minst)\b", _F)
WHICH_PERIOD = re.compile(r"\b(welke maand|welk jaar|welk kwartaal|welk halfjaar|welke periode|welke week"
                          r"|in welke maand|in welk jaar|in welk kwartaal)\b", _F)
# A change is asked: compared with the period before when the question names one period or none.
CHANGE = re.compile(r"\b(gestegen|gedaald|toegenomen|afgenomen|gegroeid|gekrompen|veranderd|stijging|daling|toename|daalt|dalen|stijgt|stijgen|groeit|groeien|krimpt|\bne(?:emt|men)\b[^?]{0,80}?\b(?:af|toe)"
                    r"|afname|groei|verandering|(?:meer|minder|hoger|lager) \w+(?: \w+){0,8}? dan (?:in|vorig|het jaar"
                    r"|een jaar|het halfjaar|het kwartaal|de periode|daarvoor|ervoor|eerder))\b", _F)
WHICH_ROW = re.compile(r"^\W*(?:\w+[:,]\s+)?(?:wie|welke|welk|wat|waar\w*\s+aan)\b|\b(?:welke|welk)\s+\w+\s+(?:had|hadden|"
                       r"kreeg|kregen|kost\w*|gaf|gaven|was|waren|is|zijn|heeft|hebben|verwees|verwezen|leverde\w*)\b",
                       _F)
NEIGHBOURS = re.compile(r"\b(buurgemeenten|buurgemeente|omliggende gemeenten|omringende gemeenten|regiogemeenten"
                        r"|de buren|andere gemeenten|vergelijkbare gemeenten|gemeenten in de regio)\b", _F)
WHICH_PLACE = re.compile(r"\b(welke \w*gemeenten?|in welke \w*gemeente|waar was|waar is)\b", _F)
# a part of the municipality ("in welke Maastrichtse wijk"): the rows of a table per wijk, kern or buurt
WHICH_AREA = re.compile(r"\bwelke?\s+(?:\w+\s+)?(?:wijk|wijken|kern|kernen|buurt|buurten|stadsdeel|stadsdelen|dorp"
                        r"|dorpen|gebied|gebieden)\b", _F)
TREND = re.compile(r"\b(hoe ontwikkel\w+|ontwikkeling van|ontwikkelde|verloop|trend|door de jaren|sinds"
                   r"|vanaf|in de afgelopen (?:school)?jaren|afgelopen (?:school)?jaren|elk jaar|per jaar ontwikkeld"
                   r"|(?:de )?(?:afgelopen|laatste) (?:twee|drie|vier|vijf|zes|tien|\d+) jaar"
                   r"|zich\s+(?:[\w-]+\s+){0,5}ontwikkeld)\b", _F)
# a change going on, in the present tense ("daalt", "neemt … af", "loopt terug")
ONGOING = re.compile(r"\b(daalt|dalen|stijgt|stijgen|groeit|groeien|krimpt|krimpen|(?:neemt|nemen)\b.{0,60}\b(?:af|toe)"
                     r"|(?:loopt|lopen)\b.{0,60}\b(?:terug|op))\b", _F)
ATTAINED = re.compile(r"\b(?:doel\w*|streefwaarde|norm|ambitie)\b.{0,60}?\b(?:gehaald|behaald|bereikt|gerealiseerd)\b"
                      r"|\b(?:gehaald|behaald|bereikt|haalt|halen|haalde|bereikte)\b.{0,60}?\b(?:doel\w*|streefwaarde|norm)\b",
                      _F)
SPENT = re.compile(r"\b(kwijt\s+(?:\w+\s+){0,2}aan|\w+kosten|\w+lasten|uitgegeven|uitgeven|uit te geven|uitgetrokken|uittrekken|(?:trekt|trok)\b.{0,60}\buit|uitgaf|uitgaven|gekost|kostte|kostten|kosten|besteed|bestede|lasten"
                   r"|(?:gaf|gaven|geeft|geven)\b.{0,60}\buit)\b", _F)
RECEIVED = re.compile(r"\b(baten|inkomsten|ontvangen|ontving|ontvingen|opbrengst\w*|opgebracht|binnengekomen)\b", _F)
BUDGET_KIND = re.compile(r"\b(begroot|begrote|begroting|geraamd|geraamde|\w*raming|raamt|raamde|ramen|verwacht\w*"
                         r"|rekening\s+(?:mee\s+)?gehouden"
                         r"|prognose|gepland|\w*budget)\b", _F)
TARGET_KIND = re.compile(r"\b(streefwaarde|streven|ambitie|doelstelling|norm|beoogd\w*"
                         r"|(?:wil|willen|wilde|wilden)\b.{0,80}?\b(?:halen|bereiken|realiseren|komen|zitten|uitkomen|toe))\b", _F)


@dataclass
class Intent:
    route: str  # figure | text | commitment | office | mixed
    measures: set[str] = field(default_factory=set)  # empty: any measure
    op: str = "value"  # value | difference | versus_plan | versus_national | versus_municipality | sum | share
    #                    | highest | lowest | trend
    kinds: set[str] = field(default_factory=lambda: {"realisatie"})
    asks_number: bool = False
    side: str | None = None  # for money: "lasten" (spent) or "baten" (received), when the question says
    over: str = "place"  # highest/lowest over places, or over the periods of one row ("in welke maand")
    expected: bool = False  # a forecast is asked ("naar verwachting", "verwacht", "prognose")


def classify(question: str, n_municipalities: int = 0, national: bool = False, n_periods: int = 0) -> Intent:
    q = question
    if OFFICE.search(q):
        return Intent("office")
    if COMMITMENT.search(q):
        return Intent("commitment")
    figure = bool(FIGURE.search(q) or NOUN_QUESTION.match(q) or
                  ((WHICH_PLACE.search(q) or WHICH_AREA.search(q) or WHICH_PERIOD.search(q)) and (HIGHEST.search(q) or LOWEST.search(q))))
    # "Had A of B meer jongeren in de jeugdhulp?": two places compared is a figure question
    # "Heeft X het doel gehaald voor …?": a figure against its target
    figure = figure or ATTAINED.search(q) is not None
    figure = figure or (n_municipalities >= 2 and re.search(r"\b(meer|minder|hoger|lager|groter|kleiner|vaker"
                                                           r"|duurder|goedkoper)\b", q, re.I) is not None)
    text = bool(TEXT.search(q))
    route = "figure" if figure and not text else ("text" if text and not figure else ("mixed" if figure else "text"))
    if WHY.search(q) and not re.search(r"\b(hoeveel|welk percentage|hoe hoog|hoe groot)\b", q, re.I):
        return Intent("text")
    it = Intent(route, asks_number=figure)
    it.expected = bool(re.search(r"\b(naar verwachting|verwacht\w*|prognose\w*|eindejaarsverwachting)\b", q, re.I))
    # measures
    change_pct = re.search(r"\b(met )?hoeveel procent\b.{0,40}\b(stijg\w*|steeg|stegen|daal\w*|ge(?:stegen|daald)|toe|af"
                           r"|meer|minder|hoger|lager|groei\w*|nam|namen)\b|\bprocentuele?\b", q, re.I)
    if (SHARE.search(q) or PERCENT.search(q)) and not change_pct:
        it.measures = {"percentage"}
        if COUNT_NOUN.search(q) or re.search(r"\bhoeveel\b(?!\s+procent)", q, re.I):
            it.measures = {"percentage", "aantal"}  # "hoeveel … en welk aandeel is dat?"
    elif re.search(r"\bindex(?:cijfer)?\b", q, re.I):
        it.measures = {"index"}  # "de index ten opzichte van 2020": the index column, not the counts
    elif RATE.search(q):
        it.measures = {"per_inwoners"}
    elif RELATIVE.search(q):
        it.measures = {"percentage", "per_inwoners"}  # "naar verhouding meer jongeren": a share or a rate
    elif SCORE.search(q):
        it.measures = {"rapportcijfer", "gemiddelde"}
    elif re.search(r"\bhoe lang\b|\bwachttijd", q, re.I):
        it.measures = {"duur", "gemiddelde"}
    elif re.search(r"\bhoeveel\s+(?:kost|kostte|kostten|kosten|bedroeg|bedroegen|bedragen)\b", q, re.I):
        it.measures = {"geld"}  # "Hoeveel kostten de bijstandsuitkeringen": what they cost, not how many there were
    elif COUNT_NOUN.search(q) or PLURAL_COUNT.search(q) or (COMPARED_COUNT.search(q) and not national and
                                                             not re.search(r"\bgemiddeld", q, re.I)):
        it.measures = {"aantal"}
    elif change_pct and MONEY.search(q):
        it.measures = {"geld"}
    elif change_pct:
        it.measures = set()
    elif MONEY.search(q) and not re.search(r"\bhoeveel\s+(?!geld|euro)\w+\s+(?:kregen|hadden|ontvingen)\b", q, re.I):
        it.measures = {"geld"}
    elif BUDGET_MONEY.search(q) and not re.search(r"\bhoeveel\s+(?:\w+\s+)?(?:waren|zijn|werden)\b|\baantal\b", q, re.I):
        it.measures = {"geld"}
    elif re.search(r"\bhoeveel\s+(?:hoger|lager|meer|minder|groter|kleiner|duurder|goedkoper)\b", q, re.I):
        it.measures = set()  # a difference in whatever the row measures
    elif re.search(r"\baantal\s+[a-zà-ÿ-]{3,}(?:en|s)\b", q, re.I):
        it.measures = {"aantal"}  # "het aantal jongeren met jeugdhulp"
    elif re.search(r"\bhoeveel\b|\baantal\b|\bhoe vaak\b", q, re.I):
        it.measures = {"aantal", "duur"}
    # operation
    if VERSUS_PLAN.search(q) and n_periods >= 2 and re.search(r"\b(?:dan|met|tegenover)\s+(?:in\s+)?(?:de|het)\s+"
                                                               r"(?:begroting|raming)\s+(?:19|20)\d{2}\b", q, re.I):
        # "meer … in 2024 … dan in de begroting 2023": one year's budget against another's
        it.op, it.kinds = "difference", {"begroting", "raming"}
    elif VERSUS_PLAN.search(q):
        it.op, it.kinds = "versus_plan", {"realisatie", "begroting"}
    elif SHARE.search(q):
        it.op = "share"
    elif WHICH_AREA.search(q) and (HIGHEST.search(q) or LOWEST.search(q)) and n_municipalities <= 1:
        # (a "gebied" among the municipalities the question names is a place, not a wijk)
        it.op, it.over = ("highest" if HIGHEST.search(q) else "lowest"), "row"
    elif WHICH_PLACE.search(q) and (HIGHEST.search(q) or LOWEST.search(q)):
        it.op = "highest" if HIGHEST.search(q) else "lowest"
    elif WHICH_PERIOD.search(q) and (HIGHEST.search(q) or LOWEST.search(q)):
        it.op, it.over = ("highest" if HIGHEST.search(q) else "lowest"), "period"
    elif WHICH_ROW.search(q) and (HIGHEST.search(q) or LOWEST.search(q)) and n_municipalities <= 1:
        # "Wie verwees de meeste jongeren?", "Welke vorm van jeugdhulp kostte het meest?": over the rows of a table
        it.op, it.over = ("highest" if HIGHEST.search(q) else "lowest"), "row"
    elif NEIGHBOURS.search(q) and n_municipalities <= 1:
        it.op = "versus_places"  # "… ten opzichte van de buurgemeenten (en Nederland)": every place of the table
    elif national and (DIFFERENCE.search(q) or re.search(r"\b(landelijk\w* (?:gemiddelde|cijfer)|dan landelijk"
                                                         r"|dan in nederland|boven|onder|procentpunt)\b", q, re.I)
                       or (n_municipalities <= 1 and re.search(r"\bhoe verh(?:oudt|ouden)\b", q, re.I))):
        it.op = "versus_national"
    elif n_municipalities >= 2 and re.search(r"\b(samen|opgeteld|bij elkaar|gezamenlijk\w*)\b", q, re.I):
        it.op = "sum"  # "Ede en Wageningen samen"
    elif n_municipalities >= 2 and (DIFFERENCE.search(q) or re.search(r"\b(en|of|dan)\b", q)):
        it.op = "versus_municipality"
    elif TREND.search(q) and not (n_periods == 1 and not re.search(r"\b(sinds|vanaf|na|tot en met|t/m|tot)\b", q, re.I)):
        it.op = "trend"
    elif n_periods == 1 and DIFFERENCE.search(q) and re.search(r"\b(nu|inmiddels|tegenwoordig|intussen)\b", q, re.I):
        it.op = "trend"  # "duurt het nu langer dan in 2021?": from that year to the latest figure
    elif DIFFERENCE.search(q) and (n_periods >= 2 or re.search(r"\b(vorig|daarvoor|ervoor|eerder|dezelfde periode)\b",
                                                                q, re.I)):
        it.op = "difference"
    elif n_periods == 0 and ONGOING.search(q) and not re.search(r"\b(dan|opzichte|t\.o\.v\.|vergeleken|vorig\w*|hoeveel)\b",
                                                                 q, re.I):
        it.op = "trend"  # "Daalt het aantal bijstandsuitkeringen?": where it is going, over all the years there are
    elif CHANGE.search(q) and n_periods <= 1:
        it.op = "difference"
    elif SUM.search(q) and (re.search(r"\b(en|plus)\b", q) or re.search(r"\b(samen|opgeteld|bij elkaar)\b", q, re.I)):
        it.op = "sum"
    elif (HIGHEST.search(q) or LOWEST.search(q)) and WHICH_PLACE.search(q):
        it.op = "highest" if HIGHEST.search(q) else "lowest"
    if it.op in ("versus_places", "versus_national", "versus_municipality") and it.measures == {"aantal"} \
            and not re.search(r"\bhoeveel\b", q, re.I):
        # "hoe verhoudt het aantal mensen in de bijstand zich tot Nederland": places of unequal size compare by
        # their rates and shares
        it.measures = {"aantal", "per_inwoners", "percentage"}
    # period kinds
    if it.op != "versus_plan":
        if TARGET_KIND.search(q):
            it.kinds = {"streefwaarde"}
        elif it.expected and it.op == "value":
            it.kinds = {"raming"}  # the forecast ("prognose", "verwachte realisatie")
        elif BUDGET_KIND.search(q) and not re.search(r"\b(werkelijk|gerealiseerd|uitgegeven|besteed)\b", q, re.I):
            it.kinds = {"begroting", "raming"}
    net = re.search(r"\b(saldo|netto|resultaat)\b", q, re.I)
    if (SPENT.search(q) or re.search(r"\b(begroting|budget)\s+(?:\d{4}\s+)?(?:voor|van)\b", q, re.I)) \
            and not RECEIVED.search(q) and not net:
        it.side = "lasten"
        if not it.measures or it.measures == {"aantal", "duur"}:
            it.measures = {"geld"}
    elif RECEIVED.search(q) and not SPENT.search(q) and not net and it.measures <= {"geld"}:
        it.side = "baten"
    if it.op in ("highest", "lowest", "versus_places", "versus_national") and it.route == "text" and not TEXT.search(q):
        # "Welke vorm van jeugdhulp kostte het meest?", "Krijgen naar verhouding meer … dan in de buurgemeenten?"
        it.route, it.asks_number = "figure", True
    if it.route in ("figure", "mixed") and it.op != "value":
        it.route = "figure"
    return it
