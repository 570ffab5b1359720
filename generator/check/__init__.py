"""`workshop check`: a print shop's preflight of any PDF, one module per check.

    report = check_file(Path("vijf-vs.pdf"))          # a Report: facts and findings
    report.errors, report.warnings                     # the findings by severity

`content` walks each page's content streams (and the forms and annotation appearances
they draw) once and collects what was drawn; the checks (`pages`, `fonts`, `images`,
`colours`, `codes`, `safe`, `lines`, `intent`) judge those facts and the page boxes.
`run` puts them together; `findings` holds what every check reports.
"""

from .findings import Finding, Report
from .run import check_file, summary

__all__ = ["Finding", "Report", "check_file", "summary"]
