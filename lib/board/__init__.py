"""The board's pack: what changed between two CA meetings, where the plan and the campaign stand,
on screen, in PDF and in Excel, and the archive of every pack made.

It composes the plan (lib.plan: meetings, the plan as known at a date, assessment, overview) and
the campaign (lib.campaign), which know nothing of it.

Rule: a domain package — imports lib.core (and other domain packages), never Streamlit or lib.ui.
Pure modules (changes, pdf, workbook) run no SQL.
"""
