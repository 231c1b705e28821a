"""PDF layout with WeasyPrint: layout processes, the part cache, the merge, PDF syntax, fonts."""
