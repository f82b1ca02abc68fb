from .framework import (
    Framework,
    FrameworkStatus,
    GradeBand,
    Indicator,
    OitItem,
    Provenance,
    SubIndicator,
    Tool,
    ToolCode,
)
from .measures import Measure, MeasureEvidence, MeasureResult, MeasureStatus, Recurrence
from .reports import FilesStatus, ReportKind, ReportRound, ReportTemplate, RoundStatus
from .results import IMPROVE_BELOW, URGENT_BELOW, AssessmentIndicatorScore, AssessmentResult

__all__ = [
    "IMPROVE_BELOW",
    "URGENT_BELOW",
    "AssessmentIndicatorScore",
    "AssessmentResult",
    "FilesStatus",
    "Framework",
    "FrameworkStatus",
    "GradeBand",
    "Indicator",
    "Measure",
    "MeasureEvidence",
    "MeasureResult",
    "MeasureStatus",
    "OitItem",
    "Provenance",
    "Recurrence",
    "ReportKind",
    "ReportRound",
    "ReportTemplate",
    "RoundStatus",
    "SubIndicator",
    "Tool",
    "ToolCode",
]
