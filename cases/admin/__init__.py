"""The admin as a working tool for regisseurs. Every write goes through the services.

Staff see only the cases they are a member of; procesregisseur and kernteam may change them,
opdrachtgever and evaluator only read. Content with a visibility level shows only to the roles
that may read it. Nothing is deleted, and events never change.

Importing the modules registers their admins.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import (
    bestuursproces,
    bijeenkomsten,
    gebeurtenissen,
    interventies,
    partijen,
    positionering,
    wyberen,
)

admin.site.site_header = _("Procesregie")
admin.site.site_title = _("Procesregie")
admin.site.index_title = _("Dossiers van bestuursprocessen")

__all__ = [
    "bestuursproces",
    "bijeenkomsten",
    "gebeurtenissen",
    "interventies",
    "partijen",
    "positionering",
    "wyberen",
]
