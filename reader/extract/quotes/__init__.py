"""Quotes: quotation marks, multi-paragraph quotations, and who said each one
(the attribution rules). Entry point: `find.find_quotes`."""
