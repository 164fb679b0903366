"""Document models. One module per document kind; shared types in ``common``."""

from .evaluation import Evaluation
from .plan import Plan
from .proposal import Proposal
from .record import Record
from .roster import Roster
from .settings import Settings

# file name (without .yaml) → model; the archive and the schema export both read this
DOCUMENTS = {"plan": Plan, "proposal": Proposal, "record": Record, "evaluation": Evaluation, "roster": Roster}
ALL = {**DOCUMENTS, "settings": Settings}

__all__ = ["ALL", "DOCUMENTS", "Evaluation", "Plan", "Proposal", "Record", "Roster", "Settings"]
