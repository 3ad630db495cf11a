"""The annual campaign: campaigns, ambassadors and their agreements, the public sign-up, impact
reports and what they add up to, the agreement PDF and the charts.

Rule: a domain package — imports lib.core (and other domain packages), never Streamlit or lib.ui.
"""
