"""Exports drawn from the model with no Qt: PDF (reportlab), CSV, and other formats."""
