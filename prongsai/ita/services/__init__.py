"""Writes for ITA: keyword-only functions named <thing>_<verb>; each validates, writes and audits."""

from .frameworks import framework_clone, framework_load, framework_years_available, grade_level_for
from .measures import (
    EvidenceLink,
    evidence_file_check,
    measure_create,
    measure_delete,
    measure_result_add,
    measure_result_delete,
    measure_update,
)
from .reports import (
    report_live_render,
    report_round_create,
    report_round_document,
    report_round_generate_files,
    report_round_opine,
    report_round_order,
    report_round_render,
    report_round_return,
    report_round_submit,
    report_round_update,
    report_template_save,
)
from .results import (
    assessment_result_delete,
    assessment_result_import,
    assessment_result_save,
    assessment_result_update_analysis,
    measures_draft_from_analysis,
    result_analysis,
)

__all__ = [
    "EvidenceLink",
    "assessment_result_delete",
    "assessment_result_import",
    "assessment_result_save",
    "assessment_result_update_analysis",
    "evidence_file_check",
    "framework_clone",
    "framework_load",
    "framework_years_available",
    "grade_level_for",
    "measure_create",
    "measure_delete",
    "measure_result_add",
    "measure_result_delete",
    "measure_update",
    "measures_draft_from_analysis",
    "report_live_render",
    "report_round_create",
    "report_round_document",
    "report_round_generate_files",
    "report_round_opine",
    "report_round_order",
    "report_round_render",
    "report_round_return",
    "report_round_submit",
    "report_round_update",
    "report_template_save",
    "result_analysis",
]
