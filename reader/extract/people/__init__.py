"""People: names (with the shipped name lists), aliases, roles and mentions.
Entry point: `find.find_people`."""
