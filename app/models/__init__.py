"""Every model, importable from one place so Alembic sees them all."""

from app.models.assessments import (
    Action,
    Answer,
    Artefact,
    ArtefactLink,
    Assessment,
    Challenge,
    ConflictOfInterest,
    Feedback,
    Judgement,
    PanelMember,
    PanelOffer,
)
from app.models.audit import AuditEvent
from app.models.base import Base
from app.models.board import ApiToken, BoardMeeting, DirectorateScope, ProjectStanding
from app.models.frameworks import Framework, FrameworkVersion, Point, PointPrompt
from app.models.people import KeptWork, Person, PersonRole, SignedInSession, SignInAttempt
from app.models.projects import (
    Directorate,
    PhaseChange,
    ProgrammeUpload,
    Project,
    TeamMembership,
)

__all__ = [
    "Action",
    "Answer",
    "ApiToken",
    "Artefact",
    "ArtefactLink",
    "Assessment",
    "AuditEvent",
    "Base",
    "BoardMeeting",
    "Challenge",
    "ConflictOfInterest",
    "Directorate",
    "DirectorateScope",
    "Feedback",
    "Framework",
    "FrameworkVersion",
    "Judgement",
    "KeptWork",
    "PanelMember",
    "PanelOffer",
    "Person",
    "PersonRole",
    "PhaseChange",
    "Point",
    "PointPrompt",
    "ProgrammeUpload",
    "Project",
    "ProjectStanding",
    "SignInAttempt",
    "SignedInSession",
    "TeamMembership",
]
