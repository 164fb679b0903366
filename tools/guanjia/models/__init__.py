"""Document models. One module per document kind; shared types in ``common``."""

from .amendments import Amendments
from .changes import Changes
from .evaluation import Evaluation
from .notice import Notice
from .plan import Plan
from .proposal import Proposal
from .readiness import Readiness
from .record import Record
from .roster import Roster
from .settings import Settings

# file name (without .yaml) → model; the archive and the schema export both read this
DOCUMENTS = {"plan": Plan, "changes": Changes, "proposal": Proposal, "notice": Notice, "readiness": Readiness,
             "record": Record, "evaluation": Evaluation, "amendments": Amendments, "roster": Roster}
ALL = {**DOCUMENTS, "settings": Settings}

__all__ = ["ALL", "DOCUMENTS", "Amendments", "Changes", "Evaluation", "Notice", "Plan", "Proposal", "Readiness", "Record",
           "Roster", "Settings"]
