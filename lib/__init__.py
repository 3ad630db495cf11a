"""The ROCSMO dashboard's code, in layers: ui -> domain packages (accounts, plan, campaign, board) -> core.

lib/seed.py, lib/demo.py and lib/cli.py sit on top and may use everything; tests/test_architecture.py
holds the rules each package's docstring states.
"""
