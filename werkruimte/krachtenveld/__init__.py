"""The Krachtenveld task's own parts: the reads of the page (``lezen``), the one write that
registers a party with its first assessment (``diensten``), the forms (``formulieren``) and the
stakeholder import from a spreadsheet (``importeren``, its pages in ``importpagina``). The
task's other views are in ``werkruimte/taken/krachtenveld.py``."""

# The task's code in the navigation and the page heading (``taken.krachtenveld.TAAK``).
TAAKCODE = "krachtenveld"
