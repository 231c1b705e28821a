"""The Excel workbook: writing the form and reading an edited workbook back (import)."""
