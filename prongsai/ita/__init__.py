"""ITA: assessment frameworks as data, past results and their analysis, integrity measures,
the measures plan and results report (built as documents.model.Document), their approval,
publication, and the evidence they provide for the OIT tracker."""
