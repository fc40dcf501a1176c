"""Figures: numbers with their units and what they measure; dates and times
are kept apart as timeline items. Entry point: `find.find_figures`."""
