"""Reports for the stuurgroep, one module per format; :mod:`.formats` is the one entry point."""
