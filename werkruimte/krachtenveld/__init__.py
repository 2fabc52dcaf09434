"""The Krachtenveld task's own parts: the reads of the page (``lezen``), the one write that
registers a party with its first assessment (``diensten``) and the stakeholder import from a
spreadsheet (``importeren``). The views are in ``werkruimte/taken/krachtenveld.py``."""
