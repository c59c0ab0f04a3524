"""Trigger words of events: (pattern, event type, role of the actor after the trigger).

Patterns match the trigger word(s) only; lookaheads keep a trigger to the sense that
makes it an event ("released five names" is a release of information, "their release"
is not; "holding missing persons" is a detention).
"""

from __future__ import annotations

import re

_V = r"(?:s|es|ed|d|ing)?"
_INFORMATION = (r"(?:names|reports?|statements?|videos?|footage|images|photos|pictures|details"
                r"|lists?|documents|data|figures|information|evidence)")
# (pattern, event type, object role); patterns match the trigger word(s) only.
TRIGGERS = (
    (rf"\b(?:assault{_V}|attack{_V}|massacred|use of (?:lethal |excessive |military )?force"
     rf"|raid{_V}|storm(?:ed|ing)|shell(?:ed|ing)|fired|fire[sd]? on"
     rf"|bomb{_V}|(?:perpetrated|carried out) (?:the |an |a )?(?:actual )?attack|shootings?)\b", "Attack", "target"),
    (r"\b(?:rockets?|mortars?|missiles?|shells|bombs?|rounds)"
     r" (?:\w+ )?(?:struck|hit|slammed into|landed on|rained (?:down )?on|fell on)\b", "Attack", "target"),
    (r"\b(?:took|take|taking|takes) part\b(?=[\"”]?\s+in\s+(?:the|an|a)\s+(?:\w+\s+)?(?:attack|assault|raid))"
     r"|\b(?:responsible|(?:claim(?:s|ed|ing)?|admit(?:s|ted)?) responsibility) for (?:the |an |a |this |that )?"
     r"(?:\w+ )?(?:assault|attack|raid|bombing|shelling)s?\b", "Attack", "target"),
    (rf"\b(?:kill{_V}|killings?|murder{_V}|machine-gunned|shot dead|summary killings)\b(?!-)",  # not "murder-for-hire"
     "Killing", "victim"),
    (r"\b(?:execution|executed)\b", "Killing", "victim"),
    (rf"\b(?:wound{_V}|injur(?:ed|ing|ies))\b", "Wounding", "victim"),
    (r"\b(?:set (?:alight|fire to|on fire)|burn(?:ed|t)|torch(?:ed|ing))\b", "Arson", "target"),
    (r"\b(?:fle(?:e|d|eing)|escap(?:e|ed|ing))\b", "Flight", "participant"),
    (r"\b(?:met|meet(?:s|ing)?|consult(?:s|ed|ing)? with|in (?:\w+ )?contact with"
     r"|(?:talks|discussions|consultations)(?= (?:with|about|on|regarding)\b))\b", "Meeting",
     "participant"),
    (r"\b(?:investigat(?:e|es|ed|ing|ions?)|inquiry|inquiries|fact[- ]finding)\b", "Investigation",
     "target"),
    (r"\b(?:relocat(?:e|es|ed|ing|ion)|mov(?:ed|ing)(?= (?:\w+ )?(?:from|to)\b)|(?:forced )?displacement"
     r"|movement of|transfer(?:s|red|ring)? (?:of|to)|resettle(?:d|ment)?)\b", "Relocation", "participant"),
    (r"\b(?:plan(?:ned|ning|s)?|plott(?:ed|ing))(?: and (?:direct|order|carr(?:y|ied) out)\w*)?\b"
     r"(?= (?:the|an|a) )", "Plotting", "target"),
    (r"\b(?<!in )(?:order(?:ed|ing|s)?|direct(?:ed|ing)? the)\b", "Order", "recipient"),  # not "in order to"
    (r"\bden(?:ied|ies|y|ying|ial)\b", "Denial", None),
    (r"\b(?:call(?:ed|s|ing)? (?:on|upon)|urg(?:e|ed|es|ing)|appeal(?:ed|s)? to)\b", "Appeal", "recipient"),
    # what is called for is the appeal's object, not its addressee: "called for the killers to be tried"
    (r"\b(?:call(?:ed|s|ing)? for|appeal(?:ed|s)? for|(?:insist|demand)(?:ed|s|ing)? that)\b", "Appeal",
     "target"),
    (r"\b(?:prevent(?:ed|ing|s)?|block(?:ed|ing)|barred) from\b", "AccessObstruction", "target"),
    (r"\bremov(?:ed|ing|al)\b", "RemovalFromPost", "target"),
    (r"\b(?:broadcast(?:ing|s)?|issuing reports|aired)\b", "Broadcast", None),
    (r"\b(?:released?|releasing|published|disclosed|made public)\b(?! (?:from|of))"
     rf"(?=\s+(?:\w+\s+){{0,2}}{_INFORMATION})|\b{_INFORMATION}\b(?=[^.;]{{0,40}}?\breleased\b)",
     "InformationRelease", "target"),
    (r"\b(?:confined|interned|held) (?:at|in)\b", "Confinement", "participant"),
    (r"\btrain(?:ed|ing|s)\b", "Training", "recipient"),
    (r"\b(?:providing|supplying|arming|provided|supplied) (?:fighters|weapons|arms)\b",
     "MilitarySupport", "recipient"),
    (r"\bplot(?:ting|ted|s)?\b", "Plotting", "target"),
    (r"\b(?:detain(?:ed|ing)?|arrest(?:ed|ing)?|handcuffed)\b|\bholding\b(?= (?:\w+ )?(?:persons|"
     r"people|prisoners|hostages|captives|members|residents|them)\b)", "Detention", "victim"),
    (r"\b(?:guidance|support|backing|assistance|help)(?: and (?:guidance|support|backing|assistance"
     r"|help))? from\b", "MilitarySupport", "recipient"),
    (r"\b(?:abduct(?:ed|ing)?|kidnapp(?:ed|ing)|spirited (?:\[?away\]? )?)\b", "Abduction", "victim"),
    (r"\b(?:condemn(?:ed|s|ing|ations?)?|deplores?|deplored)\b", "Condemnation", "target"),
    (r"\b(?:lied|cover(?:ing)? up|deceiv(?:ed|ing))\b", "Deception", "target"),
    (r"\b(?:issued a statement|in a statement|announc(?:ed|es|ing))\b|\bstatements?(?= (?:issued|made|released)"
     r" by\b)", "Statement", None),
    (r"\bappoint(?:ed|s|ing|ment)\b", "Appointment", "participant"),
    (r"\b(?:resign(?:ed|s|ing|ation)?|stepped down|quit)\b", "Resignation", None),
    (r"\b(?:(?:re)?captur(?:e|ed|es|ing)|seiz(?:e|ed|es|ing)|overr(?:an|un)|took control of)\b"
     r"|\boccupied\b(?= by\b)", "Capture", "target"),
    (r"\b(?:transferr(?:ed|ing)|hand(?:ed|s|ing) over) (?:formal |full )?control\b", "TransferOfControl",
     "recipient"),
    (r"\b(?:memorandum of understanding|agreement|accord)\b(?= (?:\(\w+\) )?(?:signed|between|with)\b)"
     r"|\bsign(?:ed|s|ing) (?:an? |the )(?:[\w-]+ ){0,3}(?:agreement|memorandum|accord|treaty)\b",
     "Agreement", "participant"),
)

# Triggers that name an event as a noun: "the attack" may refer back to one told before,
# and a noun's event is not done by whoever stands before it ("the UN-led resettlement")
NOUN_FORMS = re.compile(r"^(?:assaults?|attacks?|raids?|killings|execution|denial|statement|removal"
                        r"|memorandum|agreement|accord"
                        r"|relocation|resettlement|displacement|investigations?|inquiry|inquiries|movement|transfer|fact"
                        r"|training|plotting|use)$", re.IGNORECASE)
