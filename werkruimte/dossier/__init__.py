"""What a process leaves behind, in the workspace: the forms and reads of the Bijeenkomsten,
Besluiten, Afspraken and Documenten tasks (their views are in ``werkruimte/taken/``)."""
