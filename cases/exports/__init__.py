"""Exports of a case history for evaluators (DESIGN §5): JSON Lines with a standalone
verifier, CSV, XES and the evaluation report in HTML and PDF.

``gebeurtenissen`` holds what every format shares (the export's scope, the event rows and the
redaction rule, which the API's event list uses too); ``formaten`` the registry the API view
and the management command dispatch on; one module per format.
"""
