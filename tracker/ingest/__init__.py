"""Reading inputs: register records, comment facts, themes and spreadsheets, into one batch to store."""
