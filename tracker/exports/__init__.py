"""Writing the data out for people and other systems: JSON, CSV and XLSX to import again, and register records."""
