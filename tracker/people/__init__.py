"""People and access: the directory of people, names in comments linked to them, roles, and what each may read."""
